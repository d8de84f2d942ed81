import { describe, expect, it } from 'vitest';
import { runningStatsChart, RUNNING_RATIO } from './running-stats';
import { serverDocument } from './server-document';

const panel = (after: number | null) => ({ label: 'running_mean', values: Array.from({ length: 31 }, (_, k) => 5 * (1 - 0.9 ** k)), population: 5, populationLabel: 'population', after });

describe('running statistics chart', () => {
  it.each(['zh', 'en'] as const)('draws one line per panel, the population lines and the step axis (%s)', (lang) => {
    const svg = runningStatsChart({ panels: [panel(4.9), panel(null)], stepLabel: 'batches fed →' }, { width: 600, lang, document: serverDocument() });
    expect(svg.querySelectorAll('.running-line')).toHaveLength(2);
    expect(svg.querySelector('.running-line')?.getAttribute('d')?.match(/[ML]/g)).toHaveLength(31);
    expect(svg.querySelectorAll('.running-after')).toHaveLength(1);
    expect(svg.textContent).toContain('population 5');
    expect(svg.textContent).toContain('batches fed →');
    expect(Number(svg.getAttribute('height'))).toBeCloseTo(600 * RUNNING_RATIO, 3);
  });

  it('handles step 0 (a single point) without NaN', () => {
    const svg = runningStatsChart({ panels: [{ label: 'v', values: [1], population: 1, populationLabel: 'p' }], stepLabel: 's' }, { width: 300, lang: 'en', document: serverDocument() });
    expect(svg.outerHTML).not.toMatch(/NaN|Infinity/);
  });
});
