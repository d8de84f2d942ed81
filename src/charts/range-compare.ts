// The same points scaled two ways, one panel per scaling and rows on the panel's shared axis: each row a band over
// the points' range, their rug, the width of the range printed, and an optional marked point (e.g. an outlier, a
// diamond). Made for "what does one outlier do to the other points": min-max squeezes their band into a sliver,
// the z-score narrows it less. Plain SVG. Its height is fixed by its rows (it is drawn only once the reader asks
// for it, so the server's first figure and the live one need not share a width-proportional box).
import { textWidth } from './heatmap';
import { COLORS } from './theme';
import { formatNumber } from './format';
import { linear, niceTicks, r1, svgBuilder, svgRoot } from './svg';
import type { ChartOptions } from '../widgets/view';

export interface RangeRow {
  /** Words before the row, e.g. "scaled without the outlier". */
  readonly label: string;
  /** The row's range, printed at its right, e.g. "width 0.2734". */
  readonly rangeLabel: string;
  readonly points: ArrayLike<number>;
  /** The band: the points' min and max. */
  readonly lo: number;
  readonly hi: number;
  /** A point drawn apart (a diamond), or null. */
  readonly marked?: number | null;
}

export interface RangePanel {
  readonly title: string;
  readonly color: string;
  readonly rows: readonly RangeRow[];
}

export interface RangeCompareData {
  readonly panels: readonly RangePanel[];
}

const LEFT = 10;
const RIGHT = 14;
const TOP = 4;
const TITLE = 16;
const LABEL = 14;
const BAND = 14;
const ROW_GAP = 5;
const AXIS = 20;
const PANEL_GAP = 10;

/** Height of a chart with these panels (fixed: it does not depend on the width). */
export function rangeCompareHeight(data: RangeCompareData): number {
  return TOP + data.panels.reduce((h, p) => h + TITLE + p.rows.length * (LABEL + BAND + ROW_GAP) + AXIS + PANEL_GAP, 0);
}

/** The row's range label, or only its number (after the last space) when the whole would run into the row's label. */
function fittedRangeLabel(row: { readonly label: string; readonly rangeLabel: string }, width: number): string {
  const room = width - RIGHT - 2 - 8;
  if (textWidth(row.label, 11) + textWidth(row.rangeLabel, 11) <= room) return row.rangeLabel;
  return row.rangeLabel.slice(row.rangeLabel.lastIndexOf(' ') + 1);
}

/** Draws the panels one under the other; returns an SVG `width` wide. */
export function rangeCompareChart(data: RangeCompareData, options: ChartOptions): SVGSVGElement {
  const el = svgBuilder(options.document ?? document);
  const { width } = options;
  const height = rangeCompareHeight(data);
  const svg = svgRoot(el, width, height, 'range-compare');
  // Its height does not follow its width: keep the box that tall at any width (a drawing made for another width is
  // centred in it, unscaled), so the page does not move when the live figure replaces the server's.
  svg.setAttribute('style', `height: ${height}px`);
  let top = TOP;
  for (const panel of data.panels) {
    const values = panel.rows.flatMap((r) => [r.lo, r.hi, ...(r.marked !== undefined && r.marked !== null ? [r.marked] : [])]);
    let lo = Math.min(...values);
    let hi = Math.max(...values);
    if (!(hi > lo)) [lo, hi] = [lo - 0.5, hi + 0.5];
    const x = linear(lo, hi, LEFT, width - RIGHT);
    const group = el('g', { class: 'range-panel' });
    group.append(el('text', { x: 2, y: top + 11, fill: COLORS.fg, 'font-weight': 600 }, panel.title));
    top += TITLE;
    for (const row of panel.rows) {
      group.append(
        el('text', { x: 2, y: top + 10, fill: 'var(--fg-soft)' }, row.label),
        el('text', { class: 'range-width', x: width - RIGHT, y: top + 10, 'text-anchor': 'end', fill: COLORS.fg }, fittedRangeLabel(row, width)),
      );
      const y0 = top + LABEL;
      const x0 = r1(x(row.lo));
      const x1 = r1(x(row.hi));
      group.append(
        el('rect', { class: 'range-band', x: x0, y: y0, width: r1(Math.max(0.5, x1 - x0)), height: BAND, fill: panel.color, 'fill-opacity': 0.16 }),
        el('path', { d: `M${x0},${y0}v${BAND}M${x1},${y0}v${BAND}`, stroke: panel.color, 'stroke-width': 2, fill: 'none' }),
      );
      let rug = '';
      for (let i = 0; i < row.points.length; i++) rug += `M${r1(x(row.points[i] ?? 0))},${y0 + 3}v${BAND - 6}`;
      group.append(el('path', { class: 'range-rug', d: rug, stroke: panel.color, 'stroke-opacity': 0.7, fill: 'none' }));
      if (row.marked !== undefined && row.marked !== null) {
        const mx = r1(x(row.marked));
        const my = y0 + BAND / 2;
        const r = 5;
        group.append(el('path', { class: 'range-marked', d: `M${mx},${my - r}l${r},${r}l${-r},${r}l${-r},${-r}z`, fill: COLORS.fg, stroke: 'var(--bg-raised)' }));
      }
      top += LABEL + BAND + ROW_GAP;
    }
    // The panel's axis, shared by its rows.
    const axis = el('g', { class: 'range-axis', 'text-anchor': 'middle', fill: 'var(--fg-soft)' });
    let ticks = `M${LEFT},${top}H${width - RIGHT}`;
    for (const t of niceTicks(lo, hi, Math.max(3, Math.round(width / 90)))) {
      ticks += `M${r1(x(t))},${top}v4`;
      axis.append(el('text', { x: r1(x(t)), y: top + 15 }, formatNumber(t, 4)));
    }
    axis.append(el('path', { d: ticks, stroke: 'var(--fg-soft)', fill: 'none' }));
    group.append(axis);
    svg.append(group);
    top += AXIS + PANEL_GAP;
  }
  return svg;
}
