// The lab's Web Worker: trains one run (one norm) off the main thread, in chunks of CHUNK steps, posting the loss
// curve after each chunk and a checkpoint every CHECKPOINT_EVERY steps, then the final report. The page stops a run
// by terminating its worker. Same code and config as the build-time precomputation: the same bits.
import { labConfig, LabRun } from '../../lib/lab';
import { CHECKPOINT_EVERY, CURVE_EVERY } from './results';
import type { TrainReply, TrainRequest } from './train-messages';

/** Steps between two messages to the page (about 0.2 s of training). */
const CHUNK = 50;

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<TrainRequest>) => void) | null;
  postMessage: (message: TrainReply) => void;
};

scope.onmessage = ({ data: { task, norm, batch, seed } }) => {
  const run = new LabRun(labConfig({ task, norm, batch, seed }));
  let trainMs = 0;
  let sent = 0;
  const loop = (): void => {
    const t0 = performance.now();
    const toCheckpoint = (Math.floor(run.step / CHECKPOINT_EVERY) + 1) * CHECKPOINT_EVERY;
    run.train(Math.min(CHUNK, toCheckpoint - run.step));
    trainMs += performance.now() - t0;
    const ema: number[] = [];
    for (let s = (sent + 1) * CURVE_EVERY; s <= run.step; s += CURVE_EVERY) ema.push(run.lossEma[s - 1]!);
    sent += ema.length;
    const ended = run.status !== 'training';
    const checkpoint = run.status !== 'diverged' && (run.step % CHECKPOINT_EVERY === 0 || ended) ? run.checkpoint() : null;
    scope.postMessage({ kind: 'progress', step: run.step, totalSteps: run.totalSteps, ema, checkpoint, status: run.status, trainMs });
    if (!ended) {
      setTimeout(loop, 0);
      return;
    }
    const report = run.status === 'diverged' ? null : run.report();
    scope.postMessage({ kind: 'done', status: run.status, step: run.step, report, trainMs });
  };
  loop();
};
