// The components a page's MDX may use without importing them (see content/README.md).
import Note from './Note.astro';
import Predict from './Predict.astro';
import References from './References.astro';
import ReadingTime from './ReadingTime.astro';
import OverviewFigure from './OverviewFigure.astro';
import Takeaways from './Takeaways.astro';
import NormalizationWidget from '../widgets/normalization/NormalizationWidget.astro';
import BatchNormExplorer from '../widgets/batchnorm/BatchNormExplorer.astro';
import BatchSizeChart from './BatchSizeChart.astro';
import LayerNormExplorer from '../widgets/layernorm/LayerNormExplorer.astro';
import ReductionCube from '../widgets/cube/ReductionCube.astro';
import PaddingWidget from '../widgets/padding/PaddingWidget.astro';
import DecodingWidget from '../widgets/decoding/DecodingWidget.astro';
import LabWidget from '../widgets/lab/LabWidget.astro';

export const mdxComponents = {
  Note,
  Predict,
  References,
  ReadingTime,
  OverviewFigure,
  Takeaways,
  NormalizationWidget,
  BatchNormExplorer,
  BatchSizeChart,
  LayerNormExplorer,
  ReductionCube,
  PaddingWidget,
  DecodingWidget,
  LabWidget,
};
