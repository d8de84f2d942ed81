import zh from './zh.json';
import en from './en.json';
import { DEFAULT_LANG, isLang, type Lang } from './sections';

export type UiStrings = typeof zh;
const STRINGS: Record<Lang, UiStrings> = { zh, en };

/** The interface strings of a language. */
export function ui(lang: Lang): UiStrings {
  return STRINGS[lang];
}

/** The language a URL path belongs to (`/en/batchnorm/` → `en`), or the default. */
export function langFromPath(pathname: string): Lang {
  const first = pathname.split('/').find((part) => part !== '');
  return isLang(first) ? first : DEFAULT_LANG;
}

export { LANGS, DEFAULT_LANG, SECTIONS, sectionPath, isLang } from './sections';
export type { Lang, Section } from './sections';
