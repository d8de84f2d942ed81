import { describe, expect, it } from 'vitest';
import type { Element, Root } from 'hast';
import { VFile } from 'vfile';
import rehypeDisplayMath from './rehype-display-math.mjs';

const labels = { zh: '公式', en: 'Formula' };

/** A page as rehype-katex leaves it: one display formula and one inline formula. */
function tree(): Root {
  const span = (className: string[]): Element => ({ type: 'element', tagName: 'span', properties: { className }, children: [] });
  return {
    type: 'root',
    children: [span(['katex-display']), { type: 'element', tagName: 'p', properties: {}, children: [span(['katex'])] }],
  };
}

function run(path: string): Root {
  const root = tree();
  rehypeDisplayMath({ labels })(root, new VFile({ path }));
  return root;
}

describe('rehype-display-math', () => {
  it.each([
    ['/site/content/zh/batchnorm.mdx', '公式'],
    ['/site/content/en/batchnorm.mdx', 'Formula'],
  ])('makes the display formula of %s a focusable group named %j', (path, label) => {
    const display = run(path).children[0] as Element;
    expect(display.properties).toEqual({ className: ['katex-display'], tabIndex: 0, role: 'group', ariaLabel: label });
  });

  it('leaves inline formulas alone', () => {
    const paragraph = run('/site/content/en/layernorm.mdx').children[1] as Element;
    expect((paragraph.children[0] as Element).properties).toEqual({ className: ['katex'] });
  });

  it('refuses a file whose language it cannot tell', () => {
    expect(() => run('/site/notes/draft.mdx')).toThrow(/no formula label/);
  });
});
