import { describe, expect, it } from 'vitest';
import { DISTRIBUTIONS } from '../../lib/datasets';
import { serverDocument } from '../../charts/server-document';
import { overlappingTexts, smallestText } from '../../charts/text-check';
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
// From the narrowest box the runtime draws (280) through a phone (300–324) to one of a pair (430) and a stacked
// figure on a tablet (640).
const widths = [280, 300, 324, 430, 640];

describe.each(['en', 'zh'] as const)('normalization figures as a reader sees them (%s)', (lang) => {
  it('draw every text at 11 px or more, at every width the page gives them', () => {
    for (const s of states) {
      const view = compute(s, lang);
      for (const width of widths) {
        const drawn = figures(view.figures, { width, lang, document: serverDocument() });
        for (const [key, svg] of Object.entries(drawn)) {
          const { size, text } = smallestText(svg);
          if (text !== '') expect(size, `${key} at ${width} px: "${text}"`).toBeGreaterThanOrEqual(11);
        }
      }
    }
  });

  it('never draw one label over another (the mean over the count axis’s title, a row’s label over its width)', () => {
    for (const s of states) {
      const view = compute(s, lang);
      for (const width of widths) {
        const drawn = figures(view.figures, { width, lang, document: serverDocument() });
        for (const [key, svg] of Object.entries(drawn)) expect(overlappingTexts(svg), `${JSON.stringify(s)} ${key} at ${width} px`).toEqual([]);
      }
    }
  });
});
