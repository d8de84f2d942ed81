// Lab 1 at its defaults (seed 1, batch 4, 1,500 steps), trained for LayerNorm and BatchNorm: the signs of the
// measured gaps (../shared/research/lab-results.md) hold. Takes about 15 s of CPU.
import { describe, expect, it } from 'vitest';
import { labConfig } from './config';
import { score } from './evaluate';
import { LabRun } from './train';

describe('Lab 1, default settings: BatchNorm fails where LayerNorm does not', { timeout: 300_000 }, () => {
  const trained = (norm: 'ln' | 'bn'): LabRun => {
    const run = new LabRun(labConfig({ task: 'sort', norm }));
    run.train(run.totalSteps);
    return run;
  };

  it('run one at a time with batch statistics, BatchNorm sorts worse than LayerNorm; with running statistics it does better than with batch statistics', () => {
    const ln = trained('ln');
    const bn = trained('bn');
    expect(ln.status).toBe('done');
    expect(bn.status).toBe('done');
    const set = ln.heldOutExamples();
    const alone = { batch: 1, stats: 'batch', padToT: false } as const;
    const asTrained = { batch: 4, stats: 'batch', padToT: true } as const;
    const running = { batch: 64, stats: 'running', padToT: true } as const;
    const lnAlone = score(ln.model, set, alone).accuracy;
    const bnAlone = score(bn.model, set, alone).accuracy;
    const bnBatch = score(bn.model, set, asTrained).accuracy;
    const bnRunning = score(bn.model, set, running).accuracy;
    expect(bnAlone).toBeLessThan(lnAlone);
    expect(bnAlone).toBeLessThan(bnBatch);
    expect(bnBatch).toBeLessThan(bnRunning);
    expect(bn.currentLossEma).toBeGreaterThan(ln.currentLossEma);
  });
});
