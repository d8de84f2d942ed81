// The training lab's model: the settings (lab, norms, batch size, seed) → the curves and the deployment card of the
// runs with those settings, from the results store (precomputed at build time, or trained in the browser by a Web
// Worker per norm). Pure: no DOM; every number comes from src/lib/lab through the store.
import { copyBayesFloor, isBatchNorm, NORM_KINDS, type Checkpoint, type LabReport, type LabTask, type NormKind } from '../../lib/lab';
import { defineState, type StateOf } from '../../lib/url-state';
import { fillTemplate, formatPercent } from '../../charts/format';
import type { LabCurvesData, LabSeries } from '../../charts/lab-curves';
import type { LabDeployData, LabDeployGroup } from '../../charts/lab-deploy';
import type { Lang } from '../../i18n/sections';
import type { WidgetView } from '../view';
import { labels } from './labels';
import { CURVE_EVERY, getResult, type RunResult } from './results';

/** Batch sizes of Lab 1 (Lab 2 trains with batch 2). */
export const BATCH_STOPS = [4, 8, 16, 32] as const;
/** Lab 2's batch size (two sequences: each one's statistics mix with the other's). */
export const COPY_BATCH = 2;

/** The widget's state in the URL: `lab.task=sort&lab.ln=1&lab.rms=0&lab.bn=1&lab.bnm=0&lab.none=0&lab.batch=4&lab.seed=1`. */
export const codec = defineState('lab', {
  task: { type: 'enum', default: 'sort', values: ['sort', 'copy'] },
  ln: { type: 'boolean', default: true },
  rms: { type: 'boolean', default: false },
  bn: { type: 'boolean', default: true },
  bnm: { type: 'boolean', default: false },
  none: { type: 'boolean', default: false },
  batch: { type: 'integer', default: 4, min: 4, max: 32 },
  seed: { type: 'integer', default: 1, min: 1, max: 99 },
  spread: { type: 'boolean', default: false },
});
export type LabState = StateOf<typeof codec.schema>;

/** The norms chosen, in display order. */
export function chosenNorms(state: LabState): NormKind[] {
  return NORM_KINDS.filter((n) => state[n]);
}

/** Seeds a "3 seeds" state trains: the seed and the next two. */
export const SPREAD_SEEDS = 3;

/** The seeds this state shows: its seed, or with "3 seeds" on, that seed and the next two. */
export function seedsOf(state: LabState): number[] {
  return state.spread ? Array.from({ length: SPREAD_SEEDS }, (_, i) => state.seed + i) : [state.seed];
}

/** The batch size a run of this state trains with (Lab 2: always 2). */
export function batchOf(state: LabState): number {
  return state.task === 'copy' ? COPY_BATCH : state.batch;
}

/** One colour per norm (Okabe–Ito; the site's --ln, --bn, --other follow the theme). */
export const NORM_COLORS: Readonly<Record<NormKind, string>> = {
  ln: 'var(--ln)',
  rms: 'var(--other)',
  bn: 'var(--bn)',
  bnm: '#cc79a7',
  none: 'var(--fg-soft)',
};

export interface LabFigures {
  readonly loss: LabCurvesData;
  readonly metric: LabCurvesData;
  readonly deploy: LabDeployData;
}

/** One chosen norm's runs: one per seed shown (undefined where that seed was not trained). */
export interface NormRuns {
  readonly norm: NormKind;
  readonly seeds: readonly number[];
  readonly results: readonly (RunResult | undefined)[];
  /** The first seed's result (the one a single-seed state shows). */
  readonly result: RunResult | undefined;
}

/** The results of each chosen norm under this state. */
export function resultsFor(state: LabState): NormRuns[] {
  const batch = batchOf(state);
  const seeds = seedsOf(state);
  return chosenNorms(state).map((norm) => {
    const results = seeds.map((seed) => getResult(state.task, norm, batch, seed));
    return { norm, seeds, results, result: results[0] };
  });
}

/** The mean of the values, and their lowest and highest (null for none). */
export interface Spread {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/** Pointwise mean of several curves over the steps they all have. */
export function meanCurve(curves: readonly (readonly (readonly [number, number])[])[]): [number, number][] {
  if (curves.length === 0) return [];
  const length = Math.min(...curves.map((c) => c.length));
  return Array.from({ length }, (_, i) => [curves[0]![i]![0], curves.reduce((sum, c) => sum + c[i]![1], 0) / curves.length] as [number, number]);
}

const pct = (v: number, lang: Lang): string => formatPercent(v, lang, 1);
/** Sentences joined: a space between English ones, nothing after a Chinese full stop. */
const joinSentences = (parts: readonly string[], lang: Lang): string => parts.join(lang === 'zh' ? '' : ' ');
const nats = (v: number): string => v.toFixed(3);

export function compute(state: LabState, lang: Lang): WidgetView<LabFigures> {
  const t = labels[lang];
  const task: LabTask = state.task;
  const runs = resultsFor(state);
  const spread = state.spread;
  const floor = task === 'copy' ? copyBayesFloor() : null;
  const totalSteps = task === 'sort' ? 1500 : 3000;
  const name = (n: NormKind) => t.norms[n];
  const trained = (r: NormRuns): RunResult[] => r.results.filter((x): x is RunResult => x !== undefined);

  // Curves: the loss EMA per norm; the held-out metric per norm (BatchNorm: batch and running statistics). With
  // "3 seeds", each seed's line is drawn thin and the seeds' mean on top of them.
  const lossSeries: LabSeries[] = [];
  const metricSeries: LabSeries[] = [];
  const scale = task === 'sort' ? 100 : 1;
  const addCurves = (into: LabSeries[], key: string, label: string, color: string, dashed: boolean, curves: (readonly (readonly [number, number])[])[]): void => {
    if (spread) curves.forEach((points, i) => into.push({ key: `${key}-seed${i + 1}`, label, color, dashed, points, faint: true }));
    into.push({ key, label, color, dashed, points: spread ? meanCurve(curves) : (curves[0] ?? []) });
  };
  for (const r of runs) {
    const color = NORM_COLORS[r.norm];
    const done = trained(r);
    addCurves(lossSeries, r.norm, name(r.norm), color, false, done.map((x) => x.ema.map((v, i) => [(i + 1) * CURVE_EVERY, v] as const)));
    const metricCurves = (pick: (c: Checkpoint) => number) => done.map((x) => x.checkpoints.map((c) => [c.step, pick(c) * scale] as const));
    if (isBatchNorm(r.norm)) {
      addCurves(metricSeries, `${r.norm}-batch`, `${name(r.norm)} · ${t.batchStats}`, color, false, metricCurves((c) => c.batchStats));
      addCurves(metricSeries, `${r.norm}-running`, `${name(r.norm)} · ${t.runningStats}`, color, true, metricCurves((c) => c.runningStats));
    } else {
      addCurves(metricSeries, r.norm, name(r.norm), color, false, metricCurves((c) => c.batchStats));
    }
  }
  const anyPoints = runs.some((r) => trained(r).some((x) => x.ema.length > 0));
  const empty = runs.length === 0 ? t.noNorm : anyPoints ? null : t.notTrained;
  const loss: LabCurvesData = {
    series: lossSeries,
    maxStep: totalSteps,
    scale: 'log',
    yLabel: t.lossAxis,
    xLabel: t.stepAxis,
    floor: floor ? { value: floor.overall, label: fillTemplate(t.floorLabel, { v: nats(floor.overall) }) } : null,
    empty,
    yRange: task === 'sort' ? [0.01, 3] : [0.3, 3],
  };
  const metric: LabCurvesData = {
    series: metricSeries,
    maxStep: totalSteps,
    scale: 'linear',
    yLabel: task === 'sort' ? t.accuracyAxis : t.ceAxis,
    xLabel: t.stepAxis,
    floor: floor ? { value: floor.overall, label: fillTemplate(t.floorLabel, { v: nats(floor.overall) }) } : null,
    empty,
    yRange: task === 'sort' ? [0, 100] : [0, 3],
    percent: task === 'sort',
  };

  // The deployment card: per norm, one bar per regime once its runs have their reports (with "3 seeds": the mean of
  // the seeds that finished, and their range).
  const regimes = task === 'sort' ? [t.regimeBatch, t.regimeRunning, t.regimeSingle] : [t.regimeGenRunning, t.regimeGenSingle];
  const regimeValues = (report: LabReport): number[] =>
    report.task === 'sort' ? [report.batchStats, report.runningStats, report.singleUnpadded] : [report.generationRunningStats, report.generationBatchStats];
  const reportsOf = (r: NormRuns): LabReport[] => trained(r).flatMap((x) => (x.report ? [x.report] : []));
  const deployGroups = runs.map((r) => {
    const reports = reportsOf(r);
    const spreads = regimes.map((_, i) => spreadOf(reports.map((rep) => regimeValues(rep)[i]!)));
    const group: LabDeployGroup = {
      key: r.norm,
      label: spread ? fillTemplate(t.normSeeds, { norm: name(r.norm), n: reports.length, total: r.seeds.length }) : name(r.norm),
      color: NORM_COLORS[r.norm],
      values: spreads.map((s) => s?.mean ?? null),
    };
    return spread ? { ...group, ranges: spreads.map((s) => (s && s.n > 1 ? ([s.min, s.max] as const) : null)) } : group;
  });
  const deploy: LabDeployData = { regimes, groups: deployGroups, empty: runs.length === 0 ? t.noNorm : t.noReport };

  // Status of each run, and the deployment card in words (with "3 seeds": the mean, then the range).
  const statusParts = runs.map((r) => `${name(r.norm)}${t.colon}${spread ? seedsStatus(r, lang) : statusText(r.result, lang)}`);
  const status = runs.length === 0 ? t.noNorm : statusParts.join(t.listSep);
  const built = runs.some((r) => r.results.some((x) => x?.state === 'built'));
  const showPct = (values: readonly number[]): string => {
    const s = spreadOf(values)!;
    return s.n > 1 ? fillTemplate(t.rangeOf, { mean: pct(s.mean, lang), min: pct(s.min, lang), max: pct(s.max, lang) }) : pct(s.mean, lang);
  };
  const showNats = (values: readonly number[]): string => {
    const s = spreadOf(values)!;
    return s.n > 1 ? fillTemplate(t.rangeOf, { mean: nats(s.mean), min: nats(s.min), max: nats(s.max) }) : nats(s.mean);
  };
  const summary: string[] = [];
  for (const r of runs) {
    const reports = reportsOf(r);
    if (reports.length === 0) continue;
    const seedsNote = spread ? fillTemplate(t.seedsNote, { n: reports.length }) : '';
    const of = (pick: (rep: LabReport) => number) => reports.map(pick);
    const first = reports[0]!;
    if (first.task === 'sort') {
      const sorts = reports.filter((rep): rep is Extract<LabReport, { task: 'sort' }> => rep.task === 'sort');
      summary.push(
        fillTemplate(t.sortSummary, {
          norm: name(r.norm) + seedsNote,
          batch: showPct(sorts.map((x) => x.batchStats)),
          running: showPct(sorts.map((x) => x.runningStats)),
          single: showPct(sorts.map((x) => x.singleUnpadded)),
          loss: showNats(of((x) => x.lossEma)),
        }),
      );
    } else {
      const copies = reports.filter((rep): rep is Extract<LabReport, { task: 'copy' }> => rep.task === 'copy');
      const below = copies.filter((x) => x.lossEma < x.floor).length;
      const template = below === copies.length ? t.copySummaryBelow : below === 0 ? t.copySummaryAbove : t.copySummaryMixed;
      summary.push(
        fillTemplate(template, {
          norm: name(r.norm) + seedsNote,
          loss: showNats(copies.map((x) => x.lossEma)),
          floor: nats(first.floor),
          ceRunning: showNats(copies.map((x) => x.ceRunningStats)),
          running: showPct(copies.map((x) => x.generationRunningStats)),
          single: showPct(copies.map((x) => x.generationBatchStats)),
          below,
          n: copies.length,
        }),
      );
    }
  }
  const diverged = runs.flatMap((r) => trained(r).filter((x) => x.state === 'diverged').map((x) => ({ norm: r.norm, step: x.step, seed: x.seed })));
  const message = diverged.length
    ? joinSentences(diverged.map((d) => fillTemplate(t.diverged, { norm: spread ? `${name(d.norm)} (${fillTemplate(t.seedN, { seed: d.seed })})` : name(d.norm), step: d.step })), lang)
    : null;

  const batch = batchOf(state);
  const settings = fillTemplate(task === 'sort' ? t.settingsSort : t.settingsCopy, {
    batch,
    seed: spread ? fillTemplate(t.seedRange, { from: state.seed, to: state.seed + SPREAD_SEEDS - 1 }) : state.seed,
    steps: totalSteps.toLocaleString('en'),
  });
  const normList = runs.map((r) => name(r.norm)).join(t.listSep) || t.noNormShort;
  const describe = (template: string) => fillTemplate(template, { norms: normList, settings });
  const deployDescription =
    runs.length === 0
      ? t.noNorm
      : joinSentences([describe(task === 'sort' ? t.deployDescSort : t.deployDescCopy), joinSentences(summary, lang) || t.noReport], lang);

  return {
    text: {
      settings,
      status,
      source: built ? t.precomputed : '',
      summary: joinSentences(summary, lang) || (runs.length === 0 ? t.noNorm : t.noReport),
      regime1: task === 'sort' ? t.meaningBatch : t.meaningGenRunning,
      regime2: task === 'sort' ? t.meaningRunning : t.meaningGenSingle,
      regime3: task === 'sort' ? t.meaningSingle : t.meaningCe,
      metricTitle: (task === 'sort' ? t.metricTitleSort : t.metricTitleCopy) + (spread ? t.spreadTitle : ''),
      lossTitle: (task === 'sort' ? t.lossTitleSort : t.lossTitleCopy) + (spread ? t.spreadTitle : ''),
    },
    figures: { loss, metric, deploy },
    descriptions: {
      loss: joinSentences([describe(task === 'sort' ? t.lossDescSort : t.lossDescCopy), spread ? t.spreadDesc : '', curveEnds(runs, lang)].filter(Boolean), lang),
      metric: joinSentences([describe(task === 'sort' ? t.metricDescSort : t.metricDescCopy), spread ? t.spreadDesc : ''].filter(Boolean), lang),
      deploy: deployDescription,
    },
    code: pytorchCode(state),
    message,
  };
}

/** Where a run is, in words. */
export function statusText(result: RunResult | undefined, lang: Lang): string {
  const t = labels[lang];
  if (!result) return t.stateNone;
  const steps = { step: result.step.toLocaleString('en'), total: result.totalSteps.toLocaleString('en') };
  return fillTemplate(t.states[result.state], steps);
}

/** Where a norm's seeds are: one phrase when they all stand at the same place, else one per seed. */
function seedsStatus(r: NormRuns, lang: Lang): string {
  const t = labels[lang];
  const texts = r.results.map((x) => statusText(x, lang));
  if (texts.every((s) => s === texts[0])) return fillTemplate(t.allSeeds, { state: texts[0]!, n: texts.length });
  return texts.map((s, i) => `${fillTemplate(t.seedN, { seed: r.seeds[i]! })} ${s}`).join(lang === 'zh' ? '，' : ', ');
}

function curveEnds(runs: readonly NormRuns[], lang: Lang): string {
  const t = labels[lang];
  return runs
    .filter((r) => r.result && r.result.ema.length > 0)
    .map((r) => fillTemplate(t.lossEnd, { norm: t.norms[r.norm], loss: nats(r.result!.ema[r.result!.ema.length - 1]!), step: (r.result!.ema.length * CURVE_EVERY).toLocaleString('en') }))
    .join(lang === 'zh' ? '' : ' ');
}

const TORCH_NORM: Readonly<Record<NormKind, string>> = {
  ln: 'nn.LayerNorm(d)',
  rms: 'RMSNorm(d)',
  bn: 'TokenBatchNorm(d)',
  bnm: 'TokenBatchNorm(d, masked=True)',
  none: 'nn.Identity()',
};

/** PyTorch for the same model's normalization layers: only this line differs between the runs. */
export function pytorchCode(state: LabState): string {
  const norms = chosenNorms(state);
  const lines = [
    'import torch',
    'from torch import nn',
    '',
    'class TokenBatchNorm(nn.Module):',
    '    """nn.BatchNorm1d over every (sequence, position) of x: (B, T, D); masked=True skips the pads."""',
    '    def __init__(self, d, masked=False):',
    '        super().__init__()',
    '        self.bn, self.masked = nn.BatchNorm1d(d, eps=1e-5, momentum=0.1), masked',
    '    def forward(self, x, real):  # real: (B, T) bool, True on real tokens',
    '        B, T, D = x.shape',
    '        if not self.masked:',
    '            return self.bn(x.reshape(B * T, D)).reshape(B, T, D)',
    '        y = torch.zeros_like(x)',
    '        y[real] = self.bn(x[real])',
    '        return y',
    '',
    'class RMSNorm(nn.Module):',
    '    def __init__(self, d, eps=1e-5):',
    '        super().__init__()',
    '        self.weight, self.eps = nn.Parameter(torch.ones(d)), eps',
    '    def forward(self, x):',
    '        return self.weight * x / torch.sqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)',
    '',
    `d = 32  # ${state.task === 'sort' ? `Lab 1, batch ${batchOf(state)}` : 'Lab 2, batch 2'}, seed ${state.seed}`,
    ...norms.map((n) => `norm_${n} = ${TORCH_NORM[n]}`),
    '# Each block: h = x + attn(norm1(x)); x = h + ffn(norm2(h)); then a final norm and the output layer.',
    '# model.train(): BatchNorm uses the batch statistics; model.eval(): the running statistics.',
  ];
  return lines.join('\n');
}
