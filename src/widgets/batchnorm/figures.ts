// The BatchNorm explorer's figures, shared by the server (first figure) and the browser (every redraw).
import { heatmapChart, heatmapLayout } from '../../charts/heatmap';
import { featureStripsChart } from '../../charts/feature-strips';
import { runningStatsChart } from '../../charts/running-stats';
import { meanSpreadChart } from '../../charts/mean-spread';
import { fillTemplate } from '../../charts/format';
import { figureCache } from '../../charts/figure-cache';
import { lazyFigures, type FigureRenderer } from '../view';
import { labels } from './labels';
import type { BatchNormFigures, HeatmapFigure, StripsFigure } from './model';

/**
 * Height / width of the heatmaps: 64 rows still fit on a phone (about 2 px each), and the default 8 rows are tall
 * enough (14 px) for their values, in 11 px text, from a 300 px phone drawing up.
 */
export const BN_HEATMAP_RATIO = 0.57;

/** A figure whose data did not change (e.g. the input while γ moves) is handed back, not drawn again. */
const cached = figureCache();

export const figures: FigureRenderer<BatchNormFigures> = (data, options) => {
  const t = labels[options.lang];
  const colLabels = Array.from({ length: data.input.cols }, (_, j) => `f${j + 1}`);
  const heatmap = (f: HeatmapFigure, legendLabel: string) => {
    const refused = f.values === null;
    return heatmapChart(
      {
        rows: f.rows,
        cols: f.cols,
        values: f.values ?? new Float64Array(f.rows * f.cols),
        colLabels,
        rowTitle: t.sample,
        highlightColumn: f.highlightColumn,
        showValues: true,
        legendLabel,
        ...(refused ? { mask: new Uint8Array(f.rows * f.cols), maskLabel: f.waiting ? t.waiting : t.refused } : {}),
      },
      { ...options, ratio: BN_HEATMAP_RATIO },
    );
  };
  // The strips line up with the heatmap's columns.
  const layout = heatmapLayout({ rows: data.input.rows, cols: data.input.cols, rowTitle: t.sample }, options.width, BN_HEATMAP_RATIO);
  const strips = (f: StripsFigure, yLabel: string) =>
    featureStripsChart(
      {
        rows: f.rows,
        cols: f.cols,
        values: f.values,
        ...(f.means ? { means: f.means } : {}),
        ...(f.stds ? { stds: f.stds } : {}),
        ...(f.reference ? { reference: f.reference } : {}),
        highlightColumn: f.highlightColumn,
        yLabel,
        message: f.waiting ? t.waiting : t.refused,
        left: layout.left,
        right: layout.right,
      },
      options,
    );
  const { running, spread } = data;
  const featureName = fillTemplate(t.featureName, { f: data.input.highlightColumn + 1 });
  return lazyFigures({
    input: () => cached('input', data.input, options, () => heatmap(data.input, t.legendX)),
    inputStats: () => cached('inputStats', data.inputStats, options, () => strips(data.inputStats, t.legendX)),
    output: () => cached('output', data.output, options, () => heatmap(data.output, t.legendY)),
    outputStats: () => cached('outputStats', data.outputStats, options, () => strips(data.outputStats, t.legendY)),
    running: () =>
      cached('running', { running, featureName }, options, () =>
        runningStatsChart(
          {
            panels: [
              {
                label: `${t.runningMean} (${featureName})`,
                values: running.mean,
                population: running.populationMean,
                populationLabel: t.population,
                after: running.meanAfter,
              },
              {
                label: `${t.runningVar} (${featureName})`,
                values: running.variance,
                population: running.populationVar,
                populationLabel: t.population,
                after: running.varAfter,
              },
            ],
            stepLabel: t.stepLabel,
          },
          options,
        ),
      ),
    spread: () =>
      cached('spread', spread, options, () =>
        meanSpreadChart(
          {
            sigma: spread.sigma,
            n: spread.n,
            history: spread.history,
            current: spread.current,
            xLabel: t.nLabel,
            yLabel: t.deviationLabel,
            bandLabel: t.band,
            outerBandLabel: t.outerBand,
          },
          options,
        ),
      ),
  });
};
