// The site's pages, for tests that visit each one.
export const LANGS = ['zh', 'en'] as const;
export const SECTIONS = ['overview', 'normalization', 'batchnorm', 'layernorm', 'why-layernorm', 'lab'] as const;
export type Lang = (typeof LANGS)[number];
export type SectionSlug = (typeof SECTIONS)[number];

export function pathOf(lang: Lang, section: SectionSlug): string {
  return section === 'overview' ? `/${lang}/` : `/${lang}/${section}/`;
}

export const ALL_PAGES = LANGS.flatMap((lang) => SECTIONS.map((section) => ({ lang, section, path: pathOf(lang, section) })));
