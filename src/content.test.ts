// The two languages must stay in step: same pages, same heading ids, same widgets, in the same order.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS, SECTIONS } from './i18n/sections';
import { REFERENCES } from './data/references';
import { readableText } from './content-utils/reading-time';
import zhStrings from './i18n/zh.json';
import { predictLink } from './components/predict-state';

const root = join(import.meta.dirname, '..', 'content');
const read = (lang: string, slug: string) => readFileSync(join(root, lang, `${slug}.mdx`), 'utf8');
const headingIds = (mdx: string) => [...mdx.matchAll(/^#{2,3} .*\{\/\*\s*#([a-z0-9-]+)\s*\*\/\}\s*$/gm)].map((m) => m[1]);
const headings = (mdx: string) => mdx.split('\n').filter((line) => /^#{2,3} /.test(line));
const components = (mdx: string) => [...mdx.matchAll(/<([A-Z][A-Za-z]+)/g)].map((m) => m[1]);
const frontmatter = (mdx: string, key: string) => new RegExp(`^${key}:\\s*(.+)$`, 'm').exec(mdx)?.[1]?.trim();

describe('content', () => {
  it.each(LANGS)('%s has exactly one file per section', (lang) => {
    const files = readdirSync(join(root, lang)).filter((f) => f.endsWith('.mdx')).sort();
    expect(files).toEqual(SECTIONS.map((s) => `${s}.mdx`).sort());
  });

  describe.each(SECTIONS)('%s', (slug) => {
    const zh = read('zh', slug);
    const en = read('en', slug);

    it('has a fixed id on every ## and ### heading', () => {
      for (const mdx of [zh, en]) expect(headingIds(mdx)).toHaveLength(headings(mdx).length);
    });

    it('has the same heading ids in both languages, ending with the references', () => {
      expect(headingIds(en)).toEqual(headingIds(zh));
      expect(headingIds(zh).at(-1)).toBe('references');
    });

    it('uses the same components in the same order in both languages', () => {
      expect(components(en)).toEqual(components(zh));
    });

    it('declares the same slug and order in both languages', () => {
      for (const key of ['slug', 'order']) expect(frontmatter(en, key)).toBe(frontmatter(zh, key));
      expect(frontmatter(zh, 'slug')).toBe(slug);
    });

    it('cites only known references, the same in both languages, always including the article', () => {
      const ids = (mdx: string) => [...mdx.matchAll(/<References ids=\{\[([^\]]*)\]\}/g)].flatMap((m) => [...(m[1] ?? '').matchAll(/'([^']+)'/g)].map((x) => x[1]));
      expect(ids(en)).toEqual(ids(zh));
      expect(ids(zh)).toContain('article');
      for (const id of ids(zh)) expect(Object.keys(REFERENCES)).toContain(id);
    });
  });
});

// The site's Chinese terms and punctuation (see the terminology decided for the whole site).
describe('Chinese pages', () => {
  const zhProse = SECTIONS.map((slug) => [slug, readableText(read('zh', slug))] as const);
  const zhInterface = ['src/i18n/zh.json', JSON.stringify(zhStrings)] as const;

  it.each([...zhProse, zhInterface])('%s uses the site’s terms', (_where, text) => {
    // running statistics = 滑动平均统计量 (滑动均值, 滑动方差); token and padding stay as they are.
    expect(text).not.toMatch(/运行(?:统计量|均值|方差)|词元|填充/);
  });

  it.each([...zhProse, zhInterface])('%s uses Chinese punctuation', (_where, text) => {
    expect(text, 'a space before %').not.toMatch(/\d\s+%/);
    expect(text, 'a half-width , : ; ! ? next to Chinese').not.toMatch(/\p{Script=Han}[,:;!?]|[,:;!?]\s*\p{Script=Han}/u);
    expect(text, 'half-width parentheses around Chinese').not.toMatch(/\([^()\n]*\p{Script=Han}[^()\n]*\)/u);
    expect(text, 'nested full-width parentheses').not.toMatch(/（[^（）]*（/);
  });

  it('never lets a lone % wrap in English either', () => {
    for (const slug of SECTIONS) expect(readableText(read('en', slug))).not.toMatch(/\d %/);
  });
});

describe('the overview', () => {
  it.each(LANGS)('%s gives the reading time of all sections together and of each, in order', (lang) => {
    const tags = [...read(lang, 'overview').matchAll(/<ReadingTime(?:\s+section="([a-z-]+)")?\s*\/>/g)].map((m) => m[1] ?? 'all');
    expect(tags).toEqual(['all', ...SECTIONS.filter((s) => s !== 'overview')]);
  });

  it.each(LANGS)('%s no longer promises ten minutes', (lang) => {
    expect(read(lang, 'overview')).not.toMatch(/about ten minutes|大约十分钟|约十分钟/);
  });
});

// Pages lead with the answer and end with their takeaways; every prediction can be checked on its widget.
describe('reader-first pages', () => {
  /** The component that renders each widget root id. */
  const WIDGET_TAGS: Record<string, string> = {
    'widget-normalization': 'NormalizationWidget',
    'widget-batchnorm': 'BatchNormExplorer',
    'widget-layernorm': 'LayerNormExplorer',
    'widget-cube': 'ReductionCube',
    'widget-padding': 'PaddingWidget',
    'widget-decoding': 'DecodingWidget',
  };
  const pages = LANGS.flatMap((lang) => SECTIONS.map((slug) => [`${lang}/${slug}`, lang, slug, read(lang, slug)] as const));

  it.each(LANGS)('%s overview opens with the figure, before its first heading', (lang) => {
    const mdx = read(lang, 'overview');
    const figure = mdx.indexOf('<OverviewFigure>');
    expect(figure).toBeGreaterThan(0);
    expect(figure).toBeLessThan(mdx.search(/^## /m));
    expect(mdx.slice(figure, mdx.indexOf('</OverviewFigure>'))).toContain(`/${lang}/why-layernorm/#widget-cube`);
  });

  it.each(LANGS)('%s why-layernorm gives the short answer, four reasons with links, before the thesis', (lang) => {
    const mdx = read(lang, 'why-layernorm');
    expect(headingIds(mdx).slice(0, 2)).toEqual(['short-answer', 'thesis']);
    const section = mdx.slice(mdx.indexOf('{/* #short-answer */}'), mdx.indexOf('{/* #thesis */}'));
    const reasons = section.split('\n').filter((line) => /^\d\. /.test(line));
    expect(reasons).toHaveLength(4);
    for (const reason of reasons) expect(reason).toMatch(/\]\(#[a-z-]+\)/);
  });

  it.each(pages.filter(([, , slug]) => slug !== 'overview'))('%s ends with two or three takeaways, just before the references', (_page, _lang, _slug, mdx) => {
    expect(mdx.match(/<Takeaways>/g)).toHaveLength(1);
    const block = mdx.slice(mdx.indexOf('<Takeaways>'), mdx.indexOf('</Takeaways>'));
    expect(block.split('\n').filter((line) => line.startsWith('- ')).length).toBeGreaterThanOrEqual(2);
    expect(block.split('\n').filter((line) => line.startsWith('- ')).length).toBeLessThanOrEqual(3);
    const after = mdx.slice(mdx.indexOf('</Takeaways>') + '</Takeaways>'.length).trim();
    expect(after).toMatch(/^## .*\{\/\* #references \*\/\}/);
  });

  it.each(pages)('%s: every prediction sets up a state its widget can show, and the widget follows it', (_page, _lang, _slug, mdx) => {
    for (const m of mdx.matchAll(/<Predict ([^>]*)>/g)) {
      const attrs = m[1] ?? '';
      const widget = /widget="([^"]+)"/.exec(attrs)?.[1];
      const state = /state="([^"]+)"/.exec(attrs)?.[1];
      expect(widget, `no widget for ${attrs}`).toBeDefined();
      expect(state, `no state for ${attrs}`).toBeDefined();
      expect(predictLink(widget!, state!)).toBe(`?${state}#${widget}`);
      const tag = WIDGET_TAGS[widget!];
      const rest = mdx.slice(m.index + m[0].length);
      expect(rest.indexOf(`<${tag} />`), `${widget} is not after its question`).toBeGreaterThan(0);
    }
  });
});
