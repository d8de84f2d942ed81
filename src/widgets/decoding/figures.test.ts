import { describe, expect, it } from 'vitest';
import { figureMarkup } from '../../charts/server';
import { codec, compute } from './model';
import { figures } from './figures';

describe('decoding figures', () => {
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

  it('draws a phone-width figure with the same aspect ratio', () => {
    const view = compute(codec.defaults, 'en');
    const wide = figureMarkup(figures, view, 'en', 640);
    const narrow = figureMarkup(figures, view, 'en', 320);
    for (const key of Object.keys(wide)) {
      const height = (svg: string | undefined) => Number(/^<svg[^>]*\sheight="([\d.]+)"/.exec(svg ?? '')?.[1]);
      expect(height(narrow[key]) * 2).toBeCloseTo(height(wide[key]), -1);
    }
  });
});
