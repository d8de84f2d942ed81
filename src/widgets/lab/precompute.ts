// The default settings' runs, trained at build time by the same code the browser runs (src/lib/lab): Lab 1 (sort,
// batch 4) and Lab 2 (copy, batch 2), LayerNorm and BatchNorm, seeds 1–3 (seed 1 is the page's default; the other
// two give the "3 seeds" spread). About 9 s of CPU per run, so each run is trained once and kept in
// node_modules/.cache/lab under a hash of the training code's sources and its settings: a build after a change to
// that code trains again, any other build reads the runs back.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabTask, NormKind } from '../../lib/lab';
import type { RunResult } from './results';
import { trainToEnd } from './train-to-end';

/** The runs precomputed: task, norm, batch, seed. */
export const PRECOMPUTED: readonly (readonly [LabTask, NormKind, number, number])[] = (['sort', 'copy'] as const).flatMap((task) =>
  (['ln', 'bn'] as const).flatMap((norm) => [1, 2, 3].map((seed) => [task, norm, task === 'sort' ? 4 : 2, seed] as const)),
);

/** A hash of every source a run depends on: the training core, the random numbers and the store's constants. */
function sourcesHash(root: string): string {
  const hash = createHash('sha256');
  const lab = join(root, 'src/lib/lab');
  const files = [
    ...readdirSync(lab).filter((f) => f.endsWith('.ts') && !f.includes('.test.') && !f.includes('.bench.')).map((f) => join(lab, f)),
    join(root, 'src/lib/random.ts'),
    join(root, 'src/widgets/lab/train-to-end.ts'),
    join(root, 'src/widgets/lab/results.ts'),
  ].sort();
  for (const f of files) hash.update(f.slice(root.length)).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

/** Reads a run from the cache, or trains it and keeps it there (a read-only tree: it trains again next build). */
function cachedRun(root: string, hash: string | null, task: LabTask, norm: NormKind, batch: number, seed: number): RunResult {
  const file = hash ? join(root, 'node_modules/.cache/lab', `run-${hash}-${task}-${norm}-${batch}-${seed}.json`) : null;
  if (file && existsSync(file)) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as RunResult;
    } catch {
      // a damaged file: train again
    }
  }
  const run = trainToEnd(task, norm, batch, seed);
  if (file) {
    try {
      mkdirSync(join(root, 'node_modules/.cache/lab'), { recursive: true });
      writeFileSync(file, JSON.stringify(run));
    } catch {
      // nowhere to keep it
    }
  }
  return run;
}

let cache: RunResult[] | undefined;

/** Every precomputed run (the page embeds seed 1's; the others are served as /lab/runs.json). */
export function precomputedRuns(): RunResult[] {
  if (cache) return cache;
  const root = process.cwd();
  let hash: string | null = null;
  try {
    hash = sourcesHash(root);
  } catch {
    hash = null; // sources not found (another working directory): train, keep nothing
  }
  cache = PRECOMPUTED.map(([task, norm, batch, seed]) => cachedRun(root, hash, task, norm, batch, seed));
  return cache;
}
