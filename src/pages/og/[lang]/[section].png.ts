// /og/<lang>/<section>.png: each page's preview image (og:image, twitter:image), drawn at build time.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { isLang, sectionPath, ui, type Lang, type Section } from '../../../i18n';
import { renderCard } from '../../../og/card';
import { previewFigure } from '../../../og/figures';

export const getStaticPaths = (async () => {
  const pages = await getCollection('pages');
  return pages.map((page) => {
    const lang = page.id.split('/')[0];
    if (!isLang(lang)) throw new Error(`content/${page.id}.mdx is not in a known language folder`);
    return { params: { lang, section: page.data.slug }, props: { lang, section: page.data.slug, title: page.data.title } };
  });
}) satisfies GetStaticPaths;

interface Props {
  lang: Lang;
  section: Section;
  title: string;
}

export const GET: APIRoute<Props> = async ({ props, site }) => {
  const { lang, section, title } = props;
  const t = ui(lang);
  const page = new URL(sectionPath(lang, section), site);
  const png = await renderCard({
    title,
    siteName: t.siteName,
    langName: t.langName,
    address: `${page.host}${page.pathname}`,
    figure: previewFigure(section, lang),
  });
  return new Response(png as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'image/png' } });
};
