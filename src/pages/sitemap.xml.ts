// /sitemap.xml: every page in both languages, each with its hreflang alternates.
import type { APIRoute } from 'astro';
import { DEFAULT_LANG, LANGS, SECTIONS, sectionPath, type Lang } from '../i18n';
import { sitemapXml } from '../og/publish';

export const GET: APIRoute = ({ site }) => {
  const pages = SECTIONS.map((section) => ({
    urls: Object.fromEntries(LANGS.map((lang) => [lang, new URL(sectionPath(lang, section), site).href])) as Record<Lang, string>,
    defaultLang: DEFAULT_LANG,
  }));
  return new Response(sitemapXml(pages), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
