import { describe, expect, it } from 'vitest';
import { columnStatsChart, type ColumnStatsData } from './column-stats';
import { rowStatsChart, rowStatsRatio } from './row-stats';
import { serverDocument } from './server-document';
import { asAccessibleImage } from './a11y';

function data(rows: number, cols: number, change: Partial<ColumnStatsData> = {}): ColumnStatsData {
  const values = Float64Array.from({ length: rows * cols }, (_, i) => ((i * 7) % 11) / 2 - 2.5);
  return {
    heatmap: { rows, cols, values, rowTitle: 'sample', highlightRow: 0, domain: [-3, 3] },
    rows,
    colMeans: Float64Array.from({ length: cols }, (_, c) => c - 2.5),
    colVars: Float64Array.from({ length: cols }, (_, c) => 1 + c * 0.25),
    meanLabel: 'μ',
    varLabel: 'σ²',
    colTitle: 'feature →',
    statsSource: 'from all N samples',
    message: null,
    ...change,
  };
}

const texts = (svg: Element, selector: string): string[] => [...svg.querySelectorAll(`${selector} text`)].map((t) => t.textContent ?? '');

describe('column-stats chart', () => {
  it.each(['zh', 'en'] as const)('draws the heatmap under one μ and one σ² per column, printed when the columns are wide (%s)', (lang) => {
    const svg = columnStatsChart(data(8, 6), { width: 433, document: serverDocument(), lang });
    expect(svg.querySelector('svg.heatmap')).not.toBeNull();
    // The line's heading, then one value per column.
    expect(texts(svg, '.column-stats-mean')).toEqual(['μ', '−2.5', '−1.5', '−0.5', '0.5', '1.5', '2.5']);
    expect(texts(svg, '.column-stats-var')).toEqual(['σ²', '1', '1.25', '1.5', '1.75', '2', '2.25']);
    expect(svg.querySelector('.column-stats-source')?.textContent).toBe('from all N samples');
  });

  it('centres each statistic over its column of cells', () => {
    const svg = columnStatsChart(data(8, 4), { width: 433, document: serverDocument(), lang: 'en' });
    const xs = [...svg.querySelectorAll('.column-stats-mean text')].slice(1).map((t) => Number(t.getAttribute('x')));
    const steps = xs.slice(1).map((x, i) => x - xs[i]!);
    for (const step of steps) expect(step).toBeCloseTo(steps[0]!, 0);
  });

  it('switches to bars when 16 columns are too narrow for numbers', () => {
    const svg = columnStatsChart(data(8, 16), { width: 300, document: serverDocument(), lang: 'en' });
    expect(texts(svg, '.column-stats-mean')).toEqual(['μ']);
    const bars = svg.querySelector('.column-stats-mean path[fill]')?.getAttribute('d') ?? '';
    expect(bars.match(/M/g)).toHaveLength(16);
  });

  it('shows the message instead of the heatmap, in the same box', () => {
    const message = 'ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 6])';
    const svg = columnStatsChart(data(1, 6, { heatmap: null, colMeans: null, colVars: null, message }), { width: 300, document: serverDocument(), lang: 'en' });
    expect(svg.querySelector('svg.heatmap')).toBeNull();
    expect([...svg.querySelectorAll('.column-stats-message tspan')].map((t) => t.textContent).join(' ')).toBe(message);
    expect(Number(svg.getAttribute('height'))).toBeCloseTo(300 * rowStatsRatio(1), 3);
  });

  it.each([1, 8, 64])('is as tall as a row-stats chart of %i rows, at any width (it stands beside one)', (rows) => {
    for (const width of [300, 433, 640]) {
      const svg = columnStatsChart(data(rows, 6), { width, document: serverDocument(), lang: 'en' });
      const beside = rowStatsChart(
        { heatmap: { rows, cols: 6, values: new Float64Array(rows * 6) }, rowMeans: new Float64Array(rows), rowVars: new Float64Array(rows), meanLabel: 'μ', varLabel: 'σ²' },
        { width, document: serverDocument(), lang: 'en' },
      );
      expect(svg.getAttribute('height')).toBe(beside.getAttribute('height'));
      expect(svg.getAttribute('viewBox')).toBe(`0 0 ${width} ${svg.getAttribute('height')}`);
    }
  });

  it('writes its text at 11 px or more', () => {
    const svg = columnStatsChart(data(8, 6), { width: 300, document: serverDocument(), lang: 'en' });
    const sizes = [...svg.querySelectorAll('[font-size]')].map((el) => Number(el.getAttribute('font-size')));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
  });

  it('becomes one described image', () => {
    const svg = asAccessibleImage(columnStatsChart(data(4, 3), { width: 400, document: serverDocument(), lang: 'en' }), 'columns');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('columns');
    expect(svg.querySelectorAll('[aria-label]')).toHaveLength(0);
  });
});
