// The BatchNorm explorer's stream of (N, C) activation batches and the running
// statistics that training on it accumulates. A new seed replays up to 200
// batches of 64 × 16 values inside one redraw, so the stream is built for speed:
// normals come from a ziggurat (Marsaglia & Tsang 2000, 128 layers) on sfc32
// stepped inline, and every value is rounded to a multiple of 1/256 and kept as
// that integer multiple. The PyTorch snippet then carries a batch exactly in a
// short literal, a last-bit difference of Math.log/Math.exp between engines
// cannot show, and the sums of a batch are exact integers: the batch mean is the
// same double here and in PyTorch (sum, then divide by N), and the unbiased
// variance (N·Σm² − (Σm)²) / (256² · N · (N − 1)) has an exact numerator and a
// single rounding. Feature populations are ./datasets' (FEATURE_MEANS /
// FEATURE_STDS). Batch k is one 64 × 16 block drawn row by row from
// (seed, 'bn-stream', k), so a smaller batch is the first N rows and fewer
// features are the first C columns.

import { activationPopulation, type FeaturePopulation } from './datasets';
import { tensor, type Tensor } from './norms';
import { rngState, type Seed } from './random';

/** Largest batch size N of the stream. */
export const STREAM_ROWS = 64;
/** Largest number of features C of the stream. */
export const STREAM_FEATURES = 16;
/** Values are rounded to multiples of 1/STREAM_STEPS_PER_UNIT (exact in binary, at most 8 decimals). */
export const STREAM_STEPS_PER_UNIT = 256;

const SCALE = STREAM_STEPS_PER_UNIT;
const FULL = activationPopulation({ seed: 0, batchSize: STREAM_ROWS, features: STREAM_FEATURES });
const MEANS = Float64Array.from(FULL.mean);
const STDS = Float64Array.from(FULL.std);
const MAX_SEEDS = 6;

// ---------------------------------------------------------------- ziggurat tables

/** Right edge of the ziggurat's base layer and the area of every layer, for 128 layers (Marsaglia & Tsang 2000). */
const ZIG_R = 3.442619855899;
const ZIG_AREA = 9.91256303526217e-3;
const TWO_POW_31 = 2147483648;
const TWO_POW_32 = 4294967296;
/** Layer i accepts a signed 32-bit draw j at once when |j| < ZIG_K[i]; the normal is then j · ZIG_W[i]. */
const ZIG_K = new Int32Array(128);
const ZIG_W = new Float64Array(128);
/** The density e^(−x²/2) at the layers' right edges. */
const ZIG_F = new Float64Array(128);
{
  let edge = ZIG_R;
  let outer = edge;
  const q = ZIG_AREA / Math.exp(-0.5 * edge * edge);
  ZIG_K[0] = Math.floor((edge / q) * TWO_POW_31);
  ZIG_K[1] = 0;
  ZIG_W[0] = q / TWO_POW_31;
  ZIG_W[127] = edge / TWO_POW_31;
  ZIG_F[0] = 1;
  ZIG_F[127] = Math.exp(-0.5 * edge * edge);
  for (let i = 126; i >= 1; i--) {
    edge = Math.sqrt(-2 * Math.log(ZIG_AREA / edge + Math.exp(-0.5 * edge * edge)));
    ZIG_K[i + 1] = Math.floor((edge / outer) * TWO_POW_31);
    outer = edge;
    ZIG_F[i] = Math.exp(-0.5 * edge * edge);
    ZIG_W[i] = edge / TWO_POW_31;
  }
}

// ---------------------------------------------------------------- blocks

/** Batch k's 64 × 16 block as integers m = 256 · x, drawn row by row as far as a caller has needed it. */
interface Block {
  /** sfc32's state after the rows drawn so far. */
  readonly state: Int32Array;
  readonly data: Int32Array;
  rows: number;
}
const blocks = new Map<string, Block[]>();
const spareArrays: Int32Array[] = [];
/** Evicted block arrays kept for reuse: enough for one seed's replay, no more (the rest go to the collector). */
const MAX_SPARE_ARRAYS = 256;
const BLOCK_SIZE = STREAM_ROWS * STREAM_FEATURES;

/** Draws rows [b.rows, rows) of a block: m = round(256 · (mean_c + std_c · z)), z from the ziggurat. */
function drawRows(b: Block, rows: number): void {
  const s = b.state;
  let s0 = s[0]!;
  let s1 = s[1]!;
  let s2 = s[2]!;
  let s3 = s[3]!;
  // ./random's sfc32 step, on locals: a signed 32-bit output.
  const next = (): number => {
    const t = (((s0 + s1) | 0) + s3) | 0;
    s3 = (s3 + 1) | 0;
    s0 = s1 ^ (s1 >>> 9);
    s1 = (s2 + (s2 << 3)) | 0;
    s2 = (((s2 << 21) | (s2 >>> 11)) + t) | 0;
    return t;
  };
  const open01 = (): number => ((next() >>> 0) + 0.5) / TWO_POW_32;
  // The ziggurat's rare path (about 1.5 % of draws): draw j fell outside its layer's rectangle core.
  const rare = (first: number): number => {
    for (let j = first; ; j = next()) {
      const i = j & 127;
      if (Math.abs(j) < ZIG_K[i]!) return j * ZIG_W[i]!;
      if (i === 0) {
        // The base layer's tail beyond ZIG_R, by Marsaglia's exponential rejection (|z| stays below 10.2).
        let x: number;
        let y: number;
        do {
          x = -Math.log(open01()) / ZIG_R;
          y = -Math.log(open01());
        } while (y + y < x * x);
        return j > 0 ? ZIG_R + x : -ZIG_R - x;
      }
      const x = j * ZIG_W[i]!;
      if (ZIG_F[i]! + open01() * (ZIG_F[i - 1]! - ZIG_F[i]!) < Math.exp(-0.5 * x * x)) return x;
    }
  };
  const { data } = b;
  for (let k = b.rows * STREAM_FEATURES; k < rows * STREAM_FEATURES; k++) {
    const c = k & (STREAM_FEATURES - 1);
    const j = next();
    const i = j & 127;
    const z = Math.abs(j) < ZIG_K[i]! ? j * ZIG_W[i]! : rare(j);
    data[k] = Math.round((MEANS[c]! + STDS[c]! * z) * SCALE);
  }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
  b.rows = rows;
}

/**
 * Rows [0, rows) of batch k's block, as integers m = 256 · x. Rows are drawn in order and kept, so asking for more
 * rows later extends the same block. |x| ≤ 50 + 10.2 · 25 < 306, so |m| < 2^17: sums of up to 64 of m and of m²
 * stay exact in a double.
 */
function block(seed: Seed, k: number, rows: number): Int32Array {
  const stream = streamOf(seed);
  let b = stream[k];
  if (!b) {
    b = { state: rngState(seed, 'bn-stream', k), data: spareArrays.pop() ?? new Int32Array(BLOCK_SIZE), rows: 0 };
    stream[k] = b;
  }
  if (rows > b.rows) drawRows(b, rows);
  return b.data;
}

const seedKey = (seed: Seed): string => (typeof seed === 'number' ? String(seed) : `s:${seed}`);

/** The blocks drawn so far for a seed (made room for when new). */
function streamOf(seed: Seed): Block[] {
  const key = seedKey(seed);
  let stream = blocks.get(key);
  if (!stream) {
    if (blocks.size >= MAX_SEEDS) {
      // The oldest seed's blocks make room; some of their arrays are reused rather than left to the collector.
      const oldest = blocks.keys().next().value ?? '';
      for (const old of blocks.get(oldest) ?? []) if (old && spareArrays.length < MAX_SPARE_ARRAYS) spareArrays.push(old.data);
      blocks.delete(oldest);
    }
    stream = [];
    blocks.set(key, stream);
  }
  return stream;
}

/** How many rows replaying `steps` batches of `n` rows would still have to draw (0: all drawn already). */
export function undrawnRows(seed: Seed, steps: number, n: number): number {
  const rows = clampSize(n, STREAM_ROWS);
  const stream = blocks.get(seedKey(seed)) ?? [];
  let missing = 0;
  for (let k = 0; k < steps; k++) missing += Math.max(0, rows - (stream[k]?.rows ?? 0));
  return missing;
}

/**
 * Batches [0, steps) of a seed's stream drawn whole (64 × 16 integers m = 256 · x each, one after the other) and
 * not kept: the work a Web Worker does for the browser, handed back with {@link adoptStreamBlocks}.
 */
export function drawStreamBlocks(seed: Seed, steps: number): Int32Array {
  const total = Math.max(0, Math.floor(steps));
  const out = new Int32Array(total * BLOCK_SIZE);
  for (let k = 0; k < total; k++) {
    drawRows({ state: rngState(seed, 'bn-stream', k), data: out.subarray(k * BLOCK_SIZE, (k + 1) * BLOCK_SIZE), rows: 0 }, STREAM_ROWS);
  }
  return out;
}

/** The generator state of an adopted block: never used, a whole block is not drawn further. */
const DRAWN = new Int32Array(4);

/** Takes batches drawn by {@link drawStreamBlocks} (elsewhere) as this seed's first blocks: the same integers. */
export function adoptStreamBlocks(seed: Seed, drawn: Int32Array): void {
  const stream = streamOf(seed);
  const count = Math.floor(drawn.length / BLOCK_SIZE);
  for (let k = 0; k < count; k++) {
    // A whole block is never drawn further: its generator state is not needed.
    if ((stream[k]?.rows ?? 0) < STREAM_ROWS) stream[k] = { state: DRAWN, data: drawn.subarray(k * BLOCK_SIZE, (k + 1) * BLOCK_SIZE), rows: STREAM_ROWS };
  }
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
    for (let j = 0; j < cols; j++) data[i * cols + j] = source[i * STREAM_FEATURES + j]! / SCALE;
  }
  return tensor(data, [rows, cols]);
}

/** The population each feature is drawn from: x_c ~ N(mean_c, std_c²). */
export function streamPopulation(c: number): FeaturePopulation {
  const cols = clampSize(c, STREAM_FEATURES);
  return { mean: FULL.mean.slice(0, cols), std: FULL.std.slice(0, cols) };
}

/** Σm and Σm² of the 16 columns of batches 0 … steps − 1 (N rows each) of one seed: batch k's at k · 16 + c. */
interface StepSums {
  readonly key: string;
  readonly rows: number;
  steps: number;
  sums: Float64Array;
  squares: Float64Array;
}
/** The sums of the last few (seed, N): a new C or momentum then replays 200 × 16 sums, not 200 blocks. */
const recentSums: StepSums[] = [];
const MAX_RECENT_SUMS = 4;

function stepSums(seed: Seed, rows: number, steps: number): StepSums {
  const key = seedKey(seed);
  const index = recentSums.findIndex((e) => e.key === key && e.rows === rows);
  const entry = index >= 0 ? recentSums.splice(index, 1)[0]! : { key, rows, steps: 0, sums: new Float64Array(0), squares: new Float64Array(0) };
  recentSums.unshift(entry);
  recentSums.length = Math.min(recentSums.length, MAX_RECENT_SUMS);
  if (steps <= entry.steps) return entry;
  if (entry.sums.length < steps * STREAM_FEATURES) {
    const capacity = Math.max(steps, 2 * entry.steps) * STREAM_FEATURES;
    const sums = new Float64Array(capacity);
    const squares = new Float64Array(capacity);
    sums.set(entry.sums.subarray(0, entry.steps * STREAM_FEATURES));
    squares.set(entry.squares.subarray(0, entry.steps * STREAM_FEATURES));
    entry.sums = sums;
    entry.squares = squares;
  }
  const { sums, squares } = entry;
  for (let k = entry.steps; k < steps; k++) {
    const data = block(seed, k, rows);
    const at = k * STREAM_FEATURES;
    for (let i = 0; i < rows; i++) {
      const base = i * STREAM_FEATURES;
      for (let ch = 0; ch < STREAM_FEATURES; ch++) {
        const m = data[base + ch]!;
        sums[at + ch] = sums[at + ch]! + m;
        squares[at + ch] = squares[at + ch]! + m * m;
      }
    }
  }
  entry.steps = steps;
  return entry;
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
 * variance, both from the batch's exact integer sums (see the top of this file): the mean is the double
 * ./norms' batchNorm gives, the variance agrees with it to a few units in the last place (the tests check both).
 * With N = 1 every pass raises PyTorch's error before touching the buffers, so they stay at 0 and 1. `previous`
 * (the same stream with fewer steps) is extended, not replayed.
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
  const meanDivisor = SCALE * rows;
  const varianceDivisor = SCALE * SCALE * rows * (rows - 1);
  // The exact integer sums of each batch, kept per (seed, N): only the running update is replayed here.
  const kept = rows < 2 ? undefined : stepSums(seed, rows, total);
  for (let k = start; k < total; k++) {
    const before = k * cols;
    const after = (k + 1) * cols;
    if (!kept) {
      // PyTorch refuses the pass ("Expected more than 1 value per channel when training"); buffers unchanged.
      const data = block(seed, k, rows);
      for (let ch = 0; ch < cols; ch++) {
        mean[after + ch] = mean[before + ch]!;
        variance[after + ch] = variance[before + ch]!;
        batchMean[before + ch] = rows === 1 ? data[ch]! / SCALE : 0;
      }
      continue;
    }
    const at = k * STREAM_FEATURES;
    for (let ch = 0; ch < cols; ch++) {
      const s = kept.sums[at + ch]!;
      const batch = s / meanDivisor;
      const unbiased = (rows * kept.squares[at + ch]! - s * s) / varianceDivisor;
      mean[after + ch] = momentum * batch + (1 - momentum) * mean[before + ch]!;
      variance[after + ch] = momentum * unbiased + (1 - momentum) * variance[before + ch]!;
      batchMean[before + ch] = batch;
    }
  }
  return { mean, variance, batchMean, steps: total };
}
