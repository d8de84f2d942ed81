// Normalizing batches of token sequences (B, T, D), as a Transformer layer sees them:
// BatchNorm with and without a padding mask, LayerNorm per token, and the
// decoding widget's step: one token at a time at batch size 1, after training
// built the running statistics. Pure; built on norms.ts
// and datasets.ts. Indices in the loops are in bounds by construction, hence
// the non-null assertions on typed-array reads.

import { batchNorm, layerNorm, tensor, type BatchNormOptions, type BatchNormResult, type Tensor } from './norms';
import { channelsToTokens, tokensToChannels } from './datasets';

/** (B, T, D) of a token tensor; throws RangeError for another rank. */
export function tokenShape(x: Tensor): { b: number; t: number; d: number } {
  if (x.shape.length !== 3) throw new RangeError(`expected a (B, T, D) tensor, got shape [${x.shape.join(', ')}]`);
  const [b = 0, t = 0, d = 0] = x.shape;
  return { b, t, d };
}

/**
 * BatchNorm of a (B, T, D) batch exactly as `bn(x.permute(0, 2, 1)).permute(0, 2, 1)` with `nn.BatchNorm1d(D)`:
 * one μ_d, σ²_d per feature over all B·T positions, padding included (nn.BatchNorm1d has no mask argument).
 */
export function tokenBatchNorm(x: Tensor, options: BatchNormOptions = {}): BatchNormResult {
  tokenShape(x);
  const result = batchNorm(tokensToChannels(x), options);
  return { ...result, output: channelsToTokens(result.output) };
}

/** The real tokens of a (B, T, D) batch as an (N, D) tensor, N = Σ mask, in (b, t) order: `x[mask]`. */
export function gatherTokens(x: Tensor, mask: ArrayLike<number>): Tensor {
  const { b, t, d } = tokenShape(x);
  if (mask.length !== b * t) throw new RangeError(`mask holds ${mask.length} values, expected B·T = ${b * t}`);
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
  const out = new Float64Array(n * d);
  let row = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    out.set(x.data.subarray(i * d, (i + 1) * d), row * d);
    row++;
  }
  return tensor(out, [n, d]);
}

/** The inverse of {@link gatherTokens}: `y = zeros(B, T, D); y[mask] = rows`. */
export function scatterTokens(rows: Tensor, mask: ArrayLike<number>, shape: readonly [number, number, number]): Tensor {
  const [b, t, d] = shape;
  if (mask.length !== b * t) throw new RangeError(`mask holds ${mask.length} values, expected B·T = ${b * t}`);
  const out = new Float64Array(b * t * d);
  let row = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    if ((row + 1) * d > rows.data.length) throw new RangeError('fewer rows than real tokens in the mask');
    out.set(rows.data.subarray(row * d, (row + 1) * d), i * d);
    row++;
  }
  if (row * d !== rows.data.length) throw new RangeError('more rows than real tokens in the mask');
  return tensor(out, [b, t, d]);
}

/**
 * BatchNorm over the real tokens only, as a careful implementation does by hand:
 * gather the non-pad tokens into (N, D), normalize them with nn.BatchNorm1d(D), scatter them back;
 * pad positions get 0. Throws PyTorch's RangeError when N = 1 in training.
 */
export function maskedTokenBatchNorm(x: Tensor, mask: ArrayLike<number>, options: BatchNormOptions = {}): BatchNormResult {
  const { b, t, d } = tokenShape(x);
  const result = batchNorm(gatherTokens(x, mask), options);
  return { ...result, output: scatterTokens(result.output, mask, [b, t, d]) };
}

/** LayerNorm of every token over its D features: `nn.LayerNorm(D)(x)`, one μ and σ² per (b, t). */
export function tokenLayerNorm(x: Tensor, eps = 1e-5): Tensor {
  const { d } = tokenShape(x);
  return layerNorm(x, [d], { eps });
}

/** The first `length` tokens of sentence `b` as a (1, length, D) tensor: `x[b:b+1, :length]`. */
export function sentenceTokens(x: Tensor, b: number, length: number): Tensor {
  const { b: batch, t, d } = tokenShape(x);
  if (!Number.isInteger(b) || b < 0 || b >= batch) throw new RangeError(`sentence ${b} is outside [0, ${batch})`);
  if (!Number.isInteger(length) || length < 0 || length > t) throw new RangeError(`length ${length} is outside [0, ${t}]`);
  const start = b * t * d;
  return tensor(x.data.subarray(start, start + length * d), [1, length, d]);
}

/** The batch padded with `extra` more pad positions (zeros) per sentence: `F.pad(x, (0, 0, 0, extra))`, and its mask. */
export function padMore(x: Tensor, mask: ArrayLike<number>, extra: number): { x: Tensor; mask: Uint8Array } {
  const { b, t, d } = tokenShape(x);
  if (!Number.isInteger(extra) || extra < 0) throw new RangeError(`extra padding ${extra} must be a non-negative integer`);
  const longer = t + extra;
  const data = new Float64Array(b * longer * d);
  const longerMask = new Uint8Array(b * longer);
  for (let s = 0; s < b; s++) {
    data.set(x.data.subarray(s * t * d, (s + 1) * t * d), s * longer * d);
    for (let p = 0; p < t; p++) longerMask[s * longer + p] = mask[s * t + p] ? 1 : 0;
  }
  return { x: tensor(data, [b, longer, d]), mask: longerMask };
}

/**
 * The batch with sentence b cut to its first ℓ_b tokens: positions t ≥ ℓ_b become pads (0) and the mask
 * marks t < ℓ_b. Applied to a batch drawn at full length, it gives the batch drawn with those lengths.
 */
export function truncateSentences(x: Tensor, lengths: readonly number[]): { x: Tensor; mask: Uint8Array } {
  const { b, t, d } = tokenShape(x);
  if (lengths.length !== b) throw new RangeError(`${lengths.length} lengths for ${b} sentences`);
  const data = new Float64Array(b * t * d);
  const mask = new Uint8Array(b * t);
  lengths.forEach((length, s) => {
    if (!Number.isInteger(length) || length < 0 || length > t) throw new RangeError(`length ${length} is outside [0, ${t}]`);
    data.set(x.data.subarray(s * t * d, (s * t + length) * d), s * t * d);
    mask.fill(1, s * t, s * t + length);
  });
  return { x: tensor(data, [b, t, d]), mask };
}

/** Values rounded to `decimals` places: round(x·10ᵏ)/10ᵏ, so that a code snippet can hold them exactly as decimals. */
export function roundTo(values: ArrayLike<number>, decimals: number): Float64Array {
  const k = 10 ** decimals;
  return Float64Array.from(values, (v) => Math.round(v * k) / k || 0); // || 0: no −0
}

// ---------------------------------------------------------------- training, then decoding

/** BatchNorm's running statistics (the buffers running_mean, running_var, num_batches_tracked). */
export interface RunningStats {
  readonly mean: ArrayLike<number>;
  readonly var: ArrayLike<number>;
  readonly numBatchesTracked: number;
}

/**
 * Decoding one token at a time at batch size 1: token t is the (1, D) tensor `seq[t:t+1]`.
 * BatchNorm in evaluation uses the running statistics; in training it is refused (one value per channel),
 * with PyTorch's RangeError. Returns (T, D).
 */
export function decodeBatchNorm(sequence: Tensor, stats: RunningStats, training = false, eps = 1e-5): Tensor {
  const [t = 0, d = 0] = sequence.shape;
  const out = new Float64Array(t * d);
  for (let p = 0; p < t; p++) {
    const token = tensor(sequence.data.subarray(p * d, (p + 1) * d), [1, d]);
    const r = batchNorm(token, { training, eps, runningMean: stats.mean, runningVar: stats.var, numBatchesTracked: stats.numBatchesTracked });
    out.set(r.output.data, p * d);
  }
  return tensor(out, [t, d]);
}

/** LayerNorm one token at a time: `ln(seq[t:t+1])` for each t, stacked to (T, D). */
export function decodeLayerNorm(sequence: Tensor, eps = 1e-5): Tensor {
  const [t = 0, d = 0] = sequence.shape;
  const out = new Float64Array(t * d);
  for (let p = 0; p < t; p++) {
    const token = tensor(sequence.data.subarray(p * d, (p + 1) * d), [1, d]);
    out.set(layerNorm(token, [d], { eps }).data, p * d);
  }
  return tensor(out, [t, d]);
}

/** Per row r of two (R, D) tensors: maxₖ |a[r, k] − b[r, k]|, the largest change of one token's output. */
export function rowMaxAbsDiff(a: Tensor, b: Tensor): Float64Array {
  if (a.data.length !== b.data.length) throw new RangeError(`sizes differ: ${a.data.length} and ${b.data.length}`);
  const d = a.shape[a.shape.length - 1] ?? 0;
  const rows = d === 0 ? 0 : a.data.length / d;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let worst = 0;
    for (let k = r * d; k < (r + 1) * d; k++) worst = Math.max(worst, Math.abs(a.data[k]! - b.data[k]!));
    out[r] = worst;
  }
  return out;
}
