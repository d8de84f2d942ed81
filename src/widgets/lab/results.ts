// The lab's results, keyed by their settings: the runs precomputed when the site was built, and the runs the reader
// trains in the browser (a Web Worker per norm streams them in). The model reads them; the client writes them.
// A run depends only on (task, norm, batch, seed): the same key always holds the same numbers.
import type { Checkpoint, LabReport, LabTask, NormKind } from '../../lib/lab';

/** The loss curve keeps one point every this many steps (the EMA after that step). */
export const CURVE_EVERY = 10;
/** Checkpoints (the held-out accuracy / cross-entropy curve) every this many steps. */
export const CHECKPOINT_EVERY = 100;

/**
 * Where a result stands: precomputed at build time, waiting for a free core, training in a worker, finished, stopped
 * by the reader, or diverged.
 */
export type RunState = 'built' | 'waiting' | 'training' | 'done' | 'stopped' | 'diverged';

export interface RunResult {
  readonly task: LabTask;
  readonly norm: NormKind;
  readonly batch: number;
  readonly seed: number;
  readonly state: RunState;
  readonly step: number;
  readonly totalSteps: number;
  /** The debiased loss EMA after steps CURVE_EVERY, 2·CURVE_EVERY, … (as many as trained). */
  readonly ema: readonly number[];
  readonly checkpoints: readonly Checkpoint[];
  readonly report: LabReport | null;
}

/** The key of a run's settings. */
export function runKey(task: LabTask, norm: NormKind, batch: number, seed: number): string {
  return `${task}|${norm}|${batch}|${seed}`;
}

const store = new Map<string, RunResult>();
let version = 0;

export function getResult(task: LabTask, norm: NormKind, batch: number, seed: number): RunResult | undefined {
  return store.get(runKey(task, norm, batch, seed));
}

export function setResult(result: RunResult): void {
  store.set(runKey(result.task, result.norm, result.batch, result.seed), result);
  version++;
}

export function deleteResult(task: LabTask, norm: NormKind, batch: number, seed: number): void {
  if (store.delete(runKey(task, norm, batch, seed))) version++;
}

/** Changes on every write (the model's figures follow it). */
export function resultsVersion(): number {
  return version;
}
