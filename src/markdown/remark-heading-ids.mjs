// Gives a heading a fixed id written as a trailing MDX comment: `## Min-max scaling {/* #min-max */}`.
// The id is shared by both languages, so a link keeps its place across the language switch.
// Headings without one fall back to Astro's slug (and the build warns, see below).
import { visit } from 'unist-util-visit';

const ID_COMMENT = /^\s*\/\*\s*#([a-z0-9][a-z0-9-]*)\s*\*\/\s*$/;

/** @returns {(tree: import('mdast').Root, file: import('vfile').VFile) => void} */
export default function remarkHeadingIds() {
  return (tree, file) => {
    visit(tree, 'heading', (heading) => {
      const children = heading.children;
      const last = children.at(-1);
      const match = last?.type === 'mdxTextExpression' ? ID_COMMENT.exec(last.value) : null;
      if (!match) {
        if (heading.depth >= 2 && heading.depth <= 3) {
          file.message('heading without a fixed id: end it with {/* #some-id */}', heading);
        }
        return;
      }
      children.pop();
      const prev = children.at(-1);
      if (prev?.type === 'text') prev.value = prev.value.trimEnd();
      heading.data ??= {};
      heading.data.hProperties = { ...heading.data.hProperties, id: match[1] };
    });
  };
}
