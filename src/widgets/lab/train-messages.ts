// What the lab page and its training worker (./train-worker.ts) say to each other.
import type { Checkpoint, LabReport, LabTask, NormKind, RunStatus } from '../../lib/lab';

/** Train this run from step 0 (a worker trains one run; the page terminates it to stop). */
export interface TrainRequest {
  readonly task: LabTask;
  readonly norm: NormKind;
  readonly batch: number;
  readonly seed: number;
}

/** Progress: the loss EMA at every CURVE_EVERY-th step since the last message, and a checkpoint if one was due. */
export interface TrainProgress {
  readonly kind: 'progress';
  readonly step: number;
  readonly totalSteps: number;
  readonly ema: number[];
  readonly checkpoint: Checkpoint | null;
  readonly status: RunStatus;
  /** CPU milliseconds spent in training steps so far (not evaluations), for the benchmark. */
  readonly trainMs: number;
}

/** The end: the deployment card's numbers (null when the run diverged). */
export interface TrainDone {
  readonly kind: 'done';
  readonly status: RunStatus;
  readonly step: number;
  readonly report: LabReport | null;
  readonly trainMs: number;
}

export type TrainReply = TrainProgress | TrainDone;
