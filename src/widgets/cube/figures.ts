// The reduction cube's figure, shared by the server (first paint) and the browser.
import { cubeChart } from '../../charts/cube';
import { lazyFigures, type FigureRenderer } from '../view';
import type { CubeFigures } from './model';

/** Width of the cube's box on a 1280-px desktop, where it sits beside its controls (the server's desktop drawing). */
export const PAIR_WIDTH = 430;

export const figures: FigureRenderer<CubeFigures> = (data, options) => lazyFigures({ cube: () => cubeChart(data.cube, options) });
