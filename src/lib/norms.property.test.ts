// The invariants the explainer relies on, as seeded property tests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  batchNorm,
  groupNorm,
  instanceNorm,
  layerNorm,
  rmsNorm,
  tensor,
  type Tensor,
} from './norms';
import { maxAbsDiff, mean, variance } from './stats';

fc.configureGlobal({ seed: 20240501, numRuns: 150 });

const EPS = 1e-5;

/** A value of moderate size, never NaN or infinite. */
const value = fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true });

/** A tensor of the given shape whose values come from `value`. */
function tensorOf(shape: readonly number[]): fc.Arbitrary<Tensor> {
  const size = shape.reduce((a, b) => a * b, 1);
  return fc.array(value, { minLength: size, maxLength: size }).map((v) => tensor(v, shape));
}

/** An (N, D) matrix with N in [2, 6] and D in [2, 12]. */
const matrix = fc
  .tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 12 }))
  .chain(([n, d]) => tensorOf([n, d]));

/** An (N, C, L) tensor with small sizes. */
const volume = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 5 }))
  .chain(([n, c, l]) => tensorOf([n, c, l]));

function row(t: Tensor, i: number): Float64Array {
  const width = t.data.length / (t.shape[0] ?? 1);
  return t.data.slice(i * width, (i + 1) * width);
}

function withRow(t: Tensor, i: number, values: ArrayLike<number>): Tensor {
  const data = Float64Array.from(t.data);
  data.set(Float64Array.from(values), i * values.length);
  return tensor(data, t.shape);
}

/** |a − b| ≤ tol · max(1, |b|) for every element. */
function expectNear(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? Number.NaN;
    const y = b[i] ?? Number.NaN;
    expect(Math.abs(x - y)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(y)));
  }
}

describe('LayerNorm', () => {
  it('gives every row mean 0 and variance σ²/(σ² + ε) ≈ 1 before the affine', () => {
    fc.assert(
      fc.property(matrix, (x) => {
        const y = layerNorm(x, [x.shape[1] ?? 0]);
        for (let i = 0; i < (x.shape[0] ?? 0); i++) {
          const sigma2 = variance(row(x, i));
          fc.pre(sigma2 > 1e-3);
          expect(Math.abs(mean(row(y, i)))).toBeLessThan(1e-12);
          expect(variance(row(y, i))).toBeCloseTo(sigma2 / (sigma2 + EPS), 12);
          expect(Math.abs(variance(row(y, i)) - 1)).toBeLessThanOrEqual(EPS / sigma2 + 1e-12);
        }
      }),
    );
  });

  it('leaves a sample unchanged when the other samples of the batch change', () => {
    fc.assert(
      fc.property(matrix, fc.nat(), fc.array(value, { minLength: 12, maxLength: 12 }), (x, pick, fresh) => {
        const n = x.shape[0] ?? 0;
        const d = x.shape[1] ?? 0;
        const other = 1 + (pick % (n - 1)); // any row but 0
        const changed = withRow(x, other, fresh.slice(0, d));
        expect(row(layerNorm(changed, [d]), 0)).toEqual(row(layerNorm(x, [d]), 0));
      }),
    );
  });

  it('is unchanged, up to ε, when a sample is scaled by a positive factor', () => {
    fc.assert(
      fc.property(matrix, fc.double({ min: 0.5, max: 1000, noNaN: true }), (x, a) => {
        const d = x.shape[1] ?? 0;
        const scaled = tensor(x.data.map((v) => v * a), x.shape);
        // Exactly: LN_ε(a·x) = LN_{ε/a²}(x); and the ε-terms differ by at most ε·max(1, 1/a²)/σ².
        expectNear(layerNorm(scaled, [d]).data, layerNorm(x, [d], { eps: EPS / (a * a) }).data, 1e-10);
        for (let i = 0; i < (x.shape[0] ?? 0); i++) {
          const sigma2 = variance(row(x, i));
          fc.pre(sigma2 > 1e-3);
          const bound = (EPS * Math.max(1, 1 / (a * a))) / sigma2;
          expectNear(row(layerNorm(scaled, [d]), i), row(layerNorm(x, [d]), i), bound + 1e-10);
        }
      }),
    );
  });
});

describe('BatchNorm', () => {
  it('changes a sample’s output when its batchmates change', () => {
    fc.assert(
      fc.property(matrix, fc.nat(), (x, pick) => {
        const n = x.shape[0] ?? 0;
        const d = x.shape[1] ?? 0;
        const other = 1 + (pick % (n - 1));
        // Shift one batchmate far away: every channel's batch mean moves.
        const shift = 1 + 10 * Math.max(...x.data.map(Math.abs));
        const moved = withRow(x, other, row(x, other).map((v) => v + shift));
        const before = row(batchNorm(x).output, 0);
        const after = row(batchNorm(moved).output, 0);
        for (let c = 0; c < d; c++) expect(after[c]).not.toBe(before[c]);
      }),
    );
  });

  it('is a per-channel affine map y = a_c·x + b_c in evaluation mode', () => {
    const stats = fc.array(fc.double({ min: 0.01, max: 50, noNaN: true }), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(matrix, stats, stats, (x, runVar, gamma) => {
        const d = x.shape[1] ?? 0;
        const runningMean = runVar.slice(0, d).map((v, c) => v - c);
        const runningVar = runVar.slice(0, d);
        const weight = gamma.slice(0, d);
        const bias = weight.map((w) => 1 - w);
        const y = batchNorm(x, { training: false, runningMean, runningVar, weight, bias }).output.data;
        for (let i = 0; i < y.length; i++) {
          const c = i % d;
          const a = (weight[c] ?? 0) / Math.sqrt((runningVar[c] ?? 0) + EPS);
          const b = (bias[c] ?? 0) - (runningMean[c] ?? 0) * a;
          expectNear([y[i] ?? 0], [a * (x.data[i] ?? 0) + b], 1e-12 * (1 + Math.abs(a) * 100));
        }
      }),
    );
  });

  it('on (N, C) equals LayerNorm of the transposed (C, N) matrix', () => {
    fc.assert(
      fc.property(matrix, (x) => {
        const [n = 0, d = 0] = x.shape;
        const transposed = new Float64Array(n * d);
        for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) transposed[c * n + i] = x.data[i * d + c] ?? 0;
        const ln = layerNorm(tensor(transposed, [d, n]), [n]).data;
        const bn = batchNorm(x).output.data;
        for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) expect(bn[i * d + c]).toBe(ln[c * n + i]);
      }),
    );
  });

  it('leaves the running statistics and the counter alone in evaluation mode', () => {
    fc.assert(
      fc.property(matrix, (x) => {
        const d = x.shape[1] ?? 0;
        const runningMean = new Float64Array(d).fill(0.5);
        const runningVar = new Float64Array(d).fill(2);
        const r = batchNorm(x, { training: false, runningMean, runningVar, numBatchesTracked: 3 });
        expect(r.runningMean).toEqual(runningMean);
        expect(r.runningVar).toEqual(runningVar);
        expect(r.numBatchesTracked).toBe(3);
      }),
    );
  });
});

describe('GroupNorm, InstanceNorm, RMSNorm', () => {
  it('GroupNorm with one group equals LayerNorm over (C, spatial) without affine', () => {
    fc.assert(
      fc.property(volume, (x) => {
        const [, c = 0, l = 0] = x.shape;
        expect(groupNorm(x, 1).data).toEqual(layerNorm(x, [c, l]).data);
      }),
    );
  });

  it('GroupNorm with one group per channel equals InstanceNorm', () => {
    fc.assert(
      fc.property(volume, (x) => {
        expectNear(groupNorm(x, x.shape[1] ?? 1).data, instanceNorm(x).data, 1e-12);
      }),
    );
  });

  it('RMSNorm equals LayerNorm on zero-mean input, up to ε', () => {
    fc.assert(
      fc.property(matrix, (x) => {
        const d = x.shape[1] ?? 0;
        const centred = new Float64Array(x.data.length);
        let smallest = Number.POSITIVE_INFINITY;
        for (let i = 0; i < (x.shape[0] ?? 0); i++) {
          const r = row(x, i);
          const mu = mean(r);
          smallest = Math.min(smallest, variance(r));
          centred.set(r.map((v) => v - mu), i * d);
        }
        fc.pre(smallest > 1e-3);
        const z = tensor(centred, x.shape);
        expect(maxAbsDiff(rmsNorm(z, [d], { eps: EPS }).data, layerNorm(z, [d], { eps: EPS }).data)).toBeLessThan(1e-9);
        // With their own default ε (2.2e-16 against 1e-5) they differ by at most |y|·ε/(2σ²) ≤ √D·ε/(2σ²).
        const bound = (Math.sqrt(d) * EPS) / (2 * smallest) + 1e-9;
        expect(maxAbsDiff(rmsNorm(z, [d]).data, layerNorm(z, [d]).data)).toBeLessThanOrEqual(bound);
      }),
    );
  });
});

describe('extreme magnitudes', () => {
  it.each([
    ['1e150', 1e150],
    ['1e-150', 1e-150],
    ['1e300', 1e300],
    ['1e-300', 1e-300],
  ])('LayerNorm, GroupNorm and RMSNorm stay finite and exact at %s', (_, scale) => {
    fc.assert(
      fc.property(matrix, (x) => {
        const d = x.shape[1] ?? 0;
        for (let i = 0; i < (x.shape[0] ?? 0); i++) fc.pre(variance(row(x, i)) > 1e-3); // ε = 0 below
        const big = tensor(x.data.map((v) => v * scale), x.shape);
        for (const y of [layerNorm(big, [d]), groupNorm(big, 1), rmsNorm(big, [d]), batchNorm(big).output]) {
          for (const v of y.data) expect(Number.isFinite(v)).toBe(true);
        }
        // With ε = 0 normalization is scale-free, so the scaled input gives the unscaled answer.
        expectNear(layerNorm(big, [d], { eps: 0 }).data, layerNorm(x, [d], { eps: 0 }).data, 1e-9);
        expectNear(rmsNorm(big, [d], { eps: 0 }).data, rmsNorm(x, [d], { eps: 0 }).data, 1e-9);
      }),
      { numRuns: 50 },
    );
  });

  it('a constant row near 1e300 normalizes to 0 + β, not NaN', () => {
    const y = layerNorm(tensor([3e300, 3e300, 3e300], [1, 3]), [3], { bias: [1, 2, 3] });
    expect([...y.data]).toEqual([1, 2, 3]);
  });
});
