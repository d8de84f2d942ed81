// Seeded data sets for the widgets. Every value is a pure function of the seed
// and of its position (feature draw, batch k / row i / redraw r, sentence b /
// token t), so growing a batch keeps its first rows, and "change the
// batchmates" redraws exactly one row.

import { tensor, type Tensor } from './norms';
import { createRng, portableExp, portableSqrt, type Rng, type Seed } from './random';

// ---------------------------------------------------------------- one feature

/** The shapes a single feature can be drawn from. */
export type Distribution = 'normal' | 'skewed' | 'bimodal' | 'uniform';

/** Every {@link Distribution}, in display order. */
export const DISTRIBUTIONS: readonly Distribution[] = ['normal', 'skewed', 'bimodal', 'uniform'];

/** σ of log X for the skewed (log-normal) shape. */
const LOG_SIGMA = 0.75;
const LOGNORMAL_MEAN = portableExp((LOG_SIGMA * LOG_SIGMA) / 2); // E[X] = e^{σ²/2}
const LOGNORMAL_STD = portableSqrt((portableExp(LOG_SIGMA * LOG_SIGMA) - 1) * portableExp(LOG_SIGMA * LOG_SIGMA));
/** Bimodal: ½·N(−0.9, 0.19) + ½·N(0.9, 0.19), so mean 0 and variance 0.19 + 0.81 = 1. */
const MODE = 0.9;
const MODE_STD = portableSqrt(1 - MODE * MODE);
const SQRT3 = portableSqrt(3);

/** Population skewness of each shape after standardizing (log-normal: (e^{σ²} + 2)·√(e^{σ²} − 1)). */
export const DISTRIBUTION_SKEWNESS: Readonly<Record<Distribution, number>> = {
  normal: 0,
  skewed: (portableExp(LOG_SIGMA * LOG_SIGMA) + 2) * portableSqrt(portableExp(LOG_SIGMA * LOG_SIGMA) - 1),
  bimodal: 0,
  uniform: 0,
};

/** One draw with population mean 0 and std 1: z, (e^{σz} − e^{σ²/2})/sd, ±0.9 + √0.19·z, or √3·(2u − 1). */
export function standardDraw(rng: Rng, distribution: Distribution): number {
  switch (distribution) {
    case 'normal':
      return rng.normal();
    case 'skewed':
      return (portableExp(LOG_SIGMA * rng.normal()) - LOGNORMAL_MEAN) / LOGNORMAL_STD;
    case 'bimodal': {
      const side = rng.uniform() < 0.5 ? -MODE : MODE;
      return side + MODE_STD * rng.normal();
    }
    case 'uniform':
      return SQRT3 * (2 * rng.uniform() - 1);
    default: {
      const unknown: never = distribution;
      throw new RangeError(`unknown distribution ${String(unknown)}`);
    }
  }
}

/** Options of {@link sampleFeature}. */
export interface FeatureOptions {
  readonly distribution: Distribution;
  /** Number of values. */
  readonly n: number;
  readonly seed: Seed;
  /** Population mean (default 0). */
  readonly mean?: number;
  /** Population standard deviation (default 1). */
  readonly std?: number;
  /** When given, the last value is replaced by the outlier mean + outlier·std (e.g. 8 = eight std above). */
  readonly outlier?: number;
}

/** n draws of one feature: xᵢ = mean + std·zᵢ with zᵢ from the standardized shape; optional outlier last. */
export function sampleFeature(options: FeatureOptions): Float64Array {
  const { distribution, n, seed, mean = 0, std = 1, outlier } = options;
  const rng = createRng(seed, 'feature', distribution);
  const count = Math.max(0, Math.floor(n));
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = mean + std * standardDraw(rng, distribution);
  if (outlier !== undefined && count > 0) out[count - 1] = mean + outlier * std;
  return out;
}

// ---------------------------------------------------------------- a batch of activations (N, C)

/** Population means of the default features: visibly different offsets, cycled when C > 16. */
export const FEATURE_MEANS: readonly number[] = [0, 5, -3, 20, 0.5, -10, 2, 50, -1, 8, -25, 1, 12, -4, 30, -0.5];
/** Population standard deviations of the default features: scales from 0.1 to 25, cycled when C > 16. */
export const FEATURE_STDS: readonly number[] = [1, 3, 0.5, 10, 0.2, 4, 1.5, 25, 0.8, 6, 12, 0.3, 5, 2, 15, 0.1];

/** A stream of activation batches: batch k, row i is drawn from (seed, k, i). */
export interface ActivationSpec {
  readonly seed: Seed;
  /** N, samples per batch. */
  readonly batchSize: number;
  /** C, features per sample. */
  readonly features: number;
  /** Population mean per feature (length C); default {@link FEATURE_MEANS} cycled. */
  readonly means?: ArrayLike<number>;
  /** Population std per feature (length C); default {@link FEATURE_STDS} cycled. */
  readonly stds?: ArrayLike<number>;
}

/** The known population mean and std of each feature. */
export interface FeaturePopulation {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

function cycled(values: ArrayLike<number> | undefined, fallback: readonly number[], length: number): Float64Array {
  const out = new Float64Array(length);
  for (let c = 0; c < length; c++) {
    out[c] = values !== undefined && values.length > 0 ? (values[c % values.length] ?? 0) : (fallback[c % fallback.length] ?? 0);
  }
  return out;
}

/** Population statistics of the stream's features: x_c ~ N(mean_c, std_c²). */
export function activationPopulation(spec: ActivationSpec): FeaturePopulation {
  return { mean: cycled(spec.means, FEATURE_MEANS, spec.features), std: cycled(spec.stds, FEATURE_STDS, spec.features) };
}

/** Row i of batch k (redraw number r, default 0): x_c = mean_c + std_c·z, z ~ N(0, 1) from (seed, k, i, r). */
export function activationRow(spec: ActivationSpec, batchIndex: number, row: number, draw = 0): Float64Array {
  const { mean, std } = activationPopulation(spec);
  const rng = createRng(spec.seed, 'activations', batchIndex, row, draw);
  return mean.map((m, c) => m + (std[c] ?? 0) * rng.normal());
}

/** Batch k of the stream, shape (N, C); `draws[i]` (default 0) selects row i's redraw. */
export function activationBatch(spec: ActivationSpec, batchIndex = 0, draws?: ArrayLike<number>): Tensor {
  const n = Math.max(0, Math.floor(spec.batchSize));
  const c = Math.max(0, Math.floor(spec.features));
  const data = new Float64Array(n * c);
  for (let i = 0; i < n; i++) data.set(activationRow(spec, batchIndex, i, draws?.[i] ?? 0), i * c);
  return tensor(data, [n, c]);
}

/** A copy of t whose sample `row` (a slice along axis 0) holds `values`; throws RangeError on a bad row or length. */
export function replaceRow(t: Tensor, row: number, values: ArrayLike<number>): Tensor {
  const n = t.shape[0] ?? 0;
  const width = n === 0 ? 0 : t.data.length / n;
  if (!Number.isInteger(row) || row < 0 || row >= n) throw new RangeError(`row ${row} is outside [0, ${n})`);
  if (values.length !== width) throw new RangeError(`a row holds ${width} values, but ${values.length} were given`);
  const data = Float64Array.from(t.data);
  data.set(Float64Array.from(values), row * width);
  return tensor(data, t.shape);
}

/** Batch k with sample `row` replaced by its redraw number `draw` (a fresh draw from the same population). */
export function redrawActivationRow(
  spec: ActivationSpec,
  batch: Tensor,
  batchIndex: number,
  row: number,
  draw: number,
): Tensor {
  return replaceRow(batch, row, activationRow(spec, batchIndex, row, draw));
}

// ---------------------------------------------------------------- token embeddings (B, T, D)

/** Sentences of different lengths, padded to T; token (b, t) is drawn from (seed, b, draw_b, t). */
export interface TokenSpec {
  readonly seed: Seed;
  /** Real tokens per sentence; B = lengths.length. Rounded and clamped to [0, T]. */
  readonly lengths: readonly number[];
  /** D, the embedding width. */
  readonly dim: number;
  /** T, the padded length; default max(lengths). */
  readonly maxLength?: number;
  /** Redraw number per sentence (default 0): a new number gives that sentence fresh tokens. */
  readonly draws?: readonly number[];
}

/** A padded batch of token embeddings. */
export interface TokenBatch {
  /** (B, T, D); padding positions hold 0, as a masked padded embedding does. */
  readonly embeddings: Tensor;
  /** (B, T) row-major: 1 for a real token, 0 for padding. */
  readonly mask: Uint8Array;
  /** The lengths actually used (rounded, clamped to [0, T]). */
  readonly lengths: readonly number[];
  /** Population mean of each embedding dimension (length D). */
  readonly dimMean: Float64Array;
  /** Population std of each embedding dimension (length D). */
  readonly dimStd: Float64Array;
}

/** Population of the embedding dimensions: mean_d ~ N(0, 0.5²), std_d ~ U[0.5, 1.5), dimension 0 an outlier (mean 4, std 2). */
export function tokenPopulation(seed: Seed, dim: number): { mean: Float64Array; std: Float64Array } {
  const rng = createRng(seed, 'token-dims');
  const mean = new Float64Array(dim);
  const std = new Float64Array(dim);
  for (let d = 0; d < dim; d++) {
    mean[d] = rng.normal(0, 0.5);
    std[d] = rng.range(0.5, 1.5);
  }
  if (dim > 1) {
    mean[0] = 4; // one large "outlier" dimension, as real Transformer activations have
    std[0] = 2;
  }
  return { mean, std };
}

/** One real token: x_d = mean_d + std_d·z, z ~ N(0, 1) from (seed, b, draw, t). */
function tokenEmbedding(seed: Seed, b: number, draw: number, t: number, mean: Float64Array, std: Float64Array): Float64Array {
  const rng = createRng(seed, 'tokens', b, draw, t);
  return mean.map((m, d) => m + (std[d] ?? 0) * rng.normal());
}

/** A (B, T, D) batch of sentences with lengths ℓ_b: x[b, t] = token(b, t) for t < ℓ_b, else 0; mask[b, t] = [t < ℓ_b]. */
export function tokenBatch(spec: TokenSpec): TokenBatch {
  const dim = Math.max(0, Math.floor(spec.dim));
  const longest = spec.lengths.reduce((a, l) => Math.max(a, Number.isFinite(l) ? Math.round(l) : 0), 0);
  const t = Math.max(0, Math.floor(spec.maxLength ?? longest));
  const lengths = spec.lengths.map((l) => (Number.isFinite(l) ? Math.min(t, Math.max(0, Math.round(l))) : 0));
  const b = lengths.length;
  const { mean, std } = tokenPopulation(spec.seed, dim);
  const data = new Float64Array(b * t * dim);
  const mask = new Uint8Array(b * t);
  lengths.forEach((length, s) => {
    const draw = spec.draws?.[s] ?? 0;
    for (let p = 0; p < length; p++) {
      data.set(tokenEmbedding(spec.seed, s, draw, p, mean, std), (s * t + p) * dim);
      mask[s * t + p] = 1;
    }
  });
  return { embeddings: tensor(data, [b, t, dim]), mask, lengths, dimMean: mean, dimStd: std };
}

/** The same batch with sentence b's tokens replaced by its redraw number `draw` (its length and the others kept). */
export function redrawSentence(spec: TokenSpec, sentence: number, draw: number): TokenBatch {
  const draws = spec.lengths.map((_, s) => (s === sentence ? draw : (spec.draws?.[s] ?? 0)));
  return tokenBatch({ ...spec, draws });
}

/** (B, T, D) → (B, D, T), the layout nn.BatchNorm1d(D) expects for a batch of token sequences. */
export function tokensToChannels(x: Tensor): Tensor {
  const [b = 0, t = 0, d = 0] = x.shape;
  const out = new Float64Array(x.data.length);
  for (let s = 0; s < b; s++) {
    for (let p = 0; p < t; p++) {
      for (let k = 0; k < d; k++) out[(s * d + k) * t + p] = x.data[(s * t + p) * d + k] ?? 0;
    }
  }
  return tensor(out, [b, d, t]);
}

/** (B, D, T) → (B, T, D), the inverse of {@link tokensToChannels}. */
export function channelsToTokens(x: Tensor): Tensor {
  const [b = 0, d = 0, t = 0] = x.shape;
  const out = new Float64Array(x.data.length);
  for (let s = 0; s < b; s++) {
    for (let k = 0; k < d; k++) {
      for (let p = 0; p < t; p++) out[(s * t + p) * d + k] = x.data[(s * d + k) * t + p] ?? 0;
    }
  }
  return tensor(out, [b, t, d]);
}
