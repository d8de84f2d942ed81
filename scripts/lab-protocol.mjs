// Runs the lab's default protocol in Node and prints a Markdown table of the results (mean ± std over seeds, and
// every seed's value), to compare with ../shared/research/lab-results.md.
//
//   node scripts/lab-protocol.mjs                       # Lab 1 (ln rms bn bnm none, B = 4) and Lab 2 (ln bn, B = 2), seeds 1–3
//   node scripts/lab-protocol.mjs --task=sort --norms=ln,bn --seeds=1 --batch=8 --json=/tmp/out.json
//
// Each run prints its CPU time per step as it finishes (stderr).
import { writeFileSync } from 'node:fs';
import { loadLab } from './lab-load.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const lab = await loadLab();
const seeds = (args.seeds ?? '1,2,3').split(',').map(Number);
const plan = [];
if (!args.task || args.task === 'sort') plan.push({ task: 'sort', norms: (args.norms ?? 'ln,rms,bn,bnm,none').split(',') });
if (!args.task || args.task === 'copy') plan.push({ task: 'copy', norms: (args.norms ?? 'ln,bn').split(',') });

const pct = (x) => 100 * x;
const fields = {
  sort: [
    ['final train loss (EMA)', (r) => r.lossEma, 3],
    ['acc batch stats (B)', (r) => pct(r.batchStats), 1],
    ['acc running stats', (r) => pct(r.runningStats), 1],
    ['acc one at a time, batch stats, no pad', (r) => pct(r.singleUnpadded), 1],
    ['acc one at a time, batch stats, padded to T', (r) => pct(r.singlePadded), 1],
    ['acc batch stats, B = 64', (r) => pct(r.batch64), 1],
  ],
  copy: [
    ['train loss (EMA)', (r) => r.lossEma, 3],
    ['CE batch stats (B)', (r) => r.ceBatchStats, 3],
    ['CE running stats', (r) => r.ceRunningStats, 3],
    ['CE first half batch / running', (r) => [r.ceFirstHalfBatchStats, r.ceFirstHalfRunningStats], 3],
    ['gen exact-match running', (r) => pct(r.generationRunningStats), 1],
    ['gen exact-match batch stats', (r) => pct(r.generationBatchStats), 1],
  ],
};

function summary(values, digits) {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const std = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  const each = values.map((v) => v.toFixed(digits)).join(', ');
  return n > 1 ? `${mean.toFixed(digits)} ± ${std.toFixed(digits)} (${each})` : mean.toFixed(digits);
}

const results = [];
for (const { task, norms } of plan) {
  for (const norm of norms) {
    const reports = [];
    for (const seed of seeds) {
      const config = lab.labConfig({
        task,
        norm,
        seed,
        ...(args.batch ? { batch: Number(args.batch) } : {}),
        ...(args.steps ? { steps: Number(args.steps) } : {}),
      });
      const run = new lab.LabRun(config);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      run.train(config.optimizer.steps);
      const cpu = process.cpuUsage(cpu0);
      const msPerStep = (cpu.user + cpu.system) / 1000 / run.step;
      const wall = performance.now() - t0;
      const report = run.report();
      process.stderr.write(
        `${task} ${norm} B=${config.batch} seed ${seed}: ${run.status}, ${msPerStep.toFixed(2)} ms/step CPU (${(wall / 1000).toFixed(1)} s wall)\n`,
      );
      reports.push(report);
      results.push({ task, norm, seed, batch: config.batch, msPerStep, report, status: run.status });
    }
    const row = fields[task].map(([, get, digits]) => {
      const vals = reports.map(get);
      if (Array.isArray(vals[0])) return [0, 1].map((i) => summary(vals.map((v) => v[i]), digits)).join(' / ');
      return summary(vals, digits);
    });
    console.log(`| ${task} | ${norm} | ${reports.length} | ${row.join(' | ')} |`);
  }
}
if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 1));
