/** The pages of the site, in reading order; `overview` is the language's home page. */
export const SECTIONS = ['overview', 'normalization', 'batchnorm', 'layernorm', 'why-layernorm', 'lab'] as const;
export type Section = (typeof SECTIONS)[number];

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh';

/** The path of a section in a language, with the trailing slash the site uses. */
export function sectionPath(lang: Lang, section: Section): string {
  return section === 'overview' ? `/${lang}/` : `/${lang}/${section}/`;
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
