// The two tasks' data: what the generators promise, and Lab 2's Bayes floor.
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import {
  BOS,
  copyBayesFloor,
  copyExample,
  copyFirstHalf,
  EOS,
  heldOutSet,
  longest,
  SEP,
  sortExample,
  TaskStream,
  toBatch,
  type Example,
} from './tasks';

const many = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);

describe('Lab 1: sort the digits', () => {
  const rng = createRng('tasks-test', 'sort');
  const examples = many(4000, () => sortExample(rng));

  it('lengths cover 2–16 uniformly, digits 1–9; the target is the input sorted', () => {
    const lengths = new Set(examples.map((e) => e.input.length));
    expect([...lengths].sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 2));
    for (const e of examples) {
      expect(e.input.every((d) => Number.isInteger(d) && d >= 1 && d <= 9)).toBe(true);
      expect(e.target).toEqual([...e.input].sort((a, b) => a - b));
    }
    const digits = new Set(examples.flatMap((e) => e.input));
    expect(digits.size).toBe(9);
  });

  it('padded to 16, about 44 % of the positions are pads (mean length 9)', () => {
    const pads = examples.reduce((a, e) => a + 16 - e.input.length, 0) / (16 * examples.length);
    expect(pads).toBeGreaterThan(0.42);
    expect(pads).toBeLessThan(0.46);
  });
});

describe('Lab 2: causal copy', () => {
  const rng = createRng('tasks-test', 'copy');
  const examples = many(4000, () => copyExample(rng));

  it('BOS a₁…a_k SEP a₁…a_k EOS with k in 1–7 and symbols 1–8; input = all but the last token, target = all but the first', () => {
    const ks = new Set<number>();
    for (const e of examples) {
      const full = [...e.input, e.target[e.target.length - 1]!];
      expect(full.slice(1)).toEqual(e.target);
      const k = (full.length - 3) / 2;
      ks.add(k);
      const a = full.slice(1, k + 1);
      expect(full).toEqual([BOS, ...a, SEP, ...a, EOS]);
      expect(a.every((s) => s >= 1 && s <= 8)).toBe(true);
      expect(e.input.length).toBeLessThanOrEqual(16);
    }
    expect([...ks].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('the random first half is a₁…a_k and SEP: k + 1 of the 2k + 2 targets', () => {
    for (const e of examples.slice(0, 200)) {
      const k = (e.input.length - 2) / 2;
      const first = copyFirstHalf(e);
      expect(first.filter(Boolean)).toHaveLength(k + 1);
      expect(e.target[first.lastIndexOf(true)]).toBe(SEP);
    }
  });

  it('the Bayes floor is 1.026 nats/token overall and 2.053 on the first half', () => {
    const floor = copyBayesFloor();
    expect(floor.overall.toFixed(3)).toBe('1.026');
    expect(floor.firstHalf.toFixed(3)).toBe('2.053');
  });

  it('the floor is the loss of the best predictor that reads only the past, measured on 40,000 sequences', () => {
    // The Bayes predictor, written from the task's definition: after BOS and j symbols, with k uniform in 1–7,
    // P(SEP) = P(k = j | k ≥ j) = 1/(8 − j) for j ≥ 1; each symbol has (1 − P(SEP))/8; the copy and EOS are certain.
    const r = createRng('bayes-check');
    let loss = 0;
    let tokens = 0;
    let firstLoss = 0;
    let firstTokens = 0;
    for (let n = 0; n < 40000; n++) {
      const e = copyExample(r);
      const k = (e.input.length - 2) / 2;
      e.target.forEach((_, j) => {
        let nll = 0;
        if (j <= k) {
          const pSep = j === 0 ? 0 : 1 / (8 - j);
          nll = j === k ? -Math.log(pSep) : -Math.log((1 - pSep) / 8);
          firstLoss += nll;
          firstTokens++;
        }
        loss += nll;
        tokens++;
      });
    }
    const floor = copyBayesFloor();
    expect(Math.abs(loss / tokens - floor.overall)).toBeLessThan(0.01);
    expect(Math.abs(firstLoss / firstTokens - floor.firstHalf)).toBeLessThan(0.02);
  });
});

describe('batches and streams', () => {
  const examples: Example[] = [
    { input: [3, 1, 2], target: [1, 2, 3] },
    { input: [5, 4], target: [4, 5] },
  ];

  it('toBatch pads with 0, marks pads −1 in the targets and 0 in the mask', () => {
    const b = toBatch(examples, 4);
    expect([...b.tokens]).toEqual([3, 1, 2, 0, 5, 4, 0, 0]);
    expect([...b.targets]).toEqual([1, 2, 3, -1, 4, 5, -1, -1]);
    expect([...b.mask]).toEqual([1, 1, 1, 0, 1, 1, 0, 0]);
    expect(() => toBatch(examples, 2)).toThrow(RangeError);
    expect(longest(examples)).toBe(3);
  });

  it('a stream is a pure function of (task, seed): same seed, same batches; another seed, other batches', () => {
    const a = new TaskStream('sort', 5);
    const b = new TaskStream('sort', 5);
    const c = new TaskStream('sort', 6);
    for (let i = 0; i < 5; i++) {
      const [x, y, z] = [a.next(4), b.next(4), c.next(4)];
      expect(x).toEqual(y);
      expect(x.tokens).not.toEqual(z.tokens);
    }
  });

  it('a batch padded to its longest sequence has no column of pads only', () => {
    const s = new TaskStream('copy', 1);
    for (let i = 0; i < 20; i++) {
      const b = s.next(2, false);
      const lastColumn = Array.from({ length: b.b }, (_, r) => b.mask[r * b.t + b.t - 1]);
      expect(lastColumn).toContain(1);
    }
  });

  it('the held-out set is the same for every seed and does not depend on how many are asked for', () => {
    expect(heldOutSet('sort', 10)).toEqual(heldOutSet('sort', 20).slice(0, 10));
    expect(heldOutSet('copy', 5)).toEqual(heldOutSet('copy', 5));
  });
});
