// A training run that its caller drives step by step (a Web Worker runs a chunk of steps, posts the curves,
// reads its messages, and goes on or stops), plus runLab, a synchronous driver with a progress callback.
// Same config, same bits: data, initialization and every floating-point operation are fixed by the config.

import { Adam, learningRate } from './adam';
import { isBatchNorm, type LabConfig } from './config';
import { copyCrossEntropy, copyExactMatch, score, type Regime } from './evaluate';
import { TinyTransformer } from './model';
import { initParams } from './params';
import { copyBayesFloor, heldOutSet, TaskStream, type Example } from './tasks';

/** The training-loss EMA's factor: ema ← β·ema + (1 − β)·loss, reported debiased, ema / (1 − βᵗ). */
export const LOSS_EMA_BETA = 0.99;
/** Size of the fixed held-out set of both labs. */
export const HELD_OUT_SIZE = 512;
/** How many held-out sequences Lab 2's greedy generation copies. */
export const GENERATION_SIZE = 200;
/** How many held-out sequences a checkpoint (the accuracy curve) evaluates. */
export const CHECKPOINT_SIZE = 256;

/** Eval mode: running statistics, so the batch (64 at a time, padded to T) changes nothing but speed. */
const RUNNING: Regime = { batch: 64, stats: 'running', padToT: true };

/** Where a run is: still training, finished, or stopped because the loss stopped being finite. */
export type RunStatus = 'training' | 'done' | 'diverged';

/** A point of the evaluation curves: Lab 1 accuracy, Lab 2 cross-entropy, with batch statistics (batches of B as in training) and running statistics. */
export interface Checkpoint {
  readonly step: number;
  readonly lossEma: number;
  readonly batchStats: number;
  readonly runningStats: number;
}

/** Lab 1's final numbers: per-token accuracy (0–1) on the held-out set in each deployment regime. */
export interface SortReport {
  readonly task: 'sort';
  readonly step: number;
  readonly lossEma: number;
  /** Batches of B padded to T, batch statistics (what training saw). */
  readonly batchStats: number;
  /** Running statistics (eval mode). */
  readonly runningStats: number;
  /** One sequence at a time, batch statistics, no pads. */
  readonly singleUnpadded: number;
  /** One sequence at a time, batch statistics, padded to T. */
  readonly singlePadded: number;
  /** Batches of 64, batch statistics. */
  readonly batch64: number;
}

/** Lab 2's final numbers: cross-entropy (nats/token) with batch and running statistics, the floor, and greedy copying (0–1). */
export interface CopyReport {
  readonly task: 'copy';
  readonly step: number;
  readonly lossEma: number;
  readonly floor: number;
  readonly floorFirstHalf: number;
  readonly ceBatchStats: number;
  readonly ceRunningStats: number;
  readonly ceFirstHalfBatchStats: number;
  readonly ceFirstHalfRunningStats: number;
  readonly generationRunningStats: number;
  readonly generationBatchStats: number;
}

/** The final report of either lab. */
export type LabReport = SortReport | CopyReport;

/** One training run: the model, Adam, the data stream and the per-step loss curve, advanced by its caller. */
export class LabRun {
  readonly config: LabConfig;
  readonly model: TinyTransformer;
  /** The loss of every step done so far (index = step − 1), NaN beyond. */
  readonly losses: Float64Array;
  /** The debiased EMA of the loss after every step. */
  readonly lossEma: Float64Array;
  private readonly optimizer: Adam;
  private readonly stream: TaskStream;
  private heldOut: Example[] | null = null;
  private emaRaw = 0;
  private emaPower = 1;
  private done = 0;
  private state: RunStatus = 'training';

  constructor(config: LabConfig) {
    this.config = config;
    this.model = new TinyTransformer(config.model, config.precision);
    initParams(this.model.layout, this.model.params, config.seed);
    this.optimizer = new Adam(this.model.layout.size, config.optimizer, config.precision);
    this.stream = new TaskStream(config.task, config.seed, config.model.maxLen);
    this.losses = new Float64Array(config.optimizer.steps).fill(Number.NaN);
    this.lossEma = new Float64Array(config.optimizer.steps).fill(Number.NaN);
  }

  /** The number of steps done. */
  get step(): number {
    return this.done;
  }

  /** Where the run is: 'training' until its last step, then 'done'; 'diverged' once the loss or a parameter is not finite. */
  get status(): RunStatus {
    return this.state;
  }

  /** The total number of steps of the run. */
  get totalSteps(): number {
    return this.config.optimizer.steps;
  }

  /** The debiased loss EMA after the last step (NaN before the first). */
  get currentLossEma(): number {
    return this.done > 0 ? this.lossEma[this.done - 1]! : Number.NaN;
  }

  /**
   * One training step: next batch, forward with batch statistics (updating BatchNorm's running ones), backward, Adam at
   * lr(step). Returns the step's loss; a loss that is not finite stops the run with status 'diverged'.
   */
  trainStep(): number {
    if (this.state !== 'training') return Number.NaN;
    const { model } = this;
    const batch = this.stream.next(this.config.batch, this.config.padToMaxLen);
    const { loss } = model.forward(batch, { stats: 'batch', updateRunning: true });
    if (!Number.isFinite(loss)) {
      this.state = 'diverged';
      return loss;
    }
    model.zeroGrad();
    model.backward();
    this.optimizer.update(model.params, model.grads, learningRate(this.done, this.config.optimizer));
    this.losses[this.done] = loss;
    this.emaRaw = LOSS_EMA_BETA * this.emaRaw + (1 - LOSS_EMA_BETA) * loss;
    this.emaPower *= LOSS_EMA_BETA;
    this.lossEma[this.done] = this.emaRaw / (1 - this.emaPower);
    this.done++;
    if (!this.paramsFinite()) this.state = 'diverged';
    else if (this.done >= this.totalSteps) this.state = 'done';
    return loss;
  }

  /** Runs up to `count` steps (fewer at the end of the run or on divergence); returns the number of steps done. */
  train(count: number): number {
    let n = 0;
    while (n < count && this.state === 'training') {
      this.trainStep();
      n++;
    }
    return n;
  }

  private paramsFinite(): boolean {
    const p = this.model.params;
    let s = 0;
    for (let i = 0; i < p.length; i++) s += p[i]!;
    return Number.isFinite(s);
  }

  /** The fixed held-out set of the task (HELD_OUT_SIZE examples, the same for every seed). */
  heldOutExamples(): readonly Example[] {
    this.heldOut ??= heldOutSet(this.config.task, HELD_OUT_SIZE);
    return this.heldOut;
  }

  /** Held-out batches fed as in training: B at a time, padded as the training batches are. */
  private asTrained(stats: Regime['stats']): Regime {
    return { batch: this.config.batch, stats, padToT: this.config.padToMaxLen };
  }

  /**
   * A point of the evaluation curves on the first `size` held-out examples: Lab 1 accuracy, Lab 2 cross-entropy, with
   * batch statistics (batches of B) and running statistics. Without BatchNorm both are the same number, computed once.
   */
  checkpoint(size = CHECKPOINT_SIZE): Checkpoint {
    const set = this.heldOutExamples().slice(0, size);
    const measure = (regime: Regime): number =>
      this.config.task === 'sort' ? score(this.model, set, regime).accuracy : copyCrossEntropy(this.model, set, regime).overall;
    const batchStats = measure(this.asTrained('batch'));
    const runningStats = isBatchNorm(this.config.model.norm) ? measure(RUNNING) : batchStats;
    return { step: this.step, lossEma: this.currentLossEma, batchStats, runningStats };
  }

  /** The deployment card's numbers on the whole held-out set (see SortReport and CopyReport). */
  report(): LabReport {
    const set = this.heldOutExamples();
    const { model } = this;
    if (this.config.task === 'sort') {
      return {
        task: 'sort',
        step: this.step,
        lossEma: this.currentLossEma,
        batchStats: score(model, set, this.asTrained('batch')).accuracy,
        runningStats: score(model, set, RUNNING).accuracy,
        singleUnpadded: score(model, set, { batch: 1, stats: 'batch', padToT: false }).accuracy,
        singlePadded: score(model, set, { batch: 1, stats: 'batch', padToT: true }).accuracy,
        batch64: score(model, set, { batch: 64, stats: 'batch', padToT: true }).accuracy,
      };
    }
    const floor = copyBayesFloor();
    const ceBatch = copyCrossEntropy(model, set, this.asTrained('batch'));
    const ceRunning = copyCrossEntropy(model, set, RUNNING);
    const gen = set.slice(0, GENERATION_SIZE);
    return {
      task: 'copy',
      step: this.step,
      lossEma: this.currentLossEma,
      floor: floor.overall,
      floorFirstHalf: floor.firstHalf,
      ceBatchStats: ceBatch.overall,
      ceRunningStats: ceRunning.overall,
      ceFirstHalfBatchStats: ceBatch.firstHalf,
      ceFirstHalfRunningStats: ceRunning.firstHalf,
      generationRunningStats: copyExactMatch(model, gen, 'running'),
      generationBatchStats: copyExactMatch(model, gen, 'batch'),
    };
  }
}

/** What runLab hands its callback every `progressEvery` steps; returning false from the callback stops the run. */
export interface Progress {
  readonly step: number;
  readonly totalSteps: number;
  readonly lossEma: number;
  readonly status: RunStatus;
  /** The checkpoint taken at this step, if one was due. */
  readonly checkpoint: Checkpoint | null;
}

/** Options of runLab. */
export interface RunOptions {
  readonly progressEvery?: number;
  /** Take a checkpoint every this many steps (0 = never). */
  readonly checkpointEvery?: number;
  readonly checkpointSize?: number;
  /** Compute the final report (default true). */
  readonly report?: boolean;
  readonly onProgress?: (progress: Progress) => boolean | void;
}

/** A finished (or stopped) run: its curves, checkpoints and final report. */
export interface LabResult {
  readonly config: LabConfig;
  readonly status: RunStatus;
  readonly steps: number;
  readonly losses: Float64Array;
  readonly lossEma: Float64Array;
  readonly checkpoints: readonly Checkpoint[];
  readonly report: LabReport | null;
}

/** Trains a run to its end (or until the callback returns false, or divergence), with checkpoints and the final report. */
export function runLab(config: LabConfig, options: RunOptions = {}): LabResult {
  const run = new LabRun(config);
  const every = Math.max(1, options.progressEvery ?? 100);
  const checkpointEvery = options.checkpointEvery ?? 0;
  const checkpoints: Checkpoint[] = [];
  const status = (): RunStatus => run.status; // read afresh: run.train() changes it
  let stopped = false;
  while (status() === 'training' && !stopped) {
    const next = Math.min(run.totalSteps, (Math.floor(run.step / every) + 1) * every);
    const toCheckpoint = checkpointEvery > 0 ? (Math.floor(run.step / checkpointEvery) + 1) * checkpointEvery : Infinity;
    run.train(Math.min(next, toCheckpoint) - run.step);
    const ended = status() !== 'training';
    let checkpoint: Checkpoint | null = null;
    if (checkpointEvery > 0 && status() !== 'diverged' && (run.step % checkpointEvery === 0 || ended)) {
      checkpoint = run.checkpoint(options.checkpointSize);
      checkpoints.push(checkpoint);
    }
    if (options.onProgress && (run.step % every === 0 || ended || checkpoint)) {
      const goOn = options.onProgress({
        step: run.step,
        totalSteps: run.totalSteps,
        lossEma: run.currentLossEma,
        status: status(),
        checkpoint,
      });
      if (goOn === false) stopped = true;
    }
  }
  const report = run.status !== 'diverged' && (options.report ?? true) ? run.report() : null;
  return {
    config,
    status: run.status,
    steps: run.step,
    losses: run.losses,
    lossEma: run.lossEma,
    checkpoints,
    report,
  };
}
