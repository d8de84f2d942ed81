// The padding widget's figures, shared by the server (first figure) and the browser (every redraw).
// A figure whose data did not change (LayerNorm's, most of the time) is not drawn again.
import { figureCache } from '../../charts/figure-cache';
import { heatmapChart } from '../../charts/heatmap';
import { paddingSweepChart } from '../../charts/padding-sweep';
import { lazyFigures, type FigureRenderer } from '../view';
import type { PaddingFigures } from './model';

/** Height / width of the batch heatmap and of each output heatmap. */
export const BATCH_RATIO = 0.42;
export const OUTPUT_RATIO = 0.55;

const cached = figureCache();

export const figures: FigureRenderer<PaddingFigures> = (data, options) =>
  lazyFigures({
    batch: () => cached('batch', data.batch, options, () => heatmapChart(data.batch, { ...options, ratio: BATCH_RATIO })),
    bn: () => cached('bn', data.bn, options, () => heatmapChart(data.bn, { ...options, ratio: OUTPUT_RATIO })),
    ln: () => cached('ln', data.ln, options, () => heatmapChart(data.ln, { ...options, ratio: OUTPUT_RATIO })),
    sweep: () => cached('sweep', data.sweep, options, () => paddingSweepChart(data.sweep, options)),
  });
