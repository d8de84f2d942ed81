// The hand-written backward pass against central finite differences, in float64, for every parameter of a
// small model under each norm and mask — in training mode (BatchNorm's gradient through its batch statistics)
// and in eval mode (running statistics, which are constants).
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { NORM_KINDS, type MaskKind, type ModelConfig, type NormKind } from './config';
import { TinyTransformer, type Batch, type StatsMode } from './model';
import { initParams } from './params';

const H = 1e-5;

function smallModel(norm: NormKind, mask: MaskKind): TinyTransformer {
  const config: ModelConfig = { vocab: 7, maxLen: 5, dModel: 8, heads: 2, ffn: 16, layers: 2, norm, mask, eps: 1e-5, momentum: 0.1, posInitStd: 1 };
  const model = new TinyTransformer(config, 'float64');
  initParams(model.layout, model.params, 7);
  // Norm parameters away from (1, 0) and running statistics away from (0, 1), so that neither hides a mistake.
  const rng = createRng('gradcheck', norm, mask);
  for (const spec of model.layout.specs) {
    if (spec.init === 'ones' || spec.init === 'zeros') {
      for (let i = spec.offset; i < spec.offset + spec.size; i++) model.params[i] = model.params[i]! + 0.3 * rng.normal();
    }
  }
  for (const n of model.norms) {
    n.runningMean?.forEach((_, i, a) => (a[i] = 0.5 * rng.normal()));
    n.runningVar?.forEach((_, i, a) => (a[i] = 0.5 + rng.uniform()));
  }
  return model;
}

const batch: Batch = {
  b: 3,
  t: 5,
  tokens: Int32Array.from([3, 1, 4, 1, 5, 2, 6, 5, 0, 0, 6, 4, 0, 0, 0]),
  targets: Int32Array.from([1, 1, 3, 4, 5, 2, 5, 6, -1, -1, 4, 6, -1, -1, -1]),
  mask: Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0]),
};

const cases = NORM_KINDS.flatMap((norm) =>
  (['padding', 'causal'] as const).flatMap((mask) =>
    (['batch', 'running'] as const)
      .filter((stats) => stats === 'batch' || norm === 'bn' || norm === 'bnm')
      .map((stats) => [`${norm}, ${mask} mask, ${stats} statistics`, norm, mask, stats] as const),
  ),
);

describe.each(cases)('%s', (_name, norm, mask, stats: StatsMode) => {
  it('every parameter: backward equals (L(θ + h) − L(θ − h)) / 2h', () => {
    const model = smallModel(norm, mask);
    const options = { stats, updateRunning: false };
    model.forward(batch, options);
    model.zeroGrad();
    model.backward();
    const analytic = Float64Array.from(model.grads);
    let worst = 0;
    let largest = 0;
    for (let i = 0; i < model.params.length; i++) {
      const keep = model.params[i]!;
      model.params[i] = keep + H;
      const up = model.forward(batch, options).loss;
      model.params[i] = keep - H;
      const down = model.forward(batch, options).loss;
      model.params[i] = keep;
      const numeric = (up - down) / (2 * H);
      worst = Math.max(worst, Math.abs(numeric - analytic[i]!) / Math.max(1e-3, Math.abs(numeric)));
      largest = Math.max(largest, Math.abs(analytic[i]!));
    }
    expect(largest).toBeGreaterThan(1e-2);
    expect(worst).toBeLessThan(1e-5);
  });
});
