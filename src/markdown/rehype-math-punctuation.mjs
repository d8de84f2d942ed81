// Keeps the punctuation after an inline formula on the formula's line. A browser may wrap between KaTeX's inline
// boxes and the next character, so "$\sigma^2$，" could start a line with "，" (or ","), which neither Chinese nor
// English typesetting allows. The formula and its punctuation go into one `.math-nowrap` span, and the formula's last
// box into a `.math-nowrap-end` span (global.css): Chromium lets the parent of an inline box decide whether a line may
// break after it. The formula can still wrap inside itself where KaTeX allows it, but never before the punctuation.
import { SKIP, visit } from 'unist-util-visit';

/** Punctuation that must not begin a line: closing brackets, stops, commas, colons (ASCII and full-width). */
const TRAILING_PUNCTUATION = /^[,.;:!?)\]}%，。；：、！？）】》」』”’]+/;

/** @returns {(tree: import('hast').Root) => void} */
export default function rehypeMathPunctuation() {
  return (tree) => {
    visit(tree, 'element', (node, index, parent) => {
      const classes = node.properties.className;
      if (!Array.isArray(classes)) return undefined;
      if (classes.includes('katex-display')) return SKIP;
      if (!classes.includes('katex') || parent === undefined || index === undefined) return undefined;
      const next = parent.children[index + 1];
      const punctuation = next?.type === 'text' ? TRAILING_PUNCTUATION.exec(next.value)?.[0] : undefined;
      if (next?.type !== 'text' || punctuation === undefined) return SKIP;
      next.value = next.value.slice(punctuation.length);
      wrapLastBox(node);
      const glued = [node, { type: 'text', value: punctuation }];
      parent.children.splice(index, next.value === '' ? 2 : 1, {
        type: 'element',
        tagName: 'span',
        properties: { className: ['math-nowrap'] },
        children: /** @type {import('hast').ElementContent[]} */ (glued),
      });
      return [SKIP, index + 1];
    });
  };
}

/** Wraps the last box of a formula's visible part (`.katex-html`) in a `.math-nowrap-end` span. */
function wrapLastBox(/** @type {import('hast').Element} */ formula) {
  const html = formula.children.find(
    (child) => child.type === 'element' && Array.isArray(child.properties.className) && child.properties.className.includes('katex-html'),
  );
  if (html?.type !== 'element') return;
  const last = html.children.findLastIndex((child) => child.type === 'element');
  if (last === -1) return;
  html.children[last] = {
    type: 'element',
    tagName: 'span',
    properties: { className: ['math-nowrap-end'] },
    children: [html.children[last]],
  };
}
