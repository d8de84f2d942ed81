// The training lab's model: the settings (lab, norms, batch size, seed) → the curves and the deployment card of the
// runs with those settings, from the results store (precomputed at build time, or trained in the browser by a Web
// Worker per norm). Pure: no DOM; every number comes from src/lib/lab through the store.
import { copyBayesFloor, isBatchNorm, NORM_KINDS, type LabTask, type NormKind } from '../../lib/lab';
import { defineState, type StateOf } from '../../lib/url-state';
import { fillTemplate, formatPercent } from '../../charts/format';
import type { LabCurvesData, LabSeries } from '../../charts/lab-curves';
import type { LabDeployData } from '../../charts/lab-deploy';
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
});
export type LabState = StateOf<typeof codec.schema>;

/** The norms chosen, in display order. */
export function chosenNorms(state: LabState): NormKind[] {
  return NORM_KINDS.filter((n) => state[n]);
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

/** The result of each chosen norm under this state, or undefined where none was trained. */
export function resultsFor(state: LabState): { norm: NormKind; result: RunResult | undefined }[] {
  const batch = batchOf(state);
  return chosenNorms(state).map((norm) => ({ norm, result: getResult(state.task, norm, batch, state.seed) }));
}

const pct = (v: number, lang: Lang): string => formatPercent(v, lang, 1);
/** Sentences joined: a space between English ones, nothing after a Chinese full stop. */
const joinSentences = (parts: readonly string[], lang: Lang): string => parts.join(lang === 'zh' ? '' : ' ');
const nats = (v: number): string => v.toFixed(3);

export function compute(state: LabState, lang: Lang): WidgetView<LabFigures> {
  const t = labels[lang];
  const task: LabTask = state.task;
  const runs = resultsFor(state);
  const floor = task === 'copy' ? copyBayesFloor() : null;
  const totalSteps = task === 'sort' ? 1500 : 3000;
  const name = (n: NormKind) => t.norms[n];

  // Curves: the loss EMA per norm; the held-out metric per norm (BatchNorm: batch and running statistics).
  const lossSeries: LabSeries[] = [];
  const metricSeries: LabSeries[] = [];
  for (const { norm, result } of runs) {
    const color = NORM_COLORS[norm];
    const ema = result?.ema ?? [];
    lossSeries.push({ key: norm, label: name(norm), color, dashed: false, points: ema.map((v, i) => [(i + 1) * CURVE_EVERY, v] as const) });
    const cps = result?.checkpoints ?? [];
    const scale = task === 'sort' ? 100 : 1;
    if (isBatchNorm(norm)) {
      metricSeries.push({ key: `${norm}-batch`, label: `${name(norm)} · ${t.batchStats}`, color, dashed: false, points: cps.map((c) => [c.step, c.batchStats * scale] as const) });
      metricSeries.push({ key: `${norm}-running`, label: `${name(norm)} · ${t.runningStats}`, color, dashed: true, points: cps.map((c) => [c.step, c.runningStats * scale] as const) });
    } else {
      metricSeries.push({ key: norm, label: name(norm), color, dashed: false, points: cps.map((c) => [c.step, c.batchStats * scale] as const) });
    }
  }
  const anyPoints = runs.some((r) => (r.result?.ema.length ?? 0) > 0);
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

  // The deployment card: per norm, one bar per regime, once its run has its report.
  const regimes = task === 'sort' ? [t.regimeBatch, t.regimeRunning, t.regimeSingle] : [t.regimeGenRunning, t.regimeGenSingle];
  const deployGroups = runs.map(({ norm, result }) => {
    const r = result?.report ?? null;
    let values: (number | null)[];
    if (!r) values = regimes.map(() => null);
    else if (r.task === 'sort') values = [r.batchStats, r.runningStats, r.singleUnpadded];
    else values = [r.generationRunningStats, r.generationBatchStats];
    return { key: norm, label: name(norm), color: NORM_COLORS[norm], values };
  });
  const deploy: LabDeployData = { regimes, groups: deployGroups, empty: runs.length === 0 ? t.noNorm : t.noReport };

  // Status of each run, and the deployment card in words.
  const statusParts = runs.map(({ norm, result }) => `${name(norm)}${t.colon}${statusText(result, lang)}`);
  const status = runs.length === 0 ? t.noNorm : statusParts.join(t.listSep);
  const built = runs.some((r) => r.result?.state === 'built');
  const summary: string[] = [];
  for (const { norm, result } of runs) {
    const r = result?.report;
    if (!r) continue;
    if (r.task === 'sort') {
      summary.push(
        fillTemplate(t.sortSummary, { norm: name(norm), batch: pct(r.batchStats, lang), running: pct(r.runningStats, lang), single: pct(r.singleUnpadded, lang), loss: nats(r.lossEma) }),
      );
    } else {
      const below = r.lossEma < r.floor;
      summary.push(
        fillTemplate(below ? t.copySummaryBelow : t.copySummaryAbove, {
          norm: name(norm),
          loss: nats(r.lossEma),
          floor: nats(r.floor),
          ceRunning: nats(r.ceRunningStats),
          running: pct(r.generationRunningStats, lang),
          single: pct(r.generationBatchStats, lang),
        }),
      );
    }
  }
  const diverged = runs.filter((r) => r.result?.state === 'diverged');
  const message = diverged.length
    ? joinSentences(diverged.map((d) => fillTemplate(t.diverged, { norm: name(d.norm), step: d.result!.step })), lang)
    : null;

  const batch = batchOf(state);
  const settings = fillTemplate(task === 'sort' ? t.settingsSort : t.settingsCopy, { batch, seed: state.seed, steps: totalSteps.toLocaleString('en') });
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
      metricTitle: task === 'sort' ? t.metricTitleSort : t.metricTitleCopy,
      lossTitle: task === 'sort' ? t.lossTitleSort : t.lossTitleCopy,
    },
    figures: { loss, metric, deploy },
    descriptions: {
      loss: joinSentences([describe(task === 'sort' ? t.lossDescSort : t.lossDescCopy), curveEnds(runs, lang)].filter(Boolean), lang),
      metric: describe(task === 'sort' ? t.metricDescSort : t.metricDescCopy),
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

function curveEnds(runs: { norm: NormKind; result: RunResult | undefined }[], lang: Lang): string {
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
