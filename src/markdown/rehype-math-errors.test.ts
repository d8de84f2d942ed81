import { describe, expect, it } from 'vitest';
import type { Root } from 'hast';
import { VFile } from 'vfile';
import rehypeKatex from 'rehype-katex';
import rehypeMathErrors from './rehype-math-errors.mjs';

/** A page holding one inline formula, as remark-math hands it to rehype. */
function page(tex: string): Root {
  return {
    type: 'root',
    children: [{ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'element', tagName: 'code', properties: { className: ['math-inline'] }, children: [{ type: 'text', value: tex }] }] }],
  };
}

function build(tex: string): void {
  const tree = page(tex);
  const file = new VFile({ path: 'content/en/x.mdx' });
  rehypeKatex({ strict: 'error', output: 'htmlAndMathml' })(tree, file);
  rehypeMathErrors()(tree, file);
}

describe('rehype-math-errors', () => {
  it('lets a formula KaTeX renders through', () => {
    expect(() => build(String.raw`\sigma_B^2 = \frac{1}{n}\sum_i (x_i - \mu_B)^2`)).not.toThrow();
  });

  it.each([
    ['an unclosed brace', String.raw`\frac{1}{`],
    ['an unknown command', String.raw`\sigmaa`],
    ['a strict-mode violation', 'é'],
  ])('fails the build on %s', (_name, tex) => {
    expect(() => build(tex)).toThrow(/Could not render math with KaTeX/);
  });
});
