import { describe, expect, it } from 'vitest';
import { barValue, rowStatsChart, rowStatsRatio, type RowStatsData } from './row-stats';
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

  /** Widths of the bars in a column's paths (each bar is `M a,y h w v … z`), the other rows' then the chosen row's. */
  const barWidths = (svg: SVGSVGElement, column: string): number[] =>
    [...svg.querySelectorAll(`.${column} path[fill]`)].flatMap((p) => [...(p.getAttribute('d') ?? '').matchAll(/M[^h]*h([-\d.]+)/g)].map((m) => Number(m[1])));

  it('draws means that are rounding noise (LayerNorm’s output at N = 64, |μ| ≈ 1e−17) as zero, not as full-width bars', () => {
    const d = data(64, 16, 5);
    // Row means of a LayerNorm output in float64: exactly 0 in exact arithmetic, a few 1e−17 … 1e−15 after rounding.
    const noise = Float64Array.from({ length: 64 }, (_, r) => [1.4e-17, -2.8e-17, 6.9e-16, 0, -1.1e-15][r % 5]!);
    const svg = rowStatsChart({ ...d, rowMeans: noise }, { width: 390, document: serverDocument(), lang: 'en' });
    const widths = barWidths(svg, 'row-stats-mean');
    expect(widths).toHaveLength(64);
    expect(Math.max(...widths), 'every bar stays a 1 px tick at the zero line').toBe(1);
    expect([...svg.querySelectorAll('.row-stats-mean text')].map((t) => t.textContent)).toEqual(['μ', '0']);
  });

  it('scales real means to the column, noise among them drawn as zero', () => {
    const d = data(64, 16, 0);
    const means = Float64Array.from({ length: 64 }, (_, r) => (r === 0 ? 2e-5 : r === 1 ? -1e-5 : 3e-16));
    const svg = rowStatsChart({ ...d, rowMeans: means }, { width: 390, document: serverDocument(), lang: 'en' });
    const [rest = [], chosen = []] = [...svg.querySelectorAll('.row-stats-mean path[fill]')].map((p) =>
      [...(p.getAttribute('d') ?? '').matchAll(/M([-\d.]+),[^h]*h([-\d.]+)/g)].map((m) => ({ x: Number(m[1]), w: Number(m[2]) })),
    );
    // The column's inner width is split 1 : 2 between the negative and the positive side.
    expect(chosen[0]?.w).toBeGreaterThan(20);
    expect(rest[0]?.w).toBeCloseTo((chosen[0]?.w ?? 0) / 2, 0);
    expect(rest.slice(1).every((b) => b.w === 1 && b.x === chosen[0]?.x), 'noise rows: 1 px at the zero line').toBe(true);
  });

  it.each([
    [1e-17, 0],
    [-9.9e-13, 0],
    [1e-12, 1e-12],
    [-2.4e-5, -2.4e-5],
  ])('a bar of %s shows %s', (v, shown) => {
    expect(barValue(v)).toBe(shown);
  });

  it.each([1, 8, 64])('keeps height proportional to width for %i rows (same box on the server and in the browser)', (rows) => {
    for (const width of [390, 640]) {
      const svg = rowStatsChart(data(rows, 4), { width, document: serverDocument(), lang: 'en' });
      const height = Math.round(width * rowStatsRatio(rows) * 1000) / 1000;
      expect(Number(svg.getAttribute('height'))).toBe(height);
      expect(svg.getAttribute('viewBox')).toBe(`0 0 ${width} ${height}`);
    }
  });

  it('becomes one described image', () => {
    const svg = asAccessibleImage(rowStatsChart(data(4, 3), { width: 400, document: serverDocument(), lang: 'en' }), 'rows');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('rows');
    expect(svg.querySelectorAll('[aria-label]')).toHaveLength(0);
  });
});
