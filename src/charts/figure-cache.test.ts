import { describe, expect, it } from 'vitest';
import { figureCache } from './figure-cache';
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
