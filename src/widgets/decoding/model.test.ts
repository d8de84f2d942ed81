import { describe, expect, it } from 'vitest';
import { batchNorm, tensor } from '../../lib/norms';
import { streamBatch, streamPopulation } from '../../lib/activation-stream';
import {
  analyzeDecoding,
  asValueError,
  codec,
  compute,
  D,
  decodedSequence,
  MODES,
  runningAfter,
  SEED,
  SEQUENCES,
  T,
  trainingBatch,
  type DecodingState,
  type Mode,
} from './model';
import { labels } from './labels';
import torchFixture from './fixtures/torch.json';

const defaults = codec.defaults;
const at = (change: Partial<DecodingState>): DecodingState => ({ ...defaults, ...change });

describe('decoding state in the URL', () => {
  it('has the documented defaults', () => {
    expect(defaults).toEqual({ steps: 30, shift: 0, mode: 'bn-eval', token: 4 });
  });

  it.each([
    ['dec.steps=1e9&dec.shift=-3', { steps: 200, shift: 0 }],
    ['dec.steps=NaN&dec.shift=0.55', { steps: 30, shift: 0.6 }],
    ['dec.mode=<img src=x>&dec.token=99', { mode: 'bn-eval', token: T }],
    ['dec.token=-1&dec.mode=ln', { token: 0, mode: 'ln' }],
  ])('a hostile query %s is clamped, never thrown', (query, expected) => {
    const state = codec.parse(new URLSearchParams(query));
    expect(state).toMatchObject(expected);
    expect(() => compute(state, 'zh')).not.toThrow();
  });

  it('round-trips through the URL', () => {
    const state = at({ steps: 123, shift: 2.3, mode: 'bn-train', token: 7 });
    expect(codec.parse(codec.serialize(state))).toEqual(state);
  });
});

interface TorchCase {
  steps: number;
  batches: number[][];
  runningMean: number[];
  runningVar: number[];
  numBatchesTracked: number;
  sequence: number[];
  batch: number[];
  batchMean: number[];
  batchVar: number[];
  trainBn: number[];
  decodeBn: number[];
  gapsBn: number[];
  trainLn: number[];
  decodeLn: number[];
  gapsLn: number[];
  error: string;
}
const golden = torchFixture as { D: number; T: number; sequences: number; cases: TorchCase[] };

const close = (got: ArrayLike<number> | null | undefined, want: readonly number[]) => {
  expect(got).not.toBeNull();
  expect(got?.length).toBe(want.length);
  want.forEach((v, i) => expect(got?.[i]).toBeCloseTo(v, 11));
};

describe('training and decoding equal PyTorch (fixtures/make_torch_fixture.py)', () => {
  it('the fixture was made with the widget’s shapes', () => {
    expect([golden.D, golden.T, golden.sequences]).toEqual([D, T, SEQUENCES]);
  });

  describe.each(golden.cases.map((c) => [c.steps, c] as const))('after %i training batches', (_, c) => {
    // The running statistics, replayed with src/lib's batchNorm over the fixture's batches.
    let runningMean: Float64Array = new Float64Array(D);
    let runningVar: Float64Array = new Float64Array(D).fill(1);
    for (const b of c.batches) {
      const r = batchNorm(tensor(b, [SEQUENCES * T, D]), { training: true, momentum: 0.1, runningMean, runningVar });
      runningMean = r.runningMean;
      runningVar = r.runningVar;
    }
    const running = { mean: runningMean, var: runningVar, numBatchesTracked: c.steps };
    const sequence = tensor(c.sequence, [T, D]);
    const batch = tensor(c.batch, [SEQUENCES * T, D]);

    it('has PyTorch’s running buffers', () => {
      close(runningMean, c.runningMean);
      close(runningVar, c.runningVar);
      expect(c.numBatchesTracked).toBe(c.steps);
    });

    it('BatchNorm eval: training outputs, decoding outputs and the gap per token', () => {
      const r = analyzeDecoding(sequence, batch, running, 'bn-eval');
      close(r.batchMean, c.batchMean);
      close(r.batchVar, c.batchVar);
      close(r.train, c.trainBn);
      close(r.decode, c.decodeBn);
      close(r.gaps, c.gapsBn);
      expect(r.error).toBeNull();
    });

    it('LayerNorm: the same outputs in training and decoding, gap exactly 0', () => {
      const r = analyzeDecoding(sequence, batch, running, 'ln');
      close(r.train, c.trainLn);
      close(r.decode, c.decodeLn);
      expect(r.decode).toEqual(r.train);
      expect([...(r.gaps ?? [])]).toEqual(c.gapsLn);
    });

    it('BatchNorm train at batch size 1 is refused with PyTorch’s message', () => {
      const r = analyzeDecoding(sequence, batch, running, 'bn-train');
      expect(r.error).toBe(c.error);
      expect(r.decode).toBeNull();
      expect(r.gaps).toBeNull();
    });
  });
});

describe('the widget’s data', () => {
  it('the training batch holds the decoded sequence first, then the stream’s batchmates', () => {
    const sequence = decodedSequence(1);
    const batch = trainingBatch(sequence);
    expect(batch.shape).toEqual([SEQUENCES * T, D]);
    expect(batch.data.slice(0, T * D)).toEqual(sequence.data);
    expect(batch.data.slice(T * D)).toEqual(streamBatch(SEED, 1000, SEQUENCES * T, D).data.slice(T * D));
  });

  it('the shift moves every feature of the sequence by shift · σ (to 0.001)', () => {
    const { std } = streamPopulation(D);
    const base = decodedSequence(0).data;
    const moved = decodedSequence(2).data;
    moved.forEach((v, i) => expect(v - (base[i] ?? 0)).toBeCloseTo(2 * (std[i % D] ?? 0), 9));
  });

  it('running statistics start at PyTorch’s 0 and 1 and approach the training data’s population', () => {
    expect(Array.from(runningAfter(0).mean)).toEqual([0, 0, 0, 0]);
    expect(Array.from(runningAfter(0).var)).toEqual([1, 1, 1, 1]);
    const { mean, std } = streamPopulation(D);
    const after = runningAfter(200);
    for (let k = 0; k < D; k++) expect(Math.abs((after.mean[k] ?? 0) - (mean[k] ?? 0))).toBeLessThan(0.2 * (std[k] ?? 1));
    expect(after.numBatchesTracked).toBe(200);
  });

  it('formats PyTorch’s error as Python shows it', () => {
    expect(asValueError(new RangeError('Expected more than 1 value per channel when training, got input size [1, 4]'))).toBe(
      'ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 4])',
    );
  });
});

const grid: DecodingState[] = [];
for (const steps of [0, 1, 30, 200]) {
  for (const shift of [0, 1.5, 3]) {
    for (const mode of MODES) for (const token of [0, 3, T]) grid.push(at({ steps, shift, mode, token }));
  }
}

describe('the claims the widget makes', () => {
  it.each(grid.filter((s) => s.mode === 'ln'))('LayerNorm’s decoding gap is exactly 0 (%o)', (state) => {
    const { numbers } = compute(state, 'en');
    expect([...(numbers.result.gaps ?? [])]).toEqual(new Array(T).fill(0));
    expect(numbers.lnGap).toBe(0);
  });

  it.each(grid.filter((s) => s.mode === 'bn-eval'))('BatchNorm eval: decoding differs from training (%o)', (state) => {
    expect(compute(state, 'en').numbers.bnEvalGap).toBeGreaterThan(0.01);
  });

  it.each(grid.filter((s) => s.mode === 'bn-train'))('BatchNorm train at batch size 1 is refused with PyTorch’s error (%o)', (state) => {
    const view = compute(state, 'en');
    expect(view.message).toBe('ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 4])');
    expect(view.text.gap).toBe(labels.en.refused);
  });

  it.each([0, 1, 30, 200])('opens on the discrepancy itself: after %i batches, at drift 0, eval mode’s output differs from training mode’s', (steps) => {
    const view = compute(at({ steps }), 'en');
    expect(view.figures.tokens.decode).toHaveLength(defaults.token);
    expect(view.numbers.gap).toBeGreaterThan(0.01);
    expect(view.text.note).toBe(labels.en.noteEval);
  });

  it('eval mode uses the running statistics at any batch size: the whole sequence as one batch gives the one-token outputs, bit for bit', () => {
    const sequence = decodedSequence(0);
    const running = runningAfter(30);
    const whole = batchNorm(sequence, { training: false, runningMean: running.mean, runningVar: running.var, eps: 1e-5 }).output.data;
    const oneByOne = analyzeDecoding(sequence, trainingBatch(sequence), running, 'bn-eval').decode;
    expect(Array.from(oneByOne ?? [])).toEqual(Array.from(whole));
  });

  it('a one-token batch only makes batch statistics impossible: training mode accepts the same tokens as a batch of T', () => {
    const sequence = decodedSequence(0);
    expect(() => batchNorm(sequence, { training: true, eps: 1e-5 })).not.toThrow();
    expect(analyzeDecoding(sequence, trainingBatch(sequence), runningAfter(30), 'bn-train').error).toMatch(/^ValueError: Expected more than 1 value per channel/);
  });

  it.each([0, 1, 5, 10, 30, 100, 200])('after %i batches a drift of 1 σ or more widens the gap beyond drift 0’s', (steps) => {
    const zero = compute(at({ steps, shift: 0 }), 'en').numbers.bnEvalGap;
    for (const shift of [1, 1.5, 2, 3]) expect(compute(at({ steps, shift }), 'en').numbers.bnEvalGap).toBeGreaterThan(zero);
  });

  it('with a drift the note adds it as a second effect, with the largest gap now and at drift 0', () => {
    const zero = compute(at({ shift: 0 }), 'en');
    const drifted = compute(at({ shift: 2 }), 'en');
    expect(drifted.text.note).toBe(
      `${labels.en.noteEval} Drift 2 σ adds a second effect: the running statistics describe the training data, not the drifted tokens. Largest gap over all tokens now ${drifted.text.bnEvalGap}; at drift 0, ${zero.text.bnEvalGap}.`,
    );
    expect(compute(at({ shift: 2 }), 'zh').text.note).toBe(
      `${labels.zh.noteEval}偏移 2 σ 带来第二个效应：滑动平均统计量刻画的是训练数据，而不是偏移后的 token。现在全部 token 的最大差距是 ${drifted.text.bnEvalGap}；偏移为 0 时是 ${zero.text.bnEvalGap}。`,
    );
    expect(compute(at({ shift: 2, mode: 'ln' }), 'en').text.note).toBe(labels.en.noteLn);
    expect(compute(at({ shift: 2, mode: 'bn-train' }), 'en').text.note).toBe(labels.en.noteTrain);
  });

  it.each<[Mode, string, string]>([
    ['bn-eval', 'training mode (batch statistics)', 'eval mode (running statistics)'],
    ['bn-train', 'training mode (batch statistics)', 'train mode at inference: refused'],
    ['ln', 'training', 'inference, one token at a time'],
  ])('the legend of %s names what each output is computed with', (mode, train, decode) => {
    const { labels: legend } = compute(at({ mode }), 'en').figures.tokens;
    expect([legend.train, legend.decode]).toEqual([train, decode]);
  });

  it.each<[number, string, string]>([
    [0, 'mean 0, variance 1: PyTorch’s initial values (no training yet)', '滑动均值 0，滑动方差 1：PyTorch 的初始值（尚未训练）'],
    [1, 'after 1 batch', '训练了 1 个批次'],
    [30, 'after 30 batches', '训练了 30 个批次'],
  ])('the running statistics after %i batches read naturally in both languages', (steps, en, zh) => {
    expect(compute(at({ steps }), 'en').text.running).toContain(en);
    expect(compute(at({ steps }), 'zh').text.running).toContain(zh);
  });

  it('the gap grows with the shift of the decoding data', () => {
    const gaps = [0, 1, 2, 3].map((shift) => compute(at({ shift, steps: 200 }), 'en').numbers.bnEvalGap);
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
    expect(gaps[3]).toBeGreaterThan(3 * (gaps[0] ?? 0));
  });

  it('without training the running statistics are 0 and 1, and the gap is large', () => {
    expect(compute(at({ steps: 0, shift: 0 }), 'en').numbers.bnEvalGap).toBeGreaterThan(compute(at({ steps: 200, shift: 0 }), 'en').numbers.bnEvalGap * 5);
  });

  it.each([
    ['steps', at({ steps: 100 })],
    ['shift', at({ shift: 2 })],
  ])('changing %s changes BatchNorm’s decoding outputs but not LayerNorm’s', (_, changed) => {
    const before = compute(defaults, 'en').numbers;
    const after = compute(changed, 'en').numbers;
    expect(after.bnEvalGap).not.toBe(before.bnEvalGap);
    expect(after.lnGap).toBe(0);
  });

  it('shows the gap only for the tokens decoded so far', () => {
    const view = compute(at({ token: 3 }), 'en');
    expect(view.text.gaps?.split(', ')).toHaveLength(3);
    expect(view.figures.tokens.decode).toHaveLength(3);
    expect(view.figures.tokens.train).toHaveLength(T);
    expect(compute(at({ token: 0 }), 'en').text.gap).toBe(labels.en.noneYet);
  });
});

describe('words and code', () => {
  it.each(grid)('never shows NaN or Infinity (%o)', (state) => {
    for (const lang of ['zh', 'en'] as const) {
      const view = compute(state, lang);
      const shown = [...Object.values(view.text), ...Object.values(view.descriptions), view.code, view.message ?? ''].join('\n');
      expect(shown).not.toMatch(/NaN|Infinity|undefined|\{\w+\}/);
    }
  });

  it('describes every figure and has the same label keys in both languages', () => {
    expect(Object.keys(labels.zh).sort()).toEqual(Object.keys(labels.en).sort());
    for (const lang of ['zh', 'en'] as const) {
      const view = compute(defaults, lang);
      expect(Object.keys(view.descriptions).sort()).toEqual(Object.keys(view.figures).sort());
    }
  });

  it.each<[Mode, string[]]>([
    ['bn-eval', ['bn.eval()', 'bn(seq[t:t + 1])', 'y_train = (seq - batch_mean) / torch.sqrt(batch_var + 1e-5)']],
    ['bn-train', ['bn.train()', '# ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 4])', '(1, D, T) with T > 1']],
    ['ln', ['y_train = ln(seq)', 'ln(seq[t:t + 1])']],
  ])('the PyTorch code for %s uses float64, eps 1e-5, momentum 0.1 and the buffers at full precision', (mode, lines) => {
    const view = compute(at({ mode }), 'en');
    expect(view.code).toContain('nn.BatchNorm1d(D, eps=1e-5, momentum=0.1, dtype=torch.float64)');
    expect(view.code).toContain(`bn.running_mean.copy_(torch.tensor([${Array.from(view.numbers.running.mean, String).join(', ')}]`);
    expect(view.code).toContain('bn.num_batches_tracked.fill_(30)');
    for (const line of lines) expect(view.code).toContain(line);
  });
});
