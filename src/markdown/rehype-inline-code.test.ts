import { describe, expect, it } from 'vitest';
import type { Element, ElementContent, Root } from 'hast';
import rehypeInlineCode, { MAX_WHOLE, withBreakPoints } from './rehype-inline-code.mjs';

const code = (value: string): Element => ({ type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value }] });
/** The code as a string: pieces kept whole in [brackets], break points as <wbr>. */
const shown = (nodes: readonly ElementContent[]): string =>
  nodes.map((n) => (n.type === 'text' ? n.value : n.type !== 'element' ? '' : n.tagName === 'span' ? `[${shown(n.children)}]` : `<${n.tagName}>`)).join('');

function run(...children: Element[]): Root {
  const root: Root = { type: 'root', children };
  rehypeInlineCode()(root);
  return root;
}

describe('rehype-inline-code', () => {
  it('keeps short code whole: one text, class code-inline', () => {
    const root = run({ type: 'element', tagName: 'p', properties: {}, children: [code('nn.LayerNorm(D)')] });
    const c = (root.children[0] as Element).children[0] as Element;
    expect(c.properties.className).toEqual(['code-inline']);
    expect(shown(c.children)).toBe('nn.LayerNorm(D)');
  });

  it(`lets code longer than ${MAX_WHOLE} characters wrap at its spaces and after . ( = in a long name`, () => {
    const root = run(code('QuantileTransformer(output_distribution="normal")'), code('torch.var(x, unbiased=False)'));
    const [long, spaced] = root.children as Element[];
    expect(long!.properties.className).toEqual(['code-wrap']);
    expect(shown(long!.children)).toBe('[QuantileTransformer(]<wbr>[output_distribution=]<wbr>["normal")]');
    expect(shown(spaced!.children)).toBe('[torch.var(x,] [unbiased=False)]'); // both runs are short: the space is enough
  });

  it('leaves no short piece on either side of a break', () => {
    // "eps=1e-5)" is one piece: no break after its hyphen.
    expect(shown(withBreakPoints('nn.LayerNorm(normalized_shape, eps=1e-5)'))).toBe('[nn.LayerNorm(]<wbr>[normalized_shape,] [eps=1e-5)]');
    expect(shown(withBreakPoints('nn.BatchNorm1d(D)(x.transpose(1, 2)).transpose(1, 2)'))).toBe('[nn.BatchNorm1d(D)(x.]<wbr>[transpose(1,] [2)).transpose(1,] [2)]');
  });

  it('copies as the same text: pieces are spans and break points <wbr>, never characters', () => {
    const value = 'nn.BatchNorm1d(D)(x.transpose(1, 2)).transpose(1, 2)';
    const text = (n: ElementContent): string => (n.type === 'text' ? n.value : n.type === 'element' ? n.children.map(text).join('') : '');
    expect(withBreakPoints(value).map(text).join('')).toBe(value);
  });

  it('leaves code blocks alone', () => {
    const pre: Element = { type: 'element', tagName: 'pre', properties: {}, children: [code('x = torch.randn(8, 16, 512)  # a long line of code')] };
    const root = run(pre);
    expect(((root.children[0] as Element).children[0] as Element).properties).toEqual({});
  });
});
