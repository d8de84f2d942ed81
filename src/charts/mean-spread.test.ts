import { describe, expect, it } from 'vitest';
import { meanSpreadChart, SPREAD_RATIO } from './mean-spread';
import { serverDocument } from './server-document';

describe('mean spread chart', () => {
  it.each(['zh', 'en'] as const)('draws the ±σ/√N band, earlier batch means in one path and the current one (%s)', (lang) => {
    const history = Array.from({ length: 200 }, (_, k) => Math.sin(k) * 0.5);
    const svg = meanSpreadChart({ sigma: 2, n: 16, history, current: 0.3, xLabel: 'N', yLabel: 'μ_B − μ', bandLabel: '±σ/√N' }, { width: 600, lang, document: serverDocument() });
    expect(svg.querySelector('.spread-history')?.getAttribute('d')?.match(/M/g)).toHaveLength(200);
    expect(svg.querySelectorAll('circle')).toHaveLength(1);
    expect(svg.textContent).toContain('±σ/√N');
    expect(svg.querySelectorAll('*').length).toBeLessThan(120);
    expect(Number(svg.getAttribute('height'))).toBeCloseTo(600 * SPREAD_RATIO, 3);
  });

  it('typesets the value-axis label: μ_{B} draws B as a smaller, lowered script, then back on the baseline', () => {
    const svg = meanSpreadChart({ sigma: 1, n: 4, history: [], current: 0, xLabel: 'N', yLabel: '↑ μ_{B} − μ', bandLabel: 'b' }, { width: 400, lang: 'en', document: serverDocument() });
    const label = svg.querySelector('.spread-y-label');
    expect(label?.textContent).toBe('↑ μB − μ');
    const [script, rest] = [...(label?.querySelectorAll('tspan') ?? [])];
    expect(script?.textContent).toBe('B');
    expect(script?.getAttribute('font-size')).toBe('0.75em');
    expect(Number.parseFloat(script?.getAttribute('dy') ?? '')).toBeGreaterThan(0);
    expect(rest?.textContent).toBe(' − μ');
    // Back up by exactly what the script went down: 0.4em of a 0.75em script = 0.3em of the base.
    expect(Number.parseFloat(rest?.getAttribute('dy') ?? '')).toBeCloseTo(-Number.parseFloat(script?.getAttribute('dy') ?? '') * 0.75, 6);
    expect(svg.outerHTML).not.toContain('_{');
  });

  it('draws nothing but the band at step 0', () => {
    const svg = meanSpreadChart({ sigma: 1, n: 1, history: [], current: 0, xLabel: 'N', yLabel: 'y', bandLabel: 'b' }, { width: 300, lang: 'en', document: serverDocument() });
    expect(svg.querySelector('.spread-history')).toBeNull();
    expect(svg.outerHTML).not.toMatch(/NaN/);
  });
});
