// The LayerNorm explorer's figures, shared by the server (first figure) and the browser (every redraw).
import { rowStatsChart } from '../../charts/row-stats';
import { sampleOutputsChart } from '../../charts/sample-outputs';
import { figureCache } from '../../charts/figure-cache';
import { lazyFigures, type FigureRenderer } from '../view';
import { labels } from './labels';
import type { LayerNormFigures, RowStatsFigure } from './model';

/** A figure whose data did not change (e.g. the input while the batchmates change) is handed back, not drawn again. */
const cached = figureCache();

export const figures: FigureRenderer<LayerNormFigures> = (data, options) => {
  const t = labels[options.lang];
  const heatmap = (f: RowStatsFigure, legendLabel: string) =>
    rowStatsChart(
      {
        heatmap: {
          rows: f.rows,
          cols: f.cols,
          values: f.values,
          rowTitle: t.sample,
          colTitle: `${t.feature} →`,
          highlightRow: f.highlightRow,
          showValues: true,
          legendLabel,
        },
        rowMeans: f.rowMeans,
        rowVars: f.rowVars,
        meanLabel: t.mean,
        varLabel: t.variance,
      },
      options,
    );
  const { bn, ln, mode, features } = data.compare;
  const arr = (v: Float64Array | null): number[] | null => (v ? Array.from(v) : null);
  return lazyFigures({
    input: () => cached('input', data.input, options, () => heatmap(data.input, 'x')),
    output: () => cached('output', data.output, options, () => heatmap(data.output, 'y')),
    compare: () =>
      cached('compare', data.compare, options, () =>
        sampleOutputsChart(
          {
            panels: [
              {
                norm: 'bn',
                title: `${t.bnTitle} (${mode === 'train' ? t.training : t.evaluation})`,
                before: arr(bn.before),
                after: arr(bn.after),
                message: bn.error,
              },
              { norm: 'ln', title: t.lnTitle, before: arr(ln.before), after: arr(ln.after), message: null },
            ],
            beforeLabel: t.before,
            afterLabel: t.after,
            featureLabel: `${t.feature} →`,
          },
          features,
          options,
        ),
      ),
  });
};
