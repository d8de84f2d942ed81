import { describe, expect, it } from 'vitest';
import { adoptStreamBlocks, drawStreamBlocks, runningHistory, STREAM_FEATURES, STREAM_ROWS, streamBatch, streamPopulation, undrawnRows } from './activation-stream';
import { batchNorm } from './norms';
import { FEATURE_MEANS, FEATURE_STDS } from './datasets';
import { mean, std } from './stats';

describe('activation stream', () => {
  it('is a pure function of (seed, k): same batch twice, another seed or k gives another batch', () => {
    expect(streamBatch(7, 3, 8, 4).data).toEqual(streamBatch(7, 3, 8, 4).data);
    expect(streamBatch(7, 3, 8, 4).data).not.toEqual(streamBatch(8, 3, 8, 4).data);
    expect(streamBatch(7, 3, 8, 4).data).not.toEqual(streamBatch(7, 4, 8, 4).data);
  });

  it.each([
    [1, 2],
    [4, 16],
    [17, 5],
    [64, 16],
  ])('a (%i, %i) batch is the top-left corner of the full 64 × 16 block', (n, c) => {
    const full = streamBatch(3, 5, STREAM_ROWS, STREAM_FEATURES);
    const small = streamBatch(3, 5, n, c);
    expect(small.shape).toEqual([n, c]);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < c; j++) expect(small.data[i * c + j]).toBe(full.data[i * STREAM_FEATURES + j]);
    }
  });

  it('rounds every value to a multiple of 1/256: a short exact literal, and exact sums', () => {
    for (const v of streamBatch(1, 0, 64, 16).data) {
      expect(Number.isInteger(v * 256)).toBe(true);
      expect(String(v).replace(/^-?\d+\.?/, '').length).toBeLessThanOrEqual(8);
    }
  });

  it('has normal tails: 4.55 % of draws beyond 2σ, 0.27 % beyond 3σ (204 800 standardized values)', () => {
    const pop = streamPopulation(16);
    let beyond2 = 0;
    let beyond3 = 0;
    let count = 0;
    for (let k = 0; k < 200; k++) {
      const b = streamBatch(21, k, 64, 16);
      b.data.forEach((v, i) => {
        const z = Math.abs((v - pop.mean[i % 16]!) / pop.std[i % 16]!);
        if (z > 2) beyond2++;
        if (z > 3) beyond3++;
        count++;
      });
    }
    // Binomial standard errors: 0.00046 and 0.00011; rounding to 1/256 blurs the 0.1-std feature a little.
    expect(Math.abs(beyond2 / count - 0.0455)).toBeLessThan(0.003);
    expect(Math.abs(beyond3 / count - 0.0027)).toBeLessThan(0.0006);
  });

  it('keeps every value within ±306, where sums of 64 values and of their squares (× 256²) stay exact', () => {
    let largest = 0;
    for (let k = 0; k < 200; k++) for (const v of streamBatch(13, k, 64, 16).data) largest = Math.max(largest, Math.abs(v));
    expect(largest).toBeGreaterThan(50);
    expect(largest).toBeLessThan(306);
  });

  it('clamps hostile sizes to the stream (0 … 64 rows, 0 … 16 features)', () => {
    expect(streamBatch(1, 0, 1000, 99).shape).toEqual([64, 16]);
    expect(streamBatch(1, 0, -3, Number.NaN).shape).toEqual([0, 0]);
  });

  it('draws each feature from its population N(mean_c, std_c²) (4000 values per feature)', () => {
    const pop = streamPopulation(16);
    expect([...pop.mean]).toEqual(FEATURE_MEANS.slice(0, 16));
    expect([...pop.std]).toEqual(FEATURE_STDS.slice(0, 16));
    for (let c = 0; c < 16; c++) {
      const values: number[] = [];
      for (let k = 0; k < 64; k++) {
        const b = streamBatch(11, k, 64, 16);
        for (let i = 0; i < 64; i++) values.push(b.data[i * 16 + c]!);
      }
      const s = pop.std[c]!;
      expect(Math.abs(mean(values) - pop.mean[c]!)).toBeLessThan((4 * s) / Math.sqrt(values.length) + 0.001);
      expect(std(values) / s).toBeGreaterThan(0.95);
      expect(std(values) / s).toBeLessThan(1.05);
    }
  });
});

describe('running statistics replay', () => {
  it.each([
    [5, 8, 3, 0.1, 6],
    [7, 2, 16, 0.01, 12],
    [3, 64, 5, 1, 4],
    [9, 17, 11, 0.37, 9],
  ])('seed %i, N = %i, C = %i, momentum %f: equals batchNorm fed batch after batch (means exactly, variances to 1e-14)', (seed, n, c, m, steps) => {
    const h = runningHistory(seed, n, c, m, steps);
    let runningMean: Float64Array = new Float64Array(c);
    let runningVar: Float64Array = new Float64Array(c).fill(1);
    expect([...h.mean.subarray(0, c)]).toEqual(new Array(c).fill(0));
    expect([...h.variance.subarray(0, c)]).toEqual(new Array(c).fill(1));
    for (let k = 0; k < steps; k++) {
      const r = batchNorm(streamBatch(seed, k, n, c), { momentum: m, runningMean, runningVar });
      expect([...h.mean.subarray((k + 1) * c, (k + 2) * c)]).toEqual([...r.runningMean]);
      h.variance.subarray((k + 1) * c, (k + 2) * c).forEach((v, j) => {
        expect(Math.abs(v - r.runningVar[j]!)).toBeLessThanOrEqual(1e-14 * r.runningVar[j]!);
      });
      // Feed batchNorm the replay's buffers, so that each step compares one update, not accumulated rounding.
      runningMean = h.mean.slice((k + 1) * c, (k + 2) * c);
      runningVar = h.variance.slice((k + 1) * c, (k + 2) * c);
      expect([...h.batchMean.subarray(k * c, (k + 1) * c)]).toEqual([...r.batchMean]);
    }
  });

  it('a batch drawn for a small N and later grown is the same as one drawn at full size at once', () => {
    const small = streamBatch(77, 3, 5, 16);
    const grown = streamBatch(77, 3, 40, 16);
    expect([...grown.data.subarray(0, 5 * 16)]).toEqual([...small.data]);
    // '77' is the same seed as 77 (./random) but another cache entry, drawn at full size at once
    expect(streamBatch('77', 3, 40, 16).data).toEqual(grown.data);
    expect(streamBatch(78, 3, 40, 16).data).not.toEqual(grown.data);
  });

  it('batches drawn elsewhere whole and adopted are the batches drawn here, and are not drawn again', () => {
    const here = Array.from({ length: 6 }, (_, k) => streamBatch(301, k, 64, 16).data);
    const drawn = drawStreamBlocks(302, 6);
    expect(drawn.length).toBe(6 * 64 * 16);
    // Seed 302 not drawn here yet: its first batch half drawn, then the whole six adopted.
    const half = streamBatch(302, 0, 32, 16).data;
    expect(undrawnRows(302, 6, 64)).toBe(6 * 64 - 32);
    expect(undrawnRows(302, 6, 10)).toBe(5 * 10);
    adoptStreamBlocks(302, drawn);
    expect(undrawnRows(302, 6, 64)).toBe(0);
    expect(undrawnRows(302, 7, 64)).toBe(64);
    expect([...streamBatch(302, 0, 64, 16).data.subarray(0, 32 * 16)]).toEqual([...half]);
    for (let k = 0; k < 6; k++) expect([...streamBatch(302, k, 64, 16).data]).toEqual([...Array.from(drawn.subarray(k * 1024, (k + 1) * 1024), (m) => m / 256)]);
    // And the same function of the seed: what seed 301 gave here, drawn elsewhere.
    const again = drawStreamBlocks(301, 6);
    for (let k = 0; k < 6; k++) expect([...Array.from(again.subarray(k * 1024, (k + 1) * 1024), (m) => m / 256)]).toEqual([...here[k]!]);
    expect(runningHistory(302, 64, 16, 0.1, 6).mean).toEqual(runningHistory('302', 64, 16, 0.1, 6).mean);
    expect(drawStreamBlocks(1, -3).length).toBe(0);
  });

  it('sums kept between calls (per seed and N) give what batchNorm gives, in any order of seed, N, C, momentum and steps', () => {
    // batchNorm fed batch after batch: the reference, computed without the replay's kept sums.
    const reference = (seed: number, n: number, c: number, m: number, steps: number) => {
      let runningMean: Float64Array = new Float64Array(c);
      let runningVar: Float64Array = new Float64Array(c).fill(1);
      for (let k = 0; k < steps; k++) {
        const r = batchNorm(streamBatch(seed, k, n, c), { momentum: m, runningMean, runningVar });
        runningMean = Float64Array.from(r.runningMean);
        runningVar = Float64Array.from(r.runningVar);
      }
      return { runningMean, runningVar };
    };
    const calls: [number, number, number, number, number][] = [
      [41, 8, 16, 0.1, 30], [41, 8, 3, 0.5, 10], [41, 8, 16, 0.1, 50], [41, 9, 16, 0.1, 50], [42, 8, 16, 0.1, 50],
      [43, 8, 5, 0.2, 20], [44, 8, 5, 0.2, 20], [45, 8, 5, 0.2, 20], [41, 8, 7, 0.9, 60], [41, 2, 2, 1, 5], [41, 9, 1, 0.1, 51],
    ];
    for (const [seed, n, c, m, steps] of calls) {
      const h = runningHistory(seed, n, c, m, steps);
      const r = reference(seed, n, c, m, steps);
      expect([...h.mean.subarray(steps * c)]).toEqual([...r.runningMean]);
      h.variance.subarray(steps * c).forEach((v, j) => expect(Math.abs(v - r.runningVar[j]!)).toBeLessThanOrEqual(1e-12 * r.runningVar[j]!));
    }
  });

  it('extending a shorter history gives exactly the full replay', () => {
    const full = runningHistory(2, 16, 4, 0.3, 40);
    const extended = runningHistory(2, 16, 4, 0.3, 40, runningHistory(2, 16, 4, 0.3, 13));
    expect(extended.mean).toEqual(full.mean);
    expect(extended.variance).toEqual(full.variance);
    expect(extended.batchMean).toEqual(full.batchMean);
  });

  it('with N = 1 every training pass is refused, so the buffers never leave 0 and 1', () => {
    const h = runningHistory(1, 1, 4, 0.1, 10);
    expect([...h.mean]).toEqual(new Array(44).fill(0));
    expect([...h.variance]).toEqual(new Array(44).fill(1));
  });

  it.each([
    [4, 0.1],
    [16, 0.1],
    [64, 0.05],
  ])('at N = %i, momentum %f the running mean ends near the population mean, within 4 of its stationary std', (n, m) => {
    const c = 4;
    const h = runningHistory(9, n, c, m, 200);
    const pop = streamPopulation(c);
    for (let f = 0; f < c; f++) {
      const spread = Math.sqrt(m / (2 - m)) * (pop.std[f]! / Math.sqrt(n));
      expect(Math.abs(h.mean[200 * c + f]! - pop.mean[f]!)).toBeLessThan(4 * spread);
      expect(h.variance[200 * c + f]! / pop.std[f]! ** 2).toBeGreaterThan(0.3);
      expect(h.variance[200 * c + f]! / pop.std[f]! ** 2).toBeLessThan(2);
    }
  });
});
