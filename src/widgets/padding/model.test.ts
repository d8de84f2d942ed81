import { describe, expect, it } from 'vitest';
import { tensor } from '../../lib/norms';
import { mean, variance } from '../../lib/stats';
import torchFixture from './fixtures/torch.json';
import { analyzeBatch, codec, compute, D, EXTRA, fullBatch, MINE_LENGTH, MINES, otherLengths, T, type PaddingState } from './model';
import { labels } from './labels';

const defaults = codec.defaults;
const at = (change: Partial<PaddingState>): PaddingState => ({ ...defaults, ...change });

describe('padding state in the URL', () => {
  it('has the documented defaults', () => {
    expect(defaults).toEqual({ b: 4, share: 30, mask: false, mine: 'medium', mates: 1 });
  });

  it.each([
    ['pad.b=999&pad.share=-5', { b: 8, share: 0 }],
    ['pad.b=abc&pad.share=33', { b: 4, share: 35 }],
    ['pad.mine=<script>&pad.mask=maybe', { mine: 'medium', mask: false }],
    ['pad.mates=1e400&pad.mask=1', { mates: 1, mask: true }],
    ['pad.mates=20.7&pad.mine=long', { mates: 20, mine: 'long' }],
  ])('a hostile query %s is clamped, never thrown', (query, expected) => {
    const state = codec.parse(new URLSearchParams(query));
    expect(state).toMatchObject(expected);
    expect(() => compute(state, 'en')).not.toThrow();
  });

  it('round-trips through the URL', () => {
    const state = at({ b: 7, share: 55, mask: true, mine: 'short', mates: 12 });
    expect(codec.parse(codec.serialize(state))).toEqual(state);
  });
});

describe('sentence lengths from the padding share', () => {
  it.each([2, 4, 8])('keeps every length in [2, T] and reaches the wanted share when it can (B = %i)', (b) => {
    for (const share of [0, 30, 55, 80]) {
      const lengths = otherLengths(b, share, 3, 6);
      expect(lengths).toHaveLength(b - 1);
      expect(lengths.every((l) => l >= 2 && l <= T)).toBe(true);
      const wanted = Math.round(((100 - share) * b * T) / 100) - 6;
      const total = lengths.reduce((a, l) => a + l, 0);
      expect(total).toBe(Math.min(T * (b - 1), Math.max(2 * (b - 1), wanted)));
    }
  });

  it('gives more padding as the share grows', () => {
    const real = [0, 20, 40, 60, 80].map((s) => otherLengths(6, s, 1, 6).reduce((a, l) => a + l, 0));
    expect(real).toEqual([...real].sort((a, b) => b - a));
    expect(real[0]).toBeGreaterThan(real[4] ?? 0);
  });

  it('draws different lengths for different batchmates', () => {
    expect(otherLengths(6, 40, 1, 6)).not.toEqual(otherLengths(6, 40, 2, 6));
  });

  it('keeps your sentence and its length whatever the others', () => {
    const mine = (mates: number, b: number) => fullBatch(b, 'medium', mates).data.slice(0, T * D);
    expect(mine(1, 4)).toEqual(mine(9, 8));
    for (const m of MINES) expect(compute(at({ mine: m, share: 80 }), 'en').numbers.lengths[0]).toBe(MINE_LENGTH[m]);
  });
});

interface TorchCase {
  lengths: number[];
  masked: boolean;
  x: number[];
  mean0: number;
  sigma0: number;
  bn: number[];
  ln: number[];
  aloneBn: number;
  aloneLn: number;
  morePadBn: number;
  morePadLn: number;
}
const golden = torchFixture as { T: number; D: number; extra: number; cases: TorchCase[] };

describe('the printed numbers come from src/lib and match PyTorch', () => {
  it('the fixture was made with the widget’s shapes', () => {
    expect([golden.T, golden.D, golden.extra]).toEqual([T, D, EXTRA]);
  });

  // fixtures/make_torch_fixture.py runs the code the widget prints on seeded batches.
  it.each(golden.cases.map((c) => [c.lengths.join(', '), c.masked, c] as const))(
    'lengths %s, mask %s: μ, σ, outputs and changes equal PyTorch’s',
    (_, masked, c) => {
      const x = tensor(c.x, [c.lengths.length, T, D]);
      const r = analyzeBatch(x, c.lengths, masked);
      expect(r.bnNow.mean0).toBeCloseTo(c.mean0, 12);
      expect(Math.sqrt(r.bnNow.var0)).toBeCloseTo(c.sigma0, 12);
      r.bnYours.forEach((v, i) => expect(v).toBeCloseTo(c.bn[i] ?? Number.NaN, 12));
      r.lnYours.forEach((v, i) => expect(v).toBeCloseTo(c.ln[i] ?? Number.NaN, 12));
      expect(r.aloneBn).toBeCloseTo(c.aloneBn, 12);
      expect(r.morePadBn).toBeCloseTo(c.morePadBn, 12);
      expect([r.aloneLn, r.morePadLn, c.aloneLn, c.morePadLn]).toEqual([0, 0, 0, 0]);
      if (masked) expect([r.morePadBn, c.morePadBn]).toEqual([0, 0]);
    },
  );

  it.each([false, true])('BatchNorm’s μ and σ of feature 1 are over every position or over the real tokens (mask %s)', (mask) => {
    const state = at({ mask, b: 5, share: 45 });
    const n = compute(state, 'en').numbers;
    const x = fullBatch(5, state.mine, state.mates);
    const values: number[] = [];
    n.lengths.forEach((length, s) => {
      for (let p = 0; p < T; p++) {
        if (p < length) values.push(x.data[(s * T + p) * D] ?? Number.NaN);
        else if (!mask) values.push(0);
      }
    });
    expect(n.statCount).toBe(values.length);
    expect(n.mean0).toBeCloseTo(mean(values), 12);
    expect(n.sigma0).toBeCloseTo(Math.sqrt(variance(values)), 12);
  });

  it('prints the numbers it computed', () => {
    const view = compute(defaults, 'en');
    expect(view.text.firstBn).toBe(view.numbers.bn[0]?.toFixed(3));
    expect(view.text.aloneLn).toBe('0');
    expect(view.text.padding).toBe(`${view.numbers.pads} of ${4 * T} positions are padding (29.2\u00a0%)`);
    expect(compute(codec.defaults, 'zh').text.padding).toBe(`${4 * T} 个位置中有 ${view.numbers.pads} 个是 padding（29.2%）`);
  });
});

const grid: PaddingState[] = [];
for (const b of [2, 5, 8]) {
  for (const share of [0, 40, 80]) {
    for (const mine of MINES) {
      for (const mask of [false, true]) grid.push(at({ b, share, mine, mask, mates: 1 + ((b + share) % 20) }));
    }
  }
}

describe('the claims the widget makes', () => {
  it.each(grid)('LayerNorm: your outputs do not change when alone or with more padding (%o)', (state) => {
    const n = compute(state, 'en').numbers;
    expect(n.aloneLn).toBe(0);
    expect(n.morePadLn).toBe(0);
  });

  it.each(grid)('BatchNorm: your outputs change when your sentence is alone (%o)', (state) => {
    expect(compute(state, 'en').numbers.aloneBn).toBeGreaterThan(0.01);
  });

  it.each(grid)('BatchNorm: extra padding moves your outputs unless pads are masked (%o)', (state) => {
    const { morePadBn } = compute(state, 'en').numbers;
    if (state.mask) expect(morePadBn).toBe(0);
    else expect(morePadBn).toBeGreaterThan(0.01);
  });

  it('LayerNorm output of your sentence is identical across batch size, batchmates, padding and mask', () => {
    const reference = compute(defaults, 'en').numbers.ln;
    for (const state of grid.filter((s) => s.mine === defaults.mine)) {
      expect(compute(state, 'en').numbers.ln).toEqual(reference);
    }
  });

  it.each([
    ['new batchmates', defaults, at({ mates: 2 })],
    ['new batchmates, pads masked', at({ mask: true }), at({ mates: 2, mask: true })],
    ['a larger padding share', defaults, at({ share: 70 })],
    ['a larger padding share, pads masked (the others get shorter)', at({ mask: true }), at({ share: 70, mask: true })],
    ['a bigger batch', defaults, at({ b: 8 })],
    ['masking the pads', defaults, at({ mask: true })],
  ])('BatchNorm output of your sentence moves with %s', (_, from, to) => {
    const before = compute(from, 'en').numbers.bn;
    const after = compute(to, 'en').numbers.bn;
    const change = Math.max(...after.map((v, i) => Math.abs(v - (before[i] ?? 0))));
    expect(change).toBeGreaterThan(0.01);
  });

  it('the sweep chart follows the same computation: its current point is the printed token 1, feature 1', () => {
    for (const mask of [false, true]) {
      const view = compute(at({ mask, share: 40 }), 'en');
      const point = view.figures.sweep.points.find((p) => p.share === view.figures.sweep.current);
      expect(mask ? point?.bnMasked : point?.bn).toBe(view.numbers.bn[0]);
      expect(point?.ln).toBe(view.numbers.ln[0]);
    }
  });
});

describe('words and code', () => {
  it.each(grid)('never shows NaN or Infinity (%o)', (state) => {
    for (const lang of ['zh', 'en'] as const) {
      const view = compute(state, lang);
      const shown = [...Object.values(view.text), ...Object.values(view.descriptions), view.code].join('\n');
      expect(shown).not.toMatch(/NaN|Infinity|undefined|\{\w+\}/);
    }
  });

  it('describes every figure in both languages', () => {
    for (const lang of ['zh', 'en'] as const) {
      const view = compute(defaults, lang);
      expect(Object.keys(view.descriptions).sort()).toEqual(Object.keys(view.figures).sort());
      expect(view.descriptions.ln).toContain(lang === 'zh' ? '最大变化 0' : 'largest change 0');
    }
  });

  it('has the same label keys in both languages', () => {
    expect(Object.keys(labels.zh).sort()).toEqual(Object.keys(labels.en).sort());
  });

  it.each([
    [false, ['bn(x.permute(0, 2, 1)).permute(0, 2, 1)', 'no mask argument']],
    [true, ['y[mask] = bn(x[mask])', 'gather the real tokens']],
  ] as const)('the PyTorch code (mask %s) uses float64, eps 1e-5 and the widget’s shapes', (mask, lines) => {
    const code = compute(at({ mask, b: 3 }), 'en').code;
    expect(code).toContain('B, T, D = 3, 12, 8');
    expect(code).toContain('nn.BatchNorm1d(D, eps=1e-5, momentum=0.1, dtype=torch.float64)');
    expect(code).toContain('nn.LayerNorm(D, eps=1e-5, dtype=torch.float64)');
    expect(code).toContain(`torch.zeros(B, ${EXTRA}, D`);
    for (const line of lines) expect(code).toContain(line);
  });
});
