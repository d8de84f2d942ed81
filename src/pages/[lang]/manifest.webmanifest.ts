// /<lang>/manifest.webmanifest: the web app manifest in each language (name, start page, icons, colours).
import type { APIRoute, GetStaticPaths } from 'astro';
import { LANGS, sectionPath, ui, type Lang } from '../../i18n';
import { webManifest } from '../../og/publish';
import { SITE_PALETTE } from '../../og/site-palette';

export const getStaticPaths = (() => LANGS.map((lang) => ({ params: { lang }, props: { lang } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ lang: Lang }> = ({ props }) => {
  const t = ui(props.lang);
  const background = SITE_PALETTE['bg'] ?? '#ffffff';
  const manifest = webManifest({
    lang: props.lang,
    name: t.siteName,
    shortName: t.shortName,
    description: t.siteTagline,
    startUrl: sectionPath(props.lang, 'overview'),
    // The page's light theme-color (Page.astro) and background.
    themeColor: background,
    backgroundColor: background,
  });
  return new Response(JSON.stringify(manifest, null, 2), { headers: { 'Content-Type': 'application/manifest+json' } });
};
