// The distribution of each column of an (N, C) batch, drawn under a heatmap with the same columns: the values as
// short ticks (one <path>), the column mean, a ±1 std bar, and an optional reference mark per column (e.g. the
// population mean). Plain SVG, a handful of nodes whatever N and C; the chosen column gets a shaded background.
import { COLORS } from './theme';
import { recentResults } from './figure-cache';
import { formatNumber } from './format';
import { exactHeight, niceTicks, r1, SVG_NS } from './svg';
import type { ChartOptions } from '../widgets/view';


/** Default height / width. */
export const STRIPS_RATIO = 0.3;

export interface FeatureStripsData {
  readonly rows: number;
  readonly cols: number;
  /** rows × cols values, row-major; null draws an empty frame with `message` (e.g. a refused batch). */
  readonly values: ArrayLike<number> | null;
  /** Per column: mean (a bar across the column) and std (a vertical bar mean ± std). */
  readonly means?: ArrayLike<number>;
  readonly stds?: ArrayLike<number>;
  /** Per column: a reference value drawn as a hollow diamond, e.g. the population mean. */
  readonly reference?: ArrayLike<number>;
  /** 0-based column to shade, or null. */
  readonly highlightColumn?: number | null;
  /** Value axis title, e.g. "x". */
  readonly yLabel?: string;
  /** Shown in the middle when values is null. */
  readonly message?: string;
  /** Value domain; default the data's range (with the references), padded. */
  readonly domain?: readonly [number, number];
  /** Left and right margins, to line the columns up with a heatmap (heatmapLayout().left / right). */
  readonly left: number;
  readonly right: number;
}

export interface FeatureStripsOptions extends ChartOptions {
  readonly ratio?: number;
}


/** The path of the values' ticks (kept for the last few data: see recentResults). */
const rugPath = recentResults(
  (values: ArrayLike<number>, rows: number, cols: number, lo: number, hi: number, left: number, top: number, span: number, cw: number): string => {
    const tick = Math.max(2, Math.min(14, cw * 0.5));
    const y = (v: number): number => top + (1 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * span;
    const starts = Array.from({ length: cols }, (_, c) => `M${r1(left + (c + 0.5) * cw - tick / 2)},`);
    const end = `h${r1(tick)}`;
    let rug = '';
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) rug += `${starts[c]}${r1(y(values[r * cols + c] ?? 0))}${end}`;
    }
    return rug;
  },
);

/** Draws the strips; returns an SVG `width` wide and `ratio · width` high. */
export function featureStripsChart(data: FeatureStripsData, options: FeatureStripsOptions): SVGSVGElement {
  const doc = options.document ?? document;
  const el = <K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] => {
    const node = doc.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  };
  const { width } = options;
  const height = exactHeight(width, options.ratio ?? STRIPS_RATIO);
  const { rows, cols, values, left, right } = data;
  // The value axis's title sits in a margin of its own above the plot, clear of the top tick label.
  const top = data.yLabel ? 22 : 8;
  const bottom = 8;
  const cw = Math.max(0, width - left - right) / Math.max(1, cols);
  const svg = el('svg', { xmlns: SVG_NS, class: 'feature-strips', width, height, viewBox: `0 0 ${width} ${height}`, 'font-size': 11, fill: 'currentColor' });

  // Domain: the data (and references), padded by 5 %.
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const extend = (v: number | undefined): void => {
    if (v === undefined || !Number.isFinite(v)) return;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  };
  if (data.domain) [lo, hi] = data.domain;
  else {
    if (values) for (let i = 0; i < rows * cols; i++) extend(values[i]);
    if (data.reference) for (let c = 0; c < cols; c++) extend(data.reference[c]);
    if (!(hi > lo)) {
      const mid = Number.isFinite(lo) ? lo : 0;
      lo = mid - 1;
      hi = mid + 1;
    }
    const pad = (hi - lo) * 0.05;
    lo -= pad;
    hi += pad;
  }
  const y = (v: number): number => top + (1 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (height - top - bottom);
  const cx = (c: number): number => left + (c + 0.5) * cw;

  const hc = data.highlightColumn;
  if (hc !== undefined && hc !== null && hc >= 0 && hc < cols) {
    svg.append(el('rect', { class: 'strips-highlight', x: r1(left + hc * cw), y: top - 4, width: r1(cw), height: height - top - bottom + 8, fill: 'var(--accent-soft)' }));
  }

  // Value axis: round ticks as faint grid lines, labels in the left margin.
  const axis = el('g', { class: 'strips-axis', fill: 'var(--fg-soft)', 'text-anchor': 'end' });
  let grid = '';
  for (const t of niceTicks(lo, hi, height < 150 ? 3 : 4)) {
    const ty = r1(y(t));
    grid += `M${left},${ty}h${r1(cols * cw)}`;
    const label = el('text', { x: left - 4, y: ty, dy: '0.32em' });
    label.textContent = formatNumber(t, 3);
    axis.append(label);
  }
  svg.append(el('path', { d: grid, stroke: COLORS.grid, 'stroke-width': 1, fill: 'none' }));
  svg.append(axis);
  if (data.yLabel) {
    const t = el('text', { class: 'strips-y-label', x: 2, y: 11, fill: 'var(--fg)', 'text-anchor': 'start' });
    t.textContent = data.yLabel;
    svg.append(t);
  }

  if (!values) {
    const t = el('text', { x: r1(left + (cols * cw) / 2), y: r1(height / 2), dy: '0.35em', 'text-anchor': 'middle', fill: 'var(--fg)' });
    t.textContent = data.message ?? '';
    svg.append(t);
    return svg;
  }

  // The values: a short tick per value, one path.
  const rug = rugPath(values, rows, cols, lo, hi, left, top, height - top - bottom, cw);
  svg.append(el('path', { class: 'strips-values', d: rug, stroke: COLORS.bn, 'stroke-opacity': 0.55, 'stroke-width': 1.5, fill: 'none' }));

  // ±1 std bars and the means.
  const bar = Math.max(3, Math.min(22, cw * 0.75));
  let stdPath = '';
  let meanPath = '';
  for (let c = 0; c < cols; c++) {
    const m = data.means?.[c];
    if (m === undefined) continue;
    const s = data.stds?.[c];
    if (s !== undefined && Number.isFinite(s)) stdPath += `M${r1(cx(c))},${r1(y(m - s))}V${r1(y(m + s))}`;
    meanPath += `M${r1(cx(c) - bar / 2)},${r1(y(m))}h${r1(bar)}`;
  }
  if (stdPath) svg.append(el('path', { class: 'strips-std', d: stdPath, stroke: COLORS.fg, 'stroke-width': 1.5, fill: 'none' }));
  if (meanPath) svg.append(el('path', { class: 'strips-mean', d: meanPath, stroke: COLORS.fg, 'stroke-width': 3, fill: 'none' }));

  if (data.reference) {
    let diamonds = '';
    const d = Math.max(2.5, Math.min(5, cw * 0.3));
    for (let c = 0; c < cols; c++) {
      const v = data.reference[c];
      if (v === undefined) continue;
      const x0 = r1(cx(c));
      diamonds += `M${x0},${r1(y(v) - d)}l${d},${d}l${-d},${d}l${-d},${-d}z`;
    }
    svg.append(el('path', { class: 'strips-reference', d: diamonds, stroke: COLORS.ln, 'stroke-width': 1.5, fill: 'none' }));
  }
  return svg;
}
