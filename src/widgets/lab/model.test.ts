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
    deleteResult('sort', norm, 4, 1);
    deleteResult('copy', norm, 2, 1);
  }
});

describe('lab model', () => {
  it('keeps its state in the URL: defaults, round trip, clamping', () => {
    const d = codec.defaults;
    expect(d).toEqual({ task: 'sort', ln: true, rms: false, bn: true, bnm: false, none: false, batch: 4, seed: 1 });
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
