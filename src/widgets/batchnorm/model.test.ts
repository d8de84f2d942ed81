import { describe, expect, it } from 'vitest';
import { batchNorm } from '../../lib/norms';
import { mean, std, variance } from '../../lib/stats';
import { adoptStreamBlocks, drawStreamBlocks, runningHistory, streamBatch } from '../../lib/activation-stream';
import { figureMarkup } from '../../charts/server';
import { codec, compute, drawStreamWith, EPS, pytorchError, type BatchNormState } from './model';
import { figures } from './figures';
import { labels } from './labels';

const state = (change: Partial<BatchNormState> = {}): BatchNormState => ({ ...codec.defaults, ...change });

const column = (data: Float64Array, c: number, j: number): Float64Array => data.filter((_, i) => i % c === j);

/** Every string the widget puts on screen. */
const shown = (view: ReturnType<typeof compute>): string =>
  [...Object.values(view.text), ...Object.values(view.descriptions), view.message ?? ''].join(' ');

describe('batchnorm model: training mode', () => {
  it.each([
    [8, 4, 2, 1, 0],
    [16, 8, 5, 2.5, -1.5],
    [2, 3, 1, -0.7, 4],
    [64, 16, 16, 0.3, 0.2],
  ])('N = %i, C = %i: the chosen feature %i comes out with mean β and std |γ| (γ = %f, β = %f), the others with 0 and 1', (n, c, f, gamma, beta) => {
    const view = compute(state({ n, c, f, gamma, beta, step: 5 }), 'en');
    const y = view.numbers.y!.data;
    for (let j = 0; j < c; j++) {
      const col = column(y, c, j);
      const x = column(view.numbers.x.data, c, j);
      const shrink = Math.sqrt(variance(x) / (variance(x) + EPS)); // ε in the denominator
      const [g, b] = j === f - 1 ? [gamma, beta] : [1, 0];
      expect(mean(col)).toBeCloseTo(b, 10);
      expect(std(col)).toBeCloseTo(Math.abs(g) * shrink, 10);
    }
  });

  it('normalizes with the batch mean and the biased variance, as the formula says', () => {
    const view = compute(state({ n: 4, c: 2, f: 1, step: 3 }), 'en');
    const x = column(view.numbers.x.data, 2, 0);
    const mu = mean(x);
    const v = variance(x); // biased
    expect(view.numbers.batchMean[0]).toBeCloseTo(mu, 12);
    expect(view.numbers.batchVar[0]).toBeCloseTo(v, 12);
    const y = column(view.numbers.y!.data, 2, 0);
    x.forEach((xi, i) => expect(y[i]).toBeCloseTo((xi - mu) / Math.sqrt(v + EPS), 12));
  });

  it('moves the running statistics one step towards this batch, storing the unbiased variance', () => {
    const m = 0.3;
    const view = compute(state({ n: 5, c: 3, momentum: m, step: 7 }), 'en');
    const { runningMean, runningVar, runningMeanAfter, runningVarAfter, batchMean, batchVar } = view.numbers;
    for (let j = 0; j < 3; j++) {
      expect(runningMeanAfter![j]).toBeCloseTo((1 - m) * runningMean[j]! + m * batchMean[j]!, 12);
      expect(runningVarAfter![j]).toBeCloseTo((1 - m) * runningVar[j]! + m * batchVar[j]! * (5 / 4), 12);
    }
  });

  it('the running statistics at step s are nn.BatchNorm1d’s after feeding batches 0 … s − 1', () => {
    const s = state({ n: 6, c: 3, momentum: 0.2, seed: 4, step: 9 });
    let runningMean: Float64Array = new Float64Array(3);
    let runningVar: Float64Array = new Float64Array(3).fill(1);
    for (let k = 0; k < 9; k++) {
      const r = batchNorm(streamBatch(4, k, 6, 3), { momentum: 0.2, runningMean, runningVar });
      runningMean = r.runningMean;
      runningVar = r.runningVar;
    }
    const view = compute(s, 'en');
    expect([...view.numbers.runningMean]).toEqual([...runningMean]);
    expect([...view.numbers.runningVar]).toEqual([...runningVar]);
  });

  it('"next batch" continues the same story: step s + 1 starts from where step s’s training pass left the buffers', () => {
    const now = compute(state({ step: 12, n: 4 }), 'en');
    const next = compute(state({ step: 13, n: 4 }), 'en');
    expect([...next.numbers.runningMean]).toEqual([...now.numbers.runningMeanAfter!]);
    expect([...next.numbers.runningVar]).toEqual([...now.numbers.runningVarAfter!]);
    // and moving back and forth (replayed from a memo) gives the same numbers
    expect(compute(state({ step: 12, n: 4 }), 'en').text).toEqual(now.text);
  });

  it.each([
    [4, 0.1],
    [16, 0.1],
    [8, 0.5],
  ])('at N = %i, momentum %f, the running mean ends near (not exactly at) the population mean after 200 batches', (n, momentum) => {
    const view = compute(state({ n, momentum, step: 200, c: 4 }), 'en');
    const { runningMean, populationMean, populationStd } = view.numbers;
    for (let j = 0; j < 4; j++) {
      const spread = Math.sqrt(momentum / (2 - momentum)) * (populationStd[j]! / Math.sqrt(n));
      const gap = Math.abs(runningMean[j]! - populationMean[j]!);
      expect(gap).toBeLessThan(4 * spread);
      if (populationMean[j] !== 0) expect(gap).toBeGreaterThan(0);
    }
  });

  it('answers the prediction: after 22 batches at momentum 0.1 the initial value keeps about 10 % of its weight', () => {
    const view = compute(state({ momentum: 0.1, step: 22 }), 'en');
    expect(view.numbers.initialShare).toBeCloseTo(0.9 ** 22, 12);
    expect(view.text.shareM).toBe('0.1');
    expect(view.text.shareK).toBe('22');
    expect(view.text.share).toBe('0.0985');
    expect(view.text.shareNote).toBe('90.2\u00a0% of the way to the population value');
    expect(compute(state({ momentum: 0.1, step: 22 }), 'zh').text.shareNote).toBe('已走完从初始值到总体值的 90.2%');
  });
});

describe('batchnorm model: eval mode', () => {
  it('uses the running statistics, so the same batch gives another output than in training', () => {
    const s = state({ n: 8, c: 4, step: 10 });
    const train = compute(s, 'en');
    const evaluation = compute({ ...s, mode: 'eval' }, 'en');
    expect(evaluation.numbers.x.data).toEqual(train.numbers.x.data);
    const { runningMean, runningVar } = evaluation.numbers;
    evaluation.numbers.y!.data.forEach((yi, i) => {
      const j = i % 4;
      const g = j === 1 ? s.gamma : 1;
      const b = j === 1 ? s.beta : 0;
      expect(yi).toBeCloseTo(((train.numbers.x.data[i]! - runningMean[j]!) / Math.sqrt(runningVar[j]! + EPS)) * g + b, 10);
    });
    expect(evaluation.numbers.y!.data).not.toEqual(train.numbers.y!.data);
    expect(evaluation.numbers.runningMeanAfter).toBeNull();
  });

  it('right after initialization (step 0) the output is almost the raw data: x / √(1 + ε)', () => {
    const view = compute(state({ mode: 'eval', step: 0, gamma: 1, beta: 0 }), 'en');
    view.numbers.y!.data.forEach((yi, i) => expect(yi).toBeCloseTo(view.numbers.x.data[i]! / Math.sqrt(1 + EPS), 12));
  });
});

describe('batchnorm model: a batch of one', () => {
  it.each([2, 4, 16])('training with N = 1 and C = %i shows PyTorch’s refusal as a message, not a crash', (c) => {
    const view = compute(state({ n: 1, c, step: 5 }), 'en');
    expect(view.message).toBe(`ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, ${c}])`);
    expect(view.numbers.y).toBeNull();
    expect(view.figures.output.values).toBeNull();
    expect(view.code).toContain(`# ${view.message}`);
    expect(shown(view)).not.toMatch(/NaN|Infinity/);
  });

  it('eval with N = 1 works, with the running statistics never trained (every step was refused)', () => {
    const view = compute(state({ n: 1, step: 5, mode: 'eval' }), 'en');
    expect(view.message).toBeNull();
    expect(view.numbers.y).not.toBeNull();
    expect([...view.numbers.runningMean]).toEqual([0, 0, 0, 0]);
    expect([...view.numbers.runningVar]).toEqual([1, 1, 1, 1]);
    expect(view.text.oneSampleNote).not.toBe('');
  });

  it.each(['train', 'eval'] as const)(
    'at N = 1 (%s) the weight readout counts only accepted updates: none, so the initial values keep all their weight',
    (mode) => {
      const view = compute(state({ n: 1, step: 28, momentum: 0.1, mode }), 'en');
      // What the running figure draws: flat at PyTorch's initial buffers, every step refused.
      expect(view.figures.running.mean.every((v) => v === 0)).toBe(true);
      expect(view.figures.running.variance.every((v) => v === 1)).toBe(true);
      // The readout says the same: (1 − 0.1)^0 = 1, and why.
      expect(view.numbers.acceptedUpdates).toBe(0);
      expect(view.numbers.initialShare).toBe(1);
      expect(view.text.shareK).toBe('0');
      expect(view.text.share).toBe('1');
      expect(view.text.shareNote).toBe('no update: at N\u00a0=\u00a01 PyTorch refused every training step (28 so far)');
      expect(shown(view)).not.toMatch(/94\.8|0\.0523/);
      expect(compute(state({ n: 1, step: 28, mode }), 'zh').text.shareNote).toContain('拒绝了每一步训练（至今 28 步）');
    },
  );

  it('at N = 2 every step is an update again: (1 − m)^step', () => {
    const view = compute(state({ n: 2, step: 28, momentum: 0.1 }), 'en');
    expect(view.numbers.acceptedUpdates).toBe(28);
    expect(view.numbers.initialShare).toBeCloseTo(0.9 ** 28, 12);
    expect(view.text.shareNote).toContain('94.8\u00a0%');
    // …and the figure moved off the initial value.
    expect(view.figures.running.mean.at(-1)).not.toBe(0);
  });

  it('words src/lib’s error exactly like PyTorch', () => {
    expect(pytorchError(new RangeError('Expected more than 1 value per channel when training, got input size [1, 7]'))).toBe(
      'ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 7])',
    );
  });
});

describe('batchnorm model: eval mode feeds nothing, and says so', () => {
  it.each(['zh', 'en'] as const)('the toolbar note explains why Next batch and Play are off in eval, and shows the play hint in train (%s)', (lang) => {
    const t = labels[lang];
    expect(compute(state({ mode: 'eval', step: 3 }), lang).text.toolbarNote).toBe(t.evalHint);
    expect(compute(state({ mode: 'train', step: 3 }), lang).text.toolbarNote).toBe(t.playHint);
    expect(t.evalHint).toContain(t.next);
    expect(t.evalHint).toContain(t.play);
    expect(t.evalHint).toContain(t.step);
  });

  it('in eval the running statistics are printed as used, not as moved by this batch', () => {
    const view = compute(state({ mode: 'eval', step: 3 }), 'en');
    expect(view.text.runMean).toMatch(/^−?[\d.]+ \(used; eval does not update it\)$/);
    expect(view.text.runMean).not.toContain('→');
    expect(view.figures.running.meanAfter).toBeNull();
  });
});

describe('batchnorm model: counts read as the language writes them', () => {
  it.each([
    [0, 'after 0 batches'],
    [1, 'after 1 batch'],
    [2, 'after 2 batches'],
  ])('step %i in eval: "%s"', (step, words) => {
    const view = compute(state({ mode: 'eval', step }), 'en');
    expect(view.text.modeNote).toContain(words);
    expect(view.descriptions.running).toContain(words);
  });

  it('one earlier batch mean is "a dot", two are "dots"; Chinese has one form', () => {
    expect(compute(state({ step: 1 }), 'en').descriptions.spread).toContain('1 earlier batch mean shown as a dot');
    expect(compute(state({ step: 2 }), 'en').descriptions.spread).toContain('2 earlier batch means shown as dots');
    expect(compute(state({ step: 1, mode: 'eval' }), 'zh').text.modeNote).toBe('评估模式：每列用喂入 1 批之后的滑动均值和滑动方差归一化');
    expect(compute(state({ step: 1 }), 'zh').descriptions.spread).toContain('之前 1 批的均值以点表示');
  });
});

describe('batchnorm model: the words on screen', () => {
  const corners = [
    state(),
    state({ mode: 'eval', step: 1 }),
    state({ n: 1, step: 28 }),
    state({ n: 1, step: 28, mode: 'eval' }),
    state({ n: 64, c: 16, f: 16, step: 40 }),
  ];

  it.each(['zh', 'en'] as const)('never shows raw notation (μ_B, σ²_B, ^{…}) in printed text or descriptions (%s)', (lang) => {
    for (const s of corners) expect(shown(compute(s, lang))).not.toMatch(/[_^]\{|μ_B|σ²_B|\)\^/);
  });

  it('Chinese labels: full-width colons, no space before %, site terms, a space between a feature name and Chinese', () => {
    for (const s of corners) {
      const text = shown(compute(s, 'zh'));
      expect(text).not.toMatch(/[\u4e00-\u9fff]: /);
      expect(text).not.toMatch(/ %/);
      expect(text).not.toMatch(/运行(统计量|均值|方差)|小部件/);
      expect(text).not.toMatch(/特征 \d+[\u4e00-\u9fff]/);
      expect(text).not.toMatch(/（[^）]*（/);
    }
    expect(compute(state(), 'zh').text.runningTitle).toBe('特征 2 的滑动平均统计量');
    // The marks the title used to name are named in the caption under the chart, in full-width punctuation.
    expect(labels.zh.runningCaption).toMatch(/^虚线：总体值。实心点：.*；空心点：/);
  });

  it('English keeps a lone % on the line of its number (a no-break space)', () => {
    for (const s of corners) expect(shown(compute(s, 'en'))).not.toMatch(/\d %/);
  });
});

describe('batchnorm model: what is shown', () => {
  it('the batch mean of a smaller batch strays further: over 200 batches, the spread follows σ/√N', () => {
    const spreadAt = (n: number): number => {
      const view = compute(state({ n, step: 200, f: 2 }), 'en');
      return std(view.figures.spread.history) / (view.figures.spread.sigma / Math.sqrt(n));
    };
    for (const n of [2, 8, 32]) {
      expect(spreadAt(n)).toBeGreaterThan(0.8);
      expect(spreadAt(n)).toBeLessThan(1.2);
    }
  });

  it('features sit on visibly different scales (population std from 0.2 to 25 at C = 8)', () => {
    const { populationStd } = compute(state({ c: 8 }), 'en').numbers;
    expect(Math.max(...populationStd) / Math.min(...populationStd)).toBeGreaterThan(50);
  });

  it('clamps the chosen feature to C', () => {
    const view = compute(state({ c: 4, f: 9 }), 'en');
    expect(view.numbers.feature).toBe(3);
    expect(view.figures.input.highlightColumn).toBe(3);
    expect(view.text.feature).toBe('feature 4');
  });

  it('the PyTorch snippet carries this batch and these running buffers exactly, with PyTorch’s eps and momentum', () => {
    const view = compute(state({ n: 3, c: 2, f: 2, gamma: 1.5, beta: -0.5, momentum: 0.05, step: 4 }), 'en');
    const { code } = view;
    expect(code).toContain('nn.BatchNorm1d(2, eps=1e-5, momentum=0.05, dtype=torch.float64)');
    expect(code).toContain('bn.weight[1] = 1.5');
    expect(code).toContain('bn.bias[1] = -0.5');
    expect(code).toContain(`bn.running_mean.copy_(torch.tensor([${[...view.numbers.runningMean].join(', ')}], dtype=torch.float64))`);
    expect(code).toContain(`bn.running_var.copy_(torch.tensor([${[...view.numbers.runningVar].join(', ')}], dtype=torch.float64))`);
    const literal = code.slice(code.indexOf('x = torch.tensor([') + 18, code.indexOf('], dtype'));
    expect(literal.replace(/[[\]\s]/g, '').split(',').filter(Boolean).map(Number)).toEqual([...view.numbers.x.data]);
    expect(code).toContain('bn.train()');
    expect(compute(state({ mode: 'eval' }), 'en').code).toContain('bn.eval()');
  });

  it.each([
    ['a batch size far above 64', { n: 1e9 }, { n: 64 }],
    ['a negative step', { step: -5 }, { step: 0 }],
    ['a momentum of 7', { momentum: 7 }, { momentum: 1 }],
    ['an unknown mode', { mode: 'predict' }, { mode: 'train' }],
    ['a γ off its 0.1 grid', { gamma: 1.234 }, { gamma: 1.2 }],
  ])('a hostile state (%s) is clamped, never thrown', (_, raw, expected) => {
    const clamped = codec.clamp({ ...codec.defaults, ...raw });
    expect(clamped).toMatchObject(expected);
    expect(() => compute(clamped, 'en')).not.toThrow();
  });

  it('parses a hand-edited query without throwing and keeps other widgets’ keys apart', () => {
    const parsed = codec.parse(new URLSearchParams('bn.n=abc&bn.c=99&bn.mode=<b>&ln.n=3&bn.step=1e400'));
    expect(parsed).toMatchObject({ n: 8, c: 16, mode: 'train', step: 0 });
  });

  it('never shows NaN or Infinity, over the corners of the state space', () => {
    for (const n of [1, 2, 64]) {
      for (const mode of ['train', 'eval'] as const) {
        for (const [gamma, momentum, step] of [
          [-2, 0.01, 0],
          [3, 1, 200],
          [0, 0.5, 1],
        ] as const) {
          const view = compute(state({ n, mode, gamma, momentum, step, c: 16, f: 16 }), 'zh');
          expect(shown(view)).not.toMatch(/NaN|Infinity/);
        }
      }
    }
  });

  it.each(['zh', 'en'] as const)('describes every figure in words that follow the state (%s)', (lang) => {
    const view = compute(state({ f: 3, step: 6 }), lang);
    for (const key of ['input', 'inputStats', 'output', 'outputStats', 'running', 'spread']) expect(view.descriptions[key]?.length).toBeGreaterThan(30);
    expect(view.descriptions.input).toContain(view.text.batchMean);
    expect(view.descriptions.input).toContain(labels[lang].featureName.replace('{f}', '3'));
  });

  it('has the same label keys in both languages', () => {
    expect(Object.keys(labels.zh).sort()).toEqual(Object.keys(labels.en).sort());
  });

  it('draws the default state on the server: every figure as a described SVG', () => {
    const view = compute(codec.defaults, 'zh');
    const svg = figureMarkup(figures, view, 'zh');
    for (const key of ['input', 'inputStats', 'output', 'outputStats', 'running', 'spread']) {
      expect(svg[key]).toContain('<svg');
      expect(svg[key]).toContain('role="img"');
    }
  });
});

describe('batchnorm model: a new seed\'s batches drawn elsewhere (the browser\'s worker)', () => {
  it('shows "replaying…" and no running numbers until the batches arrive, then exactly the replay done at once', () => {
    const full = compute(state({ seed: 97, n: 61, c: 16, step: 200, mode: 'eval' }), 'en');
    expect(full.pending ?? false).toBe(false);
    expect(full.numbers.replayed).toBe(200);
    const asked: [number, number][] = [];
    drawStreamWith((seed, steps) => asked.push([seed, steps]) > 0);
    try {
      const fresh = state({ seed: 98, n: 61, c: 16, step: 200, mode: 'eval' });
      const first = compute(fresh, 'en');
      expect(asked).toEqual([[98, 200]]);
      expect(first.pending).toBe(true);
      expect(first.numbers.replayed).toBe(0);
      expect(first.text.runMean).toBe('…');
      expect(first.text.outMean).toBe('…');
      expect(first.descriptions.running).toBe('replaying the 200 training batches…');
      expect(first.descriptions.output).toBe('replaying the 200 training batches…');
      expect(first.waiting).toEqual(['output', 'outputStats', 'running', 'spread']);
      expect(first.message).toBeNull();
      expect(first.numbers.y).toBeNull();
      expect(first.code).toContain('# replaying the 200 training batches…');
      expect(first.code).not.toContain('running_mean.copy_');
      expect(shown(first)).not.toMatch(/NaN|Infinity|undefined/);
      // Training mode needs no running statistics for its output: it is there at once.
      const training = compute(state({ seed: 96, n: 61, c: 16, step: 200, mode: 'train' }), 'en');
      expect(training.pending).toBe(true);
      expect(training.numbers.y).not.toBeNull();
      expect(training.message).toBeNull();
      expect(training.waiting).toEqual(['running', 'spread']);
      // A drawer that declines (a worker that cannot start): the replay is done here, at once.
      drawStreamWith(() => false);
      const declined = compute(state({ seed: 95, n: 61, c: 16, step: 200, mode: 'eval' }), 'en');
      expect(declined.pending ?? false).toBe(false);
      expect([...declined.numbers.runningMean]).toEqual([...runningHistory(95, 61, 16, 0.1, 200).mean.subarray(200 * 16)]);
      drawStreamWith((seed, steps) => asked.push([seed, steps]) > 0);
      // A little more drawing (one more row per batch) is done here, not asked for.
      asked.length = 0;
      expect(compute(state({ seed: 97, n: 62, c: 16, step: 200, mode: 'eval' }), 'en').pending ?? false).toBe(false);
      expect(asked).toEqual([]);

      // The batches arrive (drawn whole, as the worker draws them): the replay is the one done at once, to the last digit.
      adoptStreamBlocks(98, drawStreamBlocks(98, 200));
      const last = compute(fresh, 'en');
      expect(asked).toEqual([]);
      const once = runningHistory(98, 61, 16, 0.1, 200);
      expect(last.pending ?? false).toBe(false);
      expect(last.numbers.replayed).toBe(200);
      expect([...last.numbers.runningMean]).toEqual([...once.mean.subarray(200 * 16)]);
      expect([...last.numbers.runningVar]).toEqual([...once.variance.subarray(200 * 16)]);
      expect(last.message).toBeNull();
      expect(last.waiting).toEqual([]);
      expect(last.code).toContain(`bn.running_mean.copy_(torch.tensor([${[...once.mean.subarray(200 * 16)].join(', ')}], dtype=torch.float64))`);
    } finally {
      drawStreamWith(null);
    }
  });
});
