// The components a page's MDX may use without importing them (see docs/WRITING.md).
import Note from './Note.astro';
import Predict from './Predict.astro';
import References from './References.astro';
import NormalizationWidget from './_stub_NormalizationWidget.astro';
import BatchNormExplorer from './_stub_BatchNormExplorer.astro';
import BatchSizeChart from './BatchSizeChart.astro';
import LayerNormExplorer from './_stub_LayerNormExplorer.astro';
import ReductionCube from './_stub_ReductionCube.astro';
import PaddingWidget from './_stub_PaddingWidget.astro';
import DecodingWidget from './_stub_DecodingWidget.astro';

export const mdxComponents = {
  Note,
  Predict,
  References,
  NormalizationWidget,
  BatchNormExplorer,
  BatchSizeChart,
  LayerNormExplorer,
  ReductionCube,
  PaddingWidget,
  DecodingWidget,
};
