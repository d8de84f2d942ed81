// The frame of a small x–y chart drawn as plain SVG: scales, a y grid with tick labels, x ticks and axis labels,
// in the look of the Plot charts. For charts redrawn on every input, where Plot's set-up costs more than the
// marks themselves (padding sweep, decoding charts).
import { linear, niceTicks, r1, type SvgBuilder } from './svg';

export interface Axis {
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
  readonly format: (v: number) => string;
  /** Axis label: the y label sits above the axis (left), the x label below it (right). */
  readonly label?: string;
  /** Draw grid lines at the ticks (y axis only). */
  readonly grid?: boolean;
}

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface XYFrame {
  readonly g: SVGGElement;
  readonly x: (v: number) => number;
  readonly y: (v: number) => number;
}

/** A domain [lo, hi] widened to whole multiples of a round tick step, with its ticks (about `count` of them). */
export function niceDomain(lo: number, hi: number, count: number): { domain: [number, number]; ticks: number[] } {
  if (!(hi > lo)) {
    lo -= 0.5;
    hi += 0.5;
  }
  const first = niceTicks(lo, hi, count);
  const step = first.length > 1 ? (first[1] ?? 0) - (first[0] ?? 0) : hi - lo;
  const domain: [number, number] = [Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step];
  return { domain, ticks: niceTicks(domain[0], domain[1], count) };
}

/** Draws the axes of `box` for the two axes and returns the group with the scales. */
export function xyFrame(el: SvgBuilder, box: Box, xAxis: Axis, yAxis: Axis): XYFrame {
  const x = linear(xAxis.domain[0], xAxis.domain[1], box.left, box.left + box.width);
  const y = linear(yAxis.domain[0], yAxis.domain[1], box.top + box.height, box.top);
  const g = el('g', { class: 'xy-frame' });
  const bottom = box.top + box.height;
  if (yAxis.grid) {
    const d = yAxis.ticks.map((t) => `M${r1(box.left)},${r1(y(t))}h${r1(box.width)}`).join('');
    g.append(el('path', { d, stroke: 'currentColor', 'stroke-opacity': 0.1, fill: 'none' }));
  }
  const yTicks = el('g', { 'text-anchor': 'end', fill: 'var(--fg-soft)' });
  for (const t of yAxis.ticks) yTicks.append(el('text', { x: r1(box.left - 9), y: r1(y(t)), dy: '0.32em' }, yAxis.format(t)));
  g.append(yTicks);
  g.append(el('path', { d: yAxis.ticks.map((t) => `M${r1(box.left - 6)},${r1(y(t))}h6`).join(''), stroke: 'currentColor', fill: 'none' }));
  const xTicks = el('g', { 'text-anchor': 'middle', fill: 'var(--fg-soft)' });
  for (const t of xAxis.ticks) xTicks.append(el('text', { x: r1(x(t)), y: r1(bottom + 9), dy: '0.71em' }, xAxis.format(t)));
  g.append(xTicks);
  g.append(el('path', { d: xAxis.ticks.map((t) => `M${r1(x(t))},${r1(bottom)}v6`).join(''), stroke: 'currentColor', fill: 'none' }));
  if (yAxis.label) g.append(el('text', { x: r1(box.left - 40), y: r1(box.top - 10), 'text-anchor': 'start' }, yAxis.label));
  if (xAxis.label) g.append(el('text', { x: r1(box.left + box.width), y: r1(bottom + 30), 'text-anchor': 'end' }, xAxis.label));
  return { g, x, y };
}

/** Path data through the points, skipping nothing: `M x0,y0 L x1,y1 …`. */
export function polyline(points: readonly (readonly [number, number])[]): string {
  return points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${r1(px)},${r1(py)}`).join('');
}
