import { describe, expect, it } from 'vitest';
import { serverDocument } from '../../charts/server-document';
import { overlappingTexts, readerDrawings, smallestText } from '../../charts/text-check';
import { codec, compute, type BatchNormState } from './model';
import { figures } from './figures';

const state = (change: Partial<BatchNormState> = {}): BatchNormState => ({ ...codec.defaults, ...change });
const states = [
  state(),
  state({ step: 22 }),
  state({ n: 1, step: 3 }),
  state({ n: 64, c: 16, f: 16, step: 200, mode: 'eval' }),
  state({ n: 2, c: 2, gamma: -2, beta: 5, momentum: 1, step: 40 }),
];

describe.each(['en', 'zh'] as const)('BatchNorm figures as a reader sees them (%s)', (lang) => {
  const drawings = () =>
    readerDrawings(
      states.map((s) => ({ label: JSON.stringify(s), view: compute(s, lang) })),
      (view, width) => figures(view.figures, { width, lang, document: serverDocument() }),
    );

  it('draw every text at 11 px or more, at every width the page gives them', () => {
    for (const { label, svg } of drawings()) {
      const { size, text } = smallestText(svg);
      expect(size, `${label}: "${text}"`).toBeGreaterThanOrEqual(11);
    }
  });

  it('never draw one label over another (the strips’ axis title over its top tick, a legend over a title)', () => {
    for (const { label, svg } of drawings()) expect(overlappingTexts(svg), label).toEqual([]);
  });

  it('name both bands of the spread chart in its legend', () => {
    const svg = figures(compute(state(), lang).figures, { width: 300, lang, document: serverDocument() }).spread!;
    expect([...svg.querySelectorAll('.spread-legend text')].map((t) => t.textContent)).toEqual(['±2σ/√N', '±σ/√N']);
  });
});

describe('BatchNorm heatmaps on a phone', () => {
  it('print the default batch’s 8 × 4 values from the 300 px phone drawing up', () => {
    const view = compute(state(), 'en');
    for (const width of [300, 324, 430]) {
      const drawn = figures(view.figures, { width, lang: 'en', document: serverDocument() });
      expect(drawn.input!.querySelectorAll('.heatmap-values text'), `at ${width} px`).toHaveLength(32);
      expect(drawn.output!.querySelectorAll('.heatmap-values text'), `at ${width} px`).toHaveLength(32);
    }
  });
});
