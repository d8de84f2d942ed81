// The reduction cube's figure, shared by the server (first paint) and the browser.
import { cubeChart } from '../../charts/cube';
import { lazyFigures, type FigureRenderer } from '../view';
import type { CubeFigures } from './model';

export const figures: FigureRenderer<CubeFigures> = (data, options) => lazyFigures({ cube: () => cubeChart(data.cube, options) });
