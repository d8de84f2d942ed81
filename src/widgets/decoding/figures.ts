// The decoding widget's figures, shared by the server (first figure) and the browser (every redraw).
// A figure whose data did not change (the training chart while stepping through tokens) is not drawn again.
import { figureCache } from '../../charts/figure-cache';
import { decodingRunningChart } from '../../charts/decoding-running';
import { decodingTokensChart } from '../../charts/decoding-tokens';
import { lazyFigures, type FigureRenderer } from '../view';
import type { DecodingFigures } from './model';

/** Width of each figure's box on a 1280-px desktop, where the two sit side by side (the server's desktop drawing). */
export const PAIR_WIDTH = 430;

const cached = figureCache();

export const figures: FigureRenderer<DecodingFigures> = (data, options) =>
  lazyFigures({
    running: () => cached('running', data.running, options, () => decodingRunningChart(data.running, options)),
    tokens: () => cached('tokens', data.tokens, options, () => decodingTokensChart(data.tokens, options)),
  });
