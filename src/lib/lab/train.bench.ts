// `npm run bench`: one training step of the lab (forward, backward, Adam) per norm at the default sizes —
// d = 32, 2 heads, FFN 64, 2 layers; Lab 1 at batch 4 padded to T = 16, Lab 2 at batch 2 padded to its longer
// sequence — in the default float64 storage and, for comparison, float32. Vitest 5 benchmarks run inside a test
// through its `bench` fixture; bench.compare prints one table per group.
import { test } from 'vitest';
import { labConfig, NORM_KINDS, type LabTask, type Precision } from './config';
import { LabRun } from './train';

/** Evaluations take 0.1–1 s: a handful of timed calls after one warm-up call. */
const FEW = { time: 0, iterations: 3, warmupTime: 0, warmupIterations: 1 };

/** A run long enough never to finish during a benchmark, warmed up by a few steps. */
function steady(task: LabTask, norm: (typeof NORM_KINDS)[number], precision: Precision = 'float64'): LabRun {
  const run = new LabRun(labConfig({ task, norm, precision, steps: 1_000_000 }));
  run.train(20);
  return run;
}

test('Lab 1 (sort, B = 4, T = 16): one training step', async ({ bench }) => {
  const runs = NORM_KINDS.map((norm) => [norm, steady('sort', norm)] as const);
  await bench.compare(...runs.map(([norm, run]) => bench(`${norm}`, () => void run.trainStep())));
});

test('Lab 2 (copy, B = 2): one training step', async ({ bench }) => {
  const runs = (['ln', 'bn'] as const).map((norm) => [norm, steady('copy', norm)] as const);
  await bench.compare(...runs.map(([norm, run]) => bench(`${norm}`, () => void run.trainStep())));
});

test('Lab 1 evaluation: one checkpoint (256 held-out sequences) and the final report (512)', { timeout: 300_000 }, async ({ bench }) => {
  const run = steady('sort', 'bn');
  await bench.compare(
    bench('checkpoint, bn', () => void run.checkpoint()),
    bench('report, bn', () => void run.report()),
    FEW,
  );
});

test('storage: float64 against float32 (ln, Lab 1)', async ({ bench }) => {
  const f64 = steady('sort', 'ln', 'float64');
  const f32 = steady('sort', 'ln', 'float32');
  await bench.compare(
    bench('float64', () => void f64.trainStep()),
    bench('float32', () => void f32.trainStep()),
  );
});
