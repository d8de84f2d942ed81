import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { DIVERGING_SCHEME } from './theme';
import { HEATMAP_BINS, heatmapBin, heatmapChart, heatmapDomain, heatmapLayout, heatmapPalette } from './heatmap';
import { serverDocument } from './server-document';
import { asAccessibleImage } from './a11y';

const grid = (rows: number, cols: number, f: (r: number, c: number) => number): Float64Array =>
  Float64Array.from({ length: rows * cols }, (_, i) => f(Math.floor(i / cols), i % cols));

/**
 * The colour step each cell is painted with, read back from the drawn paths (−1: not painted), checking that no
 * cell is painted twice. The cells' group is scaled to cells (checked against the layout); each sub-path is a run
 * "Mc,rhnv1h-nz" of n whole cells in row r from column c.
 */
function paintedBins(svg: Element, rows: number, cols: number): number[] {
  const { left, top, cellWidth, cellHeight } = heatmapLayout({ rows, cols }, Number(svg.getAttribute('width')));
  const [tx, ty, sx, sy] = (/^translate\(([\d.]+),([\d.]+)\) scale\(([\d.]+),([\d.]+)\)$/.exec(svg.querySelector('.heatmap-cells')?.getAttribute('transform') ?? '') ?? []).slice(1).map(Number);
  expect([tx, ty, sx, sy].map((v) => v?.toFixed(2))).toEqual([left, top, cellWidth, cellHeight].map((v) => v.toFixed(2)));
  const painted = new Array<number>(rows * cols).fill(-1);
  for (const path of svg.querySelectorAll('.heatmap-cells path[data-bin]')) {
    const bin = Number(path.getAttribute('data-bin'));
    for (const [, c, row, n, back] of (path.getAttribute('d') ?? '').matchAll(/M(\d+),(\d+)h(\d+)v1h-(\d+)z/g)) {
      expect(back).toBe(n);
      const [c0, c1] = [Number(c), Number(c) + Number(n)];
      const [r0, r1] = [Number(row), Number(row) + 1];
      for (let r = r0; r < r1; r++) {
        for (let c = c0!; c < c1!; c++) {
          expect(painted[r * cols + c], `cell (${r}, ${c}) painted twice`).toBe(-1);
          painted[r * cols + c] = bin;
        }
      }
    }
  }
  return painted;
}

const cellCount = (svg: Element, rows: number, cols: number): number => paintedBins(svg, rows, cols).filter((b) => b >= 0).length;

describe('heatmap colour scale', () => {
  it.each([
    ['the pivot gets the neutral middle step', 0, -1, 1, 0, (HEATMAP_BINS - 1) / 2],
    ['the low end gets the first step', -1, -1, 1, 0, 0],
    ['the high end gets the last step', 1, -1, 1, 0, HEATMAP_BINS - 1],
    ['values beyond the domain are clamped', 50, -1, 1, 0, HEATMAP_BINS - 1],
    ['an off-centre pivot still gets the middle step', 3, 0, 10, 3, (HEATMAP_BINS - 1) / 2],
    ['NaN never escapes the scale', Number.NaN, -1, 1, 0, 0],
  ])('%s', (_, v, lo, hi, pivot, bin) => {
    expect(heatmapBin(v, lo, hi, pivot)).toBe(bin);
  });

  it('uses the theme’s diverging scheme, sampled at the centre of each step', () => {
    const scale = Plot.scale({ color: { type: 'diverging', scheme: DIVERGING_SCHEME, domain: [0, 1], pivot: 0.5 } });
    const expected = Array.from({ length: HEATMAP_BINS }, (_, b) => String(scale.apply(0.06 + (0.88 * (b + 0.5)) / HEATMAP_BINS)));
    expect(heatmapPalette()).toEqual(expected);
  });

  it('has one colour per step, and a symmetric default domain around the pivot', () => {
    expect(heatmapPalette()).toHaveLength(HEATMAP_BINS);
    expect(new Set(heatmapPalette()).size).toBe(HEATMAP_BINS);
    expect(heatmapDomain([-2, 0.5, 3])).toEqual([-3, 3]);
    expect(heatmapDomain([5, 5], 5)).toEqual([4, 6]);
    expect(heatmapDomain([1, 100], 0, [1, 0])).toEqual([-1, 1]);
  });
});

describe('heatmap chart', () => {
  it.each(['zh', 'en'] as const)('draws every cell of a 64 × 16 batch in at most a dozen paths (%s)', (lang) => {
    const values = grid(64, 16, (r, c) => (c - 8) * (r % 5));
    const svg = heatmapChart({ rows: 64, cols: 16, values, highlightColumn: 3, legendLabel: 'x' }, { width: 340, lang, document: serverDocument() });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(cellCount(svg, 64, 16)).toBe(64 * 16);
    const [lo, hi] = heatmapDomain(values);
    expect(paintedBins(svg, 64, 16)).toEqual(Array.from(values, (v) => heatmapBin(v, lo, hi, 0)));
    expect(svg.querySelectorAll('.heatmap-cells path').length).toBeLessThanOrEqual(HEATMAP_BINS);
    expect(svg.querySelectorAll('*').length).toBeLessThan(150);
    expect(svg.querySelector('.heatmap-highlight-column')).not.toBeNull();
    expect(svg.querySelectorAll('.heatmap-legend rect')).toHaveLength(HEATMAP_BINS);
  });

  it('keeps its height proportional to its width, whatever the number of rows', () => {
    for (const rows of [1, 8, 64]) {
      const svg = heatmapChart({ rows, cols: 4, values: new Float64Array(rows * 4) }, { width: 500, lang: 'en', document: serverDocument(), ratio: 0.5 });
      expect(svg.getAttribute('height')).toBe('250');
      expect(svg.getAttribute('viewBox')).toBe('0 0 500 250');
    }
  });

  it('prints values in big cells and none in small ones', () => {
    const doc = serverDocument();
    const big = heatmapChart({ rows: 2, cols: 3, values: [1, 2, 3, 4, 5, 6], showValues: true }, { width: 640, lang: 'en', document: doc });
    expect(big.querySelectorAll('.heatmap-values text')).toHaveLength(6);
    expect(big.querySelector('.heatmap-values')?.textContent).toContain('6');
    const small = heatmapChart({ rows: 64, cols: 16, values: new Float64Array(1024), showValues: true }, { width: 340, lang: 'en', document: doc });
    expect(small.querySelector('.heatmap-values')).toBeNull();
  });

  it('thins out row labels so that 64 rows fit on a phone', () => {
    const layout = heatmapLayout({ rows: 64, cols: 16 }, 340);
    expect(layout.cellHeight).toBeGreaterThan(1.5);
    const svg = heatmapChart({ rows: 64, cols: 16, values: new Float64Array(1024) }, { width: 340, lang: 'en', document: serverDocument() });
    const rowLabels = [...svg.querySelectorAll('.heatmap-labels text[text-anchor="end"]')];
    expect(rowLabels.length).toBeGreaterThan(3);
    expect(rowLabels.length).toBeLessThan(20);
  });

  it('draws masked cells hatched and names them in the legend', () => {
    const svg = heatmapChart(
      { rows: 2, cols: 2, values: [1, 2, 3, 0], mask: [1, 1, 1, 0], maskLabel: 'padding' },
      { width: 400, lang: 'en', document: serverDocument() },
    );
    expect(cellCount(svg, 2, 2)).toBe(3);
    expect(svg.querySelector('.heatmap-masked')).not.toBeNull();
    expect(svg.querySelector('.heatmap-legend')?.textContent).toContain('padding');
  });

  it('becomes one described image', () => {
    const svg = asAccessibleImage(heatmapChart({ rows: 2, cols: 2, values: [1, -1, 0, 2] }, { width: 300, lang: 'en', document: serverDocument() }), 'a batch');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('a batch');
  });
});
