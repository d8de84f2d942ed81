import { describe, expect, it } from 'vitest';
import { fitFigures } from './card';

describe('figures fitted into the card', () => {
  it.each([
    ['two side by side, limited by width', [{ width: 300, height: 200 }, { width: 300, height: 200 }], 'row' as const, [{ width: 324, height: 216 }, { width: 324, height: 216 }]],
    ['three stacked, limited by height', [{ width: 100, height: 100 }, { width: 100, height: 100 }, { width: 100, height: 100 }], 'column' as const, [{ width: 152, height: 152 }, { width: 152, height: 152 }, { width: 152, height: 152 }]],
    ['one small one, never above the largest scale', [{ width: 10, height: 10 }], 'row' as const, [{ width: 24, height: 24 }]],
  ])('%s', (_name, sizes, layout, expected) => {
    const fitted = fitFigures(sizes, layout, { width: 660, height: 480 }, 12, 2.4);
    expect(fitted).toEqual(expected);
    const along = (s: { width: number; height: number }) => (layout === 'row' ? s.width : s.height);
    expect(fitted.reduce((sum, s) => sum + along(s), 0) + 12 * (fitted.length - 1)).toBeLessThanOrEqual(layout === 'row' ? 660 : 480);
  });
});

describe('icons', () => {
  it.each([180, 192, 512])('the favicon drawn at %i px is a square PNG of that size', async (size) => {
    const { renderIcon } = await import('./icon');
    const { pngSize } = await import('./png');
    expect(pngSize(renderIcon(size))).toEqual({ width: size, height: size });
  });
});
