// The padding widget's figures, shared by the server (first figure) and the browser (every redraw).
// A figure whose data did not change (LayerNorm's, most of the time) is not drawn again.
import { figureCache } from '../../charts/figure-cache';
import { heatmapChart } from '../../charts/heatmap';
import { paddingSweepChart } from '../../charts/padding-sweep';
import { lazyFigures, type FigureRenderer } from '../view';
import type { PaddingFigures } from './model';

/** Figure boxes narrower than this show the phone drawing (src/charts/server.ts's PHONE_BOX_MAX, widgets.css). */
const NARROW = 400;
/**
 * Height / width of the batch heatmap: on a phone, and across a desktop's widget (lower: the same ≤ 8 rows need no
 * more height on a wider box). One ratio per side of the phone/desktop switch keeps the box still as it comes alive.
 */
export const BATCH_RATIO = { narrow: 0.42, wide: 0.3 } as const;
/** Height / width of each output heatmap (BatchNorm's and LayerNorm's sit side by side on a desktop). */
export const OUTPUT_RATIO = 0.55;
/** The boxes on a 1280-px desktop (the server's desktop drawing): the batch across the widget, the others in pairs. */
export const DESKTOP_WIDTHS = { batch: 880, bn: 430, ln: 430, sweep: 430 } as const;
/** The widest drawing: the batch heatmap across a desktop's widget. */
export const MAX_WIDTH = 900;

export const batchRatio = (width: number): number => (width < NARROW ? BATCH_RATIO.narrow : BATCH_RATIO.wide);

const cached = figureCache();

export const figures: FigureRenderer<PaddingFigures> = (data, options) =>
  lazyFigures({
    batch: () => cached('batch', data.batch, options, () => heatmapChart(data.batch, { ...options, ratio: batchRatio(options.width) })),
    bn: () => cached('bn', data.bn, options, () => heatmapChart(data.bn, { ...options, ratio: OUTPUT_RATIO })),
    ln: () => cached('ln', data.ln, options, () => heatmapChart(data.ln, { ...options, ratio: OUTPUT_RATIO })),
    sweep: () => cached('sweep', data.sweep, options, () => paddingSweepChart(data.sweep, options)),
  });
