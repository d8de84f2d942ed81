// Redrawing a figure whose data did not change is wasted work in a redraw that must fit in a frame:
// a cache per widget hands back the element it drew last time while the figure's inputs stay the same.
import type { ChartOptions } from '../widgets/view';

/**
 * Whether two figure inputs hold the same data: numbers by value (NaN equals NaN), arrays and typed arrays element
 * by element, plain objects key by key. Functions (formatters, built afresh on every call) are not compared: a
 * figure's functions must follow from its other inputs.
 */
export function sameInputs(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a === 'function' && typeof b === 'function') return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const arrayLike = (v: object): v is ArrayLike<unknown> => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  if (arrayLike(a) || arrayLike(b)) {
    if (!arrayLike(a) || !arrayLike(b) || a.constructor !== b.constructor || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameInputs(a[i], b[i])) return false;
    return true;
  }
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return keysA.every((k) => Object.hasOwn(rb, k) && sameInputs(ra[k], rb[k]));
}

/**
 * A memo of drawn figures: `cached(key, inputs, options, draw)` returns the element drawn for the same key,
 * inputs, width, language and document last time, else calls `draw()` and remembers its element.
 */
export function figureCache(): (key: string, inputs: unknown, options: ChartOptions, draw: () => Element) => Element {
  const last = new Map<string, { inputs: unknown; options: ChartOptions; element: Element }>();
  return (key, inputs, options, draw) => {
    const hit = last.get(key);
    if (
      hit &&
      hit.options.width === options.width &&
      hit.options.lang === options.lang &&
      hit.options.document === options.document &&
      sameInputs(hit.inputs, inputs)
    ) {
      return hit.element;
    }
    const element = draw();
    last.set(key, { inputs, options, element });
    return element;
  };
}

/**
 * A memo of a chart's costly part (a path built from 1 024 values): the results of the last few calls, found again
 * when the arguments hold the same data ({@link sameInputs}). A highlighted column that moves then redraws its
 * outline, not the thousand marks under it. Results must follow from the arguments alone.
 */
export function recentResults<A extends readonly unknown[], R>(compute: (...args: A) => R, size = 4): (...args: A) => R {
  const recent: { args: A; result: R }[] = [];
  return (...args: A): R => {
    const index = recent.findIndex((entry) => sameInputs(entry.args, args));
    if (index >= 0) {
      const [hit] = recent.splice(index, 1);
      recent.unshift(hit!);
      return hit!.result;
    }
    const result = compute(...args);
    recent.unshift({ args, result });
    recent.length = Math.min(recent.length, size);
    return result;
  };
}
