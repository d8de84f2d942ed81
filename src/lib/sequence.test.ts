import { describe, expect, it } from 'vitest';
import { tokenBatch } from './datasets';
import { batchNorm, tensor } from './norms';
import { mean, variance } from './stats';
import {
  decodeBatchNorm,
  decodeLayerNorm,
  gatherTokens,
  maskedTokenBatchNorm,
  padMore,
  roundTo,
  rowMaxAbsDiff,
  scatterTokens,
  sentenceTokens,
  truncateSentences,
  tokenBatchNorm,
  tokenLayerNorm,
} from './sequence';

const D = 6;
const batchOf = (lengths: number[], draws?: number[], maxLength?: number) =>
  tokenBatch({ seed: 'sequence-test', lengths, dim: D, ...(draws ? { draws } : {}), ...(maxLength ? { maxLength } : {}) });

/** Feature k of every position (b, t) selected by `keep`, read straight from the (B, T, D) data. */
function featureValues(x: { data: Float64Array; shape: readonly number[] }, k: number, keep: (i: number) => boolean): number[] {
  const d = x.shape[2] ?? 0;
  const out: number[] = [];
  for (let i = 0; i < x.data.length / d; i++) if (keep(i)) out.push(x.data[i * d + k] ?? Number.NaN);
  return out;
}

describe('tokenBatchNorm: nn.BatchNorm1d on x.permute(0, 2, 1)', () => {
  it.each([
    { lengths: [5, 3, 7], what: 'padded batch' },
    { lengths: [4, 4], what: 'no padding' },
  ])('normalizes each feature over all B·T positions, pads included ($what)', ({ lengths }) => {
    const { embeddings } = batchOf(lengths);
    const y = tokenBatchNorm(embeddings).output;
    for (let k = 0; k < D; k++) {
      const all = featureValues(embeddings, k, () => true);
      const mu = mean(all);
      const inv = 1 / Math.sqrt(variance(all) + 1e-5);
      const expected = all.map((v) => (v - mu) * inv);
      const got = featureValues(y, k, () => true);
      got.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? Number.NaN, 12));
    }
  });
});

describe('maskedTokenBatchNorm: gather the real tokens, normalize, scatter back', () => {
  const { embeddings, mask } = batchOf([6, 2, 4, 5]);

  it('equals batchNorm on the gathered non-pad tokens', () => {
    const masked = maskedTokenBatchNorm(embeddings, mask);
    const gathered = batchNorm(gatherTokens(embeddings, mask));
    expect(gatherTokens(masked.output, mask).data).toEqual(gathered.output.data);
    expect(masked.batchMean).toEqual(gathered.batchMean);
  });

  it('uses each feature’s mean and biased variance over the real tokens only', () => {
    const y = maskedTokenBatchNorm(embeddings, mask).output;
    for (let k = 0; k < D; k++) {
      const real = featureValues(embeddings, k, (i) => mask[i] === 1);
      const mu = mean(real);
      const inv = 1 / Math.sqrt(variance(real) + 1e-5);
      featureValues(y, k, (i) => mask[i] === 1).forEach((v, i) => expect(v).toBeCloseTo(((real[i] ?? 0) - mu) * inv, 12));
    }
  });

  it('leaves pad positions at 0', () => {
    const y = maskedTokenBatchNorm(embeddings, mask).output;
    for (let k = 0; k < D; k++) expect(featureValues(y, k, (i) => mask[i] === 0).every((v) => v === 0)).toBe(true);
  });

  it('refuses one real token in training, like PyTorch', () => {
    const one = batchOf([1, 0]);
    expect(() => maskedTokenBatchNorm(one.embeddings, one.mask)).toThrow('Expected more than 1 value per channel when training');
  });
});

describe('gatherTokens and scatterTokens', () => {
  it('scatter(gather(x)) gives x back, since pads are 0', () => {
    const { embeddings, mask } = batchOf([3, 5, 1]);
    const [b = 0, t = 0, d = 0] = embeddings.shape;
    expect(scatterTokens(gatherTokens(embeddings, mask), mask, [b, t, d]).data).toEqual(embeddings.data);
  });

  it('rejects a mask of the wrong size', () => {
    const { embeddings } = batchOf([3, 2]);
    expect(() => gatherTokens(embeddings, [1, 1])).toThrow(RangeError);
  });
});

describe('the claims of the padding widget', () => {
  const lengths = [7, 3, 5, 6];
  const mine = 2;
  const base = batchOf(lengths);
  const mineTokens = (x: typeof base.embeddings) => sentenceTokens(x, mine, lengths[mine] ?? 0).data;
  const matesRedrawn = batchOf(lengths, [0, 1, 0, 1]);
  const morePadding = padMore(base.embeddings, base.mask, 5);
  const alone = sentenceTokens(base.embeddings, mine, lengths[mine] ?? 0);

  it.each([
    { change: 'other sentences redrawn', x: matesRedrawn.embeddings },
    { change: 'five more pad positions per sentence', x: morePadding.x },
    { change: 'the sentence alone, unpadded', x: alone },
  ])('LayerNorm output of your sentence is bit-identical ($change)', ({ x }) => {
    const own = x === alone ? tokenLayerNorm(x).data : mineTokens(tokenLayerNorm(x));
    expect(own).toEqual(mineTokens(tokenLayerNorm(base.embeddings)));
  });

  it.each([
    { change: 'other sentences redrawn', x: matesRedrawn.embeddings, mask: matesRedrawn.mask },
    { change: 'five more pad positions per sentence', x: morePadding.x, mask: morePadding.mask },
  ])('BatchNorm output of your sentence changes, pads in the statistics ($change)', ({ x }) => {
    const before = mineTokens(tokenBatchNorm(base.embeddings).output);
    const after = mineTokens(tokenBatchNorm(x).output);
    expect(rowMaxAbsDiff(tensor(before, [before.length]), tensor(after, [after.length]))[0]).toBeGreaterThan(0.01);
  });

  it('masked BatchNorm ignores extra padding exactly', () => {
    const before = mineTokens(maskedTokenBatchNorm(base.embeddings, base.mask).output);
    const after = mineTokens(maskedTokenBatchNorm(morePadding.x, morePadding.mask).output);
    expect(after).toEqual(before);
  });

  it('masked BatchNorm still moves when the other sentences change', () => {
    const before = mineTokens(maskedTokenBatchNorm(base.embeddings, base.mask).output);
    const after = mineTokens(maskedTokenBatchNorm(matesRedrawn.embeddings, matesRedrawn.mask).output);
    expect(Math.max(...before.map((v, i) => Math.abs(v - (after[i] ?? 0))))).toBeGreaterThan(0.01);
  });
});

describe('training, then decoding one token at a time', () => {
  const T = 4;
  const batchAt = (k: number) => tokenBatch({ seed: 'decode-test', lengths: [T, T, T], dim: D, draws: [k, k, k] }).embeddings;

  it('decodes with the running statistics in evaluation: (x − running mean)/√(running var + ε)', () => {
    const stats = { mean: tokenBatchNorm(batchAt(0)).batchMean, var: tokenBatchNorm(batchAt(1)).batchVar, numBatchesTracked: 2 };
    const seq = tensor(batchAt(99).data.subarray(0, T * D), [T, D]);
    const y = decodeBatchNorm(seq, stats);
    for (let i = 0; i < T * D; i++) {
      const k = i % D;
      expect(y.data[i]).toBeCloseTo(((seq.data[i] ?? 0) - (stats.mean[k] ?? 0)) / Math.sqrt((stats.var[k] ?? 1) + 1e-5), 12);
    }
  });

  it('refuses BatchNorm in training mode at batch size 1, one token, like PyTorch', () => {
    const seq = tensor(batchAt(0).data.subarray(0, T * D), [T, D]);
    expect(() => decodeBatchNorm(seq, { mean: new Float64Array(D), var: new Float64Array(D).fill(1), numBatchesTracked: 0 }, true)).toThrow(
      `Expected more than 1 value per channel when training, got input size [1, ${D}]`,
    );
  });

  it('LayerNorm gives bit-identical outputs token by token and on the whole sequence: the gap is exactly 0', () => {
    const whole = batchAt(3);
    const seq = tensor(whole.data.subarray(0, T * D), [T, D]);
    const inBatch = tokenLayerNorm(whole).data.subarray(0, T * D);
    expect(decodeLayerNorm(seq).data).toEqual(Float64Array.from(inBatch));
    expect([...rowMaxAbsDiff(decodeLayerNorm(seq), tensor(inBatch, [T, D]))]).toEqual(new Array(T).fill(0));
  });
});

describe('small helpers', () => {
  it('truncateSentences of a full-length batch equals the batch drawn with those lengths', () => {
    const full = batchOf([6, 6, 6], [0, 2, 1]);
    const cut = truncateSentences(full.embeddings, [4, 6, 2]);
    const drawn = tokenBatch({ seed: 'sequence-test', lengths: [4, 6, 2], dim: D, draws: [0, 2, 1], maxLength: 6 });
    expect(cut.x.data).toEqual(drawn.embeddings.data);
    expect(cut.mask).toEqual(drawn.mask);
  });

  it('roundTo keeps two decimals', () => {
    expect([...roundTo([1.234, -0.006, -0.001, 2], 2)]).toEqual([1.23, -0.01, 0, 2]);
    expect(Object.is(roundTo([-0.001], 2)[0], -0)).toBe(false);
  });

  it('rowMaxAbsDiff gives the largest change per row', () => {
    expect([...rowMaxAbsDiff(tensor([1, 2, 3, 4], [2, 2]), tensor([1, 2.5, 2, 4], [2, 2]))]).toEqual([0.5, 1]);
  });

  it('padMore adds zero rows and extends the mask with zeros', () => {
    const { embeddings, mask } = batchOf([2, 1]);
    const { x, mask: longer } = padMore(embeddings, mask, 2);
    expect(x.shape).toEqual([2, 4, D]);
    expect([...longer]).toEqual([1, 1, 0, 0, 1, 0, 0, 0]);
  });
});
