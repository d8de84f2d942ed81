// The lab's Transformer against PyTorch (float64): one training-mode forward and backward pass of a tiny model
// under each norm and each mask — logits, loss, every parameter's gradient — then four Adam steps with the
// warm-up + cosine schedule (losses, parameters, BatchNorm's running statistics) and the eval-mode logits.
// Fixtures: scripts/make_lab_fixtures.py.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Adam, learningRate } from './adam';
import { NORM_KINDS, type ModelConfig, type NormKind, type OptimizerConfig } from './config';
import { TinyTransformer, type Batch } from './model';
import { normLayerNames, paramView } from './params';

interface Case {
  name: string;
  config: Omit<ModelConfig, 'posInitStd'>;
  optimizer: OptimizerConfig;
  batch: { b: number; t: number; tokens: number[]; targets: number[]; mask: number[] };
  params: Record<string, number[]>;
  logits: number[];
  loss: number;
  grads: Record<string, number[]>;
  adam: {
    steps: number;
    lrs: number[];
    losses: number[];
    params: Record<string, number[]>;
    running?: Record<string, { mean: number[]; var: number[] }>;
  };
  evalLogits: number[];
}

const TOLERANCE = 1e-10;
/**
 * Some gradients are exactly 0 in exact arithmetic and rounding noise in floating point: the key bias (softmax ignores a
 * shift shared by all of a query's scores) and, under BatchNorm, every bias that shifts all rows before a BatchNorm.
 * Adam turns noise g into a step of about lr·g/ε in any implementation, which is why the fixtures' Adam uses ε = 1e-4.
 */
const ROUNDING_NOISE = 1e-13;

function load(norm: NormKind): Case[] {
  const text = readFileSync(new URL(`./fixtures/lab-${norm}.json`, import.meta.url), 'utf8');
  return (JSON.parse(text) as { cases: Case[] }).cases;
}

/** Largest |a − b| / max(1, |b|) over two equally long lists. */
function maxRelError(actual: ArrayLike<number>, expected: readonly number[]): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    worst = Math.max(worst, Math.abs(actual[i]! - e) / Math.max(1, Math.abs(e)));
  }
  return worst;
}

function setUp(c: Case): { model: TinyTransformer; batch: Batch } {
  const model = new TinyTransformer({ ...c.config, posInitStd: 1 }, 'float64');
  expect(model.layout.specs.map((s) => s.name)).toEqual(Object.keys(c.params));
  for (const spec of model.layout.specs) paramView(model.layout, model.params, spec.name).set(c.params[spec.name]!);
  const batch: Batch = {
    b: c.batch.b,
    t: c.batch.t,
    tokens: Int32Array.from(c.batch.tokens),
    targets: Int32Array.from(c.batch.targets),
    mask: Uint8Array.from(c.batch.mask),
  };
  return { model, batch };
}

const cases = NORM_KINDS.flatMap((norm) => load(norm).map((c) => [c.name, c] as const));

describe.each(cases)('%s: the same numbers as PyTorch', (_name, c) => {
  it('logits and loss of a training-mode forward pass', () => {
    const { model, batch } = setUp(c);
    const out = model.forward(batch, { stats: 'batch', updateRunning: true });
    expect(maxRelError(out.logits, c.logits)).toBeLessThan(TOLERANCE);
    expect(Math.abs(out.loss - c.loss)).toBeLessThan(TOLERANCE);
  });

  it("every parameter's gradient", () => {
    const { model, batch } = setUp(c);
    model.forward(batch, { stats: 'batch', updateRunning: true });
    model.zeroGrad();
    model.backward();
    for (const spec of model.layout.specs) {
      const err = maxRelError(paramView(model.layout, model.grads, spec.name), c.grads[spec.name]!);
      expect(err, spec.name).toBeLessThan(TOLERANCE);
    }
  });

  it('four Adam steps with the schedule: learning rates, losses, parameters, running statistics, eval-mode logits', () => {
    const { model, batch } = setUp(c);
    const adam = new Adam(model.layout.size, c.optimizer, 'float64');
    for (let s = 0; s < c.adam.steps; s++) {
      const lr = learningRate(s, c.optimizer);
      expect(Math.abs(lr - c.adam.lrs[s]!)).toBeLessThan(1e-15);
      const { loss } = model.forward(batch, { stats: 'batch', updateRunning: true });
      expect(Math.abs(loss - c.adam.losses[s]!), `loss at step ${s}`).toBeLessThan(TOLERANCE);
      model.zeroGrad();
      model.backward();
      adam.update(model.params, model.grads, lr);
    }
    for (const spec of model.layout.specs) {
      const err = maxRelError(paramView(model.layout, model.params, spec.name), c.adam.params[spec.name]!);
      expect(err, spec.name).toBeLessThan(TOLERANCE);
    }
    if (c.adam.running) {
      normLayerNames(model.config).forEach((name, i) => {
        const n = model.norms[i]!;
        expect(maxRelError(n.runningMean!, c.adam.running![name]!.mean), `${name} running mean`).toBeLessThan(TOLERANCE);
        expect(maxRelError(n.runningVar!, c.adam.running![name]!.var), `${name} running var`).toBeLessThan(TOLERANCE);
      });
    }
    const evalOut = model.forward(batch, { stats: 'running', updateRunning: false });
    expect(maxRelError(evalOut.logits, c.evalLogits)).toBeLessThan(TOLERANCE);
  });
});

describe('gradients that vanish in exact arithmetic vanish here too', () => {
  it.each(cases)('%s: the key bias (a shift shared by all of a query\'s scores) has no gradient', (_name, c) => {
    const { model, batch } = setUp(c);
    model.forward(batch, { stats: 'batch', updateRunning: false });
    model.zeroGrad();
    model.backward();
    for (let l = 0; l < c.config.layers; l++) {
      const g = paramView(model.layout, model.grads, `blocks.${l}.attn.k.bias`);
      expect(Math.max(...Array.from(g, Math.abs))).toBeLessThan(ROUNDING_NOISE);
    }
  });

  it.each(cases.filter(([, c]) => c.config.norm === 'bn' || c.config.norm === 'bnm'))(
    '%s: biases that shift every row before a BatchNorm have no gradient; the others do',
    (_name, c) => {
      const { model, batch } = setUp(c);
      model.forward(batch, { stats: 'batch', updateRunning: false });
      model.zeroGrad();
      model.backward();
      const largest = (name: string): number => Math.max(...Array.from(paramView(model.layout, model.grads, name), Math.abs));
      for (let l = 0; l < c.config.layers; l++) {
        for (const p of ['attn.v', 'attn.o', 'ffn.down']) expect(largest(`blocks.${l}.${p}.bias`)).toBeLessThan(ROUNDING_NOISE);
        for (const p of ['attn.q', 'ffn.up']) expect(largest(`blocks.${l}.${p}.bias`)).toBeGreaterThan(1e-6);
      }
    },
  );
});

describe('the fixtures exercise what they claim', () => {
  it('every norm, both masks, pads in the batch, and a cosine step in the schedule', () => {
    expect(cases.map(([name]) => name)).toHaveLength(NORM_KINDS.length * 2);
    for (const [, c] of cases) {
      expect(c.batch.mask).toContain(0);
      expect(new Set(c.adam.lrs).size).toBeGreaterThan(2);
    }
  });

  it('BatchNorm over every position differs from BatchNorm over real tokens (the pads count in bn)', () => {
    const bn = load('bn')[0]!;
    const { model, batch } = setUp({ ...bn, config: { ...bn.config, norm: 'bnm' } });
    const out = model.forward(batch, { stats: 'batch', updateRunning: false });
    expect(maxRelError(out.logits, bn.logits)).toBeGreaterThan(1e-3);
  });
});
