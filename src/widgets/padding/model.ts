// The padding widget's model: state → a padded batch of token embeddings (B, T, D), your sentence's BatchNorm
// and LayerNorm outputs, how much they change with the batchmates and the padding, and the PyTorch code.
// Pure; every number comes from src/lib.
import { batchNorm, tensor, type Tensor } from '../../lib/norms';
import { tokenBatch } from '../../lib/datasets';
import { createRng } from '../../lib/random';
import { max, min } from '../../lib/stats';
import {
  maskedTokenBatchNorm,
  padMore,
  roundTo,
  sentenceTokens,
  tokenBatchNorm,
  tokenLayerNorm,
  truncateSentences,
} from '../../lib/sequence';
import { defineState, type StateOf } from '../../lib/url-state';
import { formatFixed, formatNumber, formatPercent } from '../../charts/format';
import type { HeatmapData } from '../../charts/heatmap';
import type { PaddingSweepData } from '../../charts/padding-sweep';
import type { Lang } from '../../i18n/sections';
import type { WidgetView } from '../view';
import { SNIPPET_HEADER } from '../snippet-header';
import { fill, labels } from './labels';

/** Which sentence is yours: three sentences of different lengths. */
export const MINES = ['short', 'medium', 'long'] as const;
export type Mine = (typeof MINES)[number];
/** Real tokens in each of your sentences. */
export const MINE_LENGTH: Readonly<Record<Mine, number>> = { short: 3, medium: 6, long: 10 };

/** The widget's state in the URL: `pad.b=4&pad.share=30&pad.mask=false&pad.mine=medium&pad.mates=1`. */
export const codec = defineState('pad', {
  b: { type: 'integer', default: 4, min: 2, max: 8 },
  share: { type: 'integer', default: 30, min: 0, max: 80, step: 5 },
  mask: { type: 'boolean', default: false },
  mine: { type: 'enum', default: 'medium', values: MINES },
  mates: { type: 'integer', default: 1, min: 1, max: 20 },
});
export type PaddingState = StateOf<typeof codec.schema>;

/** T: every sentence is padded to this many positions. */
export const T = 12;
/** D: features per token. */
export const D = 8;
/** Extra pad positions of the "more padding" comparison. */
export const EXTRA = 8;
/** ε of both norms, PyTorch's default. */
export const EPS = 1e-5;
/** The token data's seed; embeddings are rounded to this many decimals so the code below holds them exactly. */
export const SEED = 'padding';
export const DECIMALS = 2;
/** The padding shares (in %) the sweep chart visits: the slider's steps. */
export const SWEEP_SHARES: readonly number[] = Array.from({ length: 17 }, (_, i) => 5 * i);
/** The output heatmaps' fixed colour domain, so a colour means the same value in every state. */
export const OUTPUT_DOMAIN: readonly [number, number] = [-3, 3];

/**
 * Lengths of the other B − 1 sentences for a padding share of s %: together they hold round((1 − s/100)·B·T) − ℓ_yours
 * real tokens (kept in [2, T] each), shared in proportion to seeded weights (the mates' draw) by highest quotient.
 */
export function otherLengths(b: number, share: number, mates: number, yourLength: number): number[] {
  const others = b - 1;
  const wanted = Math.round(((100 - share) * b * T) / 100) - yourLength;
  const total = Math.min(T * others, Math.max(2 * others, wanted));
  const rng = createRng(SEED, 'lengths', mates);
  const weights = Array.from({ length: others }, () => rng.range(0.3, 1));
  const lengths = new Array<number>(others).fill(2);
  for (let left = total - 2 * others; left > 0; left--) {
    let best = -1;
    for (let j = 0; j < others; j++) {
      if ((lengths[j] ?? T) >= T) continue;
      if (best < 0 || (weights[j] ?? 0) / ((lengths[j] ?? 0) + 1) > (weights[best] ?? 0) / ((lengths[best] ?? 0) + 1)) best = j;
    }
    if (best < 0) break;
    lengths[best] = (lengths[best] ?? 0) + 1;
  }
  return lengths;
}

let cachedKey = '';
let cachedFull: Tensor | null = null;

/**
 * Every sentence at full length T, rounded to {@link DECIMALS}: row 0 is yours (its own draw per choice),
 * rows 1… are the other sentences (draw `mates`). Cutting rows to their lengths gives the batch.
 */
export function fullBatch(b: number, mine: Mine, mates: number): Tensor {
  const key = `${b}|${mine}|${mates}`;
  if (cachedFull && key === cachedKey) return cachedFull;
  const draws = Array.from({ length: b }, (_, s) => (s === 0 ? MINES.indexOf(mine) : mates));
  const { embeddings } = tokenBatch({ seed: SEED, lengths: new Array<number>(b).fill(T), dim: D, maxLength: T, draws });
  cachedFull = { shape: embeddings.shape, data: roundTo(embeddings.data, DECIMALS) };
  cachedKey = key;
  return cachedFull;
}

/** BatchNorm (training mode) of a batch, pads included as nn.BatchNorm1d does, or masked out by hand. */
function batchNormOf(x: Tensor, mask: Uint8Array, masked: boolean): { output: Tensor; mean0: number; var0: number } {
  const r = masked ? maskedTokenBatchNorm(x, mask, { eps: EPS }) : tokenBatchNorm(x, { eps: EPS });
  return { output: r.output, mean0: r.batchMean[0] ?? 0, var0: r.batchVar[0] ?? 0 };
}

/** The first ℓ tokens of sentence 0 of a (B, T', D) output, as ℓ·D values. */
function yours(output: Tensor, length: number): Float64Array {
  return sentenceTokens(output, 0, length).data;
}

function maxChange(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return worst;
}

/** Feature-major copy of a sentence's (ℓ, D) values: out[k·ℓ + t] = v[t·D + k]. */
function byFeature(values: ArrayLike<number>, length: number): Float64Array {
  const out = new Float64Array(D * length);
  for (let t = 0; t < length; t++) for (let k = 0; k < D; k++) out[k * length + t] = values[t * D + k] ?? 0;
  return out;
}

export interface PaddingFigures {
  readonly batch: HeatmapData;
  readonly bn: HeatmapData;
  readonly ln: HeatmapData;
  readonly sweep: PaddingSweepData;
}

/** The raw numbers behind the printed text, for the tests. */
export interface PaddingNumbers {
  readonly lengths: readonly number[];
  readonly pads: number;
  readonly share: number;
  readonly mean0: number;
  readonly sigma0: number;
  readonly statCount: number;
  /** Your sentence's outputs, ℓ·D values (token-major). */
  readonly bn: Float64Array;
  readonly ln: Float64Array;
  readonly aloneBn: number;
  readonly aloneLn: number;
  readonly morePadBn: number;
  readonly morePadLn: number;
}

export interface PaddingView extends WidgetView<PaddingFigures> {
  readonly numbers: PaddingNumbers;
}

/**
 * Your token 1, feature 1 through each norm, at one padding share. BatchNorm normalizes each feature on its own,
 * so feature 1's column alone, as an (N, 1) batch in (b, t) order, gives the same number as the whole batch.
 * LayerNorm of token 1 depends on its own D features only: `ln` is the same at every share.
 */
function sweepPoint(full: Tensor, b: number, share: number, mates: number, yourLength: number, ln: number) {
  const lengths = [yourLength, ...otherLengths(b, share, mates, yourLength)];
  const column = new Float64Array(b * T);
  const real: number[] = [];
  lengths.forEach((length, s) => {
    for (let p = 0; p < length; p++) {
      const v = full.data[(s * T + p) * D] ?? 0;
      column[s * T + p] = v;
      real.push(v);
    }
  });
  return {
    share: (b * T - real.length) / (b * T),
    bn: batchNorm(tensor(column, [b * T, 1]), { eps: EPS }).output.data[0] ?? 0,
    bnMasked: batchNorm(tensor(real, [real.length, 1]), { eps: EPS }).output.data[0] ?? 0,
    ln,
  };
}

/**
 * Your sentence (row 0) in a padded batch: its BatchNorm (training mode, pads included or masked) and LayerNorm
 * outputs, and their largest change when the sentence is alone (a batch of one, no padding) or when the batch
 * gets {@link EXTRA} more pad positions per sentence.
 */
export function analyzeBatch(x: Tensor, lengths: readonly number[], masked: boolean) {
  const [b = 0, t = 0] = x.shape;
  const mask = Uint8Array.from({ length: b * t }, (_, i) => ((i % t) < (lengths[Math.floor(i / t)] ?? 0) ? 1 : 0));
  const yourLength = lengths[0] ?? 0;
  const bnNow = batchNormOf(x, mask, masked);
  const lnNow = tokenLayerNorm(x, EPS);
  const bnYours = yours(bnNow.output, yourLength);
  const lnYours = yours(lnNow, yourLength);

  // Your sentence alone: a batch of one, no padding (its own statistics over its ℓ positions).
  const alone = sentenceTokens(x, 0, yourLength);
  const aloneMask = new Uint8Array(yourLength).fill(1);
  const aloneBn = maxChange(bnYours, batchNormOf(alone, aloneMask, masked).output.data);
  const aloneLn = maxChange(lnYours, tokenLayerNorm(alone, EPS).data);

  // The same batch with EXTRA more pad positions per sentence.
  const more = padMore(x, mask, EXTRA);
  const morePadBn = maxChange(bnYours, yours(batchNormOf(more.x, more.mask, masked).output, yourLength));
  const morePadLn = maxChange(lnYours, yours(tokenLayerNorm(more.x, EPS), yourLength));
  return { mask, bnNow, lnNow, bnYours, lnYours, aloneBn, aloneLn, morePadBn, morePadLn };
}

/** A share as a percentage with one decimal ("29.2 %"): the share reached, not the slider's round target. */
const pct = (v: number, lang: Lang): string => formatPercent(v, lang, 1);
const f3 = (v: number): string => formatFixed(v, 3);
/** A change: exactly 0 prints as "0", anything else with 3 decimals (never "0.000" for a non-zero change). */
const change = (v: number): string => (v === 0 ? '0' : v < 0.0005 ? formatNumber(v, 2) : formatFixed(v, 3));

/** State → everything the widget shows. */
export function compute(state: PaddingState, lang: Lang): PaddingView {
  const t = labels[lang];
  const { b, share, mask: masked, mine, mates } = codec.clamp(state);
  const yourLength = MINE_LENGTH[mine];
  const full = fullBatch(b, mine, mates);
  const lengths = [yourLength, ...otherLengths(b, share, mates, yourLength)];
  const { x, mask } = truncateSentences(full, lengths);
  const total = b * T;
  const pads = total - lengths.reduce((a, l) => a + l, 0);

  const { bnNow, bnYours, lnYours, aloneBn, aloneLn, morePadBn, morePadLn } = analyzeBatch(x, lengths, masked);

  const points = SWEEP_SHARES.map((s) => sweepPoint(full, b, s, mates, yourLength, lnYours[0] ?? 0));
  const sigma0 = Math.sqrt(bnNow.var0);
  const statCount = masked ? total - pads : total;
  const scope = masked ? t.scopeMasked : t.scopeIncluded;
  const lengthList = lengths.map((l, i) => (i === 0 ? fill(t.yourLength, { n: l }) : String(l))).join(lang === 'zh' ? '、' : ', ');

  // Feature 1 of the input, coloured by its distance from the mean BatchNorm subtracts.
  const fromMean = Float64Array.from({ length: total }, (_, i) => (x.data[i * D] ?? 0) - bnNow.mean0);
  let spread = 0;
  for (let i = 0; i < total; i++) if (mask[i]) spread = Math.max(spread, Math.abs(fromMean[i] ?? 0));
  const colLabels = Array.from({ length: T }, (_, i) => String(i + 1));
  const featureLabels = Array.from({ length: D }, (_, i) => String(i + 1));
  const fmt2 = (v: number) => formatNumber(v, 2);
  const outputHeatmap = (values: ArrayLike<number>): HeatmapData => ({
    rows: D,
    cols: yourLength,
    values: byFeature(values, yourLength),
    rowLabels: featureLabels,
    colLabels: colLabels.slice(0, yourLength),
    rowTitle: t.feature,
    colTitle: t.token,
    domain: OUTPUT_DOMAIN,
    format: fmt2,
    legendLabel: t.outputLegend,
  });

  const range = (values: ArrayLike<number>) => ({ lo: formatFixed(min(values), 2), hi: formatFixed(max(values), 2) });
  const inRange = range(points.map((p) => p.bn));
  const maskRange = range(points.map((p) => p.bnMasked));
  const lnSweep = points[0]?.ln ?? 0;
  const shares = points.map((p) => p.share);
  const bnSweep = range(points.map((p) => (masked ? p.bnMasked : p.bn)));

  const text: Record<string, string> = {
    padding: fill(t.paddingText, { pads, total, pct: pct(pads / total, lang) }),
    lengths: fill(t.lengthsText, { lengths: lengthList, t: T }),
    stats: fill(masked ? t.statsMasked : t.statsIncluded, { mu: f3(bnNow.mean0), sigma: f3(sigma0), n: statCount }),
    firstBn: f3(bnYours[0] ?? 0),
    firstLn: f3(lnYours[0] ?? 0),
    aloneBn: change(aloneBn),
    aloneLn: change(aloneLn),
    morePadBn: change(morePadBn),
    morePadLn: change(morePadLn),
    sweepBn: fill(t.sweepText, bnSweep),
    sweepLn: fill(t.sweepConstant, { v: formatFixed(lnSweep, 2) }),
  };

  const descriptions = {
    batch: fill(t.describeBatch, { b, t: T, lengths: lengthList, pads, total, mu: f3(bnNow.mean0), scope }),
    bn: fill(t.describeBn, {
      n: yourLength,
      d: D,
      scope,
      ...range(bnYours),
      first: f3(bnYours[0] ?? 0),
      alone: change(aloneBn),
    }),
    ln: fill(t.describeLn, { n: yourLength, d: D, ...range(lnYours), first: f3(lnYours[0] ?? 0) }),
    sweep: fill(t.describeSweep, {
      from: pct(min(shares), lang),
      to: pct(max(shares), lang),
      inLo: inRange.lo,
      inHi: inRange.hi,
      maskLo: maskRange.lo,
      maskHi: maskRange.hi,
      ln: formatFixed(lnSweep, 2),
      now: pct(pads / total, lang),
    }),
  };

  return {
    text,
    descriptions,
    figures: {
      batch: {
        rows: b,
        cols: T,
        // Feature 1 minus BatchNorm's mean μ: the legend names the scale's centre (μ, printed beside the figure).
        values: fromMean,
        mask,
        pivot: 0,
        domain: [-(spread || 1), spread || 1],
        rowLabels: Array.from({ length: b }, (_, i) => (i === 0 ? t.yours : String(i + 1))),
        colLabels,
        rowTitle: t.sentence,
        colTitle: t.position,
        highlightRow: 0,
        format: (v: number) => (v === 0 ? '0' : formatFixed(v, 1)),
        legendLabel: t.inputLegend,
        maskLabel: t.padding,
      },
      bn: outputHeatmap(bnYours),
      ln: outputHeatmap(lnYours),
      sweep: {
        points,
        current: pads / total,
        masked,
        labels: { x: t.paddingShare, y: t.output, bn: t.bnIncluded, bnMasked: t.bnMasked, ln: t.lnLine, now: t.now },
      },
    },
    code: pytorchCode(x, lengths, masked),
    message: null,
    numbers: {
      lengths,
      pads,
      share: pads / total,
      mean0: bnNow.mean0,
      sigma0,
      statCount,
      bn: bnYours,
      ln: lnYours,
      aloneBn,
      aloneLn,
      morePadBn,
      morePadLn,
    },
  };
}

/** A Python literal of a number as the data holds it (2 decimals after rounding): shortest round-trip text. */
const py = (v: number): string => String(v);

/** The PyTorch code that computes what the widget prints, with the batch's numbers written out. */
export function pytorchCode(x: Tensor, lengths: readonly number[], masked: boolean): string {
  const b = lengths.length;
  const rows = lengths.map((length, s) => {
    const tokens = Array.from({ length }, (_, p) => `    [${Array.from({ length: D }, (_, k) => py(x.data[(s * T + p) * D + k] ?? 0)).join(', ')}],`);
    return `x[${s}, :${length}] = torch.tensor([\n${tokens.join('\n')}\n], dtype=torch.float64)`;
  });
  const norm = masked
    ? [
        'def batch_norm(x, mask):',
        '    # nn.BatchNorm1d has no mask argument; excluding pads is done by hand:',
        '    # gather the real tokens, normalize them, scatter them back (pads stay 0)',
        '    y = torch.zeros_like(x)',
        '    y[mask] = bn(x[mask])          # x[mask] is (N, D): the N real tokens',
        '    return y',
      ]
    : [
        'def batch_norm(x, mask):',
        '    # nn.BatchNorm1d has no mask argument: every position counts, pads included',
        '    return bn(x.permute(0, 2, 1)).permute(0, 2, 1)   # (B, T, D) -> (B, D, T) -> back',
      ];
  const stats = masked ? 'f1 = x[mask][:, 0]                   # feature 1 of the real tokens' : 'f1 = x[:, :, 0].flatten()            # feature 1 of every position, pads included';
  return [
    SNIPPET_HEADER.en, // the code's comments are in English in both languages
    'import torch',
    'import torch.nn as nn',
    '',
    `B, T, D = ${b}, ${T}, ${D}`,
    `lengths = torch.tensor([${lengths.join(', ')}])   # sentence 0 is yours`,
    'x = torch.zeros(B, T, D, dtype=torch.float64)   # pad positions hold 0',
    ...rows,
    'mask = torch.arange(T)[None, :] < lengths[:, None]   # (B, T): True for a real token',
    '',
    'bn = nn.BatchNorm1d(D, eps=1e-5, momentum=0.1, dtype=torch.float64)   # training mode: batch statistics',
    'ln = nn.LayerNorm(D, eps=1e-5, dtype=torch.float64)',
    '',
    ...norm,
    '',
    stats,
    "print('mu, sigma, n:', f1.mean().item(), f1.var(dim=0, correction=0).sqrt().item(), f1.numel())",
    'L = lengths[0].item()',
    'y_bn = batch_norm(x, mask)[0, :L]',
    'y_ln = ln(x)[0, :L]',
    "print('token 1, feature 1:', y_bn[0, 0].item(), y_ln[0, 0].item())",
    '',
    '# your sentence alone: a batch of one, no padding',
    'alone = x[:1, :L]',
    "print('alone, BN:', (batch_norm(alone, mask[:1, :L])[0] - y_bn).abs().max().item())",
    "print('alone, LN:', (ln(alone)[0] - y_ln).abs().max().item())   # 0.0",
    '',
    `# the same batch with ${EXTRA} more pad positions per sentence`,
    `x_more = torch.cat([x, torch.zeros(B, ${EXTRA}, D, dtype=torch.float64)], dim=1)`,
    `mask_more = torch.arange(T + ${EXTRA})[None, :] < lengths[:, None]`,
    "print('more padding, BN:', (batch_norm(x_more, mask_more)[0, :L] - y_bn).abs().max().item())",
    "print('more padding, LN:', (ln(x_more)[0, :L] - y_ln).abs().max().item())   # 0.0",
  ].join('\n');
}
