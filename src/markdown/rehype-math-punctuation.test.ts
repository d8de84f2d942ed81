import { describe, expect, it } from 'vitest';
import type { Element, ElementContent, Root } from 'hast';
import rehypeMathPunctuation from './rehype-math-punctuation.mjs';

const formula = (className = 'katex'): Element => ({ type: 'element', tagName: 'span', properties: { className: [className] }, children: [] });
const text = (value: string): ElementContent => ({ type: 'text', value });

/** Runs the plugin on one paragraph and returns the paragraph's children. */
function run(children: ElementContent[]): ElementContent[] {
  const paragraph: Element = { type: 'element', tagName: 'p', properties: {}, children };
  const root: Root = { type: 'root', children: [paragraph] };
  rehypeMathPunctuation()(root);
  return paragraph.children;
}

const glued = (punctuation: string): Element => ({
  type: 'element',
  tagName: 'span',
  properties: { className: ['math-nowrap'] },
  children: [formula(), text(punctuation)],
});

describe('rehype-math-punctuation', () => {
  it.each([
    ['，所以', '，', '所以'],
    ['。', '。', ''],
    ['), so', '),', ' so'],
    ['）；下一句', '）；', '下一句'],
    ['. Next', '.', ' Next'],
  ])('keeps the start of %j with the formula', (after, punctuation, rest) => {
    const expected: ElementContent[] = [text('设 '), glued(punctuation)];
    if (rest !== '') expected.push(text(rest));
    expect(run([text('设 '), formula(), text(after)])).toEqual(expected);
  });

  it.each([[' and'], ['的均值'], ['（见下）']])('leaves a formula followed by %j alone', (after) => {
    expect(run([formula(), text(after)])).toEqual([formula(), text(after)]);
  });

  it('handles two formulas in a row, each with its comma', () => {
    expect(run([formula(), text('、'), formula(), text('，完')])).toEqual([glued('、'), glued('，'), text('完')]);
  });

  it('wraps the last box of the formula, so no line breaks after it, but leaves the boxes before it free', () => {
    const box = (n: number): Element => ({ type: 'element', tagName: 'span', properties: { className: ['katex-base'] }, children: [text(`${n}`)] });
    const html: Element = { type: 'element', tagName: 'span', properties: { className: ['katex-html'] }, children: [box(1), box(2)] };
    const [wrapper] = run([{ ...formula(), children: [html] }, text('，')]) as [Element];
    const rendered = (wrapper.children[0] as Element).children[0] as Element;
    expect(rendered.children).toEqual([
      box(1),
      { type: 'element', tagName: 'span', properties: { className: ['math-nowrap-end'] }, children: [box(2)] },
    ]);
  });

  it('leaves display formulas alone', () => {
    const display: Element = { ...formula('katex-display'), children: [formula()] };
    expect(run([display, text('，')])).toEqual([{ ...formula('katex-display'), children: [formula()] }, text('，')]);
  });
});
