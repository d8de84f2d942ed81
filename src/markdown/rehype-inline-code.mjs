// Inline code never breaks inside a name. Short code (`nn.LayerNorm(D)`) stays whole and moves to the next line
// if it must (`.code-inline`, white-space: nowrap in global.css). Code longer than a phone's line may wrap
// (`.code-wrap`): at its spaces, and after a `.`, `(` or `=` inside a long run (a <wbr>). Each piece between two such
// points is kept whole (`.code-piece`, nowrap), so that the browser does not break after a hyphen ("eps=1e-" / "5)")
// nor one character per line.
import { SKIP, visit } from 'unist-util-visit';

/** Longest code kept on one line: a 320 px screen's column holds about 31 characters of inline code. */
export const MAX_WHOLE = 24;
/** Runs without a space longer than this get break points after `.`, `(` and `=`. */
const LONG_RUN = 16;
/** Fewest characters on either side of a break point. */
const MIN_PIECE = 5;

/** @param {string} value @returns {import('hast').Element} */
const piece = (value) => ({ type: 'element', tagName: 'span', properties: { className: ['code-piece'] }, children: [{ type: 'text', value }] });

/**
 * Splits code into pieces kept whole: its runs between spaces, and long runs after each `.`, `(` or `=` followed by
 * more of the name (a <wbr> between them), with at least MIN_PIECE characters on either side of a break.
 * @param {string} value
 * @returns {import('hast').ElementContent[]}
 */
export function withBreakPoints(value) {
  /** @type {import('hast').ElementContent[]} */
  const out = [];
  for (const part of value.split(/(\s+)/)) {
    if (part === '') continue;
    if (/^\s+$/.test(part)) {
      out.push({ type: 'text', value: part });
      continue;
    }
    /** @type {string[]} */
    const pieces = [];
    for (const p of part.length > LONG_RUN ? part.split(/(?<=[.(=])(?=[A-Za-z_"'])/) : [part]) {
      const last = pieces.at(-1);
      if (last !== undefined && (last.length < MIN_PIECE || p.length < MIN_PIECE)) pieces[pieces.length - 1] = last + p;
      else pieces.push(p);
    }
    pieces.forEach((p, i) => {
      if (i > 0) out.push({ type: 'element', tagName: 'wbr', properties: {}, children: [] });
      out.push(piece(p));
    });
  }
  return out;
}

/** @returns {(tree: import('hast').Root) => void} */
export default function rehypeInlineCode() {
  return (tree) => {
    visit(tree, 'element', (node, _index, parent) => {
      if (node.tagName === 'pre') return SKIP;
      if (node.tagName !== 'code' || (parent?.type === 'element' && parent.tagName === 'pre')) return undefined;
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (only?.type !== 'text') return SKIP;
      const long = only.value.length > MAX_WHOLE;
      const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
      node.properties = { ...node.properties, className: [...classes, long ? 'code-wrap' : 'code-inline'] };
      if (long) node.children = withBreakPoints(only.value);
      return SKIP;
    });
  };
}
