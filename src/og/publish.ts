// What a page tells search engines and link previews beyond its text: titles and descriptions that fit a result,
// the article's structured data (JSON-LD) and Google Scholar meta, the sitemap, robots.txt and the web manifest.
// Pure functions of their inputs; Astro endpoints and ../components/PublishMeta.astro call them.
import type { Reference } from '../data/references';
import type { Lang } from '../i18n/sections';

/** When the site was first published and last changed: the one place these dates are written (ISO dates). */
export const DATE_PUBLISHED = '2026-11-30';
export const DATE_MODIFIED = '2026-11-30';

/** Longest title and description a search result shows whole (characters; a Chinese character counts as one). */
export const MAX_TITLE = 60;
export const MAX_DESCRIPTION = 160;

/** Length as search engines count it here: one per character (code point), CJK included. */
export function searchLength(text: string): number {
  return [...text].length;
}

/** The document title: "<page> · <site>", or the page's title alone when both together would be cut in a result. */
export function documentTitle(title: string, siteName: string): string {
  const full = `${title} · ${siteName}`;
  return searchLength(full) <= MAX_TITLE ? full : title;
}

/** The reference ids a page's MDX lists with `<References ids={['a', 'b']} />`, in order, each once. */
export function referenceIdsIn(mdx: string): string[] {
  const ids: string[] = [];
  for (const list of mdx.matchAll(/<References\s+ids=\{\s*\[([^\]]*)\]\s*\}/g)) {
    for (const id of list[1]!.matchAll(/['"]([A-Za-z0-9_-]+)['"]/g)) if (!ids.includes(id[1]!)) ids.push(id[1]!);
  }
  return ids;
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped, so no string in it can close the element. */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** BCP 47 tag of a language as the pages declare it (`<html lang>`, hreflang). */
export function languageTag(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}

/** A referenced work as schema.org's CreativeWork. */
export function citationOf(ref: Reference): Record<string, unknown> {
  return {
    '@type': 'CreativeWork',
    name: ref.title,
    author: ref.authors.map((name) => ({ '@type': 'Person', name })),
    ...(ref.year === undefined ? {} : { datePublished: String(ref.year) }),
    url: ref.url,
  };
}

export interface ArticleFacts {
  readonly title: string;
  readonly description: string;
  readonly lang: Lang;
  /** Absolute URLs. */
  readonly url: string;
  readonly image: string;
  readonly siteUrl: string;
  readonly siteName: string;
  readonly references: readonly Reference[];
}

/** The page as a schema.org TechArticle, published by the site (an organisation: no person is named). */
export function articleJsonLd(facts: ArticleFacts): Record<string, unknown> {
  const organisation = { '@type': 'Organization', name: facts.siteName, url: facts.siteUrl };
  return {
    '@context': 'https://schema.org',
    '@type': 'TechArticle',
    headline: facts.title,
    description: facts.description,
    inLanguage: languageTag(facts.lang),
    author: organisation,
    publisher: organisation,
    datePublished: DATE_PUBLISHED,
    dateModified: DATE_MODIFIED,
    url: facts.url,
    mainEntityOfPage: facts.url,
    image: facts.image,
    isPartOf: { '@type': 'WebSite', name: facts.siteName, url: facts.siteUrl },
    citation: facts.references.map(citationOf),
  };
}

/** A Google Scholar `citation_reference` value, as Distill writes them. */
export function scholarReference(ref: Reference): string {
  const parts = [`citation_title=${ref.title}`, ...ref.authors.map((a) => `citation_author=${a}`)];
  if (ref.year !== undefined) parts.push(`citation_publication_date=${ref.year}`);
  if (ref.venue.length > 0) parts.push(`citation_journal_title=${ref.venue[0]}`);
  return parts.map((p) => p.replace(/;/g, ',')).join(';');
}

/** Google Scholar's date form (YYYY/MM/DD). */
export function scholarDate(iso: string): string {
  return iso.replace(/-/g, '/');
}

const xmlEscape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** One page of the sitemap: its URL per language (absolute), and which language is the default (x-default). */
export interface SitemapPage {
  readonly urls: Readonly<Record<Lang, string>>;
  readonly defaultLang: Lang;
}

/** sitemap.xml: every language's URL of every page, each listing all of them as hreflang alternates. */
export function sitemapXml(pages: readonly SitemapPage[], lastmod = DATE_MODIFIED): string {
  const entries = pages.flatMap((page) => {
    const langs = Object.keys(page.urls) as Lang[];
    const alternates = [
      ...langs.map((l) => `    <xhtml:link rel="alternate" hreflang="${languageTag(l)}" href="${xmlEscape(page.urls[l])}"/>`),
      `    <xhtml:link rel="alternate" hreflang="x-default" href="${xmlEscape(page.urls[page.defaultLang])}"/>`,
    ];
    return langs.map((l) => ['  <url>', `    <loc>${xmlEscape(page.urls[l])}</loc>`, `    <lastmod>${lastmod}</lastmod>`, ...alternates, '  </url>'].join('\n'));
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...entries,
    '</urlset>',
    '',
  ].join('\n');
}

/** robots.txt: everything allowed, and where the sitemap is (an absolute URL, as the format requires). */
export function robotsTxt(sitemapUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${sitemapUrl}\n`;
}

/** The app icons the manifest lists, and the Apple touch icon (rendered from public/favicon.svg at build time). */
export const ICONS = [
  { path: '/icon-192.png', size: 192 },
  { path: '/icon-512.png', size: 512 },
] as const;
export const APPLE_TOUCH_ICON = { path: '/apple-touch-icon.png', size: 180 } as const;

export interface ManifestFacts {
  readonly lang: Lang;
  readonly name: string;
  readonly shortName: string;
  readonly description: string;
  readonly startUrl: string;
  readonly themeColor: string;
  readonly backgroundColor: string;
}

/** A language's web app manifest. */
export function webManifest(facts: ManifestFacts): Record<string, unknown> {
  return {
    name: facts.name,
    short_name: facts.shortName,
    description: facts.description,
    lang: languageTag(facts.lang),
    dir: 'ltr',
    start_url: facts.startUrl,
    scope: '/',
    display: 'browser',
    theme_color: facts.themeColor,
    background_color: facts.backgroundColor,
    icons: [
      ...ICONS.map((icon) => ({ src: icon.path, sizes: `${icon.size}x${icon.size}`, type: 'image/png', purpose: 'any' })),
      { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  };
}
