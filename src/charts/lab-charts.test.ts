import { describe, expect, it } from 'vitest';
import { serverDocument } from './server-document';
import { labCurvesChart, labCurvesHeight, logTicks, type LabCurvesData } from './lab-curves';
import { labDeployChart, labDeployHeight, type LabDeployData } from './lab-deploy';

const document = serverDocument();
const curves = (over: Partial<LabCurvesData> = {}): LabCurvesData => ({
  series: [
    { key: 'ln', label: 'LayerNorm', color: 'var(--ln)', dashed: false, points: [[10, 2], [20, 1], [30, 0.5]] },
    { key: 'bn-running', label: 'BatchNorm · running stats', color: 'var(--bn)', dashed: true, points: [[10, 2.5], [20, 1.5]] },
  ],
  maxStep: 1500,
  scale: 'log',
  yLabel: 'training loss (log scale)',
  xLabel: 'step',
  floor: null,
  empty: 'Not trained yet',
  yRange: [0.01, 3],
  ...over,
});
const fontSizes = (svg: SVGSVGElement): number[] => [svg, ...svg.querySelectorAll('[font-size]')].map((e) => Number(e.getAttribute('font-size')));

describe('lab curves', () => {
  it('log ticks are 1, 2, 5 × 10^k inside the range', () => {
    expect(logTicks(0.01, 3)).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2]);
  });

  it.each([300, 430, 880])('draws one path per series (dashed where asked), a legend, no NaN, text ≥ 11 px at %i px', (width) => {
    const svg = labCurvesChart(curves(), { width, document, lang: 'en' });
    const lines = [...svg.querySelectorAll('path.lab-line')];
    expect(lines.map((p) => p.getAttribute('data-series'))).toEqual(['ln', 'bn-running']);
    expect(lines[1]!.getAttribute('stroke-dasharray')).toBeTruthy();
    expect(lines[0]!.getAttribute('stroke-dasharray')).toBeNull();
    expect(svg.textContent).toContain('LayerNorm');
    expect(svg.textContent).toContain('BatchNorm · running stats');
    expect(svg.outerHTML).not.toMatch(/NaN|Infinity/);
    expect(Math.min(...fontSizes(svg))).toBeGreaterThanOrEqual(11);
    expect(Number(svg.getAttribute('height'))).toBe(labCurvesHeight(width));
  });

  it('a lower loss is drawn higher up on no account: smaller values sit lower', () => {
    const svg = labCurvesChart(curves(), { width: 430, document, lang: 'en' });
    const d = svg.querySelector('path.lab-line')!.getAttribute('d')!;
    const ys = [...d.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    expect(ys[0]!).toBeLessThan(ys[2]!);
  });

  it('draws the floor with its label, and says when nothing is trained', () => {
    const withFloor = labCurvesChart(curves({ floor: { value: 1.026, label: 'lowest honest loss 1.026' } }), { width: 430, document, lang: 'en' });
    expect(withFloor.textContent).toContain('lowest honest loss 1.026');
    const empty = labCurvesChart(curves({ series: [{ key: 'ln', label: 'LayerNorm', color: 'red', dashed: false, points: [] }] }), { width: 300, document, lang: 'en' });
    expect(empty.textContent).toContain('Not trained yet');
    expect(empty.querySelectorAll('path.lab-line')).toHaveLength(0);
  });
});

describe('lab deployment card', () => {
  const data: LabDeployData = {
    regimes: ['as in training', 'running statistics', 'one at a time'],
    groups: [
      { key: 'ln', label: 'LayerNorm', color: 'var(--ln)', values: [0.99, 0.99, 0.99] },
      { key: 'bn', label: 'BatchNorm', color: 'var(--bn)', values: [0.856, 0.92, 0.567] },
    ],
    empty: 'The card appears when a run finishes.',
  };

  it.each([300, 880])('one bar per regime and norm, numbers printed, bars proportional, text ≥ 11 px, height independent of width (%i px)', (width) => {
    const svg = labDeployChart(data, { width, document, lang: 'en' });
    const bars = [...svg.querySelectorAll('rect.lab-bar')];
    expect(bars).toHaveLength(6);
    const w = bars.map((b) => Number(b.getAttribute('width')));
    expect(w[5]! / w[4]!).toBeCloseTo(0.567 / 0.92, 2);
    expect(svg.textContent).toContain('56.7\u00a0%');
    expect(svg.textContent).toContain('99.0\u00a0%');
    expect(Number(svg.getAttribute('height'))).toBe(labDeployHeight(data));
    expect(Math.min(...fontSizes(svg))).toBeGreaterThanOrEqual(11);
  });

  it('a run without its report says the card comes later; no norm at all says so', () => {
    const pending = labDeployChart({ ...data, groups: [{ ...data.groups[0]!, values: [null, null, null] }] }, { width: 300, document, lang: 'en' });
    expect(pending.querySelectorAll('rect.lab-bar')).toHaveLength(0);
    expect(pending.textContent).toContain('The card appears');
    const none = labDeployChart({ ...data, groups: [] }, { width: 300, document, lang: 'zh' });
    expect(none.textContent).toContain('The card appears');
  });

  it('with several seeds: a whisker from the lowest to the highest seed over each bar', () => {
    const svg = labDeployChart({ ...data, groups: [{ ...data.groups[1]!, ranges: [null, [0.9, 0.94], [0.5, 0.62]] }] }, { width: 880, document, lang: 'en' });
    const whiskers = [...svg.querySelectorAll('path.lab-range')];
    expect(whiskers).toHaveLength(2);
    const bar = svg.querySelectorAll('rect.lab-bar')[2]!;
    const left = Number(bar.getAttribute('x'));
    const full = Number(bar.getAttribute('width')) / 0.567;
    const [a, b] = /^M([\d.]+),[\d.]+H([\d.]+)/.exec(whiskers[1]!.getAttribute('d')!)!.slice(1).map(Number);
    expect(a).toBeCloseTo(left + 0.5 * full, 0);
    expect(b).toBeCloseTo(left + 0.62 * full, 0);
  });
});

describe('lab curves with several seeds', () => {
  it('draws each seed thin and pale under the mean, and keeps the seeds out of the legend', () => {
    const seed = (k: number) => ({ key: `ln-seed${k}`, label: 'LayerNorm', color: 'var(--ln)', dashed: false, faint: true, points: [[10, 2 + k], [20, 1 + k]] as [number, number][] });
    const svg = labCurvesChart(curves({ series: [seed(1), seed(2), seed(3), curves().series[0]!] }), { width: 430, document, lang: 'en' });
    expect(svg.querySelectorAll('path.lab-seed-line')).toHaveLength(3);
    expect(svg.querySelectorAll('path.lab-line')).toHaveLength(1);
    expect(svg.querySelector('path.lab-seed-line')!.getAttribute('stroke-width')).toBe('1');
    expect([...svg.querySelectorAll('.lab-curves-legend text')].map((t) => t.textContent)).toEqual(['LayerNorm']);
  });
});
