// The min-max vs z-score widget's figures, shared by the server (first figure) and the browser (every redraw).
import { histogramChart } from '../../charts/histogram';
import { rangeCompareChart, type RangePanel } from '../../charts/range-compare';
import { COLORS } from '../../charts/theme';
import { fillTemplate, formatRounded } from '../../charts/format';
import { lazyFigures, type FigureRenderer } from '../view';
import { labels } from './labels';
import { SCALED, SHOWN_DECIMALS, VIEWS, type NormalizationFigures, type ViewKey } from './model';

const COLOR: Readonly<Record<ViewKey, string>> = { raw: COLORS.soft, minmax: COLORS.other, z: COLORS.bn };

export const figures: FigureRenderer<NormalizationFigures> = (data, options) => {
  const t = labels[options.lang];
  const histograms = VIEWS.map((k) => {
    const f = data[k];
    const draw = () =>
      histogramChart(
        { ...f, color: COLOR[k], yLabel: t.count, meanLabel: t.meanMark, ...(f.marked !== null ? { markedLabel: t.outlierMark } : {}) },
        options,
      );
    return [k, draw] as const;
  });
  // The other points without and with the outlier: one panel per scaling, its two rows on one axis.
  const others = (): Element => {
    const width = (w: number) => fillTemplate(t.rangeWidth, { w: formatRounded(w, SHOWN_DECIMALS) });
    const panels: RangePanel[] = data.others
      ? SCALED.map((k) => {
          const q = data.others![k];
          return {
            title: k === 'minmax' ? t.minmaxName : t.zName,
            color: COLOR[k],
            rows: [
              { label: t.rowWithout, rangeLabel: width(q.widthWithout), points: q.without, lo: q.rangeWithout[0], hi: q.rangeWithout[1] },
              { label: t.rowWith, rangeLabel: width(q.widthWith), points: q.with, lo: q.rangeWith[0], hi: q.rangeWith[1], marked: q.outlier },
            ],
          };
        })
      : [];
    return rangeCompareChart({ panels }, options);
  };
  return lazyFigures({ ...Object.fromEntries(histograms), others });
};
