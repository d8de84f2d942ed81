// Small helpers for the charts drawn as plain SVG (no Plot): an element builder that works with the browser's
// document and with a Node DOM, round tick values, and number rounding for short path data.

export const SVG_NS = 'http://www.w3.org/2000/svg';

export type SvgBuilder = <K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string | number>>,
  text?: string,
) => SVGElementTagNameMap[K];

/** An element factory for `doc`: el('path', { d, stroke }, text?). */
export function svgBuilder(doc: Document): SvgBuilder {
  return (tag, attrs, text) => {
    const node = doc.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  };
}

/** An <svg> root `width` × `height` with a matching viewBox, 11 px text in the current colour. */
export function svgRoot(el: SvgBuilder, width: number, height: number, className: string): SVGSVGElement {
  return el('svg', { xmlns: SVG_NS, class: className, width, height, viewBox: `0 0 ${width} ${height}`, 'font-size': 11, fill: 'currentColor' });
}

/**
 * width · ratio, not rounded to whole pixels (only to 0.001 px): the server draws at 640 px and the browser at the box's width, and only an exact
 * ratio gives the two figures the same height in the same box (theme.ts's heightFor rounds to whole pixels, which
 * adds up to a visible shift over a stack of figures).
 */
export function exactHeight(width: number, ratio: number): number {
  return Math.round(width * ratio * 1000) / 1000;
}

/** v rounded to 0.1 px, enough for path data. */
export function r1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** At most about `count` round tick values covering [lo, hi] (steps of 1, 2 or 5 × 10^k). */
export function niceTicks(lo: number, hi: number, count = 4): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / unit) * unit; v <= hi + unit * 1e-9; v += unit) ticks.push(Math.abs(v) < unit * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return ticks;
}

/** A linear map from [d0, d1] to [r0, r1] (a degenerate domain maps to the middle of the range). */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (!(d1 !== d0)) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}
