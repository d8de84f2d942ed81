// The BatchNorm explorer's stream of (N, C) activation batches and the running
// statistics that training on it accumulates. Replaying up to 200 batches of
// 64 × 16 values must take a few milliseconds, so the stream draws its normals
// with the polar method on the native Math.log/Math.sqrt (./datasets' portable
// ones cost ~20× more) and rounds every value to a multiple of 1/256: the PyTorch
// snippet then carries the batch exactly in a short literal, a last-bit difference
// of Math.log between engines cannot show, and sums of a batch are exact, so the
// batch mean is the same double here and in PyTorch (sum, then divide by N).
// Feature populations are ./datasets' (FEATURE_MEANS / FEATURE_STDS). Batch k is
// one 64 × 16 block drawn row by row from (seed, 'bn-stream', k), so a smaller
// batch is the first N rows and fewer features are the first C columns.

import { activationPopulation, type FeaturePopulation } from './datasets';
import { tensor, type Tensor } from './norms';
import { createRng, type Rng, type Seed } from './random';
import { momentsVariance, segmentMoments } from './stats';

/** Largest batch size N of the stream. */
export const STREAM_ROWS = 64;
/** Largest number of features C of the stream. */
export const STREAM_FEATURES = 16;
/** Values are rounded to multiples of 1/STREAM_STEPS_PER_UNIT (exact in binary, at most 8 decimals). */
export const STREAM_STEPS_PER_UNIT = 256;

const SCALE = STREAM_STEPS_PER_UNIT;
const TWO_POW_31 = 2147483648;
const FULL = activationPopulation({ seed: 0, batchSize: STREAM_ROWS, features: STREAM_FEATURES });
const MAX_SEEDS = 4;

/** Batch k's 64 × 16 block, drawn row by row as far as a caller has needed it. */
interface Block {
  readonly rng: Rng;
  readonly data: Float64Array;
  rows: number;
}
const blocks = new Map<string, Block[]>();

/**
 * Rows [0, rows) of batch k's block: x[i, c] = round(256 · (mean_c + std_c · z)) / 256, z ~ N(0, 1) by the polar
 * method on 32-bit uniforms from (seed, 'bn-stream', k). Rows are drawn in order and kept, so asking for more rows
 * later extends the same block (a row holds 16 draws, an even number: no polar pair spans two rows).
 */
function block(seed: Seed, k: number, rows: number): Float64Array {
  const key = typeof seed === 'number' ? String(seed) : `s:${seed}`;
  let stream = blocks.get(key);
  if (!stream) {
    if (blocks.size >= MAX_SEEDS) blocks.delete(blocks.keys().next().value ?? '');
    stream = [];
    blocks.set(key, stream);
  }
  let b = stream[k];
  if (!b) {
    b = { rng: createRng(seed, 'bn-stream', k), data: new Float64Array(STREAM_ROWS * STREAM_FEATURES), rows: 0 };
    stream[k] = b;
  }
  const { rng, data } = b;
  for (let i = b.rows * STREAM_FEATURES; i < rows * STREAM_FEATURES; i += 2) {
    let u: number;
    let v: number;
    let s: number;
    do {
      u = rng.uint32() / TWO_POW_31 - 1;
      v = rng.uint32() / TWO_POW_31 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    const c = i % STREAM_FEATURES;
    data[i] = Math.round((FULL.mean[c]! + FULL.std[c]! * u * f) * SCALE) / SCALE;
    data[i + 1] = Math.round((FULL.mean[c + 1]! + FULL.std[c + 1]! * v * f) * SCALE) / SCALE;
  }
  b.rows = Math.max(b.rows, rows);
  return data;
}

function clampSize(n: number, max: number): number {
  return Math.min(max, Math.max(0, Math.floor(Number.isFinite(n) ? n : 0)));
}

/** Batch k of the stream, shape (N, C) with N ≤ 64, C ≤ 16: the first N rows and C features of the block. */
export function streamBatch(seed: Seed, k: number, n: number, c: number): Tensor {
  const rows = clampSize(n, STREAM_ROWS);
  const cols = clampSize(c, STREAM_FEATURES);
  const source = block(seed, Math.max(0, Math.floor(k)), rows);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) data[i * cols + j] = source[i * STREAM_FEATURES + j]!;
  }
  return tensor(data, [rows, cols]);
}

/** The population each feature is drawn from: x_c ~ N(mean_c, std_c²). */
export function streamPopulation(c: number): FeaturePopulation {
  const cols = clampSize(c, STREAM_FEATURES);
  return { mean: FULL.mean.slice(0, cols), std: FULL.std.slice(0, cols) };
}

/** Running statistics after each training step: row s holds the buffers after batches 0 … s − 1 (row 0: 0 and 1). */
export interface RunningHistory {
  /** (steps + 1) × C, row-major. */
  readonly mean: Float64Array;
  /** (steps + 1) × C, row-major. */
  readonly variance: Float64Array;
  /** The batch mean of every batch fed, steps × C (batch k's in row k). */
  readonly batchMean: Float64Array;
  /** Training steps replayed. */
  readonly steps: number;
}

/**
 * Replays `steps` training forward passes of nn.BatchNorm1d(C, momentum) on batches 0 … steps − 1 of the
 * stream (N rows each): running ← m · batch statistic + (1 − m) · running, with the batch mean and the unbiased
 * variance. It runs ./norms' batchNorm arithmetic (the same segmentMoments over the same values in the same
 * order, the same update expression) on the cached blocks without copying them or computing outputs; the tests
 * check it against batchNorm value for value. With N = 1 every pass raises PyTorch's error before touching the
 * buffers, so they stay at 0 and 1. `previous` (the same stream with fewer steps) is extended, not replayed.
 */
export function runningHistory(
  seed: Seed,
  n: number,
  c: number,
  momentum: number,
  steps: number,
  previous?: RunningHistory,
): RunningHistory {
  const rows = clampSize(n, STREAM_ROWS);
  const cols = clampSize(c, STREAM_FEATURES);
  const total = Math.max(0, Math.floor(steps));
  const mean = new Float64Array((total + 1) * cols);
  const variance = new Float64Array((total + 1) * cols);
  const batchMean = new Float64Array(total * cols);
  let start = 0;
  if (previous && previous.steps <= total && previous.mean.length === (previous.steps + 1) * cols) {
    mean.set(previous.mean);
    variance.set(previous.variance);
    batchMean.set(previous.batchMean);
    start = previous.steps;
  } else {
    variance.fill(1, 0, cols);
  }
  for (let k = start; k < total; k++) {
    const data = block(seed, k, rows);
    const before = k * cols;
    const after = (k + 1) * cols;
    for (let ch = 0; ch < cols; ch++) {
      if (rows < 2) {
        // PyTorch refuses the pass ("Expected more than 1 value per channel when training"); buffers unchanged.
        mean[after + ch] = mean[before + ch]!;
        variance[after + ch] = variance[before + ch]!;
        batchMean[before + ch] = rows === 1 ? data[ch]! : 0;
        continue;
      }
      const m = segmentMoments(data, ch, 1, rows, STREAM_FEATURES);
      const unbiased = momentsVariance(m, rows - 1);
      mean[after + ch] = momentum * m.mean + (1 - momentum) * mean[before + ch]!;
      variance[after + ch] = momentum * unbiased + (1 - momentum) * variance[before + ch]!;
      batchMean[before + ch] = m.mean;
    }
  }
  return { mean, variance, batchMean, steps: total };
}
