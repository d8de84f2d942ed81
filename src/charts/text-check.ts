// For chart tests: the size every text of a drawing is drawn at, and the pairs of labels whose boxes overlap.
// Boxes are estimated from the text's position, anchor and length (textWidth), as the charts place them; rotated
// or transformed texts are left out of the overlap check.
import { textWidth } from './heatmap';

/** A text's font size in px: its own font-size or its nearest ancestor's; "0.75em" scales the inherited size. */
export function fontSizeOf(node: Element): number {
  const own = node.getAttribute('font-size');
  const inherited = node.parentElement && node.parentElement.tagName.toLowerCase() !== 'html' ? fontSizeOf(node.parentElement) : 16;
  if (own === null) return inherited;
  return own.endsWith('em') ? Number.parseFloat(own) * inherited : Number.parseFloat(own);
}

/** The smallest size any text of the drawing (text or tspan with characters of its own) is drawn at. */
export function smallestText(svg: Element): { size: number; text: string } {
  let smallest = { size: Number.POSITIVE_INFINITY, text: '' };
  for (const node of svg.querySelectorAll('text, tspan')) {
    const own = [...node.childNodes].filter((c) => c.nodeType === 3).map((c) => c.textContent ?? '').join('').trim();
    if (own === '') continue;
    const size = fontSizeOf(node);
    if (size < smallest.size) smallest = { size, text: own };
  }
  return smallest;
}

interface Box {
  readonly text: string;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

function emOffset(value: string | null, size: number): number {
  if (value === null) return 0;
  return value.endsWith('em') ? Number.parseFloat(value) * size : Number.parseFloat(value);
}

/** Estimated boxes of the drawing's untransformed texts. */
export function textBoxes(svg: Element): Box[] {
  const boxes: Box[] = [];
  for (const node of svg.querySelectorAll('text')) {
    if (node.closest('[transform]')) continue;
    const text = node.textContent ?? '';
    if (text.trim() === '') continue;
    const size = fontSizeOf(node);
    const width = textWidth(text, size);
    const anchor = node.getAttribute('text-anchor') ?? node.closest('[text-anchor]')?.getAttribute('text-anchor') ?? 'start';
    const x = Number(node.getAttribute('x') ?? 0);
    const baseline = Number(node.getAttribute('y') ?? 0) + emOffset(node.getAttribute('dy'), size);
    const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
    boxes.push({ text, left, right: left + width, top: baseline - 0.75 * size, bottom: baseline + 0.2 * size });
  }
  return boxes;
}

/** Pairs of texts whose estimated boxes overlap by more than `slack` px each way, e.g. ["x", "100"]. */
export function overlappingTexts(svg: Element, slack = 1): [string, string][] {
  const boxes = textBoxes(svg);
  const pairs: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (dx > slack && dy > slack) pairs.push([a.text, b.text]);
    }
  }
  return pairs;
}

/** Widths the page gives a figure: the runtime's narrowest box, a phone's (300–324), one of a pair (430), a tablet's. */
export const READER_WIDTHS = [240, 300, 324, 430, 640] as const;

/**
 * Every figure a widget draws for each of `views` at each width, labelled for test messages: the drawings whose
 * text sizes and overlaps a chart test checks.
 */
export function* readerDrawings<V>(
  views: readonly { readonly label: string; readonly view: V }[],
  draw: (view: V, width: number) => Readonly<Record<string, Element>>,
  widths: readonly number[] = READER_WIDTHS,
): Generator<{ readonly label: string; readonly svg: Element }> {
  for (const { label, view } of views) {
    for (const width of widths) {
      for (const [key, svg] of Object.entries(draw(view, width))) yield { label: `${label} ${key} at ${width} px`, svg };
    }
  }
}

/** Height / width of an SVG's markup (its root's width and height attributes). */
export function markupAspect(svg: string | undefined): number {
  const [, w, h] = /^<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg ?? '') ?? [];
  return Number(h) / Number(w);
}
