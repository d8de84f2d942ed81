// Marks a page that has math: `remarkPluginFrontmatter.hasMath` is true when the page holds any $…$ or $$…$$.
// The layout then preloads KaTeX's main fonts, so math is not laid out twice (fallback font, then KaTeX's): that
// reflow moved the text around it, a layout shift on every page with math.
import { visit, EXIT } from 'unist-util-visit';

/** @returns {(tree: import('mdast').Root, file: import('vfile').VFile) => void} */
export default function remarkMathFlag() {
  return (tree, file) => {
    let hasMath = false;
    visit(tree, (node) => {
      if (node.type === 'math' || node.type === 'inlineMath') {
        hasMath = true;
        return EXIT;
      }
      return undefined;
    });
    const data = /** @type {{ astro?: { frontmatter?: Record<string, unknown> } }} */ (file.data);
    data.astro ??= {};
    data.astro.frontmatter ??= {};
    data.astro.frontmatter.hasMath = hasMath;
  };
}
