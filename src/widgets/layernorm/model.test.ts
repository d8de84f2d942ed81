import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { batchNorm, layerNorm } from '../../lib/norms';
import { mean, variance } from '../../lib/stats';
import { activationBatch, redrawActivationRow } from '../../lib/datasets';
import { streamBatch } from '../../lib/activation-stream';
import { AFFINES, affine, batches, codec, compute, EPS, formatChange, round2, ROUNDING_BOUND, runningStats, RUNNING_BATCHES, RUNNING_BATCH_SIZE, SCALES, type LayerNormState } from './model';
import { labels } from './labels';
import snippets from './fixtures/snippets.json';
import torchOutput from './fixtures/torch.json';
import eps0Torch from './fixtures/eps0-torch.json';

const state = (change: Partial<LayerNormState> = {}): LayerNormState => codec.clamp({ ...codec.defaults, ...change });
const row = (data: ArrayLike<number>, c: number, i: number): number[] => Array.from(data).slice(i * c, (i + 1) * c);

describe('the chosen sample and its batchmates', () => {
  it.each([
    { n: 8, c: 6, seed: 1, pick: 1, mates: 1, affine: 'ones' },
    { n: 2, c: 2, seed: 7, pick: 2, mates: 3, affine: 'ramp' },
    { n: 64, c: 16, seed: 100, pick: 40, mates: 100, affine: 'random' },
    { n: 16, c: 9, seed: 42, pick: 16, mates: 5, affine: 'random' },
  ] as const)('re-seeding the batchmates moves BatchNorm but leaves LayerNorm bit-identical: %o', (s) => {
    const view = compute(state(s), 'en');
    expect(view.numbers.lnChange).toBe(0);
    expect(view.numbers.bnChange).toBeGreaterThan(1e-3);
    expect(view.text.lnChange).toBe(labels.en.bitIdentical);
    const { ln } = view.figures.compare;
    expect(Array.from(ln.after ?? [])).toEqual(Array.from(ln.before ?? []));
  });

  it('re-seeding keeps the chosen row bit for bit and changes every other row', () => {
    const s = state({ n: 12, pick: 5, mates: 2 });
    const { original, current } = batches(s);
    for (let i = 0; i < 12; i++) {
      const same = row(current.data, s.c, i).every((v, j) => Object.is(v, original.data[i * s.c + j]));
      expect(same, `row ${i}`).toBe(i === 4);
    }
  });

  it('replacing only sample 3 changes sample 1’s BatchNorm output, not its LayerNorm output (the page’s question)', () => {
    const spec = { seed: 1, batchSize: 8, features: 6 };
    const x = activationBatch(spec, 0);
    const y = redrawActivationRow(spec, x, 0, 2, 1);
    const ln = (t: typeof x) => row(layerNorm(t, [6]).data, 6, 0);
    const bn = (t: typeof x) => row(batchNorm(t).output.data, 6, 0);
    expect(ln(y)).toEqual(ln(x));
    expect(bn(y)).not.toEqual(bn(x));
  });

  it('the original batchmates (0) and no scaling give no change at all', () => {
    const view = compute(state({ mates: 0 }), 'en');
    expect(view.numbers.bnChange).toBe(0);
    expect(view.numbers.lnChange).toBe(0);
    expect(view.text.bnChange).toBe(labels.en.bitIdentical);
  });

  it('the chosen sample is clamped into the batch', () => {
    const view = compute(state({ n: 4, pick: 50 }), 'en');
    expect(view.numbers.pick).toBe(3);
    expect(view.text.sample).toBe('sample 4');
  });
});

describe('scaling the chosen sample', () => {
  it.each(SCALES.filter((s) => s !== '1'))('× %s: LayerNorm moves only by ε’s share, BatchNorm moves for real', (scale) => {
    const view = compute(state({ scale, mates: 0 }), 'en');
    const { lnChange, lnChangeNoEps, bnChange } = view.numbers;
    expect(lnChange).toBeLessThan(1e-4);
    expect(lnChangeNoEps, 'with ε = 0 only rounding is left').toBeLessThan(1e-14);
    expect(bnChange).toBeGreaterThan(0.01);
  });

  it('a LayerNorm change under scaling is printed in scientific notation and attributed to ε, never hidden as 0', () => {
    const view = compute(state({ scale: '0.1', mates: 0 }), 'en');
    expect(view.numbers.lnChange).toBeGreaterThan(0);
    expect(view.text.lnChange).toMatch(/^\d\.\de−\d+$/);
    expect(view.text.lnNote).toMatch(/^LayerNorm’s change \d\.\de−\d+ comes from ε = 1e−5 alone: .* With ε = 0 it would be below 1e−14: floating-point rounding\.$/);
  });

  it('is exact: the scaled row is x·a in float64, as x0[p] * a in PyTorch', () => {
    const s = state({ scale: '5', pick: 3 });
    const { original, current } = batches(s);
    expect(row(current.data, s.c, 2)).toEqual(row(original.data, s.c, 2).map((v) => v * 5));
  });
});

describe('N = 1 and train / eval', () => {
  it('a batch of one in training is refused like PyTorch, while LayerNorm works', () => {
    const view = compute(state({ n: 1, c: 4 }), 'en');
    expect(view.text.bnError).toBe('ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 4])');
    expect(view.figures.compare.bn.after).toBeNull();
    expect(view.figures.bn.values).toBeNull();
    expect(view.figures.bn.error).toBe(view.text.bnError);
    expect(view.text.bnChange).toBe(labels.en.refused);
    expect(view.text.bnTrainEval).toBe(labels.en.refused);
    const ln = Array.from(view.figures.compare.ln.after ?? []);
    expect(ln).toHaveLength(4);
    expect(ln.every(Number.isFinite)).toBe(true);
    expect(view.code).toContain('# bn(x1) raises ValueError: Expected more than 1 value per channel when training');
  });

  it('a batch of one in eval mode goes through BatchNorm (running statistics)', () => {
    const view = compute(state({ n: 1, mode: 'eval' }), 'en');
    expect(view.text.bnError).toBe('');
    expect(view.figures.compare.bn.after).not.toBeNull();
    // The code's training part still shows the refusal instead of calling bn(x1) in training.
    expect(view.code).toContain('# bn(x1) raises ValueError: Expected more than 1 value per channel when training');
    expect(view.code).not.toContain('y_bn = bn(x1)');
  });

  it.each([1, 2, 8, 64])('N = %i: LayerNorm gives the same output in train and eval, BatchNorm does not', (n) => {
    const train = compute(state({ n, mode: 'train' }), 'en');
    const evaluation = compute(state({ n, mode: 'eval' }), 'en');
    expect(Array.from(train.figures.output.values)).toEqual(Array.from(evaluation.figures.output.values));
    expect(train.text.lnTrainEval).toBe(labels.en.identical);
    if (n > 1) expect(train.numbers.bnTrainEval).toBeGreaterThan(0.01);
  });

  it('in eval mode BatchNorm ignores the batchmates too (fixed statistics), but not the scale', () => {
    const view = compute(state({ mode: 'eval', mates: 9 }), 'en');
    expect(view.numbers.bnChange).toBe(0);
    expect(view.text.bnChange).toBe(labels.en.bitIdentical);
    expect(view.text.modeNote).toBe(labels.en.evalNote);
    expect(compute(state({ mode: 'train' }), 'en').text.modeNote).toBe('');
    expect(compute(state({ mode: 'eval', mates: 0, scale: '2' }), 'en').numbers.bnChange).toBeGreaterThan(0.01);
  });

  it(`running statistics are ${RUNNING_BATCHES} PyTorch updates (momentum 0.1, unbiased variance) from 0 and 1`, () => {
    const got = runningStats(state({ c: 3, seed: 5 }));
    const m = [0, 0, 0];
    const v = [1, 1, 1];
    for (let k = 0; k < RUNNING_BATCHES; k++) {
      const x = streamBatch(5, k, RUNNING_BATCH_SIZE, 3).data;
      for (let j = 0; j < 3; j++) {
        const col = Array.from({ length: RUNNING_BATCH_SIZE }, (_, i) => x[i * 3 + j]!);
        m[j] = 0.9 * m[j]! + 0.1 * mean(col);
        v[j] = 0.9 * v[j]! + 0.1 * variance(col, { unbiased: true });
      }
    }
    for (let j = 0; j < 3; j++) {
      expect(got.mean[j]).toBeCloseTo(m[j]!, 10);
      expect(got.var[j]).toBeCloseTo(v[j]!, 10);
    }
  });
});

describe('what the heatmaps show', () => {
  it('LayerNorm’s heatmap: each row’s μ and σ² beside it are the mean and biased variance of its input row', () => {
    const s = state({ n: 5, c: 7, scale: '2', mates: 3 });
    const view = compute(s, 'en');
    const x = batches(s).current.data;
    const { rowMeans, rowVars } = view.figures.output;
    for (let i = 0; i < 5; i++) {
      expect(rowMeans[i]).toBeCloseTo(mean(row(x, 7, i)), 12);
      expect(rowVars[i]).toBeCloseTo(variance(row(x, 7, i)), 12);
    }
  });

  it('with γ = 1, β = 0 every LayerNorm output row has mean 0 and variance σ²/(σ² + ε)', () => {
    const view = compute(state({ n: 6 }), 'en');
    const { values, rowVars: inputVars } = view.figures.output;
    for (let i = 0; i < 6; i++) {
      const y = row(values, 6, i);
      expect(Math.abs(mean(y))).toBeLessThan(1e-12);
      expect(variance(y)).toBeCloseTo(inputVars[i]! / (inputVars[i]! + EPS), 12);
    }
  });

  it('BatchNorm’s heatmap: each column’s μ and σ² over it are the batch’s in training, and every output column has mean 0', () => {
    const s = state({ n: 8, c: 6, mates: 2 });
    const view = compute(s, 'en');
    const x = batches(s).current.data;
    const { values, colMeans, colVars } = view.figures.bn;
    for (let j = 0; j < 6; j++) {
      const column = (data: ArrayLike<number>) => Array.from({ length: 8 }, (_, i) => data[i * 6 + j]!);
      expect(colMeans?.[j]).toBeCloseTo(mean(column(x)), 12);
      expect(colVars?.[j]).toBeCloseTo(variance(column(x)), 12);
      expect(Math.abs(mean(column(values ?? [])))).toBeLessThan(1e-12);
    }
  });

  it('BatchNorm’s heatmap in eval: the running statistics, the same whatever the batchmates', () => {
    const a = compute(state({ mode: 'eval', mates: 1 }), 'en').figures.bn;
    const b = compute(state({ mode: 'eval', mates: 9 }), 'en').figures.bn;
    const running = runningStats(state());
    expect(Array.from(a.colMeans ?? [])).toEqual(Array.from(running.mean));
    expect(Array.from(b.colVars ?? [])).toEqual(Array.from(running.var));
    expect(row(a.values ?? [], 6, 0)).toEqual(row(b.values ?? [], 6, 0));
  });

  it('new batchmates change BatchNorm’s chosen row in training and leave LayerNorm’s bit-identical', () => {
    const a = compute(state({ mates: 1, pick: 3 }), 'en').figures;
    const b = compute(state({ mates: 2, pick: 3 }), 'en').figures;
    expect(row(a.bn.values ?? [], 6, 2)).not.toEqual(row(b.bn.values ?? [], 6, 2));
    expect(row(a.output.values, 6, 2)).toEqual(row(b.output.values, 6, 2));
    expect(a.output.rowMeans[2]).toBe(b.output.rowMeans[2]);
  });

  it.each(['ones', 'ramp', 'random'] as const)('γ/β preset %s is elementwise, one value per feature, printable exactly', (kind) => {
    const { gamma, beta } = affine(kind, 5, 3);
    expect(gamma).toHaveLength(5);
    expect(beta).toHaveLength(5);
    for (const v of [...gamma, ...beta]) expect(round2(v)).toBe(v);
  });

  it('the ramp runs from γ 0.5 to 1.5 and β −0.5 to 0.5', () => {
    const { gamma, beta } = affine('ramp', 3, 1);
    expect(Array.from(gamma)).toEqual([0.5, 1, 1.5]);
    expect(Array.from(beta)).toEqual([-0.5, 0, 0.5]);
  });
});

describe('the PyTorch code', () => {
  it('holds the exact batch: its literals parse back to the model’s doubles', () => {
    const s = state({ n: 3, c: 4, mates: 2 });
    const view = compute(s, 'en');
    const { original, mates } = batches(s);
    const literal = (name: string) => {
      const match = view.code.match(new RegExp(`${name} = torch\\.tensor\\(\\[\\n([\\s\\S]*?)\\n\\]\\) / 256`));
      return (match?.[1] ?? '').replace(/[[\]\s]/g, '').split(',').filter(Boolean).map((k) => Number(k) / 256);
    };
    expect(literal('x0')).toEqual(Array.from(original.data));
    expect(literal('x1')).toEqual(Array.from(mates.data));
  });

  it.each([
    [{}, ['N, C, p = 8, 6, 0', 'nn.LayerNorm(C)', 'nn.BatchNorm1d(C)', 'torch.float64', '# LayerNorm: 0.0', 'True (identical)']],
    [{ scale: '2' }, ['x1[p] = x0[p] * 2.0']],
    [{ mates: 0 }, ['x1 = x0.clone()']],
    [{ mode: 'eval' }, ['bn.running_mean.copy_', 'ln.eval(); bn.eval()']],
  ] as const)('for %o says %o', (change, needles) => {
    const code = compute(state(change), 'en').code;
    for (const needle of needles) expect(code).toContain(needle);
  });

  it('prints the largest changes the widget shows', () => {
    const view = compute(state(), 'en');
    expect(view.code).toContain(`# BatchNorm: ≈ ${formatChange(view.numbers.bnChange ?? -1)}`);
  });
});

/** States whose code runs under PyTorch in fixtures/make_torch_fixture.py. */
const TORCH_STATES: Partial<LayerNormState>[] = [
  {},
  { scale: '0.1', mates: 0 },
  { scale: '10', mates: 5, affine: 'random' },
  { n: 1, c: 4 },
  { n: 1, c: 4, mode: 'eval', scale: '0.2' },
  { mode: 'eval', affine: 'ramp', seed: 3 },
  { n: 64, c: 16, pick: 40, mates: 77, scale: '2', affine: 'random', seed: 9 },
];

describe('the numbers on screen are the ones the PyTorch code prints', () => {
  it('the committed snippets are the code the widget shows now (UPDATE_LN_SNIPPETS=1 rewrites them)', () => {
    const now = TORCH_STATES.map((s) => ({ state: s, code: compute(state(s), 'en').code }));
    const file = new URL('./fixtures/snippets.json', import.meta.url);
    // Regenerating: write the snippets, then rerun fixtures/make_torch_fixture.py for torch.json.
    if (process.env.UPDATE_LN_SNIPPETS === '1') writeFileSync(file, `${JSON.stringify(now, null, 1)}\n`);
    const committed = JSON.parse(readFileSync(file, 'utf8')) as typeof snippets;
    expect(committed.map((c) => c.state)).toEqual(TORCH_STATES);
    for (const [i, c] of committed.entries()) expect(c.code).toBe(now[i]?.code);
  });

  it.each(TORCH_STATES.map((s, i) => [JSON.stringify(s), i] as const))('%s: BatchNorm and LayerNorm changes and train vs eval match PyTorch', (_, i) => {
    const s = TORCH_STATES[i] ?? {};
    const view = compute(state(s), 'en');
    const printed = torchOutput.cases[i]?.printed ?? [];
    const { bnChange, lnChange, bnTrainEval } = view.numbers;
    // What the code prints, in order: [BN change], LN change, [LN change with ε = 0, when LN changes], [BN eval vs train], True.
    const expected = [bnChange, lnChange, lnChange === 0 ? null : ('rounding' as const), bnTrainEval].filter((v) => v !== null);
    expect(printed.at(-1)).toBe('True');
    expect(printed).toHaveLength(expected.length + 1);
    expected.forEach((v, k) => {
      const torch = Number(printed[k]);
      if (v === 'rounding') {
        expect(Math.abs(torch), `value ${k}: torch ${torch}, LayerNorm with ε = 0`).toBeLessThan(ROUNDING_BOUND);
        return;
      }
      expect(Math.abs(torch - v), `value ${k}: torch ${torch}, widget ${v}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v)));
      if (v === 0) expect(torch).toBe(0);
    });
  });
});

describe('state and text', () => {
  it('hostile or malformed queries are clamped to a valid state that computes', () => {
    const parsed = codec.parse(new URLSearchParams('ln.n=-5&ln.c=9999&ln.pick=1e9&ln.scale=<script>&ln.mode=%00&ln.mates=NaN&ln.seed=1.5e400&ln.affine=__proto__'));
    const view = compute(parsed, 'zh');
    expect(parsed.n).toBeGreaterThanOrEqual(1);
    expect(parsed.c).toBeLessThanOrEqual(16);
    expect(SCALES).toContain(parsed.scale);
    expect(['train', 'eval']).toContain(parsed.mode);
    expect(view.numbers.pick).toBeLessThan(view.numbers.n);
  });

  it.each([
    { n: 1, c: 2, scale: '0.1', mode: 'train' },
    { n: 64, c: 16, scale: '10', mode: 'eval', affine: 'random' },
    { n: 2, c: 16, scale: '0.1', mode: 'eval', affine: 'ramp' },
  ] as const)('never shows NaN or Infinity: %o', (s) => {
    for (const lang of ['zh', 'en'] as const) {
      const view = compute(state(s), lang);
      const shown = [...Object.values(view.text), ...Object.values(view.descriptions), view.code].join('\n');
      expect(shown).not.toMatch(/NaN|Infinity/);
    }
  });

  it('both languages show the same numbers', () => {
    const zh = compute(state({ scale: '5' }), 'zh');
    const en = compute(state({ scale: '5' }), 'en');
    expect(zh.numbers).toEqual(en.numbers);
    expect(zh.text.bnChange).toBe(en.text.bnChange);
    expect(zh.code).toBe(en.code);
  });

  it('the labels have the same keys in both languages', () => {
    expect(Object.keys(labels.zh).sort()).toEqual(Object.keys(labels.en).sort());
  });

  it('formats changes honestly: exact zero, tiny values in scientific notation', () => {
    expect(formatChange(0)).toBe('0');
    expect(formatChange(2.220446049250313e-16)).toBe('2.2e−16');
    expect(formatChange(0.73412)).toBe('0.734');
  });
});

/**
 * States for the ε = 0 check against PyTorch (fixtures/make_eps0_fixture.py): the largest remainders this model
 * computes over a sweep of 18 900 states (1.8e−15), and the example (here 4.4e−16, PyTorch 2.2e−16 or 0).
 */
const EPS0_STATES: Partial<LayerNormState>[] = [
  { n: 1, c: 16, seed: 22, scale: '10', affine: 'random', mates: 0 },
  { n: 1, c: 16, seed: 57, scale: '5', affine: 'ramp', mates: 0 },
  { n: 2, c: 16, seed: 50, scale: '0.1', affine: 'random', pick: 2, mates: 0 },
  { scale: '0.1', mates: 0 },
  { scale: '10', mates: 0 },
  { n: 64, c: 16, pick: 40, scale: '0.2', affine: 'random', seed: 9, mates: 0 },
];

describe('LayerNorm’s change with ε = 0 is stated as rounding below a bound, not as digits', () => {
  it('the committed inputs are the widget’s rows now (UPDATE_LN_EPS0=1 rewrites them; then rerun the script)', () => {
    const now = EPS0_STATES.map((s) => {
      const { original, current, pick } = batches(state(s));
      const { gamma, beta } = affine(state(s).affine, state(s).c, state(s).seed);
      const c = state(s).c;
      return { state: s, before: row(original.data, c, pick), after: row(current.data, c, pick), gamma: Array.from(gamma), beta: Array.from(beta) };
    });
    const file = new URL('./fixtures/eps0-inputs.json', import.meta.url);
    if (process.env.UPDATE_LN_EPS0 === '1') writeFileSync(file, `${JSON.stringify(now, null, 1)}\n`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(now);
  });

  it.each(EPS0_STATES.map((s, i) => [JSON.stringify(s), i] as const))('%s: PyTorch’s remainder and this page’s are both below the stated bound', (_, i) => {
    const view = compute(state(EPS0_STATES[i]), 'en');
    const torch = eps0Torch.cases[i];
    expect(torch?.state).toEqual(EPS0_STATES[i]);
    expect(torch?.change).toBeLessThan(ROUNDING_BOUND);
    expect(view.numbers.lnChangeNoEps).toBeLessThan(ROUNDING_BOUND);
    expect(view.text.lnNote).toContain('below 1e−14: floating-point rounding');
  });

  it('no state prints the rounding’s digits: the note holds only the ε-driven change, in both languages', () => {
    for (const scale of SCALES.filter((v) => v !== '1')) {
      for (const affineKind of AFFINES) {
        for (const [n, c] of [[1, 16], [8, 6], [64, 16]] as const) {
          const s = state({ n, c, scale, affine: affineKind, mates: 0 });
          const en = compute(s, 'en');
          const zh = compute(s, 'zh');
          expect(en.numbers.lnChangeNoEps).toBeLessThan(ROUNDING_BOUND);
          const digits = [...(en.text.lnNote ?? '').matchAll(/\d\.\de−\d+/g)].map((m) => m[0]);
          expect(digits, en.text.lnNote).toEqual([en.text.lnChange]);
          expect(zh.text.lnNote).toBe(`LayerNorm 的变化 ${en.text.lnChange} 完全来自 ε = 1e−5：ε 加在 σ² 上，而缩放改变了 σ²。若 ε = 0，变化小于 1e−14，只是浮点舍入误差。`);
        }
      }
    }
  });

  it('with no change there is no note', () => {
    expect(compute(state({ mates: 0 }), 'en').text.lnNote).toBe('');
  });
});
