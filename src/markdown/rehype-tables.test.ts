import { describe, expect, it } from 'vitest';
import type { Element, ElementContent, Root } from 'hast';
import { VFile } from 'vfile';
import rehypeTables from './rehype-tables.mjs';

const labels = { zh: '表格', en: 'Table' };

const el = (tagName: string, children: ElementContent[] = [], properties: Element['properties'] = {}): Element => ({ type: 'element', tagName, properties, children });
const text = (value: string): ElementContent => ({ type: 'text', value });

/** A GFM table as remark-gfm leaves it, with `columns` header cells and one body row. */
function table(columns: readonly string[]): Element {
  return el('table', [
    el('thead', [el('tr', columns.map((c) => el('th', [text(c)])))]),
    el('tbody', [el('tr', columns.map((c) => el('td', [text(`${c} value`)])))]),
  ]);
}

function run(path: string, ...tables: Element[]): Element[] {
  const root: Root = { type: 'root', children: tables };
  rehypeTables({ labels })(root, new VFile({ path }));
  return root.children as Element[];
}

describe('rehype-tables', () => {
  it.each([
    ['/site/content/zh/layernorm.mdx', '表格：Transformation、BatchNorm、LayerNorm'],
    ['/site/content/en/layernorm.mdx', 'Table: Transformation, BatchNorm, LayerNorm'],
  ])('puts each table of %s into a focusable region named after its columns', (path, name) => {
    const [region] = run(path, table(['Transformation', 'BatchNorm', 'LayerNorm']));
    expect(region!.tagName).toBe('div');
    expect(region!.properties).toMatchObject({ tabIndex: 0, role: 'region', ariaLabel: name });
    expect((region!.children[0] as Element).tagName).toBe('table');
  });

  it('keeps a table of two columns a plain table (no roles, no cell labels)', () => {
    const [region] = run('/c/content/en/x.mdx', table(['a', 'b']));
    const inner = region!.children[0] as Element;
    expect(inner.properties).toEqual({});
    const cell = ((inner.children[1] as Element).children[0] as Element).children[0] as Element;
    expect(cell.properties).toEqual({});
  });

  it('lets a table of three columns stack only on the narrowest phones', () => {
    const [region] = run('/c/content/zh/layernorm.mdx', table(['变换', 'BatchNorm', 'LayerNorm']));
    expect(region!.properties.className).toEqual(['table-scroll', 'table-stack-narrow']);
    const cells = (((region!.children[0] as Element).children[1] as Element).children[0] as Element).children as Element[];
    expect(cells.map((c) => c.properties.dataLabel)).toEqual(['变换', 'BatchNorm', 'LayerNorm']);
  });

  it('stacks a table of four columns or more: every cell carries its column name, no part an ARIA role (invalid HTML)', () => {
    const [region] = run('/c/content/en/why-layernorm.mdx', table(['Norm', 'One group', 'Groups × values', 'Statistic']));
    expect(region!.properties.className).toEqual(['table-scroll', 'table-stack']);
    const inner = region!.children[0] as Element;
    const [head, body] = inner.children as Element[];
    const headRow = head!.children[0] as Element;
    const cells = (body!.children[0] as Element).children as Element[];
    const parts = [inner, head!, body!, headRow, body!.children[0] as Element, ...(headRow.children as Element[]), ...cells];
    expect(parts.map((p) => p.properties.role)).toEqual(parts.map(() => undefined));
    expect(cells.map((c) => c.properties.dataLabel)).toEqual(['Norm', 'One group', 'Groups × values', 'Statistic']);
    expect(cells.map((c) => (c.children[0] as Element).properties.className)).toEqual([['table-value'], ['table-value'], ['table-value'], ['table-value']]);
    expect(((cells[0]!.children[0] as Element).children[0] as { value: string }).value).toBe('Norm value');
  });

  it('names a header by the text a reader sees, math included (MathML text, not TeX nor drawn boxes)', () => {
    const math = el('span', [
      el('span', [el('math', [el('mi', [text('B')]), el('annotation', [text('B')])])], { className: ['katex-mathml'] }),
      el('span', [text('B')], { className: ['katex-html'] }),
    ], { className: ['katex'] });
    const t = el('table', [el('thead', [el('tr', [el('th', [text('size '), math])])])]);
    const [region] = run('/c/content/en/x.mdx', t);
    expect(region!.properties.ariaLabel).toBe('Table: size B');
  });

  it('never gives two regions of one page the same name', () => {
    const names = run('/c/content/en/x.mdx', table(['a', 'b']), table(['a', 'b'])).map((r) => r.properties.ariaLabel);
    expect(names).toEqual(['Table: a, b', 'Table: a, b (2)']);
  });

  it('refuses a file whose language it cannot tell', () => {
    expect(() => run('/site/notes/draft.mdx', table(['a']))).toThrow(/no table label/);
  });
});
