// The two tasks' seeded data.
// Lab 1, sort: 2–16 digits (1–9), padded with 0 to T = 16; the target at each real position is the sorted sequence.
// Lab 2, copy: BOS a₁…a_k SEP a₁…a_k EOS with k uniform in 1–7 and 8 symbols; the model reads the sequence
// without its last token and predicts the next one at every position.

import { createRng, type Rng } from '../random';
import type { LabTask } from './config';
import type { Batch } from './model';
import { portableLog } from './portable';

/** The pad token of both tasks. */
export const PAD = 0;
/** Lab 2's beginning-of-sequence token (the symbols are 1–8). */
export const BOS = 9;
/** Lab 2's separator between the random half and its copy. */
export const SEP = 10;
/** Lab 2's end-of-sequence token. */
export const EOS = 11;
/** Lab 2's alphabet size. */
export const COPY_SYMBOLS = 8;
/** Lab 2's longest random half: k is uniform in 1…COPY_MAX_K. */
export const COPY_MAX_K = 7;
/** Lab 1's shortest sequence. */
export const SORT_MIN_LEN = 2;
/** Lab 1's longest sequence (= T). */
export const SORT_MAX_LEN = 16;
/** Lab 1's largest digit (digits are 1…9). */
export const SORT_DIGITS = 9;

/** One task example: input tokens and a target per input position (no pads). */
export interface Example {
  readonly input: readonly number[];
  readonly target: readonly number[];
}

/** A sort example: length uniform in 2–16, digits uniform in 1–9; target = the digits in increasing order. */
export function sortExample(rng: Rng): Example {
  const len = SORT_MIN_LEN + rng.int(SORT_MAX_LEN - SORT_MIN_LEN + 1);
  const input = Array.from({ length: len }, () => 1 + rng.int(SORT_DIGITS));
  return { input, target: [...input].sort((a, b) => a - b) };
}

/** The copy sequence BOS a₁…a_k SEP a₁…a_k EOS for the given symbols. */
export function copySequence(symbols: readonly number[]): number[] {
  return [BOS, ...symbols, SEP, ...symbols, EOS];
}

/** A copy example: k uniform in 1–7, symbols uniform in 1–8; input = the sequence without EOS, target = it shifted by one. */
export function copyExample(rng: Rng): Example {
  const k = 1 + rng.int(COPY_MAX_K);
  const symbols = Array.from({ length: k }, () => 1 + rng.int(COPY_SYMBOLS));
  const seq = copySequence(symbols);
  return { input: seq.slice(0, -1), target: seq.slice(1) };
}

/** An example of the task. */
export function taskExample(task: LabTask, rng: Rng): Example {
  return task === 'sort' ? sortExample(rng) : copyExample(rng);
}

/** Examples as a batch padded to T: tokens (PAD after the end), targets (−1 after the end), mask (1 = real). */
export function toBatch(examples: readonly Example[], t: number): Batch {
  const b = examples.length;
  const tokens = new Int32Array(b * t);
  const targets = new Int32Array(b * t).fill(-1);
  const mask = new Uint8Array(b * t);
  examples.forEach((ex, i) => {
    if (ex.input.length > t) throw new RangeError(`example of length ${ex.input.length} does not fit T = ${t}`);
    ex.input.forEach((tok, j) => {
      tokens[i * t + j] = tok;
      targets[i * t + j] = ex.target[j]!;
      mask[i * t + j] = 1;
    });
  });
  return { b, t, tokens, targets, mask };
}

/** The length of the longest example's input. */
export function longest(examples: readonly Example[]): number {
  return examples.reduce((m, e) => Math.max(m, e.input.length), 0);
}

/** The training stream of a seed: batch s is the s-th draw of `size` examples from createRng(seed, 'lab-data', task). */
export class TaskStream {
  private readonly rng: Rng;
  constructor(
    readonly task: LabTask,
    seed: number,
    readonly t = 16,
  ) {
    this.rng = createRng(seed, 'lab-data', task);
  }

  /** The next batch of `size` examples, padded to T, or to its longest example when `padToT` is false. */
  next(size: number, padToT = true): Batch {
    const examples = this.nextExamples(size);
    return toBatch(examples, padToT ? this.t : longest(examples));
  }

  /** The next `size` examples. */
  nextExamples(size: number): Example[] {
    return Array.from({ length: size }, () => taskExample(this.task, this.rng));
  }
}

/** The held-out set of a task: `count` examples from a fixed stream (the same for every seed and every run). */
export function heldOutSet(task: LabTask, count: number): Example[] {
  const rng = createRng('lab-held-out', task);
  return Array.from({ length: count }, () => taskExample(task, rng));
}

/** Marks of a copy example's targets that lie in the random first half: a₁…a_k and SEP (the first k + 1 targets). */
export function copyFirstHalf(ex: Example): boolean[] {
  const k = (ex.input.length - 2) / 2;
  return ex.target.map((_, j) => j <= k);
}

/**
 * The lowest expected loss of any model that reads only the past (Lab 2), in nats per target token:
 * E[Σ H(next | past)] / E[#targets]. After BOS and j symbols the next token is SEP with probability q_j = P(k = j | k ≥ j)
 * and each symbol with (1 − q_j)/8, so E[Σ H] = Σⱼ P(k ≥ j)·H(q_j); there are 2k + 2 targets, k + 1 of them in the first half.
 */
export function copyBayesFloor(): { overall: number; firstHalf: number } {
  const K = COPY_MAX_K;
  let expectedLoss = 0;
  for (let j = 0; j <= K; j++) {
    const reach = j === 0 ? 1 : (K - j + 1) / K; // P(k ≥ j), k uniform in 1…K
    const q = j === 0 ? 0 : 1 / (K - j + 1); // P(k = j | k ≥ j)
    let h = 0;
    if (q > 0) h -= q * portableLog(q);
    if (q < 1) h -= (1 - q) * portableLog((1 - q) / COPY_SYMBOLS);
    expectedLoss += reach * h;
  }
  const meanK = (K + 1) / 2;
  return { overall: expectedLoss / (2 * meanK + 2), firstHalf: expectedLoss / (meanK + 1) };
}
