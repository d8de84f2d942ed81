import { describe, expect, it } from 'vitest';
import { DISTRIBUTIONS } from '../../lib/datasets';
import { codec, compute, binCount, sample, SCALED, VIEWS, type NormalizationState } from './model';
import { max, min, std } from '../../lib/stats';
import { figures } from './figures';
import { labels } from './labels';
import { figureMarkup } from '../../charts/server';

const state = (change: Partial<NormalizationState> = {}): NormalizationState => ({ ...codec.defaults, ...change });

describe('normalization model: the two scalings', () => {
  it.each(DISTRIBUTIONS)('min-max maps a %s sample onto [0, 1] and the z-score gives mean 0, std 1', (dist) => {
    const { stats } = compute(state({ dist }), 'en').numbers;
    expect(stats.minmax.min).toBe(0);
    expect(stats.minmax.max).toBe(1);
    expect(Math.abs(stats.z.mean)).toBeLessThan(1e-12);
    expect(stats.z.std).toBeCloseTo(1, 12);
  });

  it.each(DISTRIBUTIONS.flatMap((dist) => [1, 7, 42].map((seed) => [dist, seed] as const)))(
    'standardizing leaves a %s sample (seed %i) exactly as skewed as it was, and so does min-max',
    (dist, seed) => {
      const { stats, values } = compute(state({ dist, seed, n: 200 }), 'en').numbers;
      expect(stats.z.skewness).toBeCloseTo(stats.raw.skewness, 10);
      expect(stats.minmax.skewness).toBeCloseTo(stats.raw.skewness, 10);
      // and the order of the points is kept: the same point is the largest in every view
      const argmax = (v: Float64Array) => v.indexOf(Math.max(...v));
      expect(argmax(values.z)).toBe(argmax(values.raw));
    },
  );

  it('a log-normal sample stays clearly right-skewed after standardizing (the article’s claim is wrong)', () => {
    const view = compute(state({ dist: 'skewed', n: 300 }), 'en');
    expect(view.numbers.stats.z.skewness).toBeGreaterThan(1);
    expect(view.text.zSkew).toBe(view.text.rawSkew);
  });

  it('the three histograms count the same points in the same bins (found independently on the raw axis)', () => {
    const view = compute(state({ dist: 'bimodal', n: 250 }), 'en');
    const { raw } = view.numbers.values;
    const { min: lo, max: hi } = view.numbers.stats.raw;
    const bins = binCount(raw.length);
    const counts = new Array<number>(bins).fill(0);
    for (const v of raw) counts[Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins))]! += 1;
    for (const k of VIEWS) expect(view.figures[k].counts).toEqual(counts);
    expect(view.figures.z.lo).toBe(view.numbers.stats.z.min);
  });
});

describe('normalization model: one outlier', () => {
  it.each([
    [10, 0.6],
    [30, 0.25],
    [50, 0.15],
  ])('an outlier at mean + %i std squeezes the other points of the min-max view into less than %f of [0, 1]', (size, share) => {
    const view = compute(state({ outlier: true, size, n: 200 }), 'en');
    const others = view.numbers.others!;
    expect(others.minmax[1] - others.minmax[0]).toBeLessThan(share);
    expect(view.numbers.values.minmax[199]).toBe(1);
    expect(view.text.minmaxOthers).toContain('[');
  });

  it('opens with the outlier on: the comparison of the other points is the first thing shown', () => {
    expect(codec.defaults.outlier).toBe(true);
    expect(compute(state(), 'en').figures.others).not.toBeNull();
  });

  it('without the outlier the other points span the whole min-max range', () => {
    const view = compute(state({ n: 200, outlier: false }), 'en');
    expect(view.numbers.others).toBeNull();
    expect(view.text.minmaxOthers).toBe('');
    expect(view.text.outlierNote).toBe('');
  });

  it.each([10, 50, 200])('with n = %i no z reaches √(n − 1), however far the outlier is', (n) => {
    const view = compute(state({ outlier: true, size: 50, n }), 'en');
    const z = view.numbers.values.z[n - 1]!;
    expect(z).toBeLessThanOrEqual(Math.sqrt(n - 1));
    if (n === 10) expect(z).toBeGreaterThan(2.9); // the prose: "tops out at 3"
    expect(view.text.outlierNote).toContain(view.text.zMax);
  });
});

describe('normalization model: what the outlier does to the other points', () => {
  const raw = (s: NormalizationState) => {
    const x = sample(s);
    return { all: x, rest: x.subarray(0, x.length - 1) };
  };

  it.each(DISTRIBUTIONS.flatMap((dist) => [10, 100, 500].map((n) => [dist, n] as const)))(
    'min-max keeps (max − min of the others) / (max − min of all) of their width, z-score σ(others) / σ(all) (%s, n = %i)',
    (dist, n) => {
      const s = state({ dist, n, outlier: true, size: 20 });
      const q = compute(s, 'en').numbers.squeeze!;
      const { all, rest } = raw(s);
      // Scaled on their own, min-max spans exactly [0, 1] and the z-score the others' range in their own σ.
      expect(q.minmax.rangeWithout).toEqual([0, 1]);
      expect(q.z.widthWithout).toBeCloseTo((max(rest) - min(rest)) / std(rest), 10);
      // Together with the outlier: found here from the raw sample, by other formulas than the model's.
      expect(q.minmax.kept).toBeCloseTo((max(rest) - min(rest)) / (max(all) - min(all)), 12);
      expect(q.z.kept).toBeCloseTo(std(rest) / std(all), 12);
      expect(q.minmax.outlier).toBe(1);
      expect(q.minmax.with.length).toBe(n - 1);
    },
  );

  it('as n grows the z-score keeps more and more of the other points’ spread; min-max keeps about the same sliver', () => {
    const kept = (n: number) => compute(state({ n, outlier: true, size: 20 }), 'en').numbers.squeeze!;
    const [small, large] = [kept(20), kept(500)];
    // The outlier's share of σ² falls like k²/n: σ(others)/σ(all) ≈ 1/√(1 + k²/n) goes to 1.
    expect(large.z.kept).toBeGreaterThan(small.z.kept + 0.3);
    expect(large.z.kept).toBeGreaterThan(0.65);
    // One point sets max − min whatever n is.
    expect(large.minmax.kept).toBeLessThan(0.35);
    expect(large.z.kept).toBeGreaterThan(2 * large.minmax.kept);
  });

  it.each(['en', 'zh'] as const)('prints the widths and the share kept, with the percent sign each language writes (%s)', (lang) => {
    const view = compute(state({ outlier: true, size: 30, n: 200 }), lang);
    const q = view.numbers.squeeze!;
    for (const k of SCALED) {
      expect(view.text[`${k}WidthWith`]).toBe(String(Number(q[k].widthWith.toFixed(4))).replace('-', '−'));
      // Always one decimal ("41.0 %"), so the shares line up and read as measured, not rounded.
      expect(view.text[`${k}Kept`]).toBe(`${(q[k].kept * 100).toFixed(1)}${lang === 'en' ? '\u00a0%' : '%'}`);
    }
    expect(view.text.minmaxWidthWithout).toBe('1');
    expect(view.text.othersTitle).toContain('199');
    expect(view.descriptions.others).toContain(view.text.zKept);
    expect(view.descriptions.others).toContain(view.text.minmaxKept);
  });

  it('without the outlier there is nothing to compare: empty readouts, no panels', () => {
    const view = compute(state({ outlier: false }), 'en');
    expect(view.numbers.squeeze).toBeNull();
    expect(view.figures.others).toBeNull();
    for (const k of SCALED) expect(view.text[`${k}Kept`]).toBe('');
    const svg = figureMarkup(figures, view, 'en');
    expect(svg.others).not.toContain('range-band');
  });

  it('draws both scalings, each with the band of the others without and with the outlier, and the outlier', () => {
    const view = compute(state({ outlier: true }), 'zh');
    const svg = figureMarkup(figures, view, 'zh').others ?? '';
    expect(svg.match(/class="range-band"/g)).toHaveLength(4);
    expect(svg.match(/class="range-marked"/g)).toHaveLength(2);
    expect(svg).toContain(`极差 ${view.text.minmaxWidthWith}`);
    expect(svg).toContain('role="img"');
  });
});

describe('normalization model: what is printed', () => {
  it('prints the statistics rounded to 4 decimals, with a true minus sign', () => {
    const view = compute(state({ dist: 'skewed', seed: 3 }), 'en');
    const { raw } = view.numbers.stats;
    expect(view.text.rawMean).toBe(String(Number(raw.mean.toFixed(4))));
    expect(view.text.zMean).toBe('0');
    expect(view.text.minmaxMax).toBe('1');
    expect(view.text.zMin?.startsWith('−')).toBe(true);
  });

  it('the PyTorch snippet carries exactly the sample shown, in float64, with the population std', () => {
    const s = state({ dist: 'uniform', n: 37, outlier: true, size: 12 });
    const { code } = compute(s, 'en');
    const literal = code.slice(code.indexOf('torch.tensor([') + 14, code.indexOf('], dtype'));
    const parsed = literal.split(',').map((v) => v.trim()).filter(Boolean).map(Number);
    expect(parsed).toEqual([...sample(s)]);
    expect(code).toContain('dtype=torch.float64');
    expect(code).toContain('std(dim=0, correction=0)');
  });

  it.each([
    ['n far above its range', { n: 1e9 }, { n: 500 }],
    ['n below its range', { n: -4 }, { n: 10 }],
    ['an unknown distribution', { dist: '<script>' }, { dist: 'normal' }],
    ['a fractional seed', { seed: 2.6 }, { seed: 3 }],
  ])('a hostile state (%s) is clamped, never thrown', (_, raw, expected) => {
    const clamped = codec.clamp({ ...codec.defaults, ...raw });
    expect(clamped).toMatchObject(expected);
    expect(() => compute(clamped, 'en')).not.toThrow();
  });

  it('never prints NaN or Infinity, over every shape, the smallest and largest n and the farthest outlier', () => {
    for (const dist of DISTRIBUTIONS) {
      for (const n of [10, 11, 500]) {
        for (const outlier of [false, true]) {
          const view = compute(state({ dist, n, outlier, size: 50 }), 'zh');
          const all = [...Object.values(view.text), ...Object.values(view.descriptions)].join(' ');
          expect(all).not.toMatch(/NaN|Infinity/);
        }
      }
    }
  });

  it.each(['zh', 'en'] as const)('describes every figure in words (%s)', (lang) => {
    const view = compute(state({ outlier: true }), lang);
    for (const k of VIEWS) {
      expect(view.descriptions[k]).toContain(view.text[`${k}Skew`]);
      expect(view.descriptions[k]!.length).toBeGreaterThan(40);
    }
  });

  it('Chinese text: no nested full-width parentheses (the skewed shape’s name sits inside a sentence), full-width colons, no space before %', () => {
    for (const dist of DISTRIBUTIONS) {
      const view = compute(state({ dist, outlier: true }), 'zh');
      const all = [...Object.values(view.text), ...Object.values(view.descriptions), view.code.split('\n').find((l) => l.startsWith('# 上面')) ?? ''].join(' ');
      expect(all).not.toMatch(/（[^）]*（/);
      expect(all).not.toMatch(/[\u4e00-\u9fff]: /);
      expect(all).not.toMatch(/ %/);
    }
    for (const label of Object.values(labels.zh)) expect(label).not.toMatch(/（[^）]*（/);
  });

  it('the outlier slider’s reason for being off names the switch that turns it on', () => {
    expect(labels.en.sizeOff).toContain(labels.en.outlier.replace(/ \(.*\)$/, ''));
    expect(labels.zh.sizeOff).toContain(labels.zh.outlier.replace(/（.*）$/, ''));
  });

  it('has the same label keys in both languages', () => {
    expect(Object.keys(labels.zh).sort()).toEqual(Object.keys(labels.en).sort());
  });

  it('draws the default state on the server: three histograms with their rugs', () => {
    const view = compute(codec.defaults, 'en');
    const svg = figureMarkup(figures, view, 'en');
    for (const k of VIEWS) {
      expect(svg[k]).toContain('<svg');
      expect(svg[k]).toContain('histogram-rug');
      expect(svg[k]).toContain('role="img"');
    }
  });

});
