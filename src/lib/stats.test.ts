import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { max, maxAbsDiff, mean, min, powerOfTwoScale, skewness, std, variance } from './stats';

fc.configureGlobal({ seed: 20240501, numRuns: 200 });

describe('summary statistics', () => {
  it.each([
    ['mean of 1…4', () => mean([1, 2, 3, 4]), 2.5],
    ['biased variance of 1…4', () => variance([1, 2, 3, 4]), 1.25],
    ['unbiased variance of 1…4', () => variance([1, 2, 3, 4], { unbiased: true }), 5 / 3],
    ['biased std of 2, 4, 4, 4, 5, 5, 7, 9', () => std([2, 4, 4, 4, 5, 5, 7, 9]), 2],
    ['unbiased std of 1, 3', () => std([1, 3], { unbiased: true }), Math.SQRT2],
    ['skewness of a symmetric sample', () => skewness([1, 2, 3, 4, 5]), 0],
    ['skewness of 0, 0, 0, 1 (right tail)', () => skewness([0, 0, 0, 1]), 2 / Math.sqrt(3)],
    ['skewness of a constant is 0, not NaN', () => skewness([0.1, 0.1, 0.1]), 0],
    ['variance of a constant', () => variance([7, 7, 7]), 0],
    ['min', () => min([3, -1, 2]), -1],
    ['max', () => max([3, -1, 2]), 3],
    ['a typed array works as well', () => mean(new Float64Array([1, 2, 3])), 2],
    ['maxAbsDiff', () => maxAbsDiff([1, 2, 3], [1, 2.5, 2]), 1],
    ['maxAbsDiff of empty arrays', () => maxAbsDiff([], []), 0],
  ])('%s', (_, compute, expected) => {
    expect(compute()).toBeCloseTo(expected, 14);
  });

  it.each([
    ['mean of nothing', () => mean([])],
    ['variance of nothing', () => variance([])],
    ['unbiased variance of one value', () => variance([1], { unbiased: true })],
    ['unbiased std of one value', () => std([1], { unbiased: true })],
    ['min of nothing', () => min([])],
    ['max of nothing', () => max([])],
    ['maxAbsDiff of different lengths', () => maxAbsDiff([1], [1, 2])],
  ])('refuses the undefined %s with a RangeError', (_, compute) => {
    expect(compute).toThrow(RangeError);
  });
});

describe('extreme magnitudes', () => {
  it.each([1e150, 1e-150, 1e300, 1e-300])('scale exactly with the data at %s', (scale) => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100_000, max: 100_000 }).map((k) => k / 1000), { minLength: 2, maxLength: 30 }), (values) => {
        const scaled = values.map((v) => v * scale);
        const rel = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
        const sigma = std(values);
        fc.pre(sigma > 1e-6 * Math.max(...values.map(Math.abs)));
        expect(rel(mean(scaled), mean(values) * scale)).toBeLessThan(1e-12 * (1 + Math.max(...values.map(Math.abs)) / Math.abs(mean(values))));
        expect(rel(std(scaled), sigma * scale)).toBeLessThan(1e-12);
        // σ² itself is only a double when σ is within about 1e±154.
        if (Math.abs(Math.log10(scale)) < 154) expect(rel(variance(scaled) / scale / scale, variance(values))).toBeLessThan(1e-12);
        expect(Math.abs(skewness(scaled) - skewness(values))).toBeLessThan(1e-9);
      }),
    );
  });

  it('the variance of values near 1e200 overflows only as the true variance does', () => {
    expect(std([1e200, -1e200])).toBe(1e200);
    expect(variance([1e200, -1e200])).toBe(Number.POSITIVE_INFINITY); // 1e400 is not a double
  });

  it('scales by a power of two, so scaling is exact', () => {
    expect(powerOfTwoScale(3)).toBe(2);
    expect(powerOfTwoScale(1e150)).toBe(2 ** 498);
    expect(powerOfTwoScale(0)).toBe(1);
    expect(powerOfTwoScale(Number.MIN_VALUE)).toBe(2 ** -1022);
  });
});
