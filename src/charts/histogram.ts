// A histogram of equal-width bins over [lo, hi], with a rug of the points, the mean, a ±1 std band and an optional
// marked point (e.g. an outlier). Plain SVG: the bars are one <path> and the rug another, so 500 points and 40 bins
// cost a couple of dozen DOM nodes. Its height is a fixed share of its width, so stacked histograms line up and the
// server figure and the live one take the same box.
import { COLORS } from './theme';
import { formatNumber } from './format';
import { exactHeight, linear, niceTicks, r1, svgBuilder, svgRoot } from './svg';
import { textWidth } from './heatmap';
import type { ChartOptions } from '../widgets/view';

/** Default height / width. */
export const HISTOGRAM_RATIO = 0.34;

export interface HistogramData {
  /** Counts of equal-width bins that together span [lo, hi]. */
  readonly counts: readonly number[];
  readonly lo: number;
  readonly hi: number;
  /** The points themselves, drawn as a rug under the bars. */
  readonly points?: ArrayLike<number>;
  /** Mean (a vertical rule) and standard deviation (a band mean ± std). */
  readonly mean?: number;
  readonly std?: number;
  /** One point to mark and name, e.g. the outlier; null for none. */
  readonly marked?: number | null;
  readonly markedLabel?: string;
  /** Top of the count axis (default the largest count), to share it between histograms. */
  readonly yMax?: number;
  /** Bar colour (default the "other" colour). */
  readonly color?: string;
  /** Count axis label, e.g. "count". */
  readonly yLabel?: string;
  /** Word for the mean rule, e.g. "mean". */
  readonly meanLabel?: string;
}

export interface HistogramOptions extends ChartOptions {
  readonly ratio?: number;
}

const LEFT = 36;
const RIGHT = 14;
const TOP = 18;
const BOTTOM = 22;
const RUG = 7;

/** Draws the histogram; returns an SVG `width` wide and `ratio · width` high. */
export function histogramChart(data: HistogramData, options: HistogramOptions): SVGSVGElement {
  const el = svgBuilder(options.document ?? document);
  const { width } = options;
  const height = exactHeight(width, options.ratio ?? HISTOGRAM_RATIO);
  const svg = svgRoot(el, width, height, 'histogram');
  const { counts, lo } = data;
  const hi = data.hi > lo ? data.hi : lo + 1;
  const yMax = Math.max(1, data.yMax ?? Math.max(0, ...counts));
  const color = data.color ?? COLORS.other;
  const axisY = height - BOTTOM;
  const base = axisY - RUG;
  const x = linear(lo, hi, LEFT, width - RIGHT);
  const y = linear(0, yMax, base, TOP);
  const clampX = (v: number): number => x(Math.min(hi, Math.max(lo, v)));

  // Count axis: a few grid lines and their labels.
  let grid = '';
  const yTicks = el('g', { 'text-anchor': 'end', fill: 'var(--fg-soft)' });
  for (const t of niceTicks(0, yMax, width < 420 ? 2 : 3)) {
    if (t > 0) grid += `M${LEFT},${r1(y(t))}H${width - RIGHT}`;
    yTicks.append(el('text', { x: LEFT - 5, y: r1(y(t)), dy: '0.32em' }, formatNumber(t, 3)));
  }
  svg.append(el('path', { d: grid, stroke: COLORS.grid, 'stroke-opacity': 0.6, fill: 'none' }), yTicks);
  const yLabel = data.yLabel ? `↑ ${data.yLabel}` : '';
  if (yLabel) svg.append(el('text', { x: 2, y: TOP - 8, fill: 'var(--fg-soft)' }, yLabel));

  if (data.mean !== undefined && data.std !== undefined && Number.isFinite(data.std)) {
    const x0 = clampX(data.mean - data.std);
    const x1 = clampX(data.mean + data.std);
    svg.append(el('rect', { class: 'histogram-band', x: r1(x0), y: TOP, width: r1(Math.max(0, x1 - x0)), height: r1(base - TOP), fill: COLORS.soft, 'fill-opacity': 0.14 }));
  }

  // The bars, one path.
  const step = (hi - lo) / Math.max(1, counts.length);
  let bars = '';
  counts.forEach((count, i) => {
    if (!(count > 0)) return;
    const x0 = x(lo + i * step) + 0.5;
    const x1 = x(lo + (i + 1) * step) - 0.5;
    bars += `M${r1(x0)},${r1(base)}V${r1(y(count))}H${r1(Math.max(x0, x1))}V${r1(base)}z`;
  });
  svg.append(el('path', { class: 'histogram-bars', d: bars, fill: color }));
  svg.append(el('path', { d: `M${LEFT},${r1(base)}H${width - RIGHT}`, stroke: COLORS.soft, fill: 'none' }));

  if (data.points && data.points.length > 0) {
    let rug = '';
    for (let i = 0; i < data.points.length; i++) rug += `M${r1(clampX(data.points[i] ?? 0))},${base + 1}v${RUG - 2}`;
    svg.append(el('path', { class: 'histogram-rug', d: rug, stroke: color, 'stroke-opacity': 0.7, fill: 'none' }));
  }

  if (data.mean !== undefined) {
    const mx = r1(clampX(data.mean));
    svg.append(el('path', { class: 'histogram-mean', d: `M${mx},${TOP}V${r1(base)}`, stroke: COLORS.fg, 'stroke-width': 1.5, fill: 'none' }));
    // Beside its rule, but never over the count axis's title (a mean near the left edge, e.g. with a far outlier).
    if (data.meanLabel) svg.append(el('text', { class: 'histogram-mean-label', x: r1(Math.max(mx + 3, 2 + textWidth(yLabel) + 6)), y: TOP - 5, fill: COLORS.fg }, data.meanLabel));
  }

  if (data.marked !== undefined && data.marked !== null) {
    const mx = r1(clampX(data.marked));
    const top = r1(y(yMax * 0.55));
    const nearRight = (mx - LEFT) / (width - LEFT - RIGHT) > 0.6;
    const stroke = color === COLORS.bn ? COLORS.ln : COLORS.bn;
    svg.append(el('path', { class: 'histogram-marked', d: `M${mx},${r1(base)}V${top}`, stroke, 'stroke-width': 2, 'stroke-dasharray': '3,2', fill: 'none' }));
    if (data.markedLabel) {
      svg.append(el('text', { x: nearRight ? mx - 2 : mx + 2, y: top - 6, 'text-anchor': nearRight ? 'end' : 'start', fill: COLORS.fg }, data.markedLabel));
    }
  }

  // Value axis.
  const xAxis = el('g', { class: 'histogram-axis', 'text-anchor': 'middle', fill: 'var(--fg-soft)' });
  let ticks = `M${LEFT},${axisY}H${width - RIGHT}`;
  for (const t of niceTicks(lo, hi, Math.max(3, Math.round(width / 90)))) {
    ticks += `M${r1(x(t))},${axisY}v4`;
    xAxis.append(el('text', { x: r1(x(t)), y: axisY + 15 }, formatNumber(t, 4)));
  }
  xAxis.append(el('path', { d: ticks, stroke: 'var(--fg-soft)', fill: 'none' }));
  svg.append(xAxis);
  return svg;
}
