import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, portableExp, portableLog, portableSqrt } from './random';
import { mean, skewness, variance } from './stats';

fc.configureGlobal({ seed: 20240501, numRuns: 300 });

describe('createRng', () => {
  it('gives these exact numbers for seed "layernorm" on every machine', () => {
    const r = createRng('layernorm');
    expect([r.uint32(), r.uint32(), r.uint32(), r.uniform(), r.normal(), r.int(10), r.range(-1, 1)]).toEqual([
      2673444442, 1734714426, 3908067627, 0.2371404791834022, -1.2346829040792138, 3, -0.08598308449698555,
    ]);
  });

  it.each([
    ['the same seed repeats the same stream', 'a', [], 'a', [], true],
    ['a number seed equals its decimal string', 42, [], '42', [], true],
    ['different seeds give different streams', 'a', [], 'b', [], false],
    ['a derived path differs from its parent', 'a', ['batch', 1], 'a', [], false],
    ['neighbouring batch indices differ', 'a', ['batch', 1], 'a', ['batch', 2], false],
    ['path parts cannot be confused by concatenation', 'a', ['b/c'], 'a', ['b', 'c'], false],
  ] as const)('%s', (_, seedA, pathA, seedB, pathB, same) => {
    const a = createRng(seedA, ...pathA);
    const b = createRng(seedB, ...pathB);
    const drawsA = Array.from({ length: 8 }, () => a.uint32());
    const drawsB = Array.from({ length: 8 }, () => b.uint32());
    if (same) expect(drawsA).toEqual(drawsB);
    else expect(drawsA).not.toEqual(drawsB);
  });

  it('keeps uniform draws in [0, 1), integers in {0…n−1} and ranges in [lo, hi)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const r = createRng(seed);
        for (let i = 0; i < 20; i++) {
          const u = r.uniform();
          expect(u >= 0 && u < 1).toBe(true);
          const k = r.int(n);
          expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
          const x = r.range(-3, 5);
          expect(x >= -3 && x < 5).toBe(true);
        }
      }),
    );
  });

  it('draws normals with mean 0, variance 1 and no skew (100 000 draws)', () => {
    const r = createRng('normal-moments');
    const z = Float64Array.from({ length: 100_000 }, () => r.normal());
    expect(Math.abs(mean(z))).toBeLessThan(0.01);
    expect(Math.abs(variance(z) - 1)).toBeLessThan(0.02);
    expect(Math.abs(skewness(z))).toBeLessThan(0.03);
    expect(z.filter((v) => Math.abs(v) < 1).length / z.length).toBeCloseTo(0.6827, 2);
  });

  it('scales normals by mean and std', () => {
    const a = createRng('s');
    const b = createRng('s');
    expect(a.normal(10, 3)).toBe(10 + 3 * b.normal());
  });
});

describe('portable elementary functions (+ − × ÷ only)', () => {
  const ulp = (x: number): number => Math.abs(x) * Number.EPSILON;

  it('portableSqrt is correctly rounded: it equals Math.sqrt', () => {
    fc.assert(fc.property(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), (x) => {
      expect(portableSqrt(x)).toBe(Math.sqrt(x));
    }));
  });

  it('portableLog is within 2 ulp of Math.log', () => {
    fc.assert(fc.property(fc.double({ min: Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }), (x) => {
      const exact = Math.log(x);
      expect(Math.abs(portableLog(x) - exact)).toBeLessThanOrEqual(2 * Math.max(ulp(exact), Number.MIN_VALUE));
    }));
  });

  it('portableExp is within 2 ulp of Math.exp', () => {
    fc.assert(fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (x) => {
      const exact = Math.exp(x);
      expect(Math.abs(portableExp(x) - exact)).toBeLessThanOrEqual(2 * ulp(exact));
    }));
  });

  it.each([
    ['log 0', portableLog(0), Number.NEGATIVE_INFINITY],
    ['log −1', portableLog(-1), Number.NaN],
    ['log ∞', portableLog(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY],
    ['log 1', portableLog(1), 0],
    ['exp 0', portableExp(0), 1],
    ['exp 710', portableExp(710), Number.POSITIVE_INFINITY],
    ['exp −750', portableExp(-750), 0],
    ['sqrt 0', portableSqrt(0), 0],
    ['sqrt −1', portableSqrt(-1), Number.NaN],
    ['sqrt 4', portableSqrt(4), 2],
    ['sqrt of the smallest subnormal', portableSqrt(Number.MIN_VALUE), Math.sqrt(Number.MIN_VALUE)],
  ])('%s', (_, actual, expected) => {
    expect(actual).toBe(expected);
  });
});
