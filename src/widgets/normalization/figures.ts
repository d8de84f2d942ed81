// The min-max vs z-score widget's figures, shared by the server (first figure) and the browser (every redraw).
import { histogramChart } from '../../charts/histogram';
import { COLORS } from '../../charts/theme';
import { lazyFigures, type FigureRenderer } from '../view';
import { labels } from './labels';
import { VIEWS, type NormalizationFigures, type ViewKey } from './model';

const COLOR: Readonly<Record<ViewKey, string>> = { raw: COLORS.soft, minmax: COLORS.other, z: COLORS.bn };

export const figures: FigureRenderer<NormalizationFigures> = (data, options) => {
  const t = labels[options.lang];
  return lazyFigures(
    Object.fromEntries(
      VIEWS.map((k) => {
        const f = data[k];
        const draw = () =>
          histogramChart(
            { ...f, color: COLOR[k], yLabel: t.count, meanLabel: t.meanMark, ...(f.marked !== null ? { markedLabel: t.outlierMark } : {}) },
            options,
          );
        return [k, draw];
      }),
    ),
  );
};
