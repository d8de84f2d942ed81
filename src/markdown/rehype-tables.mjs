// Makes every Markdown table readable on a phone. Each table goes into a named, keyboard-focusable region that
// scrolls sideways when the table is wider than the column (global.css draws a shadow at the edge that hides more,
// as for display math). A table of four columns or more also becomes stacked rows on a phone, one of three columns on
// the narrowest phones (global.css decides when): each cell is
// labelled with its column's header (`data-label`, drawn beside the cell's content, which goes into one
// `.table-value` box). The table's parts carry no ARIA roles: HTML forbids a role on a cell, row or header of a
// <table> (the Nu HTML Checker's error), and Chromium keeps their table semantics when CSS changes their display.
import { SKIP, visit } from 'unist-util-visit';

/**
 * @typedef {object} Options
 * @property {Record<string, string>} labels the accessible name of a table per language, e.g. `{ en: 'Table' }`
 * @property {number} [stackFrom] tables with at least this many columns stack on a phone (default 4); a table of one
 *   column less stacks only on the narrowest phones
 */

/** The language of a content file from its path: `content/<lang>/<slug>.mdx`. */
const LANG_IN_PATH = /[\\/]content[\\/]([a-z]{2})[\\/]/;

/** @typedef {import('hast').Element} Element */
/** @typedef {import('hast').ElementContent} ElementContent */

/** @param {ElementContent | import('hast').Root} node @param {string} name */
const hasClass = (node, name) =>
  node.type === 'element' && Array.isArray(node.properties.className) && node.properties.className.includes(name);

/**
 * The text a reader sees in a cell: KaTeX contributes its MathML text (B⋅T), not the TeX source nor the drawn boxes.
 * @param {ElementContent} node
 * @returns {string}
 */
export function textOf(node) {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return '';
  if (hasClass(node, 'katex-html') || node.tagName === 'annotation') return '';
  return node.children.map(textOf).join('');
}

/** @param {Element} node @param {string} tag @returns {Element[]} */
const childrenNamed = (node, tag) =>
  /** @type {Element[]} */ (node.children.filter((c) => c.type === 'element' && c.tagName === tag));

/** @param {Element} table @returns {Element[]} the rows of the table, header rows first */
const rowsOf = (table) => [
  ...childrenNamed(table, 'tr'),
  ...['thead', 'tbody', 'tfoot'].flatMap((part) => childrenNamed(table, part).flatMap((p) => childrenNamed(p, 'tr'))),
];

/**
 * @param {Options} options
 * @returns {(tree: import('hast').Root, file: import('vfile').VFile) => void}
 */
export default function rehypeTables({ labels, stackFrom = 4 }) {
  return (tree, file) => {
    const lang = LANG_IN_PATH.exec(file.path ?? '')?.[1];
    const word = lang === undefined ? undefined : labels[lang];
    /** @type {Map<string, number>} names given so far on this page, so that no two regions share one */
    const given = new Map();
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'table' || parent === undefined || index === undefined) return undefined;
      if (word === undefined) file.fail(`no table label for ${file.path}: is it under content/<lang>/?`, node);
      const rows = rowsOf(node);
      const head = childrenNamed(node, 'thead').flatMap((p) => childrenNamed(p, 'tr'))[0];
      const headers = head ? head.children.filter((c) => c.type === 'element').map((c) => textOf(c).trim()) : [];
      const columns = Math.max(0, ...rows.map((r) => r.children.filter((c) => c.type === 'element').length));
      const stackClass = columns >= stackFrom ? 'table-stack' : columns === stackFrom - 1 && columns > 1 ? 'table-stack-narrow' : undefined;
      const stack = stackClass !== undefined;
      if (stack) {
        for (const row of rows) {
          let column = 0;
          for (const cell of row.children) {
            if (cell.type !== 'element') continue;
            const label = headers[column++] ?? '';
            if (cell.tagName === 'th') continue;
            if (label) cell.properties = { ...cell.properties, dataLabel: label };
            // One box for the cell's content (text, formulas, code), beside its label when the rows stack.
            cell.children = [{ type: 'element', tagName: 'span', properties: { className: ['table-value'] }, children: cell.children }];
          }
        }
      }
      const named = headers.filter(Boolean);
      const [colon, comma] = lang === 'zh' ? ['：', '、'] : [': ', ', '];
      const base = named.length > 0 ? `${word}${colon}${named.join(comma)}` : `${word}`;
      const seen = (given.get(base) ?? 0) + 1;
      given.set(base, seen);
      const name = seen === 1 ? base : `${base} (${seen})`;
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: stackClass ? ['table-scroll', stackClass] : ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: name },
        children: [node],
      };
      return SKIP;
    });
  };
}
