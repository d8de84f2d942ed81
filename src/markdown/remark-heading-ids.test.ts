import { describe, expect, it } from 'vitest';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import remarkHeadingIds from './remark-heading-ids.mjs';

/** A heading as MDX parses `## <text> {<expression>}`. */
function tree(text: string, expression?: string): Root {
  const children: { type: string; value: string }[] = [{ type: 'text', value: text }];
  if (expression !== undefined) children.push({ type: 'mdxTextExpression', value: expression });
  return { type: 'root', children: [{ type: 'heading', depth: 2, children }] } as unknown as Root;
}

function run(root: Root): { root: Root; file: VFile } {
  const file = new VFile({ path: 'content/en/x.mdx' });
  remarkHeadingIds()(root, file);
  return { root, file };
}

describe('remark-heading-ids', () => {
  it.each([
    ['Running statistics ', '/* #running-statistics */', 'running-statistics'],
    ['运行统计量 ', '/*#running-statistics*/', 'running-statistics'],
    ['Pre-LN ', ' /* #pre-ln-post-ln */ ', 'pre-ln-post-ln'],
  ])('takes the id from the trailing comment of %j', (text, expression, id) => {
    const { root } = run(tree(text, expression));
    const heading = root.children[0] as { data?: { hProperties?: { id?: string } }; children: { type: string; value: string }[] };
    expect(heading.data?.hProperties?.id).toBe(id);
    expect(heading.children).toEqual([{ type: 'text', value: text.trimEnd() }]);
  });

  it('leaves other expressions alone and warns about the missing id', () => {
    const { root, file } = run(tree('Sum ', 'frontmatter.title'));
    const heading = root.children[0] as { data?: unknown; children: unknown[] };
    expect(heading.data).toBeUndefined();
    expect(heading.children).toHaveLength(2);
    expect(file.messages).toHaveLength(1);
  });

  it('warns when a heading has no id comment', () => {
    const { file } = run(tree('No id'));
    expect(file.messages.map((m) => m.reason)).toEqual([expect.stringContaining('without a fixed id')]);
  });

  it.each(['/* #Upper */', '/* # spaced */', '/* #ünï */'])('rejects the malformed id %j', (expression) => {
    const { root } = run(tree('Heading ', expression));
    expect((root.children[0] as { data?: unknown }).data).toBeUndefined();
  });
});
