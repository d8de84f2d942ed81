// Every widget's PyTorch snippet runs as shown on the installed PyTorch (Debian's python3-torch, 1.13) and prints the
// numbers the widget shows for that state. All snippets run in one Python process (./snippet-runner.ts); npm test
// first makes sure that Python has torch (scripts/ensure-torch.mjs).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../i18n/sections';
import type { WidgetView } from './view';
import { agrees, numbersIn, printedTensors, runSnippets, shown, templateValues, type Shown, type SnippetRun } from './snippet-runner';
import * as normalization from './normalization/model';
import * as batchnorm from './batchnorm/model';
import * as layernorm from './layernorm/model';
import * as cube from './cube/model';
import * as padding from './padding/model';
import * as decoding from './decoding/model';
import { labels as bnLabels } from './batchnorm/labels';
import { labels as lnLabels } from './layernorm/labels';
import { labels as cubeLabels } from './cube/labels';
import { labels as padLabels } from './padding/labels';

type Check = (view: WidgetView, run: SnippetRun, lang: Lang, state: Record<string, unknown>) => void;

/** The number a text shows, as the widget printed it. */
function only(text: string | undefined, what: string): Shown {
  const numbers = numbersIn(text ?? '');
  expect(numbers, `${what}: one number in "${text}"`).toHaveLength(1);
  return numbers[0]!;
}

/** A template's filled-in value, parsed (the label templates of the current language). */
function filled(template: string, text: string | undefined, name: string): Shown {
  const values = templateValues(template, text ?? '');
  expect(values, `"${text}" follows "${template}"`).not.toBeNull();
  return shown(values?.[name] ?? '');
}

function expectAgree(what: string, onPage: Shown, printed: Shown | number | undefined, exactZero = false): void {
  expect(printed, `${what}: printed`).toBeDefined();
  const value = typeof printed === 'object' ? printed.text : printed;
  expect(agrees(onPage, printed ?? Number.NaN, { exactZero }), `${what}: page ${onPage.text}, snippet ${value}`).toBe(true);
}

/** The printed lines that start with a label, as numbers: `alone, BN: 0.25` → [0.25]. */
function line(stdout: string, label: string): Shown[] {
  const found = stdout.split('\n').find((l) => l.startsWith(`${label}:`) || l.startsWith(`${label} `));
  expect(found, `a printed line "${label} …" in:\n${stdout}`).toBeDefined();
  return numbersIn((found ?? '').slice(label.length));
}

const checkNormalization: Check = (view, run) => {
  const rows: Record<string, string> = { raw: 'raw', minmax: 'min-max', z: 'z-score' };
  for (const [key, name] of Object.entries(rows)) {
    const printed = line(run.stdout, name);
    ['Min', 'Max', 'Mean', 'Std', 'Skew'].forEach((stat, i) => expectAgree(`${name} ${stat}`, only(view.text[`${key}${stat}`], key + stat), printed[i]));
    const others = numbersIn(view.text[`${key}Others`] ?? '');
    if (others.length > 0) {
      const printedOthers = line(run.stdout, `${name} others`);
      others.forEach((o, i) => expectAgree(`${name} others ${i}`, o, printedOthers[i]));
    }
  }
  const v = view as ReturnType<typeof normalization.compute>;
  if (v.numbers.squeeze === null) return;
  for (const key of normalization.SCALED) {
    const name = rows[key] ?? key;
    const [without, withOutlier, kept] = line(run.stdout, `${name} width`);
    expectAgree(`${name}: width of the others without the outlier`, only(view.text[`${key}WidthWithout`], 'widthWithout'), without);
    expectAgree(`${name}: width of the others with the outlier`, only(view.text[`${key}WidthWith`], 'widthWith'), withOutlier);
    expectAgree(`${name}: share kept`, only(view.text[`${key}Kept`], 'kept'), kept);
  }
};

const checkBatchNorm: Check = (view, run, lang) => {
  const t = bnLabels[lang];
  const v = view as ReturnType<typeof batchnorm.compute>;
  const f = v.numbers.feature;
  const [batchMean, batchVar, outMean, outStd, runningMean, runningVar] = printedTensors(run.stdout);
  expectAgree('batch mean', only(view.text.batchMean, 'batchMean'), batchMean?.[f]);
  expectAgree('batch variance', only(view.text.batchVar, 'batchVar'), batchVar?.[f]);
  if (view.message !== null) {
    expect(run.error).toBe(view.message);
    expect(outMean).toBeUndefined();
    return;
  }
  expect(run.error).toBeNull();
  expectAgree('output mean', only(view.text.outMean, 'outMean'), outMean?.[0]);
  expectAgree('output std', only(view.text.outStd, 'outStd'), outStd?.[0]);
  const eval_ = v.numbers.runningMeanAfter === null;
  const after = (text: string | undefined): Shown => (eval_ ? filled(t.usedUnchanged, text, 'value') : filled(t.afterBatch, text, 'after'));
  expectAgree('running mean', after(view.text.runMean), runningMean?.[f]);
  expectAgree('running variance', after(view.text.runVar), runningVar?.[f]);
};

const checkLayerNorm: Check = (view, run, lang) => {
  const t = lnLabels[lang];
  expect(run.error).toBeNull();
  const printed = run.stdout.trim().split('\n');
  expect(printed.at(-1)).toBe('True'); // LayerNorm: eval and train give the same tensor
  const values = printed.slice(0, -1).map((l) => shown(l.trim()));
  // In order: [BatchNorm's change], LayerNorm's change, [LayerNorm's with ε = 0], [BatchNorm eval vs train].
  const expected: ((printed: Shown | undefined) => void)[] = [];
  const change = (what: string, text: string) => (p: Shown | undefined) => expectAgree(what, only(text, what), p, true);
  if (view.text.bnChange !== t.refused) expected.push(change('BatchNorm change', view.text.bnChange ?? ''));
  expected.push(change('LayerNorm change', view.text.lnChange ?? ''));
  const note = view.text.lnNote ?? '';
  if (note.includes(t.roundingNote)) {
    expected.push((p) => expect(Math.abs(p?.value ?? Number.NaN), 'LayerNorm with ε = 0').toBeLessThan(layernorm.ROUNDING_BOUND));
  } else if (note !== '') {
    expected.push((p) => expectAgree('LayerNorm with ε = 0', numbersIn(note).at(-1) ?? shown('NaN'), p, true));
  }
  if (view.text.bnTrainEval !== t.refused) {
    expected.push(change('BatchNorm eval vs train', view.text.bnTrainEval === t.identical ? '0' : (view.text.bnTrainEval ?? '')));
  }
  expect(values, run.stdout).toHaveLength(expected.length);
  expected.forEach((check, i) => check(values[i]));
};

const checkCube: Check = (view, run, lang) => {
  if (view.message !== null) {
    expect(run.error).toBe(view.message);
    return;
  }
  expect(run.error).toBeNull();
  const [count, check] = run.stdout.trim().split('\n');
  expect(Number(count)).toBe(filled(cubeLabels[lang].groupsValue, view.text.groups, 'count').value);
  expect(check).toBe('True');
};

const checkPadding: Check = (view, run, lang) => {
  const t = padLabels[lang];
  expect(run.error).toBeNull();
  const v = view as ReturnType<typeof padding.compute>;
  const stats = v.numbers.statCount === v.numbers.lengths.length * padding.T ? t.statsIncluded : t.statsMasked;
  const [mu, sigma, n] = line(run.stdout, 'mu, sigma, n');
  expectAgree('μ', filled(stats, view.text.stats, 'mu'), mu);
  expectAgree('σ', filled(stats, view.text.stats, 'sigma'), sigma);
  expectAgree('n', filled(stats, view.text.stats, 'n'), n, true);
  const [bn, ln] = line(run.stdout, 'token 1, feature 1');
  expectAgree('BatchNorm, token 1', only(view.text.firstBn, 'firstBn'), bn);
  expectAgree('LayerNorm, token 1', only(view.text.firstLn, 'firstLn'), ln);
  expectAgree('alone, BN', only(view.text.aloneBn, 'aloneBn'), line(run.stdout, 'alone, BN')[0], true);
  expectAgree('alone, LN', only(view.text.aloneLn, 'aloneLn'), line(run.stdout, 'alone, LN')[0], true);
  expectAgree('more padding, BN', only(view.text.morePadBn, 'morePadBn'), line(run.stdout, 'more padding, BN')[0], true);
  expectAgree('more padding, LN', only(view.text.morePadLn, 'morePadLn'), line(run.stdout, 'more padding, LN')[0], true);
};

const checkDecoding: Check = (view, run, _lang, state) => {
  if (view.message !== null) {
    expect(run.error).toBe(view.message);
    return;
  }
  expect(run.error).toBeNull();
  const v = view as ReturnType<typeof decoding.compute>;
  const rows = run.stdout.split('\n').filter((l) => /^\d/.test(l)).map((l) => numbersIn(l));
  const gaps = v.numbers.gap === null ? [] : numbersIn(view.text.gaps ?? '');
  expect(rows.map((r) => r[0]?.value)).toEqual(gaps.map((_, i) => i + 1));
  gaps.forEach((g, i) => expectAgree(`gap of token ${i + 1}`, g, rows[i]?.[1], true));
  if (v.numbers.gap !== null) expectAgree('largest gap', only(view.text.gap, 'gap'), Math.max(...rows.map((r) => r[1]?.value ?? Number.NaN)), true);
  const every = view.text[state.mode === 'ln' ? 'lnGap' : 'bnEvalGap'];
  expectAgree('largest gap over every token', only(every, 'every token'), line(run.stdout, 'largest gap, all tokens')[0], true);
};

interface Widget {
  readonly name: string;
  readonly compute: (state: never, lang: Lang) => WidgetView;
  readonly defaults: object;
  readonly states: readonly object[];
  readonly check: Check;
}

/** The defaults first, then states chosen for edge cases. */
const WIDGETS: readonly Widget[] = [
  {
    name: 'normalization',
    compute: normalization.compute,
    defaults: normalization.codec.defaults,
    check: checkNormalization,
    states: [{}, { dist: 'skewed', outlier: true, size: 50, n: 500 }, { dist: 'bimodal', n: 10, seed: 7, outlier: false }, { dist: 'uniform', outlier: true, size: 2, n: 10 }],
  },
  {
    name: 'batchnorm',
    compute: batchnorm.compute,
    defaults: batchnorm.codec.defaults,
    check: checkBatchNorm,
    states: [
      {},
      { step: 1 },
      { mode: 'eval', step: 30 },
      { mode: 'eval' },
      { n: 1, step: 5 },
      { n: 1, mode: 'eval', step: 3 },
      { n: 2, momentum: 0.01, step: 12, gamma: 0, beta: -5 },
      { n: 64, c: 16, f: 16, step: 200, gamma: -2, beta: 5, momentum: 1, seed: 100 },
    ],
  },
  {
    name: 'layernorm',
    compute: layernorm.compute,
    defaults: layernorm.codec.defaults,
    check: checkLayerNorm,
    states: [
      {},
      { scale: '0.1', mates: 0 },
      { n: 1, c: 4 },
      { n: 1, c: 4, mode: 'eval', scale: '0.2' },
      { mode: 'eval', affine: 'ramp', seed: 3 },
      { n: 64, c: 16, pick: 40, mates: 77, scale: '10', affine: 'random', seed: 9 },
    ],
  },
  {
    name: 'cube',
    compute: cube.compute,
    defaults: cube.codec.defaults,
    check: checkCube,
    states: [
      {},
      ...cube.NORMS.map((norm) => ({ norm, B: 2, T: 5, D: 12, G: 3 })),
      ...cube.NORMS.map((norm) => ({ norm, layout: 'images', B: 2, D: 6, H: 3, W: 2, G: 2 })),
      { norm: 'bn', B: 1, T: 1 },
      { norm: 'in', T: 1 },
      { norm: 'bn', layout: 'images', B: 1, H: 1, W: 1 },
      { norm: 'in', layout: 'images', H: 1, W: 1 },
      { norm: 'gn', D: 1, T: 1, G: 1 },
      { norm: 'rms', B: 8, T: 12, D: 16 },
    ],
  },
  {
    name: 'padding',
    compute: padding.compute,
    defaults: padding.codec.defaults,
    check: checkPadding,
    states: [{}, { mask: true }, { b: 8, share: 80, mine: 'long', mates: 20 }, { b: 8, share: 80, mine: 'short', mask: true }, { b: 2, share: 0, mine: 'long' }],
  },
  {
    name: 'decoding',
    compute: decoding.compute,
    defaults: decoding.codec.defaults,
    check: checkDecoding,
    states: [{}, { mode: 'ln' }, { mode: 'bn-train' }, { steps: 0, shift: 0, token: 8 }, { steps: 200, shift: 3, token: 8 }, { token: 0 }],
  },
];

const LANGS: readonly Lang[] = ['en', 'zh'];
const cases = WIDGETS.flatMap((w) =>
  w.states.flatMap((change) =>
    LANGS.map((lang) => {
      const state: Record<string, unknown> = { ...w.defaults, ...change };
      const view = w.compute(state as never, lang);
      return { name: `${w.name} ${lang} ${JSON.stringify(change)}`, widget: w, lang, state, view };
    }),
  ),
);

let runs: readonly SnippetRun[] = [];
let torchVersion = '';

beforeAll(() => {
  const started = performance.now();
  const out = runSnippets(cases.map((c) => c.view.code));
  runs = out.results;
  torchVersion = out.torch;
  const pythonSeconds = runs.reduce((s, r) => s + r.seconds, 0);
  console.log(`${cases.length} snippets on PyTorch ${torchVersion}: ${((performance.now() - started) / 1000).toFixed(1)} s (${pythonSeconds.toFixed(1)} s running them)`);
}, 120_000);

describe('every widget’s PyTorch snippet runs and prints what the widget shows', () => {
  it('runs on the PyTorch the page names (1.13) and warns about nothing', () => {
    expect(torchVersion).toMatch(/^(1\.13|2)\./);
    expect(runs).toHaveLength(cases.length);
    const warned = runs.flatMap((r, i) => r.warnings.map((w) => `${cases[i]?.name}: ${w}`));
    expect(warned).toEqual([]);
  });

  it.each(cases.map((c, i) => [c.name, i] as const))('%s', (_, i) => {
    const c = cases[i]!;
    const run = runs[i];
    expect(run, 'ran').toBeDefined();
    c.widget.check(c.view, run!, c.lang, c.state);
  });

  it('each snippet says at its top which PyTorch versions it runs on', () => {
    for (const c of cases) expect(c.view.code.split('\n')[0], c.name).toMatch(/^# .*PyTorch 1\.13/);
  });
});
