// Behaviour of src/lib/norms.ts beyond the PyTorch fixture: defaults, validation, purity.
import { describe, expect, it } from 'vitest';
import {
  batchNorm,
  groupNorm,
  instanceNorm,
  layerNorm,
  minMaxScale,
  rmsNorm,
  shapeSize,
  standardize,
  tensor,
} from './norms';

const x = tensor([1, 2, 3, 4, 5, 6, 7, 9], [4, 2]);

describe('tensor', () => {
  it('copies its values and its shape', () => {
    const values = [1, 2, 3, 4, 5, 6];
    const shape = [2, 3];
    const t = tensor(values, shape);
    values[0] = 99;
    shape[0] = 9;
    expect([...t.data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.shape).toEqual([2, 3]);
  });

  it('flattens nested arrays row-major, as torch’s tolist() writes them', () => {
    const nested = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] as unknown as number[];
    expect([...tensor(nested, [2, 2, 2]).data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it.each([
    ['too few values', [1, 2, 3], [2, 2]],
    ['too many values', [1, 2, 3, 4, 5], [2, 2]],
    ['a negative axis', [], [-1, 0]],
    ['a fractional axis', [1, 2], [1.5]],
  ])('refuses %s with a RangeError', (_, values, shape) => {
    expect(() => tensor(values, shape)).toThrow(RangeError);
  });

  it('counts Π shape values, 1 for a scalar shape', () => {
    expect(shapeSize([2, 3, 4])).toBe(24);
    expect(shapeSize([])).toBe(1);
  });
});

describe('batchNorm defaults are nn.BatchNorm1d(C)’s', () => {
  const r = batchNorm(x);

  it('trains with momentum 0.1 from running mean 0 and running variance 1', () => {
    expect([...r.batchMean]).toEqual([4, 5.25]);
    expect(r.runningMean[0]).toBeCloseTo(0.4, 15);
    expect(r.runningMean[1]).toBeCloseTo(0.525, 15);
    // unbiased variances Σ(x − μ)²/(m − 1): 20/3 and 26.75/3
    expect(r.runningVar[0]).toBeCloseTo(0.9 + 0.1 * (20 / 3), 14);
    expect(r.runningVar[1]).toBeCloseTo(0.9 + 0.1 * (26.75 / 3), 14);
    expect(r.numBatchesTracked).toBe(1);
  });

  it('normalizes with the biased batch variance and eps 1e-5', () => {
    expect(r.batchVar[0]).toBe(5);
    expect(r.output.data[0]).toBeCloseTo((1 - 4) / Math.sqrt(5 + 1e-5), 14);
  });

  it('with momentum null, the first batch overwrites the defaults and later ones average', () => {
    const first = batchNorm(x, { momentum: null });
    expect([...first.runningMean]).toEqual([4, 5.25]);
    const second = batchNorm(tensor([3, 3, 5, 5, 7, 7, 9, 9], [4, 2]), {
      momentum: null,
      runningMean: first.runningMean,
      runningVar: first.runningVar,
      numBatchesTracked: first.numBatchesTracked,
    });
    expect([...second.runningMean]).toEqual([(4 + 6) / 2, (5.25 + 6) / 2]);
    expect(second.numBatchesTracked).toBe(2);
  });

  it('in evaluation normalizes with the running statistics and changes nothing', () => {
    const e = batchNorm(x, { training: false, runningMean: [1, 2], runningVar: [4, 9], numBatchesTracked: 7 });
    expect(e.output.data[0]).toBeCloseTo(0, 14);
    expect(e.output.data[1]).toBeCloseTo(0, 14);
    expect(e.output.data[2]).toBeCloseTo(2 / Math.sqrt(4 + 1e-5), 14);
    expect([...e.runningMean, ...e.runningVar, e.numBatchesTracked]).toEqual([1, 2, 4, 9, 7]);
  });

  it('never writes into the arrays it is given', () => {
    const runningMean = new Float64Array([1, 2]);
    const runningVar = new Float64Array([3, 4]);
    const before = Float64Array.from(x.data);
    batchNorm(x, { runningMean, runningVar });
    expect([...runningMean, ...runningVar]).toEqual([1, 2, 3, 4]);
    expect(x.data).toEqual(before);
  });

  it('treats null options (as JSON writes None) like absent ones', () => {
    const nulls = { weight: null, bias: null, runningMean: null, runningVar: null } as unknown as object;
    expect(batchNorm(x, nulls)).toEqual(batchNorm(x));
  });
});

describe('validation mirrors PyTorch', () => {
  it.each([
    ['batchNorm with a weight of the wrong length', () => batchNorm(x, { weight: [1, 2, 3] }), 'weight should contain 2 elements not 3'],
    ['batchNorm on a vector', () => batchNorm(tensor([1, 2], [2])), 'at least 2 dimensions'],
    ['batchNorm training on (1, C)', () => batchNorm(tensor([1, 2], [1, 2])), 'Expected more than 1 value per channel when training, got input size [1, 2]'],
    ['batchNorm training on (1, C, 1, 1)', () => batchNorm(tensor([1, 2], [1, 2, 1, 1])), 'got input size [1, 2, 1, 1]'],
    ['layerNorm with mismatched trailing axes', () => layerNorm(x, [3]), 'Given normalized_shape=[3], expected input with shape [*, 3], but got input of size[4, 2]'],
    ['layerNorm with a bias of the wrong length', () => layerNorm(x, [2], { bias: [1] }), 'bias should contain 2 elements not 1'],
    ['rmsNorm with mismatched trailing axes', () => rmsNorm(x, [4, 2, 1]), 'expected input with shape [*, 4, 2, 1]'],
    ['groupNorm with 3 groups for 2 channels', () => groupNorm(tensor([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]), 3), 'divisible'],
    ['groupNorm with 0 groups', () => groupNorm(x, 0), 'num_groups'],
    ['instanceNorm without spatial axes', () => instanceNorm(x), 'Expected more than 1 spatial element when training'],
  ])('refuses %s', (_, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });

  it('allows (1, C, L) with L > 1 in training, and a batch of one in evaluation', () => {
    expect(() => batchNorm(tensor([1, 2, 3, 4], [1, 2, 2]))).not.toThrow();
    expect(() => batchNorm(tensor([1, 2], [1, 2]), { training: false })).not.toThrow();
  });

  it('accepts a bare integer as normalizedShape, as PyTorch does', () => {
    expect(layerNorm(x, 2 as unknown as number[])).toEqual(layerNorm(x, [2]));
  });
});

describe('degenerate inputs give PyTorch’s answer, not NaN', () => {
  it.each([
    ['layerNorm of a constant row → β', () => layerNorm(tensor([5, 5, 5], [1, 3]), [3], { bias: [1, 2, 3] }).data, [1, 2, 3]],
    ['rmsNorm of zeros → 0', () => rmsNorm(tensor([0, 0], [1, 2]), [2]).data, [0, 0]],
    ['batchNorm of a constant channel → β', () => batchNorm(tensor([2, 2, 2], [3, 1]), { bias: [0.5] }).output.data, [0.5, 0.5, 0.5]],
    ['batchNorm with eps 0 on a constant channel → β (PyTorch’s InvStd is 0)', () => batchNorm(tensor([2, 2], [2, 1]), { eps: 0, bias: [0.5] }).output.data, [0.5, 0.5]],
    ['minMaxScale of a constant → range[0]', () => minMaxScale([3, 3, 3], [-1, 1]), [-1, -1, -1]],
    ['standardize of a constant → 0', () => standardize([0.1, 0.1, 0.1]), [0, 0, 0]],
    ['minMaxScale of nothing → nothing', () => minMaxScale([]), []],
    ['standardize of nothing → nothing', () => standardize([]), []],
  ])('%s', (_, run, expected) => {
    expect([...run()]).toEqual(expected);
  });

  it.each([
    ['min → range[0], max → range[1]', [2, 4, 10], [0, 1] as const, [0, 0.25, 1]],
    ['a reversed range flips the order', [2, 4, 10], [1, 0] as const, [1, 0.75, 0]],
    ['extremes near ±1e308 do not overflow', [-1e308, 0, 1e308], [0, 1] as const, [0, 0.5, 1]],
  ])('minMaxScale: %s', (_, values, range, expected) => {
    expect([...minMaxScale(values, range)]).toEqual(expected);
  });
});
