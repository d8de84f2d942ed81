// How far a batch mean strays from the population mean as the batch shrinks: the standard error band ±σ/√N
// (and ±2σ/√N) against N on a log₂ axis, named in a legend, the batch means seen so far at the current N as faint
// dots (one path), and the current batch's as a large dot. Plain SVG, a few dozen nodes.
import { COLORS } from './theme';
import { formatNumber } from './format';
import { exactHeight, linear, niceTicks, r1, svgBuilder, svgRoot } from './svg';
import { textWidth } from './heatmap';
import { appendNotation } from '../components/widget/notation';
import type { ChartOptions } from '../widgets/view';

/** Default height / width. */
export const SPREAD_RATIO = 0.45;

export interface MeanSpreadData {
  /** Population std σ of the feature. */
  readonly sigma: number;
  /** The current batch size. */
  readonly n: number;
  /** Largest N on the axis (default 64). */
  readonly maxN?: number;
  /** μ_B − μ of earlier batches at the current N. */
  readonly history: readonly number[];
  /** μ_B − μ of the current batch, or null. */
  readonly current: number | null;
  readonly xLabel: string;
  /** May carry scripts, e.g. "↑ μ_{B} − μ" (drawn as μ with a subscript B: components/widget/notation.ts). */
  readonly yLabel: string;
  /** Words for the band, e.g. "±σ/√N". */
  readonly bandLabel: string;
  /** Words for the outer, fainter band, e.g. "±2σ/√N" (unnamed when absent). */
  readonly outerBandLabel?: string;
}

export interface MeanSpreadOptions extends ChartOptions {
  readonly ratio?: number;
}

const LEFT = 48;
const RIGHT = 14;
const TOP = 22;
const BOTTOM = 34;
const Y_LABEL_FONT = 15;
const SWATCH = 10;
const INNER_OPACITY = 0.22;
const OUTER_OPACITY = 0.1;

/** Draws the chart; returns an SVG `width` wide and `ratio · width` high. */
export function meanSpreadChart(data: MeanSpreadData, options: MeanSpreadOptions): SVGSVGElement {
  const el = svgBuilder(options.document ?? document);
  const { width } = options;
  const height = exactHeight(width, options.ratio ?? SPREAD_RATIO);
  const svg = svgRoot(el, width, height, 'mean-spread');
  const maxN = Math.max(2, data.maxN ?? 64);
  const sigma = data.sigma > 0 ? data.sigma : 1;
  const extreme = Math.max(2.2 * sigma, ...data.history.map(Math.abs), Math.abs(data.current ?? 0)) * 1.05;
  const x = (n: number): number => LEFT + (Math.log2(n) / Math.log2(maxN)) * (width - LEFT - RIGHT);
  const y = linear(-extreme, extreme, height - BOTTOM, TOP);
  const ns = Array.from({ length: maxN }, (_, i) => i + 1);
  const se = (n: number): number => sigma / Math.sqrt(n);

  // Grid and value axis.
  let grid = '';
  const yTicks = el('g', { 'text-anchor': 'end', fill: 'var(--fg-soft)' });
  for (const t of niceTicks(-extreme, extreme, 4)) {
    grid += `M${LEFT},${r1(y(t))}H${width - RIGHT}`;
    yTicks.append(el('text', { x: LEFT - 6, y: r1(y(t)), dy: '0.32em' }, formatNumber(t, 3)));
  }
  svg.append(el('path', { d: grid, stroke: COLORS.grid, 'stroke-opacity': 0.6, fill: 'none' }), yTicks);
  // Its scripts are drawn at 0.75 em: a 15 px label keeps them at 11 px.
  const yLabel = el('text', { class: 'spread-y-label', x: 2, y: TOP - 7, fill: 'var(--fg-soft)', 'font-size': Y_LABEL_FONT });
  appendNotation(el, yLabel, data.yLabel);
  svg.append(yLabel);

  // The bands ±2σ/√N and ±σ/√N, and the σ/√N curves.
  const band = (k: number): string =>
    ns.map((n, i) => `${i === 0 ? 'M' : 'L'}${r1(x(n))},${r1(y(k * se(n)))}`).join('') +
    [...ns].reverse().map((n) => `L${r1(x(n))},${r1(y(-k * se(n)))}`).join('') +
    'z';
  svg.append(el('path', { d: band(2), fill: COLORS.bn, 'fill-opacity': OUTER_OPACITY }));
  svg.append(el('path', { class: 'spread-band', d: band(1), fill: COLORS.bn, 'fill-opacity': INNER_OPACITY }));
  const curve = (k: number): string => ns.map((n, i) => `${i === 0 ? 'M' : 'L'}${r1(x(n))},${r1(y(k * se(n)))}`).join('');
  svg.append(el('path', { d: curve(1) + curve(-1), stroke: COLORS.bn, 'stroke-width': 1.5, fill: 'none' }));
  svg.append(el('path', { d: `M${LEFT},${r1(y(0))}H${width - RIGHT}`, stroke: COLORS.soft, fill: 'none' }));
  // The bands' legend, top right: a swatch of each band's fill and its name (the inner band also has its curve).
  const legend = el('g', { class: 'spread-legend', fill: COLORS.fg });
  let lx = width - RIGHT;
  for (const [label, opacity] of [[data.outerBandLabel, OUTER_OPACITY], [data.bandLabel, INNER_OPACITY]] as const) {
    if (!label) continue;
    lx -= textWidth(label);
    legend.append(el('text', { class: 'spread-band-label', x: r1(lx), y: TOP - 7 }, label));
    lx -= SWATCH + 4;
    legend.append(el('rect', { x: r1(lx), y: TOP - 7 - SWATCH + 1, width: SWATCH, height: SWATCH, fill: COLORS.bn, 'fill-opacity': opacity, stroke: COLORS.bn, 'stroke-width': opacity === INNER_OPACITY ? 1.5 : 0 }));
    lx -= 12;
  }
  svg.append(legend);

  // This N: earlier batch means (one path of small circles) and the current one.
  const cx = r1(x(Math.min(maxN, Math.max(1, data.n))));
  svg.append(el('path', { d: `M${cx},${TOP}V${height - BOTTOM}`, stroke: COLORS.soft, 'stroke-dasharray': '3,3', fill: 'none' }));
  if (data.history.length > 0) {
    const r = 2.5;
    let d = '';
    for (const v of data.history) d += `M${cx - r},${r1(y(v))}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
    svg.append(el('path', { class: 'spread-history', d, fill: COLORS.ln, 'fill-opacity': 0.3 }));
  }
  if (data.current !== null) {
    svg.append(el('circle', { cx, cy: r1(y(data.current)), r: 5.5, fill: COLORS.ln, stroke: 'var(--bg-raised)', 'stroke-width': 1.5 }));
  }

  // Batch-size axis (log₂).
  const base = height - BOTTOM;
  const axis = el('g', { class: 'spread-axis', 'text-anchor': 'middle', fill: 'var(--fg-soft)' });
  let ticks = `M${LEFT},${base}H${width - RIGHT}`;
  for (let t = 1; t <= maxN; t *= 2) {
    ticks += `M${r1(x(t))},${base}v5`;
    axis.append(el('text', { x: r1(x(t)), y: base + 16 }, String(t)));
  }
  axis.append(el('path', { d: ticks, stroke: 'var(--fg-soft)', fill: 'none' }));
  axis.append(el('text', { x: width - RIGHT, y: base + 30, 'text-anchor': 'end', fill: 'var(--fg)' }, data.xLabel));
  svg.append(axis);
  return svg;
}
