import { describe, expect, it } from 'vitest';
import { featureStripsChart, STRIPS_RATIO } from './feature-strips';
import { niceTicks } from './svg';
import { serverDocument } from './server-document';

const values = Float64Array.from({ length: 64 * 16 }, (_, i) => (i % 16) * 3 + Math.sin(i));
const means = Float64Array.from({ length: 16 }, (_, c) => c * 3);
const stds = new Float64Array(16).fill(0.7);

describe('feature strips chart', () => {
  it.each(['zh', 'en'] as const)('draws 64 × 16 values, 16 means and 16 std bars in a handful of paths (%s)', (lang) => {
    const svg = featureStripsChart({ rows: 64, cols: 16, values, means, stds, reference: means, highlightColumn: 2, yLabel: 'x', left: 30, right: 8 }, { width: 340, lang, document: serverDocument() });
    expect(svg.querySelector('.strips-values')?.getAttribute('d')?.match(/M/g)).toHaveLength(1024);
    expect(svg.querySelector('.strips-mean')?.getAttribute('d')?.match(/M/g)).toHaveLength(16);
    expect(svg.querySelector('.strips-std')?.getAttribute('d')?.match(/M/g)).toHaveLength(16);
    expect(svg.querySelector('.strips-reference')).not.toBeNull();
    expect(svg.querySelector('.strips-highlight')).not.toBeNull();
    expect(svg.querySelectorAll('*').length).toBeLessThan(40);
    expect(Number(svg.getAttribute('height'))).toBeCloseTo(340 * STRIPS_RATIO, 3);
  });

  it('draws an empty frame with the message when there are no values (a refused batch)', () => {
    const svg = featureStripsChart({ rows: 1, cols: 4, values: null, message: 'refused', left: 30, right: 8 }, { width: 400, lang: 'en', document: serverDocument() });
    expect(svg.textContent).toContain('refused');
    expect(svg.querySelector('.strips-values')).toBeNull();
    expect(svg.outerHTML).not.toMatch(/NaN/);
  });

  it.each([
    [0, 10, 4, [0, 5, 10]],
    [0, 10, 5, [0, 2, 4, 6, 8, 10]],
    [-0.07, 0.31, 4, [0, 0.1, 0.2, 0.3]],
    [-37.9, 37.9, 4, [-20, 0, 20]],
    [5, 5, 4, [5]],
  ])('niceTicks(%f, %f, %i) gives round values', (lo, hi, count, ticks) => {
    expect(niceTicks(lo, hi, count)).toEqual(ticks);
  });
});
