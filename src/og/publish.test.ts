import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  MAX_DESCRIPTION,
  MAX_TITLE,
  articleJsonLd,
  documentTitle,
  referenceIdsIn,
  robotsTxt,
  scholarReference,
  searchLength,
  serializeJsonLd,
  sitemapXml,
  webManifest,
} from './publish';
import { REFERENCES } from '../data/references';
import zh from '../i18n/zh.json';
import en from '../i18n/en.json';

describe('search result lengths', () => {
  it.each([
    ['ASCII', 'LayerNorm', 9],
    ['a Chinese character counts as one', '为什么用 LayerNorm？', 15],
    ['a character outside the BMP counts as one', '𝛍', 1],
  ])('%s', (_name, text, length) => expect(searchLength(text)).toBe(length));

  it('adds the site name only when the whole title fits a result', () => {
    expect(documentTitle('BatchNorm', en.siteName)).toBe(`BatchNorm · ${en.siteName}`);
    const long = 'x'.repeat(MAX_TITLE - 3);
    expect(documentTitle(long, en.siteName)).toBe(long);
  });

  // Every page's <title> and meta description, as the layout builds them from the content.
  const root = join(process.cwd(), 'content');
  const pages = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(root, d.name)).filter((f) => f.endsWith('.mdx')).map((f) => [d.name, f] as const));
  it.each(pages)('content/%s/%s: title ≤ 60 and description ≤ 160 characters', (lang, file) => {
    const text = readFileSync(join(root, lang, file), 'utf8');
    const title = JSON.parse(/^title: (".*")$/m.exec(text)![1]!) as string;
    const description = JSON.parse(/^description: (".*")$/m.exec(text)![1]!) as string;
    const site = lang === 'zh' ? zh.siteName : en.siteName;
    expect(searchLength(documentTitle(title, site))).toBeLessThanOrEqual(MAX_TITLE);
    expect(searchLength(description)).toBeLessThanOrEqual(MAX_DESCRIPTION);
  });
});

describe('references of a page', () => {
  it('are read from <References ids={[…]} /> in order, each once', () => {
    const mdx = "Text\n\n<References ids={['ba2016', \"ioffe2015\",\n 'ba2016']} />\n<References ids={[ 'article' ]} />";
    expect(referenceIdsIn(mdx)).toEqual(['ba2016', 'ioffe2015', 'article']);
  });
  it('are none when the page lists none', () => expect(referenceIdsIn('## References\n<Note>x</Note>')).toEqual([]));
});

describe('JSON-LD', () => {
  it('cannot close its script element, and still parses to the same data', () => {
    const data = { headline: '</script><script>alert(1)</script>', x: 'a\u2028b' };
    const text = serializeJsonLd(data);
    expect(text).not.toMatch(/<\/script/i);
    expect(JSON.parse(text)).toEqual(data);
  });

  it('describes a TechArticle by the site as an organisation, with its references', () => {
    const ld = articleJsonLd({
      title: 'T',
      description: 'D',
      lang: 'zh',
      url: 'https://h.example/zh/x/',
      image: 'https://h.example/og/zh/x.png',
      siteUrl: 'https://h.example/zh/',
      siteName: zh.siteName,
      references: [REFERENCES.ba2016, REFERENCES.article],
    });
    expect(ld).toMatchObject({ '@type': 'TechArticle', headline: 'T', inLanguage: 'zh-CN', author: { '@type': 'Organization', name: zh.siteName } });
    const citation = ld['citation'] as { name: string; datePublished?: string }[];
    expect(citation.map((c) => c.name)).toEqual([REFERENCES.ba2016.title, REFERENCES.article.title]);
    expect(citation[0]!.datePublished).toBe('2016');
    expect(citation[1]!.datePublished).toBeUndefined(); // the article is undated: no date invented
  });

  it('writes Scholar references as Distill does, without a stray separator', () => {
    expect(scholarReference({ authors: ['A; B'], title: 'T', venue: ['V'], year: 2020, url: 'u' })).toBe(
      'citation_title=T;citation_author=A, B;citation_publication_date=2020;citation_journal_title=V',
    );
  });
});

describe('sitemap, robots and manifest', () => {
  const xml = sitemapXml([
    { urls: { zh: 'https://h.example/zh/', en: 'https://h.example/en/' }, defaultLang: 'zh' },
    { urls: { zh: 'https://h.example/zh/a/?x=1&y=2', en: 'https://h.example/en/a/' }, defaultLang: 'zh' },
  ]);
  it('lists every URL once, each with every language and x-default as alternates', () => {
    const urls = [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(4);
    for (const url of urls) {
      expect(url.match(/hreflang="zh-CN"/g)).toHaveLength(1);
      expect(url.match(/hreflang="en"/g)).toHaveLength(1);
      expect(url.match(/hreflang="x-default"/g)).toHaveLength(1);
    }
    expect(xml).toContain('<loc>https://h.example/zh/a/?x=1&amp;y=2</loc>');
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });
  it('robots.txt names the sitemap by its absolute URL', () => {
    expect(robotsTxt('https://h.example/sitemap.xml')).toMatch(/^Sitemap: https:\/\/h\.example\/sitemap\.xml$/m);
  });
  it('the manifest has a name, a short name, colours and a 192 and a 512 px icon', () => {
    const m = webManifest({ lang: 'en', name: en.siteName, shortName: en.shortName, description: 'd', startUrl: '/en/', themeColor: '#fff', backgroundColor: '#fff' });
    expect(m).toMatchObject({ name: en.siteName, short_name: en.shortName, lang: 'en', start_url: '/en/' });
    const sizes = (m['icons'] as { sizes: string }[]).map((i) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(searchLength(en.shortName)).toBeLessThanOrEqual(12);
    expect(searchLength(zh.shortName)).toBeLessThanOrEqual(12);
  });
});
