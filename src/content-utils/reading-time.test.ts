import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayMinutes, measureText, readableText, readingTime, HAN_PER_MINUTE, WORDS_PER_MINUTE } from './reading-time';
import { LANGS, SECTIONS } from '../i18n/sections';

describe('readableText keeps what a reader reads', () => {
  it.each([
    ['frontmatter', '---\ntitle: "Long title here"\nslug: x\n---\nBody text.', 'Body text.'],
    ['a fenced code block', 'Before.\n\n```python\nx = torch.randn(4)\n```\n\nAfter.', 'Before. After.'],
    ['display math', 'One.\n\n$$\ny = \\gamma \\hat x + \\beta\n$$\n\nTwo.', 'One. Two.'],
    ['inline math', 'with $\\mu_B$ and $\\sigma_B^2$ here', 'with and here'],
    ['inline code', 'call `nn.LayerNorm(D)` now', 'call now'],
    ['heading ids', '## Running statistics {/* #running-statistics */}', '## Running statistics'],
    ['widget tags', 'Text.\n\n<BatchNormExplorer />\n\nMore.', 'Text. More.'],
    ['tags around a note, keeping its body', '<Note kind="info">\n\nInside.\n\n</Note>', 'Inside.'],
    ['a link target, keeping its text', 'see [the docs](https://pytorch.org/docs/) please', 'see the docs please'],
    ['a Predict tag, keeping its question', '<Predict question="Will it change?">\n\nNo.\n\n</Predict>', 'Will it change? No.'],
    ['escaped characters', 'a &lt; b', 'a b'],
  ])('removes %s', (_what, mdx, expected) => {
    expect(readableText(mdx).replace(/\s+/g, ' ').trim()).toBe(expected);
  });
});

describe('measureText counts words and Han characters', () => {
  it.each([
    ['English words, with inner punctuation kept in one word', "BatchNorm's running-mean is 0.9 here.", 5, 0],
    ['Han characters, one each; punctuation not counted', '批归一化，很好。', 0, 6],
    ['mixed Chinese with English terms', '用 LayerNorm 归一化每个 token', 2, 6],
    ['nothing readable', ' — ， 。 | --- | ', 0, 0],
  ])('%s', (_what, text, words, han) => {
    const t = measureText(text);
    expect([t.words, t.han]).toEqual([words, han]);
  });

  it('reads 230 words in a minute and 400 Han characters in a minute', () => {
    expect(measureText('word '.repeat(WORDS_PER_MINUTE)).minutes).toBeCloseTo(1, 12);
    expect(measureText('字'.repeat(HAN_PER_MINUTE)).minutes).toBeCloseTo(1, 12);
    expect(measureText(`${'word '.repeat(115)}${'字'.repeat(200)}`).minutes).toBeCloseTo(1, 12);
  });

  it('shows whole minutes, at least one', () => {
    expect([0, 0.2, 1.49, 1.5, 7.6].map(displayMinutes)).toEqual([1, 1, 1, 2, 8]);
  });
});

describe('the site’s sections', () => {
  const root = join(import.meta.dirname, '..', '..', 'content');
  const sections = SECTIONS.filter((s) => s !== 'overview');

  it.each(LANGS)('%s: every section takes a few minutes to read, not nothing and not an hour', (lang) => {
    for (const slug of sections) {
      const { minutes } = readingTime(readFileSync(join(root, lang, `${slug}.mdx`), 'utf8'));
      expect(minutes, slug).toBeGreaterThan(2);
      expect(minutes, slug).toBeLessThan(20);
    }
  });

  it('are read in a similar time in both languages (the Chinese is a full translation)', () => {
    for (const slug of sections) {
      const [zh, en] = (['zh', 'en'] as const).map((lang) => readingTime(readFileSync(join(root, lang, `${slug}.mdx`), 'utf8')).minutes);
      expect(zh! / en!, slug).toBeGreaterThan(0.5);
      expect(zh! / en!, slug).toBeLessThan(2);
    }
  });
});
