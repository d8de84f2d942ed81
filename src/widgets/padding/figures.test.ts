import { describe, expect, it } from 'vitest';
import { figureMarkup } from '../../charts/server';
import { markupAspect } from '../../charts/text-check';
import { codec, compute } from './model';
import { figures } from './figures';

describe('padding figures', () => {
  it.each(['zh', 'en'] as const)('draws every figure of the default state on the server, described (%s)', (lang) => {
    const view = compute(codec.defaults, lang);
    const markup = figureMarkup(figures, view, lang);
    expect(Object.keys(markup).sort()).toEqual(Object.keys(view.figures).sort());
    for (const [key, svg] of Object.entries(markup)) {
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('role="img"');
      expect(svg).toContain(`aria-label="${(view.descriptions[key] ?? '').slice(0, 20)}`);
      expect(svg).not.toMatch(/NaN|Infinity/);
    }
  });

  // The server draws a phone figure (300 px) and a desktop one; the browser redraws the one shown at its box's width.
  // Within each of the two (boxes under 400 px, and wider ones) the aspect ratio is one, so nothing moves.
  it.each([
    [300, 396],
    [430, 880],
  ])('draws a figure at %i px and at %i px with the same aspect ratio', (a, b) => {
    const view = compute(codec.defaults, 'en');
    const first = figureMarkup(figures, view, 'en', a);
    const second = figureMarkup(figures, view, 'en', b);
    for (const key of Object.keys(first)) {
      expect(markupAspect(first[key]), key).toBeCloseTo(markupAspect(second[key]), 2);
    }
  });
});
