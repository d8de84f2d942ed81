// One run trained to its end, in the form the widget stores it: what the build precomputes (./precompute.ts) and
// what the browser's worker streams in (./train-worker.ts) hold the same numbers for the same settings.
import { labConfig, runLab, type LabTask, type NormKind } from '../../lib/lab';
import { CHECKPOINT_EVERY, CURVE_EVERY, type RunResult } from './results';

export function trainToEnd(task: LabTask, norm: NormKind, batch: number, seed: number): RunResult {
  const config = labConfig({ task, norm, batch, seed });
  const result = runLab(config, { checkpointEvery: CHECKPOINT_EVERY, progressEvery: 500 });
  const ema: number[] = [];
  for (let s = CURVE_EVERY; s <= result.steps; s += CURVE_EVERY) ema.push(result.lossEma[s - 1]!);
  return {
    task,
    norm,
    batch: config.batch,
    seed,
    state: result.status === 'diverged' ? 'diverged' : 'built',
    step: result.steps,
    totalSteps: config.optimizer.steps,
    ema,
    checkpoints: result.checkpoints,
    report: result.report,
  };
}
