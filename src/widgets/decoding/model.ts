// The decoding widget's model: training batches build BatchNorm's running statistics; then one sequence is
// decoded token by token at batch size 1. State → what the layer produced for each token in training mode, inside a
// training batch, vs at inference (BatchNorm: eval mode, the running statistics), the gap, and the PyTorch code.
// The gap is the train–inference discrepancy itself, there at shift 0; the shift (drift) is a second effect.
// Pure; every number comes from src/lib.
import { batchNorm, layerNorm, tensor, type Tensor } from '../../lib/norms';
import { runningHistory, streamBatch, streamPopulation, type RunningHistory } from '../../lib/activation-stream';
import { decodeBatchNorm, decodeLayerNorm, roundTo, rowMaxAbsDiff, type RunningStats } from '../../lib/sequence';
import { defineState, type StateOf } from '../../lib/url-state';
import { formatFixed } from '../../charts/format';
import type { DecodingRunningData } from '../../charts/decoding-running';
import type { DecodingTokensData } from '../../charts/decoding-tokens';
import type { Lang } from '../../i18n/sections';
import type { WidgetView } from '../view';
import { SNIPPET_HEADER } from '../snippet-header';
import { fill } from '../padding/labels';
import { labels } from './labels';

export const MODES = ['bn-eval', 'bn-train', 'ln'] as const;
export type Mode = (typeof MODES)[number];

/** D: features per token. */
export const D = 4;
/** T: tokens in the decoded sequence (and in every training sequence). */
export const T = 8;
/** Sequences per training batch: a batch is (8, T, D), i.e. 64 tokens. */
export const SEQUENCES = 8;
/** Most training batches. */
export const MAX_STEPS = 200;
export const MOMENTUM = 0.1;
export const EPS = 1e-5;
/** The stream's seed, and the stream batches that hold the decoded sequence and its training batchmates. */
export const SEED = 'decoding';
export const SEQUENCE_BATCH = 1001;
export const MATES_BATCH = 1000;
/** The feature the charts follow (0-based): feature 2, population mean 5, std 3. */
export const SHOWN = 1;
/** The shifted sequence is rounded to this many decimals, so the code below holds it exactly. */
export const DECIMALS = 3;

/**
 * The widget's state in the URL: `dec.steps=30&dec.shift=0&dec.mode=bn-eval&dec.token=4`. It opens at shift 0: the
 * gap it shows first is the one between training mode and eval mode on data like the training data.
 */
export const codec = defineState('dec', {
  steps: { type: 'integer', default: 30, min: 0, max: MAX_STEPS },
  shift: { type: 'number', default: 0, min: 0, max: 3, step: 0.1 },
  mode: { type: 'enum', default: 'bn-eval', values: MODES },
  token: { type: 'integer', default: 4, min: 0, max: T },
});
export type DecodingState = StateOf<typeof codec.schema>;

let history: RunningHistory | undefined;

/** Running statistics after 0 … `steps` training batches (each row s: after batches 0 … s − 1); extended on demand. */
export function trainingHistory(steps: number): RunningHistory {
  if (!history || history.steps < steps) history = runningHistory(SEED, SEQUENCES * T, D, MOMENTUM, steps, history);
  return history;
}

/** The buffers after `steps` batches: running_mean, running_var, num_batches_tracked. */
export function runningAfter(steps: number): RunningStats {
  const h = trainingHistory(steps);
  return {
    mean: h.mean.slice(steps * D, (steps + 1) * D),
    var: h.variance.slice(steps * D, (steps + 1) * D),
    numBatchesTracked: steps,
  };
}

/** The sequence to decode, (T, D): training-like tokens with every feature moved by `shift` standard deviations. */
export function decodedSequence(shift: number): Tensor {
  const raw = streamBatch(SEED, SEQUENCE_BATCH, T, D);
  const { std } = streamPopulation(D);
  const moved = raw.data.map((v, i) => v + shift * (std[i % D] ?? 0));
  return tensor(roundTo(moved, DECIMALS), [T, D]);
}

/** The training batch the sequence sat in: (SEQUENCES·T, D) tokens, the sequence's T tokens first, then 7 others. */
export function trainingBatch(sequence: Tensor): Tensor {
  const mates = streamBatch(SEED, MATES_BATCH, SEQUENCES * T, D);
  const data = Float64Array.from(mates.data);
  data.set(sequence.data, 0);
  return tensor(data, [SEQUENCES * T, D]);
}

/** PyTorch's error as Python shows it: `ValueError: … got input size torch.Size([1, 4])`. */
export function asValueError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `ValueError: ${message.replace(/\[([\d, ]*)\]$/, 'torch.Size([$1])')}`;
}

/** What the layer produced for the sequence's tokens in training and at decoding, and the gap per token. */
export interface DecodingResult {
  /** (T, D) outputs inside the training batch. */
  readonly train: Float64Array;
  /** (T, D) outputs at decoding, one token at a time with batch size 1; null when refused. */
  readonly decode: Float64Array | null;
  /** maxₖ |train − decode| per token (all T), or null when refused. */
  readonly gaps: Float64Array | null;
  /** PyTorch's error, or null. */
  readonly error: string | null;
  /** The training batch's own statistics (what BatchNorm normalized with in training). */
  readonly batchMean: Float64Array;
  readonly batchVar: Float64Array;
}

/**
 * Training vs decoding for one normalization: in training the sequence's tokens are normalized inside `batch`
 * (BatchNorm with that batch's statistics, LayerNorm per token); at decoding each token is a (1, D) batch:
 * BatchNorm eval uses `running`, BatchNorm train is refused, LayerNorm does what it did in training.
 */
export function analyzeDecoding(sequence: Tensor, batch: Tensor, running: RunningStats, mode: Mode): DecodingResult {
  const size = sequence.data.length;
  const inBatch = batchNorm(batch, { training: true, momentum: MOMENTUM, eps: EPS });
  const train = mode === 'ln' ? layerNorm(batch, [D], { eps: EPS }).data.slice(0, size) : inBatch.output.data.slice(0, size);
  let decode: Float64Array | null = null;
  let error: string | null = null;
  try {
    decode = mode === 'ln' ? decodeLayerNorm(sequence, EPS).data : decodeBatchNorm(sequence, running, mode === 'bn-train', EPS).data;
  } catch (e) {
    error = asValueError(e);
  }
  const gaps = decode ? rowMaxAbsDiff(tensor(train, sequence.shape), tensor(decode, sequence.shape)) : null;
  return { train, decode, gaps, error, batchMean: inBatch.batchMean, batchVar: inBatch.batchVar };
}

export interface DecodingFigures {
  readonly running: DecodingRunningData;
  readonly tokens: DecodingTokensData;
}

export interface DecodingView extends WidgetView<DecodingFigures> {
  readonly numbers: {
    readonly running: RunningStats;
    readonly result: DecodingResult;
    /** Largest gap over the decoded tokens (null when refused or nothing decoded). */
    readonly gap: number | null;
    /** Largest gap over all T tokens, for BatchNorm eval and LayerNorm, whatever the mode. */
    readonly bnEvalGap: number;
    readonly lnGap: number;
  };
}

const f2 = (v: number): string => formatFixed(v, 2);
const f3 = (v: number): string => formatFixed(v, 3);
/** A gap: exactly 0 prints as "0". */
const gapText = (v: number): string => (v === 0 ? '0' : formatFixed(v, 3));
const maxOf = (values: ArrayLike<number>, count: number): number => {
  let m = 0;
  for (let i = 0; i < count; i++) m = Math.max(m, values[i] ?? 0);
  return m;
};

/**
 * The note under the readouts: what the chosen normalization does at inference; with BatchNorm eval and a drift, the
 * drift as a second effect, with the largest gap now and at drift 0 (the first effect alone) side by side.
 */
export function noteText(mode: Mode, shift: number, lang: Lang, gaps: { readonly now: number; readonly zero: number }): string {
  const t = labels[lang];
  if (mode === 'bn-train') return t.noteTrain;
  if (mode === 'ln') return t.noteLn;
  if (shift === 0) return t.noteEval;
  const drift = fill(t.noteDrift, { shift: String(shift), now: gapText(gaps.now), zero: gapText(gaps.zero) });
  return [t.noteEval, drift].join(lang === 'zh' ? '' : ' ');
}

/** BatchNorm eval's largest gap over all T tokens with no drift: the train–inference discrepancy alone. */
export function gapAtZeroDrift(running: RunningStats): number {
  const sequence = decodedSequence(0);
  return maxOf(analyzeDecoding(sequence, trainingBatch(sequence), running, 'bn-eval').gaps ?? [], T);
}

/** State → everything the widget shows. */
export function compute(state: DecodingState, lang: Lang): DecodingView {
  const t = labels[lang];
  const { steps, shift, mode, token } = codec.clamp(state);
  const sequence = decodedSequence(shift);
  const batch = trainingBatch(sequence);
  const running = runningAfter(steps);
  const result = analyzeDecoding(sequence, batch, running, mode);
  const bnEval = mode === 'bn-eval' ? result : analyzeDecoding(sequence, batch, running, 'bn-eval');
  const ln = mode === 'ln' ? result : analyzeDecoding(sequence, batch, running, 'ln');
  const bnEvalGap = maxOf(bnEval.gaps ?? [], T);
  const lnGap = maxOf(ln.gaps ?? [], T);
  const gap = result.gaps && token > 0 ? maxOf(result.gaps, token) : null;

  const h = trainingHistory(steps);
  const { mean: population, std } = streamPopulation(D);
  const populationMean = population[SHOWN] ?? 0;
  const decodingMean = populationMean + shift * (std[SHOWN] ?? 0);
  const name = mode === 'ln' ? t.ln : mode === 'bn-eval' ? t.bnEval : t.bnTrain;
  const sep = lang === 'zh' ? '、' : ', ';
  const decodedGaps = result.gaps ? Array.from(result.gaps.slice(0, token), gapText) : [];
  const shownTrain = Array.from({ length: T }, (_, p) => result.train[p * D + SHOWN] ?? 0);
  const shownDecode = result.decode ? Array.from({ length: token }, (_, p) => result.decode?.[p * D + SHOWN] ?? 0) : [];

  const text: Record<string, string> = {
    running: steps === 0 ? t.runningInitial : fill(steps === 1 ? t.runningTextOne : t.runningText, { mean: f3(running.mean[SHOWN] ?? 0), var: f3(running.var[SHOWN] ?? 0), steps }),
    batch: fill(t.batchText, { mean: f3(result.batchMean[SHOWN] ?? 0), var: f3(result.batchVar[SHOWN] ?? 0), n: SEQUENCES * T }),
    decoded: fill(t.decodedText, { n: token, t: T }),
    gaps: result.error ? t.refused : token === 0 ? t.noneYet : decodedGaps.join(sep),
    gap: result.error ? t.refused : gap === null ? t.noneYet : gapText(gap),
    bnEvalGap: gapText(bnEvalGap),
    lnGap: gapText(lnGap),
    note: noteText(mode, shift, lang, { now: bnEvalGap, zero: mode === 'bn-eval' && shift > 0 ? gapAtZeroDrift(running) : bnEvalGap }),
  };

  const descriptions = {
    running: fill(t.describeRunning, { steps, mean: f2(running.mean[SHOWN] ?? 0), population: f2(populationMean), decoding: f2(decodingMean) }),
    tokens: result.error
      ? fill(t.describeRefused, { message: result.error })
      : fill(t.describeTokens, {
          name,
          t: T,
          train: shownTrain.map(f2).join(sep),
          n: token,
          decode: token === 0 ? t.noneYet : shownDecode.map(f2).join(sep),
        }) +
        ' ' +
        fill(t.describeGaps, { name, gaps: token === 0 ? t.noneYet : decodedGaps.join(sep), max: gap === null ? t.noneYet : gapText(gap) }),
  };

  const points = Array.from({ length: steps + 1 }, (_, s) => ({
    step: s,
    running: h.mean[s * D + SHOWN] ?? 0,
    batch: s > 0 ? (h.batchMean[(s - 1) * D + SHOWN] ?? 0) : null,
  }));

  return {
    text,
    descriptions,
    figures: {
      running: {
        points,
        maxSteps: MAX_STEPS,
        population: populationMean,
        decoding: decodingMean,
        labels: { x: t.step, y: t.runningMean, population: t.trainingMean, decoding: t.decodingMean, same: t.sameMean, running: t.legendRunning, batch: t.legendBatchMean },
      },
      tokens: {
        norm: mode === 'ln' ? 'ln' : 'bn',
        train: shownTrain,
        decode: shownDecode,
        decoded: token,
        gaps: result.gaps ? Array.from(result.gaps.slice(0, token)) : [],
        refused: result.error !== null,
        labels: {
          x: t.tokenAxis,
          y: t.outputAxis,
          gap: t.gapAxis,
          train: mode === 'ln' ? t.legendTrainLn : t.legendTrainBn,
          decode: mode === 'ln' ? t.legendLn : mode === 'bn-eval' ? t.legendEval : t.legendTrainRefused,
          refused: t.refusedShort,
        },
      },
    },
    code: pytorchCode({ steps, shift, mode, token }, sequence, running, result),
    message: result.error,
    numbers: { running, result, gap, bnEvalGap, lnGap },
  };
}

/** Python's text of a double (JavaScript's shortest round-trip form is also valid Python). */
const py = (v: number): string => String(v);
const vector = (values: ArrayLike<number>): string => `torch.tensor([${Array.from(values, py).join(', ')}], dtype=torch.float64)`;

/** The PyTorch code for this state, with the buffers, the sequence and the batch statistics written out. */
export function pytorchCode(state: DecodingState, sequence: Tensor, running: RunningStats, result: DecodingResult): string {
  const { steps, shift, mode, token } = state;
  const rows = Array.from({ length: T }, (_, p) => `    [${Array.from(sequence.data.slice(p * D, (p + 1) * D), py).join(', ')}],`);
  const head = [
    SNIPPET_HEADER.en, // the code's comments are in English in both languages
    'import torch',
    'import torch.nn as nn',
    '',
    `D, T = ${D}, ${T}`,
    `bn = nn.BatchNorm1d(D, eps=1e-5, momentum=${MOMENTUM}, dtype=torch.float64)`,
    'ln = nn.LayerNorm(D, eps=1e-5, dtype=torch.float64)',
    '',
    `# Training: ${steps} batches of ${SEQUENCES} sequences x ${T} tokens, x of shape (${SEQUENCES}, T, D), each passed as`,
    '#     bn(x.permute(0, 2, 1))   # normalizes with the batch statistics, updates the running ones',
    "# (the widget's seeded stream). The buffers they leave, to full precision:",
    `bn.running_mean.copy_(${vector(running.mean)})`,
    `bn.running_var.copy_(${vector(running.var)})`,
    `bn.num_batches_tracked.fill_(${steps})`,
    '',
    `# The sequence to decode, (T, D): training-like tokens, every feature moved by ${py(shift)} standard deviations`,
    'seq = torch.tensor([',
    ...rows,
    '], dtype=torch.float64)',
    '',
  ];
  if (mode === 'ln') {
    return [
      ...head,
      '# In training, LayerNorm normalizes each token over its own D features: the batch does not matter',
      'y_train = ln(seq)',
      '# Decoding: one token at a time, batch size 1',
      `for t in range(${token}):`,
      '    y = ln(seq[t:t + 1])                  # (1, D)',
      "    print(t + 1, (y - y_train[t]).abs().max().item())   # 0.0",
      `# All ${T} tokens at once: LayerNorm treats each on its own, so this is the largest gap over every token`,
      "print('largest gap, all tokens:', (ln(seq) - y_train).abs().max().item())   # 0.0",
    ].join('\n');
  }
  const training = [
    `# In training, this sequence sat in a batch with ${SEQUENCES - 1} others; that batch's statistics over its ${SEQUENCES * T} tokens:`,
    `batch_mean = ${vector(result.batchMean)}`,
    `batch_var = ${vector(result.batchVar)}   # biased, as BatchNorm normalizes with`,
    'y_train = (seq - batch_mean) / torch.sqrt(batch_var + 1e-5)   # what bn produced for these tokens in training',
    '',
  ];
  if (mode === 'bn-train') {
    return [
      ...head,
      ...training,
      '# Decoding in training mode: one token, batch size 1',
      'bn.train()',
      'y = bn(seq[0:1])   # (1, D)',
      `# ${result.error ?? ''}`,
      '# nn.BatchNorm1d would accept (1, D, T) with T > 1 (statistics over the positions),',
      '# but decoding feeds one new token at a time: (1, D) or (1, D, 1), one value per channel.',
    ].join('\n');
  }
  return [
    ...head,
    ...training,
    '# Decoding: one token at a time, batch size 1, with the running statistics',
    'bn.eval()',
    `for t in range(${token}):`,
    '    y = bn(seq[t:t + 1])                  # (1, D)',
    '    print(t + 1, (y - y_train[t]).abs().max().item())',
    `# All ${T} tokens at once: eval mode normalizes each on its own, so this is the largest gap over every token`,
    "print('largest gap, all tokens:', (bn(seq) - y_train).abs().max().item())",
  ].join('\n');
}
