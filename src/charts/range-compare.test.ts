import { describe, expect, it } from 'vitest';
import { rangeCompareChart, rangeCompareHeight, type RangeCompareData } from './range-compare';
import { serverDocument } from './server-document';

const panel = (title: string, marked: number) => ({
  title,
  color: 'var(--bn)',
  rows: [
    { label: 'without', rangeLabel: 'width 1', points: [0, 0.5, 1], lo: 0, hi: 1 },
    { label: 'with', rangeLabel: 'width 0.25', points: [0, 0.1, 0.25], lo: 0, hi: 0.25, marked },
  ],
});
const data: RangeCompareData = { panels: [panel('min-max', 1), panel('z-score', 3)] };
const draw = (d: RangeCompareData, width = 600) => rangeCompareChart(d, { width, lang: 'en', document: serverDocument() });

describe('range comparison chart', () => {
  it('draws a band, a rug and the printed width per row, and the marked point, in each panel', () => {
    const svg = draw(data);
    expect(svg.querySelectorAll('.range-panel')).toHaveLength(2);
    expect(svg.querySelectorAll('.range-band')).toHaveLength(4);
    expect(svg.querySelectorAll('.range-rug')).toHaveLength(4);
    expect(svg.querySelectorAll('.range-marked')).toHaveLength(2);
    expect([...svg.querySelectorAll('.range-width')].map((t) => t.textContent)).toEqual(['width 1', 'width 0.25', 'width 1', 'width 0.25']);
  });

  it('puts the rows of a panel on one axis: the narrower range gives the narrower band', () => {
    const svg = draw(data);
    const widths = [...svg.querySelectorAll('.range-band')].map((b) => Number(b.getAttribute('width')));
    // min-max panel: axis [0, 1], so the bands are in the ratio of the ranges.
    expect(widths[1]! / widths[0]!).toBeCloseTo(0.25, 2);
    // z-score panel: the axis reaches the marked point at 3, so both bands are narrower, still 1 : 4.
    expect(widths[2]!).toBeLessThan(widths[0]!);
    expect(widths[3]! / widths[2]!).toBeCloseTo(0.25, 1);
  });

  it('has the same height at every width (it depends only on the rows)', () => {
    expect(Number(draw(data, 320).getAttribute('height'))).toBe(rangeCompareHeight(data));
    expect(Number(draw(data, 640).getAttribute('height'))).toBe(rangeCompareHeight(data));
  });

  it('survives a degenerate range and no panels', () => {
    const flat = { panels: [{ title: 't', color: 'red', rows: [{ label: 'a', rangeLabel: 'width 0', points: [2, 2], lo: 2, hi: 2 }] }] };
    expect(draw(flat).outerHTML).not.toMatch(/NaN|Infinity/);
    expect(draw({ panels: [] }).querySelectorAll('.range-band')).toHaveLength(0);
  });
});
