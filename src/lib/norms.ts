// The normalization layers, computed exactly as PyTorch does in float64: same
// axes, biased variance for normalizing, unbiased variance for BatchNorm's
// running variance, ε inside the square root, same errors. Statistics come
// from the scaled two-pass kernel in ./stats, so inputs near 1e150 or 1e-150
// give PyTorch's (finite) answer. Indices in the loops are in bounds by
// construction, hence the non-null assertions on typed-array reads.

import * as stats from './stats';
import type { Moments } from './stats';

// Bound once at load: module wrappers (Vite's dev server, Vitest's runner) turn every
// read of an imported binding into a getter call, which would show in the per-row loops.
const { inverseScale, momentsInverseStd, momentsVariance, powerOfTwoScale, segmentMoments } = stats;

/** A dense, row-major array of float64 values. */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** Number of elements of a shape: Π shapeᵢ (1 for a scalar shape []). */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const n of shape) size *= n;
  return size;
}

function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** The values as one flat Float64Array; nested arrays (as torch's tolist() writes them) are flattened row-major. */
function flatValues(values: ArrayLike<number>): Float64Array {
  if (Array.isArray(values) && values.some(Array.isArray)) {
    return Float64Array.from((values as unknown[]).flat(Number.POSITIVE_INFINITY) as number[]);
  }
  return Float64Array.from(values);
}

/** Copies `values` into a tensor of `shape` (row-major); throws RangeError if Π shape ≠ values.length. */
export function tensor(values: ArrayLike<number>, shape: readonly number[]): Tensor {
  const data = flatValues(values);
  for (const n of shape) {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`shape ${formatShape(shape)} must hold non-negative integers`);
    }
  }
  const size = shapeSize(shape);
  if (size !== data.length) {
    throw new RangeError(`shape ${formatShape(shape)} holds ${size} values, but ${data.length} were given`);
  }
  return { shape: [...shape], data };
}

/** A copy of parameter γ, β or a running statistic, or `fill` when absent (undefined or null); RangeError on a wrong length. */
function parameter(
  values: ArrayLike<number> | null | undefined,
  length: number,
  fill: number,
  name: string,
): Float64Array {
  if (values === undefined || values === null) return new Float64Array(length).fill(fill);
  const copy = flatValues(values);
  if (copy.length !== length) {
    throw new RangeError(`${name} should contain ${length} elements not ${copy.length}`);
  }
  return copy;
}

/** normalizedShape as an array (PyTorch also accepts a single integer). */
function asShape(normalizedShape: readonly number[] | number): readonly number[] {
  return typeof normalizedShape === 'number' ? [normalizedShape] : normalizedShape;
}

function requireRank(input: Tensor, rank: number, name: string): void {
  if (input.shape.length < rank) {
    throw new RangeError(
      `${name}: expected at least ${rank} dimensions for input tensor but received ${input.shape.length}`,
    );
  }
}

/** Channels C (axis 1) and spatial size S = Π shape[2:] of an (N, C, ...) input. */
function layout(input: Tensor): { n: number; c: number; spatial: number } {
  const [n = 0, c = 0, ...rest] = input.shape;
  return { n, c, spatial: shapeSize(rest) };
}

// ---------------------------------------------------------------- BatchNorm

/** Options of {@link batchNorm}; the defaults are those of `nn.BatchNorm1d(C)`. */
export interface BatchNormOptions {
  /** Normalize with the batch's statistics and update the running ones (default true). */
  training?: boolean;
  /** Running-average factor (default 0.1); null = cumulative average, factor 1/numBatchesTracked. */
  momentum?: number | null;
  /** ε added to the variance inside the square root (default 1e-5). */
  eps?: number;
  /** γ, length C, default all 1. */
  weight?: ArrayLike<number>;
  /** β, length C, default all 0. */
  bias?: ArrayLike<number>;
  /** Running mean before this call, length C, default all 0. */
  runningMean?: ArrayLike<number>;
  /** Running variance before this call, length C, default all 1. */
  runningVar?: ArrayLike<number>;
  /** Training calls so far (default 0). */
  numBatchesTracked?: number;
}

/** What {@link batchNorm} returns: the output and the statistics before and after. */
export interface BatchNormResult {
  /** y, same shape as the input. */
  output: Tensor;
  /** This batch's mean per channel: μ_c = Σ x / m over (N, spatial). */
  batchMean: Float64Array;
  /** This batch's biased variance per channel: σ²_c = Σ(x − μ_c)² / m (used to normalize in training). */
  batchVar: Float64Array;
  /** Running mean after this call: (1 − f)·running + f·μ (unchanged in evaluation). */
  runningMean: Float64Array;
  /** Running variance after this call: (1 − f)·running + f·Σ(x − μ)²/(m − 1) (unchanged in evaluation). */
  runningVar: Float64Array;
  /** Training calls so far, this one included. */
  numBatchesTracked: number;
}

/** PyTorch's InvStd for BatchNorm and InstanceNorm: 1/√(σ² + ε), but 0 when σ² = ε = 0 (the output is then β). */
function batchInverseStd(m: Moments, eps: number): number {
  return m.sumSquares === 0 && eps === 0 ? 0 : momentsInverseStd(m, eps);
}

/** The error PyTorch raises for a training batch with one value per channel. */
function batchOfOneError(size: readonly number[]): RangeError {
  return new RangeError(
    `Expected more than 1 value per channel when training, got input size ${formatShape(size)}`,
  );
}

/**
 * Batch normalization over every axis but 1:
 * y = (x − μ_c) / √(σ²_c + ε) · γ_c + β_c, with the batch's μ, σ² (biased) in training
 * and the running statistics in evaluation; running ← (1 − f)·running + f·batch, f = momentum or 1/numBatchesTracked.
 */
export function batchNorm(input: Tensor, options: BatchNormOptions = {}): BatchNormResult {
  requireRank(input, 2, 'batchNorm');
  const { n, c, spatial } = layout(input);
  const training = options.training ?? true;
  const momentum = options.momentum === undefined ? 0.1 : options.momentum;
  const eps = options.eps ?? 1e-5;
  const weight = parameter(options.weight, c, 1, 'weight');
  const bias = parameter(options.bias, c, 0, 'bias');
  const runningMean = parameter(options.runningMean, c, 0, 'running_mean');
  const runningVar = parameter(options.runningVar, c, 1, 'running_var');
  let numBatchesTracked = options.numBatchesTracked ?? 0;
  const perChannel = n * spatial;
  if (training && perChannel <= 1) throw batchOfOneError(input.shape);

  const x = input.data;
  const stride = c * spatial;
  const batchMean = new Float64Array(c);
  const batchVar = new Float64Array(c);
  const moments: Moments[] = [];
  for (let ch = 0; ch < c; ch++) {
    const m = segmentMoments(x, ch * spatial, spatial, n, stride);
    moments.push(m);
    batchMean[ch] = m.mean;
    batchVar[ch] = momentsVariance(m, perChannel);
  }

  // Per channel, y = (x − shift)·scale + β.
  const shift = new Float64Array(c);
  const scale = new Float64Array(c);
  if (training) {
    numBatchesTracked += 1;
    const factor = momentum === null ? 1 / numBatchesTracked : momentum;
    for (let ch = 0; ch < c; ch++) {
      const m = moments[ch]!;
      shift[ch] = m.mean;
      scale[ch] = batchInverseStd(m, eps) * weight[ch]!;
      const unbiased = momentsVariance(m, perChannel - 1);
      runningMean[ch] = factor * m.mean + (1 - factor) * runningMean[ch]!;
      runningVar[ch] = factor * unbiased + (1 - factor) * runningVar[ch]!;
    }
  } else {
    for (let ch = 0; ch < c; ch++) {
      shift[ch] = runningMean[ch]!;
      scale[ch] = (1 / Math.sqrt(runningVar[ch]! + eps)) * weight[ch]!;
    }
  }

  const out = new Float64Array(x.length);
  for (let i = 0; i < n; i++) {
    for (let ch = 0; ch < c; ch++) {
      const base = i * stride + ch * spatial;
      const mu = shift[ch]!;
      const k = scale[ch]!;
      const b = bias[ch]!;
      for (let j = base; j < base + spatial; j++) out[j] = (x[j]! - mu) * k + b;
    }
  }
  return {
    output: { shape: [...input.shape], data: out },
    batchMean,
    batchVar,
    runningMean,
    runningVar,
    numBatchesTracked,
  };
}

// ---------------------------------------------------------------- LayerNorm, RMSNorm

/** Options of {@link layerNorm}; γ and β have Π normalizedShape elements. */
export interface LayerNormOptions {
  /** ε inside the square root (default 1e-5). */
  eps?: number;
  /** γ, elementwise over the normalized axes, default all 1. */
  weight?: ArrayLike<number>;
  /** β, elementwise over the normalized axes, default all 0. */
  bias?: ArrayLike<number>;
}

/** Options of {@link rmsNorm}. */
export interface RmsNormOptions {
  /** ε inside the square root (default Number.EPSILON = torch.finfo(torch.float64).eps). */
  eps?: number;
  /** γ, elementwise over the normalized axes, default all 1. */
  weight?: ArrayLike<number>;
}

/** Size of one normalized group; throws PyTorch's RangeError if the trailing axes do not match. */
function trailingSize(input: Tensor, shape: readonly number[] | number): number {
  const normalizedShape = asShape(shape);
  const offset = input.shape.length - normalizedShape.length;
  const matches = offset >= 0 && normalizedShape.every((d, i) => input.shape[offset + i] === d);
  if (!matches) {
    throw new RangeError(
      `Given normalized_shape=${formatShape(normalizedShape)}, expected input with shape ` +
        `[*, ${normalizedShape.join(', ')}], but got input of size${formatShape(input.shape)}`,
    );
  }
  return shapeSize(normalizedShape);
}

/** Layer normalization over the trailing axes: y = (x − μ) / √(σ² + ε) · γ + β, one μ and biased σ² per leading index. */
export function layerNorm(input: Tensor, normalizedShape: readonly number[], options: LayerNormOptions = {}): Tensor {
  const size = trailingSize(input, normalizedShape);
  const eps = options.eps ?? 1e-5;
  const weight = parameter(options.weight, size, 1, 'weight');
  const bias = parameter(options.bias, size, 0, 'bias');
  const x = input.data;
  const out = new Float64Array(x.length);
  const rows = size === 0 ? 0 : x.length / size;
  for (let r = 0; r < rows; r++) {
    const base = r * size;
    const m = segmentMoments(x, base, size);
    const k = momentsInverseStd(m, eps);
    for (let j = 0; j < size; j++) out[base + j] = (x[base + j]! - m.mean) * k * weight[j]! + bias[j]!;
  }
  return { shape: [...input.shape], data: out };
}

/** Root-mean-square normalization over the trailing axes: y = x / √(Σx²/M + ε) · γ (no centring, no bias). */
export function rmsNorm(input: Tensor, normalizedShape: readonly number[], options: RmsNormOptions = {}): Tensor {
  const size = trailingSize(input, normalizedShape);
  const eps = options.eps ?? Number.EPSILON;
  const weight = parameter(options.weight, size, 1, 'weight');
  const x = input.data;
  const out = new Float64Array(x.length);
  const rows = size === 0 ? 0 : x.length / size;
  for (let r = 0; r < rows; r++) {
    const base = r * size;
    let maxAbs = 0;
    for (let j = base; j < base + size; j++) maxAbs = Math.max(maxAbs, Math.abs(x[j]!));
    // x / √(Σx²/M + ε) = (x/s) / √(Σ(x/s)²/M + ε/s²) for a power of two s (exact scaling).
    const s = powerOfTwoScale(maxAbs);
    const inv = inverseScale(s);
    let squares = 0;
    for (let j = base; j < base + size; j++) {
      const v = x[j]! * inv;
      squares += v * v;
    }
    const e = eps * inv * inv;
    if (Number.isFinite(e)) {
      const denominator = Math.sqrt(squares / size + e);
      for (let j = 0; j < size; j++) out[base + j] = ((x[base + j]! * inv) / denominator) * weight[j]!;
    } else {
      // ε/s² overflows only when Σx²/M ≪ ε: the mean square does not matter.
      const denominator = Math.sqrt(eps);
      for (let j = 0; j < size; j++) out[base + j] = (x[base + j]! / denominator) * weight[j]!;
    }
  }
  return { shape: [...input.shape], data: out };
}

// ---------------------------------------------------------------- GroupNorm, InstanceNorm

/** Options of {@link groupNorm} and {@link instanceNorm}; γ and β are per channel. */
export interface ChannelNormOptions {
  /** ε inside the square root (default 1e-5). */
  eps?: number;
  /** γ, length C, default all 1. */
  weight?: ArrayLike<number>;
  /** β, length C, default all 0. */
  bias?: ArrayLike<number>;
}

/**
 * Normalizes each contiguous block of `channelsPerBlock · spatial` values of an (N, C, ...) input:
 * y = (x − μ) / √(σ² + ε) · γ_c + β_c.
 */
function blockNorm(
  input: Tensor,
  channelsPerBlock: number,
  options: ChannelNormOptions,
  inverseStd: (m: Moments, eps: number) => number,
): Tensor {
  const { c, spatial } = layout(input);
  const eps = options.eps ?? 1e-5;
  const weight = parameter(options.weight, c, 1, 'weight');
  const bias = parameter(options.bias, c, 0, 'bias');
  const x = input.data;
  const out = new Float64Array(x.length);
  const blockSize = channelsPerBlock * spatial;
  const blocks = blockSize === 0 ? 0 : x.length / blockSize;
  const blocksPerSample = c / channelsPerBlock;
  for (let b = 0; b < blocks; b++) {
    const base = b * blockSize;
    const m = segmentMoments(x, base, blockSize);
    const k = inverseStd(m, eps);
    const firstChannel = (b % blocksPerSample) * channelsPerBlock;
    for (let ch = 0; ch < channelsPerBlock; ch++) {
      const g = weight[firstChannel + ch]!;
      const beta = bias[firstChannel + ch]!;
      const start = base + ch * spatial;
      for (let j = start; j < start + spatial; j++) out[j] = (x[j]! - m.mean) * k * g + beta;
    }
  }
  return { shape: [...input.shape], data: out };
}

/**
 * Group normalization: C channels in G groups, one μ and biased σ² per (sample, group) over the group's channels
 * and all spatial positions; y = (x − μ) / √(σ² + ε) · γ_c + β_c. Throws RangeError unless C is divisible by G.
 */
export function groupNorm(input: Tensor, numGroups: number, options: ChannelNormOptions = {}): Tensor {
  requireRank(input, 2, 'groupNorm');
  if (!Number.isSafeInteger(numGroups) || numGroups < 1) {
    throw new RangeError(`num_groups must be a positive integer, got ${numGroups}`);
  }
  const { n, c, spatial } = layout(input);
  // PyTorch first checks that a group has more than one value (with its own rounding of N·C/G).
  const verified = [Math.floor((n * c) / numGroups), numGroups, ...input.shape.slice(2)];
  if (verified[0]! * spatial === 1) throw batchOfOneError(verified);
  if (c % numGroups !== 0) {
    throw new RangeError(
      `Expected number of channels in input to be divisible by num_groups, but got input of shape ` +
        `${formatShape(input.shape)} and num_groups=${numGroups}`,
    );
  }
  return blockNorm(input, c / numGroups, options, momentsInverseStd);
}

/**
 * Instance normalization: one μ and biased σ² per (sample, channel) over the spatial axes, no running statistics;
 * y = (x − μ) / √(σ² + ε) · γ_c + β_c. Throws RangeError when there is only one spatial element.
 */
export function instanceNorm(input: Tensor, options: ChannelNormOptions = {}): Tensor {
  requireRank(input, 2, 'instanceNorm');
  if (layout(input).spatial === 1) {
    throw new RangeError(
      `Expected more than 1 spatial element when training, got input size ${formatShape(input.shape)}`,
    );
  }
  return blockNorm(input, 1, options, batchInverseStd); // PyTorch runs it as a BatchNorm
}

// ---------------------------------------------------------------- feature scaling

/** Min–max scaling: y = a + (x − min)/(max − min) · (b − a) for range [a, b] (default [0, 1]); constant input → a. */
export function minMaxScale(values: ArrayLike<number>, range: readonly [number, number] = [0, 1]): Float64Array {
  const x = flatValues(values);
  const [lo, hi] = range;
  const out = new Float64Array(x.length);
  if (x.length === 0) return out;
  let xMin = x[0]!;
  let xMax = x[0]!;
  for (const v of x) {
    if (v < xMin) xMin = v;
    if (v > xMax) xMax = v;
  }
  if (xMin === xMax) return out.fill(lo);
  const span = xMax - xMin;
  const width = hi - lo;
  const halves = !Number.isFinite(span); // max − min beyond the largest double: work with halves
  for (let i = 0; i < x.length; i++) {
    const t = halves ? (x[i]! * 0.5 - xMin * 0.5) / (xMax * 0.5 - xMin * 0.5) : (x[i]! - xMin) / span;
    out[i] = Number.isFinite(width) ? t * width + lo : lo * (1 - t) + hi * t;
  }
  return out;
}

/** Standardization: z = (x − μ) / σ with the population σ (ddof 0); constant input → 0. */
export function standardize(values: ArrayLike<number>): Float64Array {
  const x = flatValues(values);
  const out = new Float64Array(x.length);
  if (x.length === 0 || x.every((v) => v === x[0])) return out;
  const m = segmentMoments(x, 0, x.length);
  const sigma = Math.sqrt(m.sumSquares / x.length) * m.scale;
  for (let i = 0; i < x.length; i++) out[i] = (x[i]! - m.mean) / sigma;
  return out;
}
