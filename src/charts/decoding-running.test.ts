import { describe, expect, it } from 'vitest';
import { decodingRunningChart, decodingRunningHeight, DECODING_RUNNING_RATIO } from './decoding-running';
import { textWidth } from './heatmap';
import { serverDocument } from './server-document';
import { codec, compute } from '../widgets/decoding/model';

const data = (lang: 'zh' | 'en', steps = codec.defaults.steps, shift = codec.defaults.shift) => compute({ ...codec.defaults, steps, shift }, lang).figures.running;
const rules = (svg: SVGSVGElement) => svg.querySelectorAll('path[stroke-dasharray]');

describe('decoding running-mean chart', () => {
  it.each(['zh', 'en'] as const)('draws the default state (no drift): the running line, the batch means, one rule for both data (%s)', (lang) => {
    const svg = decodingRunningChart(data(lang), { width: 640, lang, document: serverDocument() });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg.getAttribute('height')).toBe(String(Math.round(640 * DECODING_RUNNING_RATIO.wide)));
    expect(svg.querySelectorAll('circle')).toHaveLength(1);
    expect(svg.querySelectorAll('path[d]').length).toBeGreaterThanOrEqual(2);
    expect(rules(svg)).toHaveLength(1);
    expect(svg.textContent).toContain(lang === 'zh' ? '训练数据与解码数据 5' : 'training and decoded data 5');
    expect(svg.textContent).not.toMatch(/NaN|Infinity/);
  });

  it.each(['zh', 'en'] as const)('with a drift, draws the training and the decoded data’s means as two rules (%s)', (lang) => {
    const svg = decodingRunningChart(data(lang, 30, 1), { width: 640, lang, document: serverDocument() });
    expect(rules(svg)).toHaveLength(2);
    expect(svg.textContent).toContain(lang === 'zh' ? '解码数据 8' : 'decoded data 8');
  });

  it('draws only the starting point when nothing was trained yet', () => {
    const svg = decodingRunningChart(data('en', 0), { width: 390, lang: 'en', document: serverDocument() });
    expect(svg.querySelectorAll('circle')).toHaveLength(1);
  });

  it.each(['zh', 'en'] as const)('names both lines in a legend: the running mean (eval mode) and each batch’s mean (training mode) (%s)', (lang) => {
    const svg = decodingRunningChart(data(lang), { width: 300, lang, document: serverDocument() });
    const legend = svg.querySelector('.decoding-running-legend');
    expect(legend?.querySelectorAll('line')).toHaveLength(2);
    expect(legend?.textContent).toContain(lang === 'zh' ? '滑动均值：推理模式用它' : 'running mean: eval mode uses it');
    expect(legend?.textContent).toContain(lang === 'zh' ? '各批次自己的均值：训练模式用它' : 'each batch’s own mean: training mode');
  });

  it('keeps one aspect ratio per drawing (phone or one of a pair, and wide): the box does not move as it comes alive', () => {
    for (const width of [280, 300, 433, 479]) expect(decodingRunningHeight(width)).toBe(Math.round(width * DECODING_RUNNING_RATIO.narrow));
    for (const width of [480, 640, 880]) expect(decodingRunningHeight(width)).toBe(Math.round(width * DECODING_RUNNING_RATIO.wide));
  });

  // The rules' labels are right-aligned at the plot's right edge: their rows must not overlap, at any drift.
  it.each([0.1, 0.2, 0.5, 1, 3])('the two rules’ labels never overlap (drift %s σ), and sit on a halo over the lines', (shift) => {
    for (const width of [300, 433, 640]) {
      const svg = decodingRunningChart(data('en', 200, shift), { width, lang: 'en', document: serverDocument() });
      const labels = [...svg.querySelectorAll('.decoding-running-marks text')];
      expect(labels).toHaveLength(2);
      const size = Number(svg.getAttribute('font-size'));
      const [a, b] = labels.map((t) => Number(t.getAttribute('y')));
      expect(Math.abs((a ?? 0) - (b ?? 0))).toBeGreaterThanOrEqual(size + 1);
      for (const t of labels) {
        expect(t.getAttribute('paint-order')).toBe('stroke');
        expect(textWidth(t.textContent ?? '', size)).toBeLessThan(width - 52);
      }
    }
  });

  it('draws 200 batches with a few hundred nodes at most', () => {
    const svg = decodingRunningChart(data('en', 200), { width: 640, lang: 'en', document: serverDocument() });
    expect(svg.querySelectorAll('*').length).toBeLessThan(120);
  });
});
