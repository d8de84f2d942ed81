// The LayerNorm explorer's model: state → batch, LayerNorm and BatchNorm outputs, the chosen sample's change
// when its batchmates are replaced or it is scaled, train vs eval, and the PyTorch code. Pure; numbers from src/lib.
import { batchNorm, layerNorm, tensor, type Tensor } from '../../lib/norms';
import { maxAbsDiff, momentsVariance, segmentMoments } from '../../lib/stats';
import { runningHistory, streamBatch, STREAM_STEPS_PER_UNIT } from '../../lib/activation-stream';
import { createRng } from '../../lib/random';
import { defineState, type StateOf } from '../../lib/url-state';
import { formatNumber } from '../../charts/format';
import type { Lang } from '../../i18n/sections';
import type { WidgetView } from '../view';
import { SNIPPET_HEADER } from '../snippet-header';
import { labels, type LayerNormLabels } from './labels';

/** Factors the chosen sample can be scaled by (a log-ish ladder from 0.1 to 10). */
export const SCALES = ['0.1', '0.2', '0.5', '1', '2', '5', '10'] as const;
export const AFFINES = ['ones', 'ramp', 'random'] as const;
export const MODES = ['train', 'eval'] as const;
export type Affine = (typeof AFFINES)[number];

/** The widget's state in the URL: `ln.n=8&ln.pick=1&ln.mates=1…`. */
export const codec = defineState('ln', {
  n: { type: 'integer', default: 8, min: 1, max: 64 },
  c: { type: 'integer', default: 6, min: 2, max: 16 },
  seed: { type: 'integer', default: 1, min: 1, max: 100 },
  pick: { type: 'integer', default: 1, min: 1, max: 64 },
  mates: { type: 'integer', default: 1, min: 0, max: 100 },
  scale: { type: 'enum', default: '1', values: SCALES },
  affine: { type: 'enum', default: 'ones', values: AFFINES },
  mode: { type: 'enum', default: 'train', values: MODES },
});
export type LayerNormState = StateOf<typeof codec.schema>;

/** LayerNorm's and BatchNorm's ε, PyTorch's default. */
export const EPS = 1e-5;
/**
 * LayerNorm's change with ε = 0 is rounding below this bound in every state (largest: 1.8e−15, with random γ, β);
 * the readout says "below 1e−14" rather than print digits that depend on the order of float operations.
 */
export const ROUNDING_BOUND = 1e-14;
/** BatchNorm's momentum, PyTorch's default. */
export const MOMENTUM = 0.1;
/** Running statistics for eval mode: after this many training batches (batches 0 … 9 of the data stream) … */
export const RUNNING_BATCHES = 10;
/** … of this many samples each. */
export const RUNNING_BATCH_SIZE = 16;

/** One heatmap with per-row statistics beside it. */
export interface RowStatsFigure {
  readonly rows: number;
  readonly cols: number;
  readonly values: Float64Array;
  readonly rowMeans: Float64Array;
  readonly rowVars: Float64Array;
  /** 0-based chosen row. */
  readonly highlightRow: number;
}

/** One norm's output of the chosen sample, before and after (null when the norm refuses the input). */
export interface ChosenOutputs {
  readonly before: Float64Array | null;
  readonly after: Float64Array | null;
  /** max |after − before|, or null when refused. */
  readonly change: number | null;
  /** PyTorch's error, or null. */
  readonly error: string | null;
}

/**
 * BatchNorm's output of the same batch, with the statistics it divides by: one μ and σ² per column (the batch's in
 * training, the running ones in eval). Null values when PyTorch refuses the batch (N = 1 in training).
 */
export interface BatchNormFigure {
  readonly rows: number;
  readonly cols: number;
  readonly values: Float64Array | null;
  readonly colMeans: Float64Array | null;
  readonly colVars: Float64Array | null;
  /** 0-based chosen row. */
  readonly highlightRow: number;
  readonly mode: 'train' | 'eval';
  /** PyTorch's error, or null. */
  readonly error: string | null;
}

export interface LayerNormFigures {
  /** BatchNorm's output, each column normalized with that column's statistics. */
  readonly bn: BatchNormFigure;
  /** LayerNorm's output, each row normalized with that row's own statistics (the input row's μ and σ², beside it). */
  readonly output: RowStatsFigure;
  readonly compare: { readonly features: number; readonly mode: 'train' | 'eval'; readonly bn: ChosenOutputs; readonly ln: ChosenOutputs };
}

/** Everything the widget shows, with the raw numbers the tests check. */
export interface LayerNormView extends WidgetView<LayerNormFigures> {
  readonly numbers: {
    readonly n: number;
    readonly c: number;
    /** 0-based chosen sample (clamped to the batch). */
    readonly pick: number;
    readonly scale: number;
    readonly bnChange: number | null;
    readonly lnChange: number;
    /** LayerNorm's change recomputed with ε = 0: what is left is rounding. */
    readonly lnChangeNoEps: number;
    /** max |BN_eval − BN_train| over the chosen sample, null when training refuses (N = 1). */
    readonly bnTrainEval: number | null;
    readonly gamma: Float64Array;
    readonly beta: Float64Array;
    readonly runningMean: Float64Array;
    readonly runningVar: Float64Array;
  };
}

/** Rounds to 2 decimals, so γ and β can be printed exactly in the PyTorch code: round(100·v)/100. */
export function round2(v: number): number {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? 0 : r; // no −0
}

let originalCache: { key: string; batch: Tensor } | undefined;
let beforeCache: { key: string; original: Tensor; ln: Tensor; bn: { output: Tensor | null; error: string | null } | null } | undefined;

/**
 * The shown batches, from the seeded activation stream (multiples of 1/256, so the PyTorch code carries
 * them exactly): the original one is batch 0; in the current one every row but the chosen one comes from batch
 * `mates` (0 = the original rows), and the chosen row is the original one scaled by `scale`.
 */
export function batches(state: LayerNormState): { original: Tensor; mates: Tensor; current: Tensor; pick: number; scale: number } {
  const { n, c } = state;
  const pick = Math.min(state.pick, n) - 1;
  const scale = Number(state.scale);
  const key = `${state.seed}/${n}/${c}`;
  if (originalCache?.key !== key) originalCache = { key, batch: streamBatch(state.seed, 0, n, c) };
  const original = originalCache.batch;
  const others = streamBatch(state.seed, state.mates, n, c);
  const kept = Float64Array.from(others.data);
  kept.set(original.data.subarray(pick * c, (pick + 1) * c), pick * c);
  const current = Float64Array.from(kept);
  for (let j = 0; j < c; j++) current[pick * c + j] = original.data[pick * c + j]! * scale;
  return { original, mates: tensor(kept, [n, c]), current: tensor(current, [n, c]), pick, scale };
}

/** γ and β for a preset: ones/zeros (PyTorch's initial values), a ramp, or seeded random values; rounded to 2 decimals. */
export function affine(kind: Affine, c: number, seed: number): { gamma: Float64Array; beta: Float64Array } {
  const key = `${kind}/${c}/${seed}`;
  if (affineCache?.key === key) return affineCache.value;
  const value = affineValues(kind, c, seed);
  affineCache = { key, value };
  return value;
}

let affineCache: { key: string; value: { gamma: Float64Array; beta: Float64Array } } | undefined;

function affineValues(kind: Affine, c: number, seed: number): { gamma: Float64Array; beta: Float64Array } {
  const gamma = new Float64Array(c);
  const beta = new Float64Array(c);
  switch (kind) {
    case 'ones':
      gamma.fill(1);
      break;
    case 'ramp':
      for (let j = 0; j < c; j++) {
        const t = c === 1 ? 0.5 : j / (c - 1);
        gamma[j] = round2(0.5 + t);
        beta[j] = round2(t - 0.5);
      }
      break;
    case 'random': {
      const rng = createRng(seed, 'layernorm-affine', c);
      for (let j = 0; j < c; j++) {
        gamma[j] = round2(rng.normal(1, 0.3));
        beta[j] = round2(rng.normal(0, 0.3));
      }
      break;
    }
    default: {
      const unknown: never = kind;
      throw new RangeError(`unknown γ/β preset ${String(unknown)}`);
    }
  }
  return { gamma, beta };
}

const runningCache = new Map<string, { mean: Float64Array; var: Float64Array }>();

/**
 * BatchNorm's running statistics after {@link RUNNING_BATCHES} training passes over batches of the stream
 * (from PyTorch's initial 0 and 1; momentum 0.1, unbiased variance). γ and β do not enter them. Memoized.
 */
export function runningStats(state: Pick<LayerNormState, 'seed' | 'c'>): { mean: Float64Array; var: Float64Array } {
  const key = `${state.seed}/${state.c}`;
  let stats = runningCache.get(key);
  if (!stats) {
    const history = runningHistory(state.seed, RUNNING_BATCH_SIZE, state.c, MOMENTUM, RUNNING_BATCHES);
    const c = state.c;
    stats = {
      mean: history.mean.slice(RUNNING_BATCHES * c, (RUNNING_BATCHES + 1) * c),
      var: history.variance.slice(RUNNING_BATCHES * c, (RUNNING_BATCHES + 1) * c),
    };
    if (runningCache.size >= 32) runningCache.clear();
    runningCache.set(key, stats);
  }
  return stats;
}

function row(t: Tensor, i: number): Float64Array {
  const c = t.shape[1] ?? 0;
  return t.data.subarray(i * c, (i + 1) * c);
}

/** PyTorch's message for a batch of one in training (the core throws a RangeError with the same words). */
function pytorchError(error: unknown, shape: readonly number[]): string {
  const text = error instanceof Error ? error.message : String(error);
  return `ValueError: ${text.replace(/input size \[[^\]]*\]/, `input size torch.Size([${shape.join(', ')}])`)}`;
}

interface TriedBatchNorm {
  readonly output: Tensor | null;
  /** The per-column statistics it normalized with: the batch's in training, the running ones in eval. */
  readonly mean: Float64Array | null;
  readonly var: Float64Array | null;
  readonly error: string | null;
}

/** BatchNorm's output and the statistics it used, or PyTorch's error (training with one value per channel). */
function tryBatchNorm(x: Tensor, options: NonNullable<Parameters<typeof batchNorm>[1]>): TriedBatchNorm {
  try {
    const result = batchNorm(x, options);
    const training = options.training ?? true;
    // In eval the running statistics come back unchanged: they are what it normalized with.
    return { output: result.output, mean: training ? result.batchMean : result.runningMean, var: training ? result.batchVar : result.runningVar, error: null };
  } catch (error) {
    if (error instanceof RangeError) return { output: null, mean: null, var: null, error: pytorchError(error, x.shape) };
    throw error;
  }
}

/** Each row's mean μ = Σx/C and biased variance σ² = Σ(x − μ)²/C (one pass of ./stats' kernel per row). */
function rowStats(t: Tensor): { means: Float64Array; vars: Float64Array } {
  const [n = 0, c = 0] = t.shape;
  const means = new Float64Array(n);
  const vars = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = segmentMoments(t.data, i * c, c);
    means[i] = m.mean;
    vars[i] = momentsVariance(m, c);
  }
  return { means, vars };
}

/** A change for the readouts: 0, a small value in scientific notation, or 3 significant digits. */
export function formatChange(v: number): string {
  if (v === 0) return '0';
  if (v < 1e-3) return v.toExponential(1).replace('e-', 'e−');
  return formatNumber(v, 3);
}

/** Python literal of a float, exact: JavaScript's shortest round-trip text (Python reads it back to the same double). */
function py(v: number): string {
  return Number.isInteger(v) && Math.abs(v) < 1e15 ? `${v}.0` : String(v);
}

function pyRow(values: ArrayLike<number>): string {
  return `[${Array.from(values, py).join(', ')}]`;
}

const tensorText = new WeakMap<Float64Array, string>();

/**
 * `torch.tensor([...])` holding t exactly, one row a line. The stream's values are multiples of 1/256, so they are
 * written as integers over 256 (exact in float64, and short); anything else as shortest round-trip floats.
 * Memoized per data array: the original batch keeps its text between redraws.
 */
function pyTensor(t: Tensor, indent: string): string {
  const cached = tensorText.get(t.data);
  if (cached !== undefined) return cached;
  const [n = 0, c = 0] = t.shape;
  const steps = STREAM_STEPS_PER_UNIT;
  const asSteps = t.data.every((v) => Number.isInteger(v * steps) && Math.abs(v * steps) < 2 ** 53);
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const values = t.data.subarray(i * c, (i + 1) * c);
    rows.push(`${indent}[${asSteps ? values.map((v) => v * steps).join(', ') : Array.from(values, py).join(', ')}],`);
  }
  const text = `torch.tensor([\n${rows.join('\n')}\n])${asSteps ? ` / ${steps}` : ''}`;
  tensorText.set(t.data, text);
  return text;
}

/** A value for a code comment: exactly 0.0 as Python prints it, anything else to the precision the widget shows. */
function pyValue(v: number): string {
  return v === 0 ? '0.0' : `≈ ${formatChange(v).replace('−', '-')}`;
}

interface CodeInput {
  readonly state: LayerNormState;
  readonly original: Tensor;
  readonly mates: Tensor;
  readonly pick: number;
  readonly scale: number;
  readonly gamma: Float64Array;
  readonly beta: Float64Array;
  readonly running: { mean: Float64Array; var: Float64Array };
  readonly bnChange: number | null;
  readonly lnChange: number;
  readonly bnTrainEval: number | null;
  /** PyTorch's error for BatchNorm in training (N = 1), or null; the code's training part shows it. */
  readonly bnTrainError: string | null;
  /** LayerNorm's change with ε = 0 (the code prints it when LayerNorm's change is not 0). */
  readonly lnChangeNoEps: number;
}

function pytorchCode(k: CodeInput): string {
  const { state, pick: p } = k;
  const n = state.n;
  const c = state.c;
  const scaled = k.scale !== 1;
  const sameMates = state.mates === 0 || n === 1;
  // With a change, the code also runs LayerNorm with ε = 0: what the page says is left of it (rounding).
  const noEps = k.lnChange !== 0;
  const lines = [
    SNIPPET_HEADER.en, // the code's comments are in English in both languages
    'import torch',
    'from torch import nn',
    'torch.set_default_dtype(torch.float64)  # the widget computes in float64',
    'torch.set_grad_enabled(False)',
    '',
    `N, C, p = ${n}, ${c}, ${p}  # p: the chosen sample (sample ${p + 1}), 0-based`,
    `x0 = ${pyTensor(k.original, '    ')}  # the original batch (N, C); exact: the data are multiples of 1/256`,
    sameMates
      ? 'x1 = x0.clone()  # the same batchmates'
      : `x1 = ${pyTensor(k.mates, '    ')}  # new batchmates; row p is x0[p], bit for bit`,
    ...(scaled ? [`x1[p] = x0[p] * ${py(k.scale)}  # the chosen sample, scaled`] : []),
    '',
    'ln = nn.LayerNorm(C)  # eps=1e-5; weight γ and bias β elementwise, shape (C,)',
    'bn = nn.BatchNorm1d(C)  # eps=1e-5, momentum=0.1',
    ...(noEps ? ['ln0 = nn.LayerNorm(C, eps=0.0)  # the same without ε'] : []),
    `gamma = torch.tensor(${pyRow(k.gamma)})`,
    `beta = torch.tensor(${pyRow(k.beta)})`,
    `for m in (${noEps ? 'ln, ln0, bn' : 'ln, bn'}):`,
    '    m.weight.copy_(gamma)',
    '    m.bias.copy_(beta)',
    '',
    '# training mode (a new module starts in it)',
    'y_ln = ln(x1)',
  ];
  const change = (name: string): string => `(${name}(x1)[p] - ${name}(x0)[p]).abs().max().item()`;
  lines.push(k.bnTrainError !== null ? `# bn(x1) raises ${k.bnTrainError}` : 'y_bn = bn(x1)');
  const changes = (): void => {
    if (k.bnChange !== null) lines.push(`print(${change('bn')})  # BatchNorm: ${pyValue(k.bnChange)}`);
    lines.push(`print(${change('ln')})  # LayerNorm: ${pyValue(k.lnChange)}`);
    if (noEps) {
      const left = k.lnChangeNoEps < ROUNDING_BOUND ? `< ${String(ROUNDING_BOUND)}, rounding` : pyValue(k.lnChangeNoEps);
      lines.push(`print(${change('ln0')})  # LayerNorm with ε = 0: ${left}`);
    }
  };
  if (state.mode === 'train') changes();
  lines.push(
    '',
    `# eval mode: BatchNorm switches to running statistics (here: those after ${RUNNING_BATCHES} training`,
    `# batches of ${RUNNING_BATCH_SIZE} samples from the same data); LayerNorm has none`,
    `bn.running_mean.copy_(torch.tensor(${pyRow(k.running.mean)}))`,
    `bn.running_var.copy_(torch.tensor(${pyRow(k.running.var)}))`,
    'ln.eval(); bn.eval()',
  );
  if (state.mode === 'eval') changes();
  if (k.bnTrainEval !== null) lines.push(`print((bn(x1)[p] - y_bn[p]).abs().max().item())  # BatchNorm, eval vs train: ${pyValue(k.bnTrainEval)}`);
  lines.push('print(torch.equal(ln(x1), y_ln))  # LayerNorm, eval vs train: True (identical)');
  return lines.join('\n');
}

/** state → everything the widget shows. */
export function compute(state: LayerNormState, lang: Lang): LayerNormView {
  const t: LayerNormLabels = labels[lang];
  const { original, mates, current, pick, scale } = batches(state);
  const { n, c } = state;
  const { gamma, beta } = affine(state.affine, c, state.seed);
  const running = runningStats(state);
  const lnOptions = { eps: EPS, weight: gamma, bias: beta };

  // LayerNorm: one call per batch; training and evaluation are the same computation.
  // The original batch's outputs only change with the batch, γ/β and the mode: kept between redraws.
  const beforeKey = `${state.seed}/${n}/${c}/${state.affine}/${state.mode}`;
  if (beforeCache?.key !== beforeKey || beforeCache.original !== original) beforeCache = { key: beforeKey, original, ln: layerNorm(original, [c], lnOptions), bn: null };
  const lnBefore = beforeCache.ln;
  const lnAfter = layerNorm(current, [c], lnOptions);
  const lnChange = maxAbsDiff(row(lnAfter, pick), row(lnBefore, pick));
  // What is left of a change with ε = 0 is floating-point rounding (only worth computing when there is a change).
  const lnChangeNoEps =
    lnChange === 0
      ? 0
      : maxAbsDiff(row(layerNorm(current, [c], { ...lnOptions, eps: 0 }), pick), row(layerNorm(original, [c], { ...lnOptions, eps: 0 }), pick));

  // BatchNorm in both modes.
  const bnOptions = { eps: EPS, momentum: MOMENTUM, weight: gamma, bias: beta };
  const evalOptions = { ...bnOptions, training: false, runningMean: running.mean, runningVar: running.var };
  const bnTrainAfter = tryBatchNorm(current, { ...bnOptions, training: true });
  const bnEvalAfter = tryBatchNorm(current, evalOptions);
  const bnTrainEval =
    bnTrainAfter.output && bnEvalAfter.output ? maxAbsDiff(row(bnEvalAfter.output, pick), row(bnTrainAfter.output, pick)) : null;
  const training = state.mode === 'train';
  beforeCache.bn ??= tryBatchNorm(original, training ? { ...bnOptions, training: true } : evalOptions);
  const bnBefore = beforeCache.bn;
  const bnAfter = training ? bnTrainAfter : bnEvalAfter;
  const bnChange = bnBefore.output && bnAfter.output ? maxAbsDiff(row(bnAfter.output, pick), row(bnBefore.output, pick)) : null;
  const bnError = bnAfter.error;

  const inputStats = rowStats(current);
  const pickMean = inputStats.means[pick] ?? 0;
  const pickVar = inputStats.vars[pick] ?? 0;

  const f = (v: number): string => formatNumber(v, 3);
  const list = (values: ArrayLike<number>): string => Array.from(values, f).join(', ');
  const modeWord = training ? t.training : t.evaluation;
  const bnText = bnChange === null ? t.refused : bnChange === 0 ? t.bitIdentical : formatChange(bnChange);
  const lnText = lnChange === 0 ? t.bitIdentical : formatChange(lnChange);
  // The ε = 0 remainder is this page's rounding, which PyTorch does not reproduce digit for digit (it gives 0 or
  // 2.2e−16 where this gives 4.4e−16): it is stated as a bound, not as a number the code below cannot print.
  const lnNote =
    lnChange === 0
      ? ''
      : [t.epsNote.replace('{v}', lnText), lnChangeNoEps < ROUNDING_BOUND ? t.roundingNote : t.noEpsNote.replace('{v0}', formatChange(lnChangeNoEps))].join(
          lang === 'zh' ? '' : ' ',
        );
  const bnModeText = bnTrainEval === null ? t.refused : bnTrainEval === 0 ? t.identical : `${t.differsBy} ${formatChange(bnTrainEval)}`;
  // nn.LayerNorm has no mode: eval runs the very same computation, so it matches training bit for bit.
  const lnModeText = t.identical;
  const sampleWord = `${t.sample} ${pick + 1}`;

  const text: Record<string, string> = {
    sample: sampleWord,
    changeHeading: t.largestChange.replace('{p}', String(pick + 1)),
    pickLabel: t.pickStats.replace('{p}', String(pick + 1)),
    mode: modeWord,
    bnChange: bnText,
    lnChange: lnText,
    lnNote,
    bnTrainEval: bnModeText,
    lnTrainEval: lnModeText,
    bnError: bnError ?? '',
    modeNote: training ? '' : t.evalNote,
    pickMean: f(pickMean),
    pickVar: f(pickVar),
  };

  const range = (values: Float64Array): string => `${f(Math.min(...values))} … ${f(Math.max(...values))}`;
  const bnOut = bnAfter.output;
  const descriptions = {
    bn:
      bnOut && bnAfter.mean && bnAfter.var
        ? lang === 'zh'
          ? `BatchNorm（${modeWord}）输出热图：${n} 个样本 × ${c} 个特征，每列用该列的 μ、σ²（${training ? '本批所有样本' : '滑动平均统计量'}）归一化；各列 μ：${list(bnAfter.mean)}；σ²：${list(bnAfter.var)}。${sampleWord}（高亮）的输出：${list(row(bnOut, pick))}。`
          : `Heatmap of the BatchNorm (${modeWord}) output: ${n} samples × ${c} features, each column normalized with that column's μ and σ² (${training ? 'over all samples of the batch' : 'running statistics'}); column μ: ${list(bnAfter.mean)}; σ²: ${list(bnAfter.var)}. ${sampleWord} (highlighted): ${list(row(bnOut, pick))}.`
        : `BatchNorm (${modeWord}): ${bnError ?? ''}`,
    output:
      lang === 'zh'
        ? `LayerNorm 输出热图：${n} 个样本 × ${c} 个特征，每行用它自己的 μ、σ² 归一化；各行 μ ${range(inputStats.means)}，σ² ${range(inputStats.vars)}。${sampleWord}（高亮）：μ = ${f(pickMean)}，σ² = ${f(pickVar)}，输出：${list(row(lnAfter, pick))}。`
        : `Heatmap of the LayerNorm output: ${n} samples × ${c} features, each row normalized with its own μ and σ²; row μ ${range(inputStats.means)}, σ² ${range(inputStats.vars)}. ${sampleWord} (highlighted): μ = ${f(pickMean)}, σ² = ${f(pickVar)}, output ${list(row(lnAfter, pick))}.`,
    bnSample:
      lang === 'zh'
        ? `${sampleWord} 的 BatchNorm（${modeWord}）输出：原来的同批样本与现在的对比。${bnError ?? `最大变化 ${bnText}`}。`
        : `${sampleWord}'s BatchNorm (${modeWord}) output, original batchmates vs now: ${bnError ?? `largest change ${bnText}`}.`,
    lnSample:
      lang === 'zh'
        ? `${sampleWord} 的 LayerNorm 输出：原来的同批样本与现在的对比。最大变化 ${lnText}。${lnNote}`
        : `${sampleWord}'s LayerNorm output, original batchmates vs now: largest change ${lnText}. ${lnNote}`.trim(),
  };

  return {
    text,
    figures: {
      bn: { rows: n, cols: c, values: bnOut?.data ?? null, colMeans: bnAfter.mean, colVars: bnAfter.var, highlightRow: pick, mode: state.mode, error: bnError },
      output: { rows: n, cols: c, values: lnAfter.data, rowMeans: inputStats.means, rowVars: inputStats.vars, highlightRow: pick },
      compare: {
        features: c,
        mode: state.mode,
        bn: {
          before: bnBefore.output ? Float64Array.from(row(bnBefore.output, pick)) : null,
          after: bnAfter.output ? Float64Array.from(row(bnAfter.output, pick)) : null,
          change: bnChange,
          error: bnError,
        },
        ln: { before: Float64Array.from(row(lnBefore, pick)), after: Float64Array.from(row(lnAfter, pick)), change: lnChange, error: null },
      },
    },
    descriptions,
    code: pytorchCode({ state, original, mates, pick, scale, gamma, beta, running, bnChange, lnChange, bnTrainEval, bnTrainError: bnTrainAfter.error, lnChangeNoEps }),
    message: null,
    numbers: { n, c, pick, scale, bnChange, lnChange, lnChangeNoEps, bnTrainEval, gamma, beta, runningMean: running.mean, runningVar: running.var },
  };
}
