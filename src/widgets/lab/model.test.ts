// The lab's state → view path, on results put in the store by hand (the training itself is tested in src/lib/lab).
import { afterEach, describe, expect, it } from 'vitest';
import { copyBayesFloor } from '../../lib/lab';
import { batchOf, chosenNorms, codec, compute, pytorchCode } from './model';
import { deleteResult, setResult, type RunResult } from './results';
import { labels } from './labels';

const sortRun = (norm: 'ln' | 'bn', over: Partial<RunResult> = {}): RunResult => ({
  task: 'sort',
  norm,
  batch: 4,
  seed: 1,
  state: 'built',
  step: 1500,
  totalSteps: 1500,
  ema: Array.from({ length: 150 }, (_, i) => 2 / (1 + i / 10)),
  checkpoints: Array.from({ length: 15 }, (_, i) => ({ step: (i + 1) * 100, lossEma: 1, batchStats: 0.5 + i / 40, runningStats: 0.55 + i / 40 })),
  report: { task: 'sort', step: 1500, lossEma: norm === 'ln' ? 0.07 : 0.38, batchStats: norm === 'ln' ? 0.99 : 0.856, runningStats: norm === 'ln' ? 0.99 : 0.92, singleUnpadded: norm === 'ln' ? 0.99 : 0.567, singlePadded: 0.7, batch64: 0.9 },
  ...over,
});

afterEach(() => {
  for (const norm of ['ln', 'bn'] as const) {
    for (const seed of [1, 2, 3]) {
      deleteResult('sort', norm, 4, seed);
      deleteResult('copy', norm, 2, seed);
    }
  }
});

describe('lab model', () => {
  it('keeps its state in the URL: defaults, round trip, clamping', () => {
    const d = codec.defaults;
    expect(d).toEqual({ task: 'sort', ln: true, rms: false, bn: true, bnm: false, none: false, batch: 4, seed: 1, spread: false });
    const state = { ...d, task: 'copy' as const, rms: true, seed: 7, batch: 16 };
    expect(codec.parse(codec.serialize(state))).toEqual(state);
    expect(codec.parse(new URLSearchParams('lab.batch=999&lab.seed=-3&lab.task=nope'))).toMatchObject({ batch: 32, seed: 1, task: 'sort' });
    expect(chosenNorms(state)).toEqual(['ln', 'rms', 'bn']);
    expect(batchOf(state)).toBe(2);
    expect(batchOf(d)).toBe(4);
  });

  it.each(['zh', 'en'] as const)('says "not trained yet" when the store has nothing for the settings (%s)', (lang) => {
    const view = compute(codec.defaults, lang);
    expect(view.figures.loss.empty).toBe(labels[lang].notTrained);
    expect(view.figures.loss.series.every((s) => s.points.length === 0)).toBe(true);
    expect(view.figures.deploy.groups.map((g) => g.values)).toEqual([[null, null, null], [null, null, null]]);
    expect(view.text.summary).toBe(labels[lang].noReport);
    expect(view.message).toBeNull();
  });

  it('draws the stored runs: a loss line per norm, BatchNorm with batch and running statistics, the card', () => {
    setResult(sortRun('ln'));
    setResult(sortRun('bn'));
    const view = compute(codec.defaults, 'en');
    expect(view.figures.loss.series.map((s) => s.key)).toEqual(['ln', 'bn']);
    expect(view.figures.loss.series[0]!.points).toHaveLength(150);
    expect(view.figures.loss.series[0]!.points[0]).toEqual([10, 2]);
    expect(view.figures.metric.series.map((s) => [s.key, s.dashed])).toEqual([
      ['ln', false],
      ['bn-batch', false],
      ['bn-running', true],
    ]);
    expect(view.figures.metric.series[1]!.points[0]).toEqual([100, 50]);
    expect(view.figures.deploy.groups.map((g) => g.values)).toEqual([
      [0.99, 0.99, 0.99],
      [0.856, 0.92, 0.567],
    ]);
    expect(view.text.summary).toContain('BatchNorm: 85.6\u00a0% of the digits right in batches as in training, 92.0\u00a0% with running statistics, 56.7\u00a0% one sequence at a time');
    expect(view.text.source).toBe(labels.en.precomputed);
    expect(view.text.status).toBe('LayerNorm: precomputed when the site was built · BatchNorm: precomputed when the site was built');
    expect(view.descriptions.loss).toContain('LayerNorm ends at 0.126 after 1,500 steps.');
    // Unticking a norm removes its lines and its bars.
    const onlyLn = compute({ ...codec.defaults, bn: false }, 'en');
    expect(onlyLn.figures.loss.series.map((s) => s.key)).toEqual(['ln']);
    expect(onlyLn.figures.deploy.groups.map((g) => g.key)).toEqual(['ln']);
    // Another batch size or seed is another run: not in the store.
    expect(compute({ ...codec.defaults, batch: 8 }, 'en').figures.loss.empty).toBe(labels.en.notTrained);
    expect(compute({ ...codec.defaults, seed: 2 }, 'en').figures.loss.empty).toBe(labels.en.notTrained);
  });

  it('streams: a run still training shows its progress and no card yet', () => {
    setResult(sortRun('bn', { state: 'training', step: 300, ema: [1, 0.9], checkpoints: [], report: null }));
    const view = compute(codec.defaults, 'en');
    expect(view.text.status).toContain('BatchNorm: training, step 300 of 1,500');
    expect(view.figures.deploy.groups[1]!.values).toEqual([null, null, null]);
    expect(view.text.source).toBe('');
  });

  it('a diverged run stops with a message, never NaN', () => {
    setResult(sortRun('bn', { state: 'diverged', step: 412, report: null }));
    const view = compute(codec.defaults, 'en');
    expect(view.message).toBe('BatchNorm diverged at step 412 (the loss stopped being finite): the run stopped.');
    expect(JSON.stringify(view.text)).not.toMatch(/NaN|Infinity/);
  });

  it('Lab 2: the floor on both curves, copies on the card, below / above the floor in words', () => {
    const floor = copyBayesFloor().overall;
    const copy = (norm: 'ln' | 'bn', lossEma: number): RunResult => ({
      task: 'copy', norm, batch: 2, seed: 1, state: 'done', step: 3000, totalSteps: 3000, ema: [2, lossEma], checkpoints: [],
      report: { task: 'copy', step: 3000, lossEma, floor, floorFirstHalf: 2.05, ceBatchStats: lossEma, ceRunningStats: 1.3, ceFirstHalfBatchStats: 1.5, ceFirstHalfRunningStats: 2.5, generationRunningStats: 0.85, generationBatchStats: 0.4 },
    });
    setResult(copy('ln', 1.033));
    setResult(copy('bn', 0.8));
    const view = compute({ ...codec.defaults, task: 'copy' }, 'en');
    expect(view.figures.loss.floor?.value).toBeCloseTo(1.026, 3);
    expect(view.figures.metric.floor?.value).toBeCloseTo(1.026, 3);
    expect(view.figures.deploy.regimes).toHaveLength(2);
    expect(view.figures.deploy.groups[1]!.values).toEqual([0.85, 0.4]);
    expect(view.text.summary).toContain('LayerNorm: training loss 1.033, just above the floor 1.026');
    expect(view.text.summary).toContain('BatchNorm: training loss 0.800, below the floor 1.026');
  });

  it('3 seeds: a thin line per seed under their mean, bars at the mean with the range, the range in words', () => {
    const single = [0.5, 0.6, 0.7];
    for (const seed of [1, 2, 3]) {
      const k = seed - 1;
      setResult(sortRun('ln', { seed, ema: [3, 2 + k], checkpoints: [] }));
      setResult(sortRun('bn', { seed, ema: [3, 1 + k], checkpoints: [], report: { ...sortRun('bn').report!, singleUnpadded: single[k]!, lossEma: 0.3 + k / 10 } as RunResult['report'] }));
    }
    const view = compute({ ...codec.defaults, spread: true }, 'en');
    const loss = view.figures.loss.series;
    expect(loss.map((s) => [s.key, Boolean(s.faint)])).toEqual([
      ['ln-seed1', true], ['ln-seed2', true], ['ln-seed3', true], ['ln', false],
      ['bn-seed1', true], ['bn-seed2', true], ['bn-seed3', true], ['bn', false],
    ]);
    expect(loss[3]!.points).toEqual([[10, 3], [20, 3]]); // the mean of 2, 3, 4 at step 20
    const bn = view.figures.deploy.groups[1]!;
    expect(bn.values[2]).toBeCloseTo(0.6, 12);
    expect(bn.ranges?.[2]).toEqual([0.5, 0.7]);
    expect(bn.label).toBe('BatchNorm · 3 of 3 seeds');
    expect(view.text.summary).toContain('BatchNorm (mean of 3 seeds, lowest–highest in brackets): 85.6\u00a0% (85.6\u00a0%–85.6\u00a0%) of the digits right');
    expect(view.text.summary).toContain('60.0\u00a0% (50.0\u00a0%–70.0\u00a0%) one sequence at a time (final loss 0.400 (0.300–0.500))');
    expect(view.text.settings).toBe('Lab 1, batch 4, seed 1–3, 1,500 steps');
    expect(view.text.status).toBe('LayerNorm: precomputed when the site was built, 3 seeds · BatchNorm: precomputed when the site was built, 3 seeds');
    // A seed missing: the card averages the seeds that finished and says how many.
    deleteResult('sort', 'bn', 4, 3);
    const two = compute({ ...codec.defaults, spread: true }, 'en');
    expect(two.figures.deploy.groups[1]!.label).toBe('BatchNorm · 2 of 3 seeds');
    expect(two.figures.deploy.groups[1]!.values[2]).toBeCloseTo(0.55, 12);
    expect(two.text.status).toContain('BatchNorm: seed 1 precomputed when the site was built, seed 2 precomputed when the site was built, seed 3 not trained yet');
    // Off again: seed 1 alone, no thin lines, no whiskers.
    const off = compute(codec.defaults, 'en');
    expect(off.figures.loss.series.some((s) => s.faint)).toBe(false);
    expect(off.figures.deploy.groups[1]!.ranges).toBeUndefined();
  });

  it('3 seeds in Lab 2: below the floor in some seeds only is said as a count', () => {
    const floor = copyBayesFloor().overall;
    for (const [seed, lossEma] of [[1, 0.8], [2, 1.1], [3, 0.7]] as const) {
      setResult({
        task: 'copy', norm: 'bn', batch: 2, seed, state: 'done', step: 3000, totalSteps: 3000, ema: [2, lossEma], checkpoints: [],
        report: { task: 'copy', step: 3000, lossEma, floor, floorFirstHalf: 2.05, ceBatchStats: lossEma, ceRunningStats: 1.3, ceFirstHalfBatchStats: 1.5, ceFirstHalfRunningStats: 2.5, generationRunningStats: 0.85, generationBatchStats: 0.4 },
      });
    }
    const view = compute({ ...codec.defaults, task: 'copy', ln: false, spread: true }, 'en');
    expect(view.text.summary).toContain('BatchNorm (mean of 3 seeds, lowest–highest in brackets): training loss 0.867 (0.700–1.100), below the floor 1.026 in 2 of 3 seeds');
  });

  it('no norm chosen: says so, draws empty figures', () => {
    const view = compute({ ...codec.defaults, ln: false, bn: false }, 'zh');
    expect(view.figures.loss.empty).toBe(labels.zh.noNorm);
    expect(view.figures.deploy.groups).toEqual([]);
    expect(view.text.status).toBe(labels.zh.noNorm);
  });

  it('the PyTorch code names the chosen norms', () => {
    const code = pytorchCode({ ...codec.defaults, rms: true });
    expect(code).toContain('norm_ln = nn.LayerNorm(d)');
    expect(code).toContain('norm_rms = RMSNorm(d)');
    expect(code).toContain('norm_bn = TokenBatchNorm(d)');
    expect(code).not.toContain('norm_none');
  });

  it('labels: the same keys in both languages', () => {
    const keys = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v).map((s) => `${k}.${s}`) : [k])).sort();
    expect(keys(labels.zh)).toEqual(keys(labels.en));
  });
});
