import { describe, expect, it } from 'vitest';
import { figureCache, sameInputs, recentResults } from './figure-cache';
import { serverDocument } from './server-document';

describe('figure cache', () => {
  const document = serverDocument();
  const options = { width: 640, lang: 'en' as const, document };
  const draw = () => document.createElementNS('http://www.w3.org/2000/svg', 'svg');

  it('hands back the same element while the inputs are unchanged', () => {
    const cached = figureCache();
    const a = cached('f', { values: Float64Array.of(1, 2) }, options, draw);
    expect(cached('f', { values: Float64Array.of(1, 2) }, options, draw)).toBe(a);
  });

  it.each([
    ['the data change', { values: Float64Array.of(1, 3) }, options],
    ['the width changes', { values: Float64Array.of(1, 2) }, { ...options, width: 390 }],
    ['the language changes', { values: Float64Array.of(1, 2) }, { ...options, lang: 'zh' as const }],
    ['the document changes', { values: Float64Array.of(1, 2) }, { ...options, document: serverDocument() }],
  ])('draws again when %s', (_, inputs, changed) => {
    const cached = figureCache();
    const a = cached('f', { values: Float64Array.of(1, 2) }, options, draw);
    expect(cached('f', inputs, changed, draw)).not.toBe(a);
  });

  it('keeps one entry per figure key', () => {
    const cached = figureCache();
    const a = cached('a', 1, options, draw);
    const b = cached('b', 1, options, draw);
    expect(a).not.toBe(b);
    expect(cached('a', 1, options, draw)).toBe(a);
  });
});

describe('sameInputs', () => {
  it.each([
    [{ a: [1, 2, { b: Float64Array.of(3, Number.NaN) }], c: 'x', d: null }, { a: [1, 2, { b: Float64Array.of(3, Number.NaN) }], c: 'x', d: null }],
    [{ format: (v: number) => String(v), n: 1 }, { format: (v: number) => v.toFixed(2), n: 1 }],
    [[], []],
  ])('treats equal data as the same (%#)', (a, b) => {
    expect(sameInputs(a, b)).toBe(true);
  });

  it.each([
    [{ a: Float64Array.of(1, 2) }, { a: Float64Array.of(1, 2.0000000000000004) }],
    [{ a: Float64Array.of(1, 2) }, { a: [1, 2] }],
    [{ a: Float64Array.of(1, 2) }, { a: Int8Array.of(1, 2) }],
    [{ a: [1, 2] }, { a: [1, 2, 3] }],
    [{ a: 1 }, { a: 1, b: undefined }],
    [{ a: null }, { a: {} }],
    [{ a: 'x' }, { b: 'x' }],
    [0, -0],
  ])('tells changed data apart (%#)', (a, b) => {
    expect(sameInputs(a, b)).toBe(false);
  });
});

describe('recentResults', () => {
  it('computes once for the same data, again for other data, and keeps only the last few', () => {
    let calls = 0;
    const sum = recentResults((values: ArrayLike<number>, scale: number) => {
      calls++;
      return Array.from(values).reduce((a, b) => a + b, 0) * scale;
    }, 2);
    expect(sum(Float64Array.of(1, 2, 3), 2)).toBe(12);
    expect(sum(Float64Array.of(1, 2, 3), 2)).toBe(12); // equal data in a new array
    expect(calls).toBe(1);
    expect(sum(Float64Array.of(1, 2, 4), 2)).toBe(14);
    expect(sum(Float64Array.of(1, 2, 3), 3)).toBe(18);
    expect(calls).toBe(3);
    expect(sum(Float64Array.of(1, 2, 4), 2)).toBe(14); // still among the last two
    expect(calls).toBe(3);
    expect(sum(Float64Array.of(1, 2, 3), 2)).toBe(12); // pushed out: computed again
    expect(calls).toBe(4);
  });
});
