// Redrawing a figure whose data did not change is wasted work in a redraw that must fit in a frame:
// a cache per widget hands back the element it drew last time while the figure's inputs stay the same.
import type { ChartOptions } from '../widgets/view';

/** JSON of a figure's inputs, typed arrays as plain arrays (functions, e.g. formatters, are left out). */
function signatureOf(inputs: unknown, options: ChartOptions): string {
  return JSON.stringify([options.width, options.lang, inputs], (_, v: unknown) =>
    ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v,
  );
}

/**
 * A memo of drawn figures: `cached(key, inputs, options, draw)` returns the element drawn for the same key,
 * inputs, width, language and document last time, else calls `draw()` and remembers its element.
 */
export function figureCache(): (key: string, inputs: unknown, options: ChartOptions, draw: () => Element) => Element {
  const last = new Map<string, { signature: string; document: Document | undefined; element: Element }>();
  return (key, inputs, options, draw) => {
    const signature = signatureOf(inputs, options);
    const hit = last.get(key);
    if (hit && hit.signature === signature && hit.document === options.document) return hit.element;
    const element = draw();
    last.set(key, { signature, document: options.document, element });
    return element;
  };
}
