// The lab's settings: which task, which normalization, the model's sizes and the optimizer.
// Everything a run depends on is in a LabConfig; the same LabConfig gives the same run.

/** The normalization layer: LayerNorm, RMSNorm, BatchNorm over every (sequence, position) including pads, BatchNorm over real tokens only, or none. */
export type NormKind = 'ln' | 'rms' | 'bn' | 'bnm' | 'none';

/** Every {@link NormKind}, in display order. */
export const NORM_KINDS: readonly NormKind[] = ['ln', 'rms', 'bn', 'bnm', 'none'];

/** True for the norms with batch statistics and running statistics: bn and bnm. */
export function isBatchNorm(norm: NormKind): boolean {
  return norm === 'bn' || norm === 'bnm';
}

/** Lab 1 "sort the digits" (bidirectional, key-padding mask) or Lab 2 "causal copy" (causal mask). */
export type LabTask = 'sort' | 'copy';

/** Which keys a query may attend to: real (non-pad) keys, or keys at positions ≤ its own. */
export type MaskKind = 'padding' | 'causal';

/** Storage of parameters and activations: float32 (speed in the browser) or float64 (parity with PyTorch). */
export type Precision = 'float32' | 'float64';

/** The Transformer's shape: vocabulary V, positions T, width d, heads, feed-forward width, layers, norm, mask. */
export interface ModelConfig {
  readonly vocab: number;
  /** Longest sequence (rows of the positional embedding). */
  readonly maxLen: number;
  readonly dModel: number;
  readonly heads: number;
  readonly ffn: number;
  readonly layers: number;
  readonly norm: NormKind;
  readonly mask: MaskKind;
  /** ε inside every norm's square root (LayerNorm, RMSNorm, BatchNorm alike). */
  readonly eps: number;
  /** BatchNorm's running-statistics momentum: running ← (1 − m)·running + m·batch. */
  readonly momentum: number;
  /** Standard deviation of the positional embedding's initial N(0, σ²) draw (token embeddings draw N(0, 1)). */
  readonly posInitStd: number;
}

/** Adam with linear warm-up then cosine decay: lr·(s+1)/W for s < W, else lr·½(1 + cos(π(s−W)/(S−W))). */
export interface OptimizerConfig {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly warmup: number;
  /** Total number of steps S (the cosine reaches its end at S). */
  readonly steps: number;
}

/** A whole run: task, model, optimizer, batch size, padding, seed, precision. */
export interface LabConfig {
  readonly task: LabTask;
  readonly batch: number;
  /** Pad every training batch to the model's maxLen T (Lab 1), or to its longest sequence (Lab 2). */
  readonly padToMaxLen: boolean;
  readonly seed: number;
  readonly precision: Precision;
  readonly model: ModelConfig;
  readonly optimizer: OptimizerConfig;
}

/** The settings a reader can change; everything else follows from the task. */
export interface LabSettings {
  readonly task: LabTask;
  readonly norm: NormKind;
  readonly batch?: number;
  readonly steps?: number;
  readonly seed?: number;
  readonly precision?: Precision;
}

/** Tokens of Lab 1: 0 is the pad, 1–9 the digits. */
export const SORT_VOCAB = 10;
/** Tokens of Lab 2: 0 pad, 1–8 the symbols, then BOS, SEP, EOS. */
export const COPY_VOCAB = 12;

/** Default batch size per task: 4 for sorting, 2 for the copy language model. */
export const DEFAULT_BATCH: Readonly<Record<LabTask, number>> = { sort: 4, copy: 2 };
/** Default number of training steps per task: 1,500 and 3,000. */
export const DEFAULT_STEPS: Readonly<Record<LabTask, number>> = { sort: 1500, copy: 3000 };

/** The default storage: float64 (measured 8–10 % faster than float32 in V8 at this size; see README.md). */
export const DEFAULT_PRECISION: Precision = 'float64';

/**
 * Initial σ of the positional embedding per task (token embeddings draw N(0, 1), nn.Embedding's default): 0.02 for
 * sorting, 0.5 for copying. Chosen by measurement, as the scales under which the measured results
 * (../shared/research/lab-results.md; sorting measured in PyTorch, copying with a TypeScript prototype) reproduce.
 * Sorting trains more slowly with larger σ (at 0.5 LayerNorm reaches 98.6 % instead of 99 %, BatchNorm 83 % instead
 * of 86 %); copying is less reliable with smaller σ (at 0.02 LayerNorm copies 78–84 % of the sequences instead of
 * 98–100 %; at 0.3 BatchNorm stays above the floor in one seed of three) or larger (at 1 LayerNorm copies 68 % in one seed).
 */
export const POS_INIT_STD: Readonly<Record<LabTask, number>> = { sort: 0.02, copy: 0.5 };

/** Training batches per task: Lab 1 padded to T = 16 (≈ 44 % pads), Lab 2 padded to the longer of its sequences. */
export const PAD_TO_MAX_LEN: Readonly<Record<LabTask, boolean>> = { sort: true, copy: false };

/** The full config of a run: d = 32, 2 heads, FFN 64, 2 layers, T = 16, Adam(3e-3, 0.9, 0.999, 1e-8), 100 warm-up steps. */
export function labConfig(settings: LabSettings): LabConfig {
  const { task, norm } = settings;
  const steps = settings.steps ?? DEFAULT_STEPS[task];
  return {
    task,
    batch: settings.batch ?? DEFAULT_BATCH[task],
    padToMaxLen: PAD_TO_MAX_LEN[task],
    seed: settings.seed ?? 1,
    precision: settings.precision ?? DEFAULT_PRECISION,
    model: {
      vocab: task === 'sort' ? SORT_VOCAB : COPY_VOCAB,
      maxLen: 16,
      dModel: 32,
      heads: 2,
      ffn: 64,
      layers: 2,
      norm,
      mask: task === 'sort' ? 'padding' : 'causal',
      eps: 1e-5,
      momentum: 0.1,
      posInitStd: POS_INIT_STD[task],
    },
    optimizer: { lr: 3e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, warmup: 100, steps },
  };
}

/** Throws a RangeError naming the first setting that cannot build a model (heads ∤ d, sizes < 1, …). */
export function validateModelConfig(c: ModelConfig): void {
  const positive: (keyof ModelConfig)[] = ['vocab', 'maxLen', 'dModel', 'heads', 'ffn', 'layers'];
  for (const key of positive) {
    const v = c[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new RangeError(`${key} must be a positive integer`);
  }
  if (c.dModel % c.heads !== 0) throw new RangeError('dModel must be divisible by heads');
  if (!(c.eps > 0)) throw new RangeError('eps must be positive');
  if (!(c.momentum >= 0 && c.momentum <= 1)) throw new RangeError('momentum must lie in [0, 1]');
  if (!(c.posInitStd >= 0)) throw new RangeError('posInitStd must be ≥ 0');
}
