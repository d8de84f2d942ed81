import { describe, expect, it } from 'vitest';
import { rowStatsChart, rowStatsRatio, type RowStatsData } from './row-stats';
import { serverDocument } from './server-document';
import { asAccessibleImage } from './a11y';

function data(rows: number, cols: number, highlightRow = 0): RowStatsData {
  const values = Float64Array.from({ length: rows * cols }, (_, i) => ((i * 7) % 11) - 5);
  const rowMeans = Float64Array.from({ length: rows }, (_, r) => r - 2.5);
  const rowVars = Float64Array.from({ length: rows }, (_, r) => 1 + r * 0.5);
  return { heatmap: { rows, cols, values, highlightRow, rowTitle: 'sample', colTitle: 'feature →' }, rowMeans, rowVars, meanLabel: 'μ', varLabel: 'σ²' };
}

describe('row-stats chart', () => {
  it.each(['zh', 'en'] as const)('draws the heatmap and one μ and one σ² per row as text when rows are tall (%s)', (lang) => {
    const svg = rowStatsChart(data(8, 6, 2), { width: 640, document: serverDocument(), lang });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg.querySelector('svg.heatmap')).not.toBeNull();
    // heading + 8 values per column
    expect(svg.querySelectorAll('.row-stats-mean text')).toHaveLength(9);
    expect(svg.querySelectorAll('.row-stats-var text')).toHaveLength(9);
    expect(svg.querySelector('.row-stats-mean')?.textContent).toContain('−2.5');
    const bold = [...svg.querySelectorAll('.row-stats-var text[font-weight="700"]')].map((t) => t.textContent);
    expect(bold, 'the heading and the chosen row (3) stand out').toEqual(['σ²', '2']);
  });

  it('switches to bars when 64 rows are too thin for numbers, the chosen one dark and labelled under the column', () => {
    const svg = rowStatsChart(data(64, 16, 40), { width: 390, document: serverDocument(), lang: 'en' });
    const mean = svg.querySelector('.row-stats-mean');
    expect(mean?.querySelectorAll('path')).toHaveLength(3); // other rows, the chosen row, the zero line
    expect(mean?.querySelector('path[fill="var(--fg)"]')?.getAttribute('d')?.match(/M/g)).toHaveLength(1);
    expect(mean?.querySelector('path[fill="var(--fg-soft)"]')?.getAttribute('d')?.match(/M/g)).toHaveLength(63);
    expect([...(mean?.querySelectorAll('text') ?? [])].map((t) => t.textContent)).toEqual(['μ', '37.5']);
  });

  it.each([1, 8, 64])('keeps height proportional to width for %i rows (same box on the server and in the browser)', (rows) => {
    for (const width of [390, 640]) {
      const svg = rowStatsChart(data(rows, 4), { width, document: serverDocument(), lang: 'en' });
      expect(Number(svg.getAttribute('height'))).toBe(Math.round(width * rowStatsRatio(rows)));
      expect(svg.getAttribute('viewBox')).toBe(`0 0 ${width} ${Math.round(width * rowStatsRatio(rows))}`);
    }
  });

  it('becomes one described image', () => {
    const svg = asAccessibleImage(rowStatsChart(data(4, 3), { width: 400, document: serverDocument(), lang: 'en' }), 'rows');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('rows');
    expect(svg.querySelectorAll('[aria-label]')).toHaveLength(0);
  });
});
