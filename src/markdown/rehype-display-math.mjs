// Makes every display formula (`.katex-display`, from rehype-katex) a named, keyboard-focusable group. A formula
// wider than a phone's column scrolls sideways inside its box (global.css draws shadows at the edge that hides
// more): a keyboard user can then focus it and scroll it with the arrow keys. Whether a formula overflows depends on
// the reader's screen, so every display gets the same treatment (as Starlight does for code blocks).
import { visit } from 'unist-util-visit';

/**
 * @typedef {object} Options
 * @property {Record<string, string>} labels the accessible name of a formula per language, e.g. `{ en: 'Formula' }`
 */

/** The language of a content file from its path: `content/<lang>/<slug>.mdx`. */
const LANG_IN_PATH = /[\\/]content[\\/]([a-z]{2})[\\/]/;

/**
 * @param {Options} options
 * @returns {(tree: import('hast').Root, file: import('vfile').VFile) => void}
 */
export default function rehypeDisplayMath({ labels }) {
  return (tree, file) => {
    const lang = LANG_IN_PATH.exec(file.path ?? '')?.[1];
    const label = lang === undefined ? undefined : labels[lang];
    visit(tree, 'element', (node) => {
      const classes = node.properties.className;
      if (!Array.isArray(classes) || !classes.includes('katex-display')) return;
      if (label === undefined) file.fail(`no formula label for ${file.path}: is it under content/<lang>/?`, node);
      node.properties = { ...node.properties, tabIndex: 0, role: 'group', ariaLabel: label };
    });
  };
}
