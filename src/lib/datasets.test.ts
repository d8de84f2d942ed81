import { describe, expect, it } from 'vitest';
import {
  DISTRIBUTIONS,
  DISTRIBUTION_SKEWNESS,
  FEATURE_MEANS,
  FEATURE_STDS,
  activationBatch,
  activationPopulation,
  activationRow,
  channelsToTokens,
  redrawActivationRow,
  redrawSentence,
  replaceRow,
  sampleFeature,
  tokenBatch,
  tokensToChannels,
  type ActivationSpec,
} from './datasets';
import { tensor } from './norms';
import { max, mean, min, skewness, std } from './stats';

describe('sampleFeature', () => {
  it('gives these exact values for seed 1 on every machine', () => {
    expect(DISTRIBUTIONS.map((d) => [...sampleFeature({ distribution: d, n: 2, seed: 1 })])).toEqual([
      [1.536386007861392, 2.2949064249703737],
      [0.12867491370440595, 0.04203534640856123],
      [-1.021339979439663, -0.24165722994652594],
      [1.459764963857728, -1.1991624077474445],
    ]);
  });

  describe.each(DISTRIBUTIONS)('the %s shape', (distribution) => {
    const x = sampleFeature({ distribution, n: 40_000, seed: 'moments', mean: 10, std: 2 });

    it('has the requested population mean and std', () => {
      expect(mean(x)).toBeCloseTo(10, 1);
      expect(std(x) / 2).toBeCloseTo(1, 1);
    });

    it('has its population skewness', () => {
      expect(Math.abs(skewness(x) - DISTRIBUTION_SKEWNESS[distribution])).toBeLessThan(
        distribution === 'skewed' ? 0.5 : 0.05,
      );
    });

    it('repeats itself for the same seed and changes for another', () => {
      expect(sampleFeature({ distribution, n: 5, seed: 'a' })).toEqual(sampleFeature({ distribution, n: 5, seed: 'a' }));
      expect(sampleFeature({ distribution, n: 5, seed: 'a' })).not.toEqual(sampleFeature({ distribution, n: 5, seed: 'b' }));
    });
  });

  it.each([
    ['uniform stays within ±√3 std', 'uniform', (x: Float64Array) => max(x) <= Math.sqrt(3) && min(x) >= -Math.sqrt(3)],
    ['bimodal has few values near its mean', 'bimodal', (x: Float64Array) => x.filter((v) => Math.abs(v) < 0.2).length < 0.1 * x.length],
    ['skewed has a long right tail', 'skewed', (x: Float64Array) => max(x) > 4 && min(x) > -2],
  ] as const)('%s', (_, distribution, holds) => {
    expect(holds(sampleFeature({ distribution, n: 10_000, seed: 'shape' }))).toBe(true);
  });

  it('puts the optional outlier last, mean + outlier·std, keeping n and the other values', () => {
    const plain = sampleFeature({ distribution: 'normal', n: 10, seed: 's', mean: 1, std: 2 });
    const withOutlier = sampleFeature({ distribution: 'normal', n: 10, seed: 's', mean: 1, std: 2, outlier: 8 });
    expect(withOutlier.length).toBe(10);
    expect(withOutlier[9]).toBe(17);
    expect(withOutlier.slice(0, 9)).toEqual(plain.slice(0, 9));
  });
});

describe('activation batches (N, C)', () => {
  const spec: ActivationSpec = { seed: 'bn', batchSize: 8, features: 4 };

  it('gives these exact values for seed "bn" on every machine', () => {
    expect([...activationBatch({ seed: 'bn', batchSize: 2, features: 3 }).data]).toEqual([
      -0.7761274334223023, 4.195141233154241, -3.293711566414036, 0.1631533475277841, 2.8801748800732976,
      -2.8192648340723627,
    ]);
  });

  it('has shape (N, C) and features on visibly different scales', () => {
    const x = activationBatch(spec);
    expect(x.shape).toEqual([8, 4]);
    const { std: s } = activationPopulation({ ...spec, features: 16 });
    expect(max(s) / min(s)).toBeGreaterThanOrEqual(100);
  });

  it('uses the default population table, cycled, or the given one', () => {
    const p = activationPopulation({ ...spec, features: 18 });
    expect(p.mean[17]).toBe(FEATURE_MEANS[1]);
    expect(p.std[16]).toBe(FEATURE_STDS[0]);
    const q = activationPopulation({ ...spec, means: [1, 2, 3, 4], stds: [5, 6, 7, 8] });
    expect([...q.mean, ...q.std]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('draws batch k from (seed, k) alone: repeatable, different per k', () => {
    expect(activationBatch(spec, 3)).toEqual(activationBatch(spec, 3));
    expect(activationBatch(spec, 3).data).not.toEqual(activationBatch(spec, 4).data);
  });

  it('keeps the first rows when the batch grows', () => {
    const small = activationBatch(spec, 2);
    const large = activationBatch({ ...spec, batchSize: 16 }, 2);
    expect(large.data.slice(0, small.data.length)).toEqual(small.data);
  });

  it('approaches the population mean and std over many batches', () => {
    const wide = { ...spec, batchSize: 64 };
    const { mean: mu, std: sigma } = activationPopulation(wide);
    const columns = Array.from({ length: 4 }, () => [] as number[]);
    for (let k = 0; k < 100; k++) {
      activationBatch(wide, k).data.forEach((v, i) => columns[i % 4]?.push(v));
    }
    columns.forEach((col, c) => {
      const s = sigma[c] ?? 0;
      expect(Math.abs(mean(col) - (mu[c] ?? 0))).toBeLessThan((4 * s) / Math.sqrt(col.length));
      expect(Math.abs(std(col) / s - 1)).toBeLessThan(0.05);
    });
  });

  it('redraws exactly one sample when asked to change a batchmate', () => {
    const batch = activationBatch(spec, 1);
    const changed = redrawActivationRow(spec, batch, 1, 5, 1);
    for (let i = 0; i < 8; i++) {
      const rowBefore = batch.data.slice(i * 4, i * 4 + 4);
      const rowAfter = changed.data.slice(i * 4, i * 4 + 4);
      if (i === 5) expect(rowAfter).not.toEqual(rowBefore);
      else expect(rowAfter).toEqual(rowBefore);
    }
    expect(changed.data.slice(20, 24)).toEqual(activationRow(spec, 1, 5, 1));
    expect(activationBatch(spec, 1, [0, 0, 0, 0, 0, 1])).toEqual(changed);
  });
});

describe('replaceRow', () => {
  const t = tensor([1, 2, 3, 4, 5, 6], [3, 2]);

  it('replaces one slice along axis 0 and leaves the original alone', () => {
    expect([...replaceRow(t, 1, [9, 9]).data]).toEqual([1, 2, 9, 9, 5, 6]);
    expect([...t.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each([
    ['a row past the end', 3, [1, 2]],
    ['a negative row', -1, [1, 2]],
    ['a fractional row', 0.5, [1, 2]],
    ['a row of the wrong length', 0, [1, 2, 3]],
  ])('refuses %s', (_, row, values) => {
    expect(() => replaceRow(t, row, values)).toThrow(RangeError);
  });
});

describe('token batches (B, T, D)', () => {
  const spec = { seed: 'ln', lengths: [5, 2, 3], dim: 4 };

  it('gives these exact values for seed "ln" on every machine', () => {
    expect([...tokenBatch({ seed: 'ln', lengths: [2, 1], dim: 2 }).embeddings.data]).toEqual([
      3.2109890241245846, -0.8827351671123949, 6.471784865958504, -1.460191954143623, 1.9742269703491684,
      -1.1125230552826906, 0, 0,
    ]);
  });

  it('pads every sentence to the longest, with zeros and a 0 in the mask', () => {
    const { embeddings, mask, lengths } = tokenBatch(spec);
    expect(embeddings.shape).toEqual([3, 5, 4]);
    expect(lengths).toEqual([5, 2, 3]);
    expect([...mask]).toEqual([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0]);
    mask.forEach((real, i) => {
      const token = embeddings.data.slice(i * 4, i * 4 + 4);
      if (real === 1) expect(token.some((v) => v !== 0)).toBe(true);
      else expect([...token]).toEqual([0, 0, 0, 0]);
    });
  });

  it('honours an explicit T and clamps lengths to [0, T]', () => {
    const b = tokenBatch({ seed: 's', lengths: [9, -2, 2.6, Number.NaN], dim: 2, maxLength: 4 });
    expect(b.embeddings.shape).toEqual([4, 4, 2]);
    expect(b.lengths).toEqual([4, 0, 3, 0]);
  });

  it('keeps a sentence’s first tokens when it grows, and other sentences when one is redrawn', () => {
    const a = tokenBatch(spec);
    const longer = tokenBatch({ ...spec, lengths: [5, 4, 3] });
    expect(longer.embeddings.data.slice(20, 28)).toEqual(a.embeddings.data.slice(20, 28));
    const redrawn = redrawSentence(spec, 1, 1);
    expect(redrawn.embeddings.data.slice(0, 20)).toEqual(a.embeddings.data.slice(0, 20));
    expect(redrawn.embeddings.data.slice(20, 28)).not.toEqual(a.embeddings.data.slice(20, 28));
    expect(redrawn.embeddings.data.slice(40)).toEqual(a.embeddings.data.slice(40));
  });

  it('has one outlier dimension, as Transformer activations do', () => {
    const { dimMean, dimStd } = tokenBatch(spec);
    expect(dimMean[0]).toBe(4);
    expect(dimStd[0]).toBe(2);
  });

  it('converts (B, T, D) to the (B, D, T) layout of nn.BatchNorm1d and back', () => {
    const x = tokenBatch(spec).embeddings;
    const channels = tokensToChannels(x);
    expect(channels.shape).toEqual([3, 4, 5]);
    expect(channels.data[(1 * 4 + 2) * 5 + 1]).toBe(x.data[(1 * 5 + 1) * 4 + 2]);
    expect(channelsToTokens(channels)).toEqual(x);
  });
});
