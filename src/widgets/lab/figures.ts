// The lab's figures, shared by the server (the precomputed runs) and the browser (every redraw while runs stream in).
import { figureCache } from '../../charts/figure-cache';
import { labCurvesChart } from '../../charts/lab-curves';
import { labDeployChart } from '../../charts/lab-deploy';
import { lazyFigures, type FigureRenderer } from '../view';
import type { LabFigures } from './model';

/** Widths of the figures' boxes on a 1280-px desktop: the two curves side by side, the card full width. */
export const DESKTOP_WIDTHS = { loss: 430, metric: 430, deploy: 880 } as const;

const cached = figureCache();

export const figures: FigureRenderer<LabFigures> = (data, options) =>
  lazyFigures({
    loss: () => cached('loss', data.loss, options, () => labCurvesChart(data.loss, options)),
    metric: () => cached('metric', data.metric, options, () => labCurvesChart(data.metric, options)),
    deploy: () => cached('deploy', data.deploy, options, () => labDeployChart(data.deploy, options)),
  });
