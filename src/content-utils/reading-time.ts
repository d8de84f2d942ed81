// Reading time of a page, estimated from its MDX source at build time: only what a reader reads as prose
// counts, not code, math, markup, link targets or comments.

/** Reading speed for English prose, in words per minute. */
export const WORDS_PER_MINUTE = 230;
/** Reading speed for Chinese prose, in Han characters per minute. */
export const HAN_PER_MINUTE = 400;

export interface ReadingTime {
  /** Latin-script words (runs of letters and digits, with inner apostrophes, hyphens or dots). */
  readonly words: number;
  /** Han characters. */
  readonly han: number;
  /** Estimated minutes, unrounded: words / WORDS_PER_MINUTE + han / HAN_PER_MINUTE. */
  readonly minutes: number;
}

const HAN = /\p{Script=Han}/gu;
const WORD = /[\p{Script=Latin}\p{Script=Greek}\d]+(?:['’.\-][\p{Script=Latin}\p{Script=Greek}\d]+)*/gu;

/** The prose of an MDX page: frontmatter, code, math, comments, imports and tags removed; link texts and
 *  `question="…"` attributes (a Predict box's question is read) kept. */
export function readableText(mdx: string): string {
  return mdx
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, ' ')
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .replace(/\$[^$\n]+\$/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
    .replace(/^(?:import|export)\s.*$/gm, ' ')
    .replace(/<[A-Za-z][^>]*?\squestion="([^"]*)"[^>]*>/g, ' $1 ')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/&[a-z]+;/g, ' ');
}

/** Words, Han characters and minutes of reading in a piece of prose. A Latin word takes as long as in English
 *  prose and a Han character as long as in Chinese prose, so mixed text (Chinese with English terms) is counted
 *  fairly in both languages. */
export function measureText(text: string): ReadingTime {
  const han = text.match(HAN)?.length ?? 0;
  const words = text.match(WORD)?.length ?? 0;
  return { words, han, minutes: words / WORDS_PER_MINUTE + han / HAN_PER_MINUTE };
}

/** Reading time of an MDX page's body (see `readableText`). */
export function readingTime(mdx: string): ReadingTime {
  return measureText(readableText(mdx));
}

/** Whole minutes to show for an estimate: rounded, and never below 1. */
export function displayMinutes(minutes: number): number {
  return Math.max(1, Math.round(minutes));
}
