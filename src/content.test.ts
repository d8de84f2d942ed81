// The two languages must stay in step: same pages, same heading ids, same widgets, in the same order.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS, SECTIONS } from './i18n/sections';
import { REFERENCES } from './data/references';

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
