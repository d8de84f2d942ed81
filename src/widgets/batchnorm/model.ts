// The BatchNorm explorer's model: state → the current (N, C) batch, its per-feature statistics, the BatchNorm
// output in train or eval mode, the running statistics replayed over the batches fed so far, how far batch means
// stray at this N, and the PyTorch code. Pure (a memo of the replay is invisible); numbers from src/lib.
import { runningHistory, streamBatch, streamPopulation, undrawnRows, STREAM_ROWS, type RunningHistory } from '../../lib/activation-stream';
import { batchNorm, type Tensor } from '../../lib/norms';
import { mean, std } from '../../lib/stats';
import { defineState, type StateOf } from '../../lib/url-state';
import { fillTemplate, formatPercent, formatRounded } from '../../charts/format';
import type { Lang } from '../../i18n/sections';
import type { WidgetView } from '../view';
import { SNIPPET_HEADER } from '../snippet-header';
import { labels, plural, type BatchNormLabels } from './labels';

export const MODES = ['train', 'eval'] as const;
export type Mode = (typeof MODES)[number];

/** The widget's state in the URL: `bn.n=8&bn.c=4&bn.f=2&…&bn.step=0`. `f` is 1-based and clamped to C. */
export const codec = defineState('bn', {
  n: { type: 'integer', default: 8, min: 1, max: STREAM_ROWS },
  c: { type: 'integer', default: 4, min: 2, max: 16 },
  f: { type: 'integer', default: 2, min: 1, max: 16 },
  gamma: { type: 'number', default: 1, min: -2, max: 3, step: 0.1 },
  beta: { type: 'number', default: 0, min: -5, max: 5, step: 0.1 },
  momentum: { type: 'number', default: 0.1, min: 0.01, max: 1, step: 0.01 },
  seed: { type: 'integer', default: 1, min: 1, max: 100 },
  mode: { type: 'enum', default: 'train', values: MODES },
  step: { type: 'integer', default: 0, min: 0, max: 200 },
});
export type BatchNormState = StateOf<typeof codec.schema>;

/** The batch-size slider's stops: the sizes worth comparing, each twice the last. A link may carry any N from 1 to 64. */
export const N_STOPS = [1, 2, 4, 8, 16, 32, 64] as const;

/** PyTorch's default ε. */
export const EPS = 1e-5;
/** Printed numbers are rounded to 4 decimals (the snippet prints with precision=4). */
export const SHOWN_DECIMALS = 4;

export interface HeatmapFigure {
  readonly rows: number;
  readonly cols: number;
  /** null when PyTorch refuses the batch (training with N = 1), or while the replay is under way (`waiting`). */
  readonly values: Float64Array | null;
  /** The values wait for the replay of the training batches (browser only, a few frames). */
  readonly waiting?: boolean;
  /** 0-based chosen feature. */
  readonly highlightColumn: number;
}

export interface StripsFigure extends HeatmapFigure {
  readonly means: Float64Array | null;
  readonly stds: Float64Array | null;
  /** Population means (input only). */
  readonly reference: Float64Array | null;
}

export interface RunningFigure {
  /** running_mean / running_var of the chosen feature after 0 … step batches. */
  readonly mean: readonly number[];
  readonly variance: readonly number[];
  readonly populationMean: number;
  readonly populationVar: number;
  /** After this batch's training pass (train mode, N > 1), else null. */
  readonly meanAfter: number | null;
  readonly varAfter: number | null;
}

export interface SpreadFigure {
  readonly sigma: number;
  readonly n: number;
  /** μ_B − μ of batches 0 … step − 1 of the chosen feature. */
  readonly history: readonly number[];
  /** μ_B − μ of the current batch. */
  readonly current: number;
}

export interface BatchNormFigures {
  readonly input: HeatmapFigure;
  readonly inputStats: StripsFigure;
  readonly output: HeatmapFigure;
  readonly outputStats: StripsFigure;
  readonly running: RunningFigure;
  readonly spread: SpreadFigure;
}

export interface BatchNormView extends WidgetView<BatchNormFigures> {
  /** The numbers behind the text, for tests. */
  readonly numbers: {
    /** 0-based chosen feature (clamped to C). */
    readonly feature: number;
    readonly x: Tensor;
    readonly y: Tensor | null;
    readonly batchMean: Float64Array;
    readonly batchVar: Float64Array;
    /** The running statistics the eval mode uses: after batches 0 … step − 1. */
    readonly runningMean: Float64Array;
    readonly runningVar: Float64Array;
    /** After this batch's training pass, or null (eval, or refused). */
    readonly runningMeanAfter: Float64Array | null;
    readonly runningVarAfter: Float64Array | null;
    readonly populationMean: Float64Array;
    readonly populationStd: Float64Array;
    /** Output mean and (population) std per feature, or null when refused. */
    readonly outputMean: Float64Array | null;
    readonly outputStd: Float64Array | null;
    /** (1 − momentum)^k after k accepted updates: the weight the initial running values still carry. */
    readonly initialShare: number;
    /** Training steps that updated the running statistics: `step`, or 0 when PyTorch refuses this N (N = 1). */
    readonly acceptedUpdates: number;
    /** Training batches replayed: `step`, or 0 while their batches are drawn elsewhere (drawStreamWith). */
    readonly replayed: number;
  };
}

/** What a number that waits for the replay reads meanwhile. */
const WAITING = '…';

/** Replays kept for the last few (seed, N, C, momentum): a reader dragging N back and forth finds them again. */
const replays = new Map<string, RunningHistory>();
const KEPT_REPLAYS = 8;

/** Asks for batches [0, steps) of a seed's stream to be drawn elsewhere; false (or null): draw them here, at once. */
export type StreamDrawer = (seed: number, steps: number) => boolean;
let drawElsewhere: StreamDrawer | null = null;
/** Rows a replay draws here before it asks for them elsewhere: 1 024 rows of 16 draws, about 2 ms on a laptop. */
const ROWS_DRAWN_HERE = 1024;

/** Whether replaying `steps` batches of N rows would draw too many rows here (they are asked for elsewhere). */
export function tooLongHere(seed: number, steps: number, n: number): boolean {
  return undrawnRows(seed, steps, n) > ROWS_DRAWN_HERE;
}

/**
 * In the browser a new seed at step 200 needs 200 fresh batches (204 800 draws): several frames' worth. With a
 * drawer set (a Web Worker, see client.ts), compute asks it for the batches instead and returns a view marked
 * `pending` (the running statistics read "…", their figures wait); once the batches are in (adoptStreamBlocks)
 * the widget computes again and the replay, now only sums, is done at once. Small extensions (the next batch)
 * stay here.
 */
export function drawStreamWith(drawer: StreamDrawer | null): void {
  drawElsewhere = drawer;
}

/** The replay of the stream's first `steps` training batches, or null while its batches are drawn elsewhere. */
function historyFor(seed: number, n: number, c: number, momentum: number, steps: number): RunningHistory | null {
  const key = `${seed}|${n}|${c}|${momentum}`;
  const known = replays.get(key);
  if (known && known.steps >= steps) return known;
  if (drawElsewhere && tooLongHere(seed, steps, n) && drawElsewhere(seed, steps)) return null;
  const history = runningHistory(seed, n, c, momentum, steps, known);
  replays.delete(key);
  if (replays.size >= KEPT_REPLAYS) replays.delete(replays.keys().next().value ?? '');
  replays.set(key, history);
  return history;
}

/** PyTorch's wording of the error src/lib raises, e.g. "ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 4])". */
export function pytorchError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return `ValueError: ${text.replace(/input size \[([^\]]*)\]/, 'input size torch.Size([$1])')}`;
}

/** Column j of an (N, C) tensor. */
function column(t: Tensor, j: number): Float64Array {
  const [n = 0, c = 0] = t.shape;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = t.data[i * c + j]!;
  return out;
}

function columnStats(t: Tensor): { means: Float64Array; stds: Float64Array } {
  const c = t.shape[1] ?? 0;
  const means = new Float64Array(c);
  const stds = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    const col = column(t, j);
    means[j] = mean(col);
    stds[j] = std(col);
  }
  return { means, stds };
}

const show = (v: number): string => formatRounded(v, SHOWN_DECIMALS);
const list = (values: ArrayLike<number>): string => Array.from(values, (v) => String(v)).join(', ');

let literal = { key: '', text: '' };

function pytorchCode(
  s: BatchNormState,
  feature: number,
  x: Tensor,
  running: { readonly mean: Float64Array; readonly variance: Float64Array } | string,
  message: string | null,
  t: BatchNormLabels,
  lang: Lang,
): string {
  const [n = 0, c = 0] = x.shape;
  // The batch as a literal: up to 1 024 numbers, the same for every control but seed, step, N and C (kept).
  const key = `${s.seed}|${s.step}|${n}|${c}`;
  if (literal.key !== key) {
    const rows: string[] = [];
    for (let i = 0; i < n; i++) rows.push(`    [${list(x.data.subarray(i * c, (i + 1) * c))}],`);
    literal = { key, text: rows.join('\n') };
  }
  const f = feature + 1;
  const lines = [
    SNIPPET_HEADER[lang],
    'import torch',
    'from torch import nn',
    '',
    'torch.set_printoptions(precision=4, sci_mode=False)',
    'torch.set_grad_enabled(False)   # no autograd here: the parameters can be set, the outputs print plainly',
    '',
    `# ${fillTemplate(t.codeBatch, { step: s.step, n, c })}`,
    'x = torch.tensor([',
    ...(n > 0 ? [literal.text] : []),
    '], dtype=torch.float64)',
    '',
    `bn = nn.BatchNorm1d(${c}, eps=1e-5, momentum=${s.momentum}, dtype=torch.float64)`,
    `bn.weight[${feature}] = ${s.gamma}    # ${fillTemplate(t.codeGamma, { f })}`,
    `bn.bias[${feature}] = ${s.beta}    # ${fillTemplate(t.codeBeta, { f })}`,
    `# ${fillTemplate(t.codeRunning, { step: s.step })}`,
    ...(typeof running === 'string'
      ? [`# ${running}`]
      : [
          `bn.running_mean.copy_(torch.tensor([${list(running.mean)}], dtype=torch.float64))`,
          `bn.running_var.copy_(torch.tensor([${list(running.variance)}], dtype=torch.float64))`,
        ]),
    `bn.num_batches_tracked.fill_(${s.step})`,
    '',
    'print(x.mean(dim=0), x.var(dim=0, correction=0))   # μ_B, σ²_B (biased) per feature',
    s.mode === 'train' ? `bn.train()   # ${t.codeTrain}` : `bn.eval()    # ${t.codeEval}`,
    'y = bn(x)',
  ];
  if (message !== null) lines.push(`# ${message}`);
  else {
    lines.push(`print(y[:, ${feature}].mean(), y[:, ${feature}].std(dim=0, correction=0))   # ${fillTemplate(t.codeFeature, { f })}`);
    lines.push('print(bn.running_mean, bn.running_var)');
  }
  return lines.join('\n');
}

/** State → everything the widget shows. */
export function compute(input: BatchNormState, lang: Lang): BatchNormView {
  const s = codec.clamp(input);
  const t = labels[lang];
  const { n, c, step, momentum } = s;
  const feature = Math.min(s.f, c) - 1;
  const featureName = fillTemplate(t.featureName, { f: feature + 1 });
  const population = streamPopulation(c);
  // In the browser the batches of a long replay may still be drawn elsewhere (drawStreamWith): everything that
  // needs the running statistics waits for them; the batch, its statistics and the training output do not.
  const history = historyFor(s.seed, n, c, momentum, step) ?? runningHistory(s.seed, n, c, momentum, 0);
  const replayed = Math.min(step, history.steps);
  const replaying = replayed < step ? fillTemplate(t.replaying, { total: step }) : null;
  const runningMean = history.mean.slice(replayed * c, (replayed + 1) * c);
  const runningVar = history.variance.slice(replayed * c, (replayed + 1) * c);
  const x = streamBatch(s.seed, step, n, c);
  const weight = new Float64Array(c).fill(1);
  const bias = new Float64Array(c);
  weight[feature] = s.gamma;
  bias[feature] = s.beta;
  const common = { eps: EPS, momentum, weight, bias, runningMean, runningVar, numBatchesTracked: step };

  // Evaluation never refuses; its call also yields this batch's statistics. The training pass is tried in both
  // modes: PyTorch refuses it for the batch's shape alone (N = 1), so a refusal here means every training step
  // at this N was refused and the running statistics were never updated.
  const evaluated = batchNorm(x, { ...common, training: false });
  let trainPass: ReturnType<typeof batchNorm> | null = null;
  let refusal: string | null = null;
  try {
    trainPass = batchNorm(x, { ...common, training: true });
  } catch (error) {
    refusal = pytorchError(error);
  }
  const trained = s.mode === 'train' ? trainPass : null;
  const message = s.mode === 'train' ? refusal : null;
  const acceptedUpdates = refusal === null ? step : 0;
  const batches = (count: number): string => plural(lang, count, t.batchesOne, t.batchesOther);
  const y = s.mode === 'train' ? (trained?.output ?? null) : replaying === null ? evaluated.output : null;
  const { batchMean, batchVar } = evaluated;
  const outStats = y ? columnStats(y) : null;
  const batchStd = batchVar.map(Math.sqrt);

  const populationVar = population.std.map((v) => v * v);
  const pick = <T,>(values: ArrayLike<T>): T => values[feature]!;
  const runningSeries = (source: Float64Array): number[] => Array.from({ length: replayed + 1 }, (_, k) => source[k * c + feature]!);
  const initialShare = (1 - momentum) ** acceptedUpdates;
  const deviation = pick(batchMean) - pick(population.mean);
  const standardError = pick(population.std) / Math.sqrt(n);
  const pastDeviations = Array.from({ length: replayed }, (_, k) => history.batchMean[k * c + feature]! - pick(population.mean));

  // While the batches are drawn elsewhere the numbers that need them read "…" (short: the readouts keep their size).
  const running = (before: number, after: number | null): string =>
    replaying !== null
      ? WAITING
      : s.mode === 'eval'
      ? fillTemplate(t.usedUnchanged, { value: show(before) })
      : after === null
        ? show(before)
        : fillTemplate(t.afterBatch, { before: show(before), after: show(after) });

  const text: Record<string, string> = {
    feature: featureName,
    batchMean: show(pick(batchMean)),
    batchVar: show(pick(batchVar)),
    popMean: show(pick(population.mean)),
    popVar: show(pick(populationVar)),
    runMean: running(pick(runningMean), trained ? pick(trained.runningMean) : null),
    runVar: running(pick(runningVar), trained ? pick(trained.runningVar) : null),
    outMean: outStats ? show(pick(outStats.means)) : y === null && replaying !== null ? WAITING : '—',
    outStd: outStats ? show(pick(outStats.stds)) : y === null && replaying !== null ? WAITING : '—',
    shareM: String(momentum),
    shareK: String(acceptedUpdates),
    share: show(initialShare),
    shareNote:
      refusal !== null && step > 0
        ? fillTemplate(t.shareRefused, { steps: step })
        : fillTemplate(t.shareCovered, { covered: formatPercent(1 - initialShare, lang, 1) }),
    deviation: fillTemplate(t.deviationValue, { dev: show(Math.abs(deviation)), se: show(standardError) }),
    inputTitle: fillTemplate(t.inputTitle, { step, n, c }),
    modeNote: s.mode === 'train' ? t.outputTrain : fillTemplate(t.outputEval, { batches: batches(step) }),
    oneSampleNote: s.mode === 'eval' && refusal !== null && step > 0 ? t.oneSampleEval : '',
    toolbarNote: s.mode === 'train' ? t.playHint : t.evalHint,
    runningTitle: fillTemplate(t.runningTitle, { feature: featureName }),
    spreadTitle: fillTemplate(t.spreadTitle, { feature: featureName }),
  };

  const meansList = (values: ArrayLike<number>): string =>
    Array.from(values, (v, j) => `${fillTemplate(t.featureName, { f: j + 1 })} ${show(v)}`).join(lang === 'zh' ? '，' : ', ');
  const stds = population.std;
  const descriptions: Record<string, string> = {
    input: fillTemplate(t.describeInput, {
      step,
      n,
      c,
      minStd: show(Math.min(...stds)),
      maxStd: show(Math.max(...stds)),
      feature: featureName,
      mean: text.batchMean ?? '',
      var: text.batchVar ?? '',
    }),
    inputStats: fillTemplate(t.describeInputStats, { means: meansList(batchMean) }),
    output: y
      ? fillTemplate(t.describeOutput, { mode: s.mode === 'train' ? t.train : t.eval, feature: featureName, mean: text.outMean ?? '', std: text.outStd ?? '' })
      : (replaying ?? t.describeOutputRefused),
    outputStats: outStats ? fillTemplate(t.describeOutputStats, { means: meansList(outStats.means) }) : (replaying ?? t.describeOutputRefused),
    running: replaying ?? fillTemplate(t.describeRunning, {
      feature: featureName,
      batches: batches(step),
      mean: show(pick(runningMean)),
      popMean: text.popMean ?? '',
      var: show(pick(runningVar)),
      popVar: text.popVar ?? '',
    }),
    spread: fillTemplate(t.describeSpread, {
      n,
      se: show(standardError),
      dev: show(Math.abs(deviation)),
      earlier: plural(lang, replayed, t.earlierOne, t.earlierOther),
    }),
  };

  const figures: BatchNormFigures = {
    input: { rows: n, cols: c, values: x.data, highlightColumn: feature },
    inputStats: { rows: n, cols: c, values: x.data, highlightColumn: feature, means: batchMean, stds: batchStd, reference: population.mean },
    output: { rows: n, cols: c, values: y?.data ?? null, waiting: y === null && replaying !== null, highlightColumn: feature },
    outputStats: {
      rows: n,
      cols: c,
      values: y?.data ?? null,
      waiting: y === null && replaying !== null,
      highlightColumn: feature,
      means: outStats?.means ?? null,
      stds: outStats?.stds ?? null,
      reference: null,
    },
    running: {
      mean: runningSeries(history.mean),
      variance: runningSeries(history.variance),
      populationMean: pick(population.mean),
      populationVar: pick(populationVar),
      meanAfter: trained && replaying === null ? pick(trained.runningMean) : null,
      varAfter: trained && replaying === null ? pick(trained.runningVar) : null,
    },
    spread: { sigma: pick(population.std), n, history: pastDeviations, current: deviation },
  };

  return {
    text,
    figures,
    descriptions,
    code: pytorchCode(s, feature, x, replaying === null ? { mean: runningMean, variance: runningVar } : replaying, message, t, lang),
    message,
    pending: replaying !== null,
    waiting: replaying === null ? [] : y === null ? ['output', 'outputStats', 'running', 'spread'] : ['running', 'spread'],
    numbers: {
      feature,
      x,
      y,
      batchMean,
      batchVar,
      runningMean,
      runningVar,
      runningMeanAfter: trained?.runningMean ?? null,
      runningVarAfter: trained?.runningVar ?? null,
      populationMean: population.mean,
      populationStd: population.std,
      outputMean: outStats?.means ?? null,
      outputStd: outStats?.stds ?? null,
      initialShare,
      acceptedUpdates,
      replayed,
    },
  };
}
