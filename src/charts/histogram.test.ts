import { describe, expect, it } from 'vitest';
import { histogramChart, HISTOGRAM_RATIO } from './histogram';
import { serverDocument } from './server-document';

const data = { counts: [1, 4, 9, 4, 1, 0, 1], lo: -2, hi: 5, points: [-2, -1, 0, 0.5, 5], mean: 0.2, std: 1.1 };

describe('histogram chart', () => {
  it.each(['zh', 'en'] as const)('draws one bar per bin, the mean and the rug in one path (%s)', (lang) => {
    const svg = histogramChart({ ...data, meanLabel: 'mean' }, { width: 600, lang, document: serverDocument() });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    // 6 non-empty bins in one path, and the ±1 std band
    expect(svg.querySelector('.histogram-bars')?.getAttribute('d')?.match(/M/g)).toHaveLength(6);
    expect(svg.querySelectorAll('.histogram-band')).toHaveLength(1);
    expect(svg.querySelectorAll('*').length).toBeLessThan(40);
    const rug = svg.querySelector('.histogram-rug');
    expect(rug?.getAttribute('d')?.match(/M/g)).toHaveLength(5);
    expect(svg.textContent).toContain('mean');
  });

  it('keeps its height a fixed share of its width', () => {
    for (const width of [300, 640]) {
      const svg = histogramChart(data, { width, lang: 'en', document: serverDocument() });
      expect(Number(svg.getAttribute('height'))).toBeCloseTo(width * HISTOGRAM_RATIO, 3);
    }
  });

  it('marks and names one point, e.g. the outlier', () => {
    const svg = histogramChart({ ...data, marked: 5, markedLabel: 'outlier' }, { width: 600, lang: 'en', document: serverDocument() });
    expect(svg.textContent).toContain('outlier');
  });

  it('survives a degenerate range (all values equal)', () => {
    const svg = histogramChart({ counts: [3], lo: 1, hi: 1, mean: 1, std: 0 }, { width: 400, lang: 'en', document: serverDocument() });
    expect(svg.outerHTML).not.toMatch(/NaN/);
  });
});
