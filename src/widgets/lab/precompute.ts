// The default settings' runs, trained at build time by the same code the browser runs (src/lib/lab): Lab 1 (sort,
// batch 4) and Lab 2 (copy, batch 2), LayerNorm and BatchNorm, seed 1. About 35 s of CPU, so they are trained once per
// build (both languages' pages share them) and kept in node_modules/.cache under a hash of the training code's
// sources: a build after a change to that code trains them again, any other build reads them back.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labConfig, runLab, type LabTask, type NormKind } from '../../lib/lab';
import { CHECKPOINT_EVERY, CURVE_EVERY, type RunResult } from './results';

/** Trains one run to its end and returns it as the widget stores it. */
export function trainToEnd(task: LabTask, norm: NormKind, batch: number, seed: number): RunResult {
  const config = labConfig({ task, norm, batch, seed });
  const result = runLab(config, { checkpointEvery: CHECKPOINT_EVERY, progressEvery: 500 });
  const ema: number[] = [];
  for (let s = CURVE_EVERY; s <= result.steps; s += CURVE_EVERY) ema.push(result.lossEma[s - 1]!);
  return {
    task,
    norm,
    batch: config.batch,
    seed,
    state: result.status === 'diverged' ? 'diverged' : 'built',
    step: result.steps,
    totalSteps: config.optimizer.steps,
    ema,
    checkpoints: result.checkpoints,
    report: result.report,
  };
}

/** The runs precomputed: the widget's default (Lab 1) and Lab 2's, LayerNorm and BatchNorm, seed 1. */
export const PRECOMPUTED: readonly (readonly [LabTask, NormKind, number, number])[] = [
  ['sort', 'ln', 4, 1],
  ['sort', 'bn', 4, 1],
  ['copy', 'ln', 2, 1],
  ['copy', 'bn', 2, 1],
];

/** A hash of every source the runs depend on: the training core, the random numbers, this file and the store's constants. */
function sourcesHash(root: string): string {
  const hash = createHash('sha256');
  const lab = join(root, 'src/lib/lab');
  const files = [
    ...readdirSync(lab).filter((f) => f.endsWith('.ts') && !f.includes('.test.') && !f.includes('.bench.')).map((f) => join(lab, f)),
    join(root, 'src/lib/random.ts'),
    join(root, 'src/widgets/lab/precompute.ts'),
    join(root, 'src/widgets/lab/results.ts'),
  ].sort();
  for (const f of files) hash.update(f.slice(root.length)).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

let cache: RunResult[] | undefined;

/** The runs the page shows before anyone presses Train. */
export function precomputedRuns(): RunResult[] {
  if (cache) return cache;
  const root = process.cwd();
  let file: string | null = null;
  try {
    file = join(root, 'node_modules/.cache/lab', `precomputed-${sourcesHash(root)}.json`);
    if (existsSync(file)) cache = JSON.parse(readFileSync(file, 'utf8')) as RunResult[];
  } catch {
    file = null; // sources not found (another working directory): train, keep nothing
  }
  if (!cache) {
    cache = PRECOMPUTED.map(([task, norm, batch, seed]) => trainToEnd(task, norm, batch, seed));
    if (file) {
      try {
        mkdirSync(join(root, 'node_modules/.cache/lab'), { recursive: true });
        writeFileSync(file, JSON.stringify(cache));
      } catch {
        // a read-only tree: the next build trains again
      }
    }
  }
  return cache;
}
