// The min-max vs z-score widget's model: state → one seeded sample, its min-max and z-score versions, their
// statistics (skewness included), histograms on their own axes, and the PyTorch code. Pure; numbers from src/lib.
import { DISTRIBUTIONS, sampleFeature, type Distribution } from '../../lib/datasets';
import { minMaxScale, standardize } from '../../lib/norms';
import { max, mean, min, skewness, std } from '../../lib/stats';
import { defineState, type StateOf } from '../../lib/url-state';
import { fillTemplate, formatPercent, formatRounded } from '../../charts/format';
import type { Lang } from '../../i18n/sections';
import type { WidgetView } from '../view';
import { SNIPPET_HEADER } from '../snippet-header';
import { labels, type NormalizationLabels } from './labels';

/**
 * The widget's state in the URL: `norm.dist=skewed&norm.n=100&norm.outlier=1&norm.size=10&norm.seed=1`. It opens
 * with the outlier on: what one point does to the other points' range is the widget's point (links the widget
 * wrote carry `norm.outlier` either way).
 */
export const codec = defineState('norm', {
  dist: { type: 'enum', default: 'normal', values: DISTRIBUTIONS },
  n: { type: 'integer', default: 100, min: 10, max: 500 },
  outlier: { type: 'boolean', default: true },
  size: { type: 'integer', default: 10, min: 2, max: 50 },
  seed: { type: 'integer', default: 1, min: 1, max: 100 },
});
export type NormalizationState = StateOf<typeof codec.schema>;

/** The raw feature's population: mean 50, std 10 (think of exam scores). */
export const RAW_MEAN = 50;
export const RAW_STD = 10;
/**
 * Raw values are rounded to multiples of 1/16 (52.4375): the PyTorch snippet carries exactly the sample shown, and
 * its sum is exact, so the mean is the same double here and in PyTorch (sum, then divide by n).
 */
export const RAW_STEPS_PER_UNIT = 16;
/** Printed statistics are rounded to 4 decimals (the snippet prints the same). */
export const SHOWN_DECIMALS = 4;

export const VIEWS = ['raw', 'minmax', 'z'] as const;
export type ViewKey = (typeof VIEWS)[number];

/** The summary printed under a view. */
export interface ViewStats {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly std: number;
  readonly skewness: number;
}

/** One view's histogram: equal bins over [lo, hi] = [min, max] of the view. */
export interface HistogramFigure {
  readonly counts: readonly number[];
  readonly lo: number;
  readonly hi: number;
  readonly points: Float64Array;
  readonly mean: number;
  readonly std: number;
  readonly marked: number | null;
  readonly yMax: number;
}

/** The two scalings compared on the other points: their values scaled without the outlier and with it. */
export const SCALED = ['minmax', 'z'] as const;
export type ScaledKey = (typeof SCALED)[number];

/** What one outlier does to the other n − 1 points under one scaling. */
export interface Squeeze {
  /** The other points scaled on their own (the outlier left out). */
  readonly without: Float64Array;
  /** The same points as scaled together with the outlier. */
  readonly with: Float64Array;
  /** The outlier's scaled value. */
  readonly outlier: number;
  /** [min, max] of the other points, scaled without and with the outlier. */
  readonly rangeWithout: readonly [number, number];
  readonly rangeWith: readonly [number, number];
  /** Width (max − min) of those ranges. */
  readonly widthWithout: number;
  readonly widthWith: number;
  /** widthWith / widthWithout: the share of their spread the other points keep. */
  readonly kept: number;
}

/** The other points without and with the outlier, per scaling; null without an outlier. */
export type OthersFigure = Readonly<Record<ScaledKey, Squeeze>> | null;

export type NormalizationFigures = Readonly<Record<ViewKey, HistogramFigure>> & { readonly others: OthersFigure };

export interface NormalizationView extends WidgetView<NormalizationFigures> {
  /** The numbers behind the text, for tests. */
  readonly numbers: {
    readonly values: Readonly<Record<ViewKey, Float64Array>>;
    readonly stats: Readonly<Record<ViewKey, ViewStats>>;
    /** Range of the points other than the outlier, per view; null without an outlier. */
    readonly others: Readonly<Record<ViewKey, readonly [number, number]>> | null;
    /** The other points scaled without and with the outlier, per scaling; null without an outlier. */
    readonly squeeze: OthersFigure;
    /** √(n − 1), the largest |z| any point can reach. */
    readonly zCeiling: number;
  };
}

/** Number of histogram bins for n points: 2·round(2·n^(1/3)), between 12 and 40. */
export function binCount(n: number): number {
  return Math.min(40, Math.max(12, 2 * Math.round(2 * Math.cbrt(n))));
}

/** The sample: n draws of the shape with mean 50 and std 10, the last one replaced by the outlier when on. */
export function sample(state: NormalizationState): Float64Array {
  const x = sampleFeature({
    distribution: state.dist,
    n: state.n,
    seed: state.seed,
    mean: RAW_MEAN,
    std: RAW_STD,
    ...(state.outlier ? { outlier: state.size } : {}),
  });
  return x.map((v) => Math.round(v * RAW_STEPS_PER_UNIT) / RAW_STEPS_PER_UNIT);
}

/**
 * The other n − 1 points (all but the last, the outlier) under each scaling: scaled on their own, and as scaled
 * together with the outlier, with the width of their range in both and the share of it they keep.
 */
function squeezeOf(values: Readonly<Record<ViewKey, Float64Array>>): Record<ScaledKey, Squeeze> {
  const last = values.raw.length - 1;
  const rest = values.raw.subarray(0, last);
  const alone: Record<ScaledKey, Float64Array> = { minmax: minMaxScale(rest), z: standardize(rest) };
  const one = (k: ScaledKey): Squeeze => {
    const together = values[k].subarray(0, last);
    const rangeWithout = [min(alone[k]), max(alone[k])] as const;
    const rangeWith = [min(together), max(together)] as const;
    const widthWithout = rangeWithout[1] - rangeWithout[0];
    const widthWith = rangeWith[1] - rangeWith[0];
    const kept = widthWithout > 0 ? widthWith / widthWithout : 1;
    return { without: alone[k], with: together, outlier: values[k][last] ?? 0, rangeWithout, rangeWith, widthWithout, widthWith, kept };
  };
  return { minmax: one('minmax'), z: one('z') };
}

function statsOf(v: Float64Array): ViewStats {
  return { min: min(v), max: max(v), mean: mean(v), std: std(v), skewness: skewness(v) };
}

function distName(t: NormalizationLabels, d: Distribution): string {
  switch (d) {
    case 'normal':
      return t.distNormal;
    case 'skewed':
      return t.distSkewed;
    case 'bimodal':
      return t.distBimodal;
    case 'uniform':
      return t.distUniform;
    default: {
      const unknown: never = d;
      throw new RangeError(`unknown distribution ${String(unknown)}`);
    }
  }
}

/** The PyTorch lines that compute both scalings of exactly this sample and print what the widget prints. */
function pytorchCode(x: Float64Array, state: NormalizationState, t: NormalizationLabels, lang: Lang): string {
  const outlier = state.outlier ? fillTemplate(t.codeOutlier, { k: state.size }) : '';
  const comment = fillTemplate(t.codeData, { n: state.n, dist: distName(t, state.dist), seed: state.seed, outlier });
  const rows: string[] = [];
  const values = Array.from(x, (v) => String(v));
  for (let i = 0; i < values.length; i += 10) rows.push(`    ${values.slice(i, i + 10).join(', ')},`);
  return [
    SNIPPET_HEADER[lang],
    'import torch',
    '',
    `# ${comment}`,
    'x = torch.tensor([',
    ...rows,
    '], dtype=torch.float64)',
    '',
    'def min_max(v):  # min-max: onto [0, 1]',
    '    return (v - v.min()) / (v.max() - v.min())',
    '',
    'def z_score(v):  # z-score: mean 0, std 1 (the population std: divide by n)',
    '    return (v - v.mean()) / v.std(dim=0, correction=0)',
    '',
    'def skewness(v):  # = scipy.stats.skew(v)',
    '    d = v - v.mean()',
    '    return (d**3).mean() / (d**2).mean() ** 1.5',
    '',
    `def show(v, decimals=${SHOWN_DECIMALS}):`,
    '    return f"{round(float(v), decimals) + 0.0:.10g}"',
    '',
    'for name, v in [("raw", x), ("min-max", min_max(x)), ("z-score", z_score(x))]:',
    '    print(name, *(show(s) for s in (v.min(), v.max(), v.mean(), v.std(dim=0, correction=0), skewness(v))))',
    ...(state.outlier
      ? [
          `    print(name, "others", show(v[:-1].min()), show(v[:-1].max()))   # ${t.codeOthers}`,
          '',
          `# ${fillTemplate(t.codeWidths, { count: state.n - 1 })}`,
          'for name, scale in [("min-max", min_max), ("z-score", z_score)]:',
          '    alone, together = scale(x[:-1]), scale(x)[:-1]',
          '    without, with_ = alone.max() - alone.min(), together.max() - together.min()',
          '    print(name, "width", show(without), show(with_), show(100 * with_ / without, 1) + " %")',
        ]
      : []),
    '',
    '# NumPy: (a - a.min()) / np.ptp(a) and (a - a.mean()) / a.std()  (np.std divides by n)',
    '# scikit-learn: MinMaxScaler() and StandardScaler() on a.reshape(-1, 1)',
  ].join('\n');
}

/** State → everything the widget shows. */
export function compute(input: NormalizationState, lang: Lang): NormalizationView {
  const state = codec.clamp(input);
  const t = labels[lang];
  const x = sample(state);
  const values: Record<ViewKey, Float64Array> = { raw: x, minmax: minMaxScale(x), z: standardize(x) };
  const stats = { raw: statsOf(values.raw), minmax: statsOf(values.minmax), z: statsOf(values.z) };

  // One set of bins, found on the min-max scale and carried to every view by the same affine map.
  const bins = binCount(x.length);
  const counts = new Array<number>(bins).fill(0);
  for (const u of values.minmax) counts[Math.min(bins - 1, Math.floor(u * bins))]! += 1;
  const yMax = Math.max(...counts);

  const last = x.length - 1;
  const others = state.outlier
    ? (Object.fromEntries(
        VIEWS.map((k) => {
          const rest = values[k].subarray(0, last);
          return [k, [min(rest), max(rest)] as const];
        }),
      ) as Record<ViewKey, readonly [number, number]>)
    : null;

  const show = (v: number): string => formatRounded(v, SHOWN_DECIMALS);
  const dist = distName(t, state.dist);
  const text: Record<string, string> = {};
  const descriptions: Record<string, string> = {};
  const what: Record<ViewKey, string> = { raw: t.whatRaw, minmax: t.whatMinmax, z: t.whatZ };
  const figures = {} as Record<ViewKey, HistogramFigure>;
  for (const k of VIEWS) {
    const s = stats[k];
    text[`${k}Min`] = show(s.min);
    text[`${k}Max`] = show(s.max);
    text[`${k}Mean`] = show(s.mean);
    text[`${k}Std`] = show(s.std);
    text[`${k}Skew`] = show(s.skewness);
    const range = others?.[k];
    text[`${k}Others`] = range ? `${t.others} [${show(range[0])}, ${show(range[1])}]` : '';
    const outlierWords = range
      ? fillTemplate(t.describeOutlier, { value: show(values[k][last] ?? 0), lo: show(range[0]), hi: show(range[1]) })
      : '';
    descriptions[k] =
      fillTemplate(t.describe, { n: x.length, what: what[k], dist, min: show(s.min), max: show(s.max), mean: show(s.mean), std: show(s.std), skew: show(s.skewness) }) +
      outlierWords;
    figures[k] = { counts, lo: s.min, hi: s.max, points: values[k], mean: s.mean, std: s.std, marked: state.outlier ? (values[k][last] ?? null) : null, yMax };
  }
  const squeeze = state.outlier ? squeezeOf(values) : null;
  for (const k of SCALED) {
    const q = squeeze?.[k];
    text[`${k}WidthWithout`] = q ? show(q.widthWithout) : '';
    text[`${k}WidthWith`] = q ? show(q.widthWith) : '';
    text[`${k}Kept`] = q ? formatPercent(q.kept, lang, 1) : '';
  }
  text.othersTitle = fillTemplate(t.othersTitle, { count: x.length - 1 });
  descriptions.others = squeeze
    ? fillTemplate(t.describeOthers, {
        count: x.length - 1,
        mmWithout: text.minmaxWidthWithout ?? '',
        mmWith: text.minmaxWidthWith ?? '',
        mmKept: text.minmaxKept ?? '',
        zWithout: text.zWidthWithout ?? '',
        zWith: text.zWidthWith ?? '',
        zKept: text.zKept ?? '',
      })
    : t.describeNoOutlier;
  const zCeiling = Math.sqrt(x.length - 1);
  text.outlierNote = state.outlier
    ? fillTemplate(t.outlierNote, { raw: show(x[last] ?? 0), mm: show(values.minmax[last] ?? 0), z: show(values.z[last] ?? 0), n: x.length, ceiling: show(zCeiling) })
    : '';

  return {
    text,
    figures: { ...figures, others: squeeze },
    descriptions,
    code: pytorchCode(x, state, t, lang),
    message: null,
    numbers: { values, stats, others, squeeze, zCeiling },
  };
}
