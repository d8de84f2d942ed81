// The LayerNorm explorer's figures, shared by the server (first figures) and the browser (every redraw): BatchNorm's
// output beside LayerNorm's for the same batch, and under each the chosen sample's output before and after.
import { columnStatsChart } from '../../charts/column-stats';
import { rowStatsChart } from '../../charts/row-stats';
import { sampleOutputsChart, type SampleOutputsPanel } from '../../charts/sample-outputs';
import { figureCache } from '../../charts/figure-cache';
import { fillTemplate, formatNumber } from '../../charts/format';
import { lazyFigures, type FigureRenderer } from '../view';
import { labels } from './labels';
import type { ChosenOutputs, LayerNormFigures } from './model';

/** A figure whose data did not change (e.g. LayerNorm's chosen sample while the batchmates change) is handed back. */
const cached = figureCache();

/**
 * Both outputs share one fixed colour scale (±3, beyond it the end colours): the same colour means the same value in
 * both heatmaps, and a colour changes only when its value does (a scale fitted to the data would recolour LayerNorm's
 * chosen row whenever the batchmates changed).
 */
export const OUTPUT_DOMAIN = [-3, 3] as const;
/** Height / width of one sample's panel (one norm, a legend line over it). */
const SAMPLE_RATIO = 0.5;
/** The legend's ends say that values beyond them take the end colours. */
const outputTick = (v: number): string => (v <= OUTPUT_DOMAIN[0] ? `≤ ${formatNumber(v)}` : v >= OUTPUT_DOMAIN[1] ? `≥ ${formatNumber(v)}` : formatNumber(v));

export const figures: FigureRenderer<LayerNormFigures> = (data, options) => {
  const t = labels[options.lang];
  const { bn, output, compare } = data;
  const modeWord = compare.mode === 'train' ? t.training : t.evaluation;
  const arr = (v: Float64Array | null): number[] | null => (v ? Array.from(v) : null);
  const sample = (norm: 'bn' | 'ln', outputs: ChosenOutputs) => {
    const panel: SampleOutputsPanel = {
      norm,
      title: fillTemplate(t.sampleTitle, {
        p: output.highlightRow + 1,
        norm: norm === 'bn' ? fillTemplate(t.normMode, { norm: t.bnTitle, mode: modeWord }) : t.lnTitle,
      }),
      before: arr(outputs.before),
      after: arr(outputs.after),
      message: outputs.error,
    };
    return sampleOutputsChart(
      { panels: [panel], beforeLabel: t.before, afterLabel: t.after, featureLabel: `${t.feature} →`, ratio: SAMPLE_RATIO },
      compare.features,
      options,
    );
  };
  return lazyFigures({
    bn: () =>
      cached('bn', bn, options, () =>
        columnStatsChart(
          {
            heatmap: bn.values
              ? {
                  rows: bn.rows,
                  cols: bn.cols,
                  values: bn.values,
                  rowTitle: t.sample,
                  highlightRow: bn.highlightRow,
                                    domain: OUTPUT_DOMAIN,
                  format: outputTick,
                  legendLabel: 'y',
                }
              : null,
            rows: bn.rows,
            colMeans: bn.colMeans,
            colVars: bn.colVars,
            meanLabel: t.mean,
            varLabel: t.variance,
            colTitle: `${t.feature} →`,
            statsSource: bn.mode === 'train' ? t.statsBatch : t.statsRunning,
            message: bn.error,
          },
          options,
        ),
      ),
    output: () =>
      cached('output', output, options, () =>
        rowStatsChart(
          {
            heatmap: {
              rows: output.rows,
              cols: output.cols,
              values: output.values,
              rowTitle: t.sample,
              colTitle: `${t.feature} →`,
              highlightRow: output.highlightRow,
                            domain: OUTPUT_DOMAIN,
              format: outputTick,
              legendLabel: 'y',
            },
            rowMeans: output.rowMeans,
            rowVars: output.rowVars,
            meanLabel: t.mean,
            varLabel: t.variance,
          },
          options,
        ),
      ),
    // The panels' titles name the chosen sample and the mode: part of their inputs.
    bnSample: () => cached('bnSample', [compare.bn, output.highlightRow, compare.mode], options, () => sample('bn', compare.bn)),
    lnSample: () => cached('lnSample', [compare.ln, output.highlightRow], options, () => sample('ln', compare.ln)),
  });
};
