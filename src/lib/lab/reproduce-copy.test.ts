// Lab 2 at its defaults (seed 1, batch 2, 3,000 steps), trained for LayerNorm and BatchNorm: BatchNorm's training
// loss ends below the Bayes floor — no honest model can — and LayerNorm's does not. Takes about 10 s of CPU.
import { describe, expect, it } from 'vitest';
import { labConfig } from './config';
import { copyBayesFloor } from './tasks';
import { LabRun } from './train';

describe('Lab 2, default settings: BatchNorm beats the floor by reading the future', { timeout: 300_000 }, () => {
  it("BatchNorm's training loss (EMA) ends below the floor; LayerNorm's ends above it", () => {
    const floor = copyBayesFloor().overall;
    const ema = (norm: 'ln' | 'bn'): number => {
      const run = new LabRun(labConfig({ task: 'copy', norm }));
      run.train(run.totalSteps);
      expect(run.status).toBe('done');
      return run.currentLossEma;
    };
    expect(ema('bn')).toBeLessThan(floor);
    expect(ema('ln')).toBeGreaterThan(floor);
  });
});
