import { describe, expect, it } from 'vitest';
import { decodingTokensChart, decodingTokensHeight, DECODING_TOKENS_RATIO } from './decoding-tokens';
import { serverDocument } from './server-document';
import { codec, compute, T, type Mode } from '../widgets/decoding/model';

const data = (lang: 'zh' | 'en', mode: Mode = 'bn-eval', token = codec.defaults.token) =>
  compute({ ...codec.defaults, mode, token }, lang).figures.tokens;

describe('decoding tokens chart', () => {
  it.each(['zh', 'en'] as const)('draws the default state: T hollow dots, a filled dot and a bar per decoded token (%s)', (lang) => {
    const svg = decodingTokensChart(data(lang), { width: 640, lang, document: serverDocument() });
    expect(svg.getAttribute('height')).toBe(String(Math.round(640 * DECODING_TOKENS_RATIO.wide)));
    const token = codec.defaults.token;
    // Two legend dots, T hollow training dots, one filled dot per decoded token.
    expect(svg.querySelectorAll('circle')).toHaveLength(2 + T + token);
    expect(svg.querySelectorAll('rect')).toHaveLength(token);
    expect(svg.textContent).toContain(lang === 'zh' ? '推理模式（滑动平均统计量）' : 'eval mode (running statistics)');
    expect(svg.textContent).toContain(lang === 'zh' ? '训练模式（批次统计量）' : 'training mode (batch statistics)');
    expect(svg.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('LayerNorm’s bars are labelled 0', () => {
    const svg = decodingTokensChart(data('en', 'ln', T), { width: 390, lang: 'en', document: serverDocument() });
    const labels = [...svg.querySelectorAll('text')].map((t) => t.textContent).filter((t) => t === '0');
    expect(labels.length).toBeGreaterThanOrEqual(T);
  });

  it('says so when BatchNorm refuses to decode in training mode', () => {
    const svg = decodingTokensChart(data('en', 'bn-train'), { width: 390, lang: 'en', document: serverDocument() });
    expect(svg.textContent).toContain('refused in training mode');
    expect(svg.querySelectorAll('rect')).toHaveLength(0);
  });

  it('marks every token fed in training mode with a cross, so that stepping the tokens shows in the figure', () => {
    const crosses = (token: number) => {
      const svg = decodingTokensChart(data('en', 'bn-train', token), { width: 300, lang: 'en', document: serverDocument() });
      return svg.querySelectorAll('.decoding-tokens-gaps path[stroke-linecap="round"]').length;
    };
    expect([0, 1, 4, T].map(crosses)).toEqual([0, 1, 4, T]);
    // The legend shows the same cross for "refused".
    const svg = decodingTokensChart(data('en', 'bn-train'), { width: 300, lang: 'en', document: serverDocument() });
    expect(svg.querySelectorAll('.decoding-tokens-legend path')).toHaveLength(1);
  });

  it('keeps one aspect ratio per drawing (phone or one of a pair, and wide): the box does not move as it comes alive', () => {
    for (const width of [280, 300, 433, 479]) expect(decodingTokensHeight(width)).toBe(Math.round(width * DECODING_TOKENS_RATIO.narrow));
    for (const width of [480, 640, 880]) expect(decodingTokensHeight(width)).toBe(Math.round(width * DECODING_TOKENS_RATIO.wide));
  });

  it.each([280, 300, 433, 640])('writes no text under 11 px, and the gap values stay inside the figure (width %i)', (width) => {
    for (const mode of ['bn-eval', 'ln', 'bn-train'] as const) {
      const svg = decodingTokensChart(data('en', mode, T), { width, lang: 'en', document: serverDocument() });
      for (const node of svg.querySelectorAll('[font-size]')) expect(Number(node.getAttribute('font-size'))).toBeGreaterThanOrEqual(11);
      for (const text of svg.querySelectorAll('.decoding-tokens-gaps text')) expect(Number(text.getAttribute('y'))).toBeGreaterThan(0);
    }
  });
});
