// What the lab's model does that the page relies on: LayerNorm's output for a sequence ignores its batchmates,
// its pads and (causal) its future; BatchNorm's depends on all three. Evaluations leave the model as it was.
// A run is driven step by step or by runLab, stops when asked, and stops cleanly when it diverges.
import { describe, expect, it } from 'vitest';
import { labConfig, type NormKind } from './config';
import { copyCrossEntropy, copyExactMatch, score } from './evaluate';
import { TinyTransformer, type Batch } from './model';
import { initParams } from './params';
import { heldOutSet, toBatch, type Example } from './tasks';
import { LabRun, runLab, type Progress } from './train';

function model(task: 'sort' | 'copy', norm: NormKind): TinyTransformer {
  const config = labConfig({ task, norm });
  const m = new TinyTransformer(config.model, 'float64');
  initParams(m.layout, m.params, 11);
  return m;
}

/** The logits (V per position) of example `which` of a batch, over its real positions. */
function logitsOf(m: TinyTransformer, batch: Batch, which: number, length: number, stats: 'batch' | 'running' = 'batch'): number[] {
  const { logits } = m.forward(batch, { stats, updateRunning: false });
  const V = m.config.vocab;
  return Array.from(logits.subarray(which * batch.t * V, (which * batch.t + length) * V));
}

const maxDiff = (a: number[], b: number[]): number => Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));

describe('Lab 1 (padding mask): what a sequence sees', () => {
  const [target, ...others] = heldOutSet('sort', 9) as [Example, ...Example[]];
  const L = target.input.length;
  const alone = toBatch([target], L);
  const padded = toBatch([target], 16);
  const withMates = toBatch([...others.slice(0, 3), target], 16);
  const withOtherMates = toBatch([...others.slice(4, 7), target], 16);

  it.each(['ln', 'rms', 'none'] as const)('%s: the same logits alone, padded, and beside any batchmates', (norm) => {
    const m = model('sort', norm);
    const ref = logitsOf(m, alone, 0, L);
    expect(maxDiff(logitsOf(m, padded, 0, L), ref)).toBeLessThan(1e-12);
    expect(maxDiff(logitsOf(m, withMates, 3, L), ref)).toBeLessThan(1e-12);
    expect(maxDiff(logitsOf(m, withOtherMates, 3, L), ref)).toBeLessThan(1e-12);
  });

  it.each(['bn', 'bnm'] as const)('%s with batch statistics: the logits move with the batchmates', (norm) => {
    const m = model('sort', norm);
    expect(maxDiff(logitsOf(m, withMates, 3, L), logitsOf(m, withOtherMates, 3, L))).toBeGreaterThan(1e-3);
  });

  it('bn counts the pads, bnm does not: only bn changes when a lone sequence is padded', () => {
    const bn = model('sort', 'bn');
    const bnm = model('sort', 'bnm');
    expect(maxDiff(logitsOf(bn, padded, 0, L), logitsOf(bn, alone, 0, L))).toBeGreaterThan(1e-3);
    expect(maxDiff(logitsOf(bnm, padded, 0, L), logitsOf(bnm, alone, 0, L))).toBeLessThan(1e-12);
  });

  it.each(['bn', 'bnm'] as const)('%s with running statistics: the same logits in any company', (norm) => {
    const m = model('sort', norm);
    const ref = logitsOf(m, alone, 0, L, 'running');
    expect(maxDiff(logitsOf(m, withMates, 3, L, 'running'), ref)).toBeLessThan(1e-12);
  });

  it.each(['bn', 'bnm'] as const)('%s refuses batch statistics over a single value per feature, as PyTorch does', (norm) => {
    const m = model('sort', norm);
    const one = toBatch([{ input: [4], target: [4] }], 1);
    expect(() => m.forward(one, { stats: 'batch', updateRunning: false })).toThrow('Expected more than 1 value per channel when training');
    expect(() => m.forward(one, { stats: 'running', updateRunning: false })).not.toThrow();
  });
});

describe('Lab 2 (causal mask): BatchNorm reads the future', () => {
  const examples = heldOutSet('copy', 2);
  const batch = toBatch(examples, 16);
  // The same batch with the last real token of the first sequence changed: positions before it must not notice.
  const changed: Batch = { ...batch, tokens: Int32Array.from(batch.tokens) };
  const last = examples[0]!.input.length - 1;
  changed.tokens[last] = changed.tokens[last] === 1 ? 2 : 1;

  it.each(['ln', 'rms', 'none'] as const)('%s: earlier positions do not see a change in a later token', (norm) => {
    const m = model('copy', norm);
    expect(maxDiff(logitsOf(m, changed, 0, last), logitsOf(m, batch, 0, last))).toBe(0);
  });

  it.each(['bn', 'bnm'] as const)('%s with batch statistics: earlier positions do see it', (norm) => {
    const m = model('copy', norm);
    expect(maxDiff(logitsOf(m, changed, 0, last), logitsOf(m, batch, 0, last))).toBeGreaterThan(1e-6);
    expect(maxDiff(logitsOf(m, changed, 0, last, 'running'), logitsOf(m, batch, 0, last, 'running'))).toBe(0);
  });
});

describe('evaluations leave the model untouched', { timeout: 60_000 }, () => {
  it.each(['sort', 'copy'] as const)('%s: scoring in every regime changes no parameter and no running statistic', (task) => {
    const run = new LabRun(labConfig({ task, norm: 'bn', steps: 20 }));
    run.train(20);
    const before = run.model.norms.map((n) => [Array.from(n.runningMean!), Array.from(n.runningVar!)]);
    const params = Array.from(run.model.params);
    const set = run.heldOutExamples().slice(0, 16);
    if (task === 'sort') {
      score(run.model, set, { batch: 4, stats: 'batch', padToT: true });
      score(run.model, set, { batch: 1, stats: 'batch', padToT: false });
    } else {
      copyCrossEntropy(run.model, set, { batch: 2, stats: 'batch', padToT: false });
      copyExactMatch(run.model, set, 'batch');
    }
    run.checkpoint(16);
    expect(run.model.norms.map((n) => [Array.from(n.runningMean!), Array.from(n.runningVar!)])).toEqual(before);
    expect(Array.from(run.model.params)).toEqual(params);
  });
});

describe('driving a run', { timeout: 60_000 }, () => {
  it('runLab reports progress and checkpoints on schedule and stops when the callback says so', () => {
    const seen: Progress[] = [];
    const result = runLab(labConfig({ task: 'sort', norm: 'ln', steps: 60 }), {
      progressEvery: 10,
      checkpointEvery: 20,
      checkpointSize: 8,
      report: false,
      onProgress: (p) => {
        seen.push(p);
        return p.step < 40;
      },
    });
    expect(seen.map((p) => p.step)).toEqual([10, 20, 30, 40]);
    expect(result.checkpoints.map((c) => c.step)).toEqual([20, 40]);
    expect(result.steps).toBe(40);
    expect(result.status).toBe('training');
    expect(Number.isNaN(result.losses[40]!)).toBe(true);
    expect(result.lossEma[39]).toBeGreaterThan(0);
  });

  it('a step-by-step run and runLab give the same curve', () => {
    const config = labConfig({ task: 'copy', norm: 'bn', steps: 30 });
    const run = new LabRun(config);
    while (run.status === 'training') run.train(7);
    const result = runLab(config, { report: false });
    expect(Array.from(run.lossEma)).toEqual(Array.from(result.lossEma));
    expect(run.step).toBe(30);
    expect(run.status).toBe('done');
  });

  it('a diverging run stops with status "diverged", keeps no NaN in its curve, and has no report', () => {
    const base = labConfig({ task: 'sort', norm: 'none', steps: 200 });
    const config = { ...base, optimizer: { ...base.optimizer, lr: 1e200, warmup: 1 } };
    const result = runLab(config);
    expect(result.status).toBe('diverged');
    expect(result.steps).toBeLessThan(200);
    expect(result.report).toBeNull();
    for (let i = 0; i < result.steps; i++) expect(Number.isFinite(result.lossEma[i]!)).toBe(true);
  });

  it('reports: accuracies in [0, 1] for Lab 1; the floor and finite cross-entropies for Lab 2', () => {
    const sort = new LabRun(labConfig({ task: 'sort', norm: 'bn', steps: 5 }));
    sort.train(5);
    const r = sort.report();
    expect(r.task).toBe('sort');
    if (r.task === 'sort') {
      for (const v of [r.batchStats, r.runningStats, r.singlePadded, r.singleUnpadded, r.batch64]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
  });
});
