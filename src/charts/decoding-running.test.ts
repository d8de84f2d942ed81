import { describe, expect, it } from 'vitest';
import { decodingRunningChart, DECODING_RUNNING_RATIO } from './decoding-running';
import { serverDocument } from './server-document';
import { codec, compute } from '../widgets/decoding/model';

const data = (lang: 'zh' | 'en', steps = codec.defaults.steps, shift = codec.defaults.shift) => compute({ ...codec.defaults, steps, shift }, lang).figures.running;
const rules = (svg: SVGSVGElement) => svg.querySelectorAll('path[stroke-dasharray]');

describe('decoding running-mean chart', () => {
  it.each(['zh', 'en'] as const)('draws the default state (no drift): the running line, the batch means, one rule for both data (%s)', (lang) => {
    const svg = decodingRunningChart(data(lang), { width: 640, lang, document: serverDocument() });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg.getAttribute('height')).toBe(String(Math.round(640 * DECODING_RUNNING_RATIO)));
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

  it('draws 200 batches with a few hundred nodes at most', () => {
    const svg = decodingRunningChart(data('en', 200), { width: 640, lang: 'en', document: serverDocument() });
    expect(svg.querySelectorAll('*').length).toBeLessThan(120);
  });
});
