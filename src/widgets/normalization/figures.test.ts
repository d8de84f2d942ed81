import { describe, expect, it } from 'vitest';
import { DISTRIBUTIONS } from '../../lib/datasets';
import { serverDocument } from '../../charts/server-document';
import { overlappingTexts, readerDrawings, smallestText } from '../../charts/text-check';
import { codec, compute, type NormalizationState } from './model';
import { figures } from './figures';

const state = (change: Partial<NormalizationState> = {}): NormalizationState => ({ ...codec.defaults, ...change });
const states = [
  ...DISTRIBUTIONS.map((dist) => state({ dist })),
  state({ outlier: false }),
  state({ n: 10, size: 50 }),
  state({ dist: 'skewed', n: 500, size: 2 }),
  state({ dist: 'uniform', n: 37, size: 50, seed: 100 }),
];

describe.each(['en', 'zh'] as const)('normalization figures as a reader sees them (%s)', (lang) => {
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

  it('never draw one label over another (the mean over the count axis’s title, a row’s label over its width)', () => {
    for (const { label, svg } of drawings()) expect(overlappingTexts(svg), label).toEqual([]);
  });
});
