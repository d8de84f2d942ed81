// A (rows × cols) heatmap in plain SVG: a quantized diverging colour scale (colour-blind safe, one <path> per colour,
// so 64 × 16 cells cost a dozen DOM nodes), a legend, row/column labels, an optional highlighted row or column and
// optional values printed in the cells when they are large enough. Shared by the BatchNorm and LayerNorm widgets;
// keep this API stable.
import { recentResults } from './figure-cache';
import { formatNumber } from './format';
import type { ChartOptions } from '../widgets/view';

import { exactHeight, SVG_NS } from './svg';

/** Number of colour steps; odd, so the pivot sits in the neutral middle step. */
export const HEATMAP_BINS = 11;
/** Default height / width of the whole figure (cells, labels and legend). */
export const HEATMAP_RATIO = 0.6;

export interface HeatmapData {
  readonly rows: number;
  readonly cols: number;
  /** rows × cols values, row-major: values[r · cols + c]. */
  readonly values: ArrayLike<number>;
  /** A label per row (default 1, 2, …); only every k-th is drawn when rows are thin. */
  readonly rowLabels?: readonly string[];
  /** A label per column (default 1, 2, …); only every k-th is drawn when columns are narrow. */
  readonly colLabels?: readonly string[];
  /** Title of the rows (drawn vertically on the left), e.g. "sample". */
  readonly rowTitle?: string;
  /** Title of the columns (drawn above them), e.g. "feature →". */
  readonly colTitle?: string;
  /** Colour domain [lo, hi]; values outside get the end colours. Default pivot ± max|v − pivot|. */
  readonly domain?: readonly [number, number];
  /** The value drawn in the neutral middle colour (default 0). */
  readonly pivot?: number;
  /** 0-based column to outline (e.g. the feature a statistic belongs to), or null. */
  readonly highlightColumn?: number | null;
  /** 0-based row to outline, or null. */
  readonly highlightRow?: number | null;
  /** Print each value in its cell when the cells are large enough for the text. */
  readonly showValues?: boolean;
  /** Formats cell values and legend ticks (default 3 significant digits). */
  readonly format?: (v: number) => string;
  /** Words before the legend's colour bar, e.g. "value". */
  readonly legendLabel?: string;
  /** Optional rows × cols mask: cells with 0 (e.g. padding) are drawn hatched, without colour. */
  readonly mask?: ArrayLike<number>;
  /** Legend words for masked cells, e.g. "padding". */
  readonly maskLabel?: string;
}

export interface HeatmapOptions extends ChartOptions {
  /** Height / width of the figure (default {@link HEATMAP_RATIO}); the cells shrink to fit. */
  readonly ratio?: number;
}

/** Where the cells sit inside the figure, for charts drawn to line up with the heatmap's columns. */
export interface HeatmapLayout {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly cellWidth: number;
  readonly cellHeight: number;
}

const FONT = 11;
/** Cell values: no smaller than the other labels (11 CSS px at the box's width). */
const VALUE_FONT = 11;
const LEGEND_HEIGHT = 40;

/** Rough width of a label in px (CJK characters are square, Latin ones about 0.6 em). */
export function textWidth(text: string, size = FONT): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? size : size * 0.62;
  return w;
}

function rowLabelsOf(data: Pick<HeatmapData, 'rows' | 'rowLabels'>): readonly string[] {
  return data.rowLabels ?? Array.from({ length: data.rows }, (_, i) => String(i + 1));
}

function colLabelsOf(data: Pick<HeatmapData, 'cols' | 'colLabels'>): readonly string[] {
  return data.colLabels ?? Array.from({ length: data.cols }, (_, i) => String(i + 1));
}

/** The heatmap's margins and cell size at a width; companion charts use `left`/`right` to align with the columns. */
export function heatmapLayout(
  data: Pick<HeatmapData, 'rows' | 'cols' | 'rowLabels' | 'rowTitle' | 'colTitle'>,
  width: number,
  ratio = HEATMAP_RATIO,
): HeatmapLayout {
  const height = exactHeight(width, ratio);
  const labelWidth = Math.max(14, ...rowLabelsOf(data).map((l) => textWidth(l)));
  const left = Math.ceil(labelWidth + 6 + (data.rowTitle ? 16 : 0));
  const right = 8;
  const top = data.colTitle ? 32 : 18;
  const bottom = LEGEND_HEIGHT;
  const cellWidth = Math.max(0, width - left - right) / Math.max(1, data.cols);
  const cellHeight = Math.max(0, height - top - bottom) / Math.max(1, data.rows);
  return { width, height, left, right, top, bottom, cellWidth, cellHeight };
}

/**
 * The {@link HEATMAP_BINS} colours, low to high: theme.ts's DIVERGING_SCHEME (PuOr, colour-blind safe) sampled at the
 * steps' centres, with the extremes kept off near-black (t from 0.06 to 0.94). Written out so that a heatmap needs
 * no Plot; heatmap.test.ts checks them against Plot's scheme.
 */
const PALETTE: readonly string[] = [
  'rgb(85, 45, 132)',
  'rgb(120, 98, 165)',
  'rgb(158, 148, 194)',
  'rgb(193, 189, 219)',
  'rgb(222, 222, 236)',
  'rgb(243, 238, 234)',
  'rgb(252, 227, 193)',
  'rgb(252, 199, 132)',
  'rgb(240, 162, 68)',
  'rgb(214, 123, 23)',
  'rgb(178, 90, 9)',
];

/** The colours of the steps, from low to high. */
export function heatmapPalette(): readonly string[] {
  return PALETTE;
}

/** The colour step of v: the domain's two halves [lo, pivot] and [pivot, hi] each get half of the steps. */
export function heatmapBin(v: number, lo: number, hi: number, pivot: number): number {
  let t: number;
  if (v <= pivot) t = pivot > lo ? 0.5 * ((v - lo) / (pivot - lo)) : 0.5;
  else t = hi > pivot ? 0.5 + 0.5 * ((v - pivot) / (hi - pivot)) : 0.5;
  if (!(t >= 0)) t = 0; // also catches NaN
  return Math.min(HEATMAP_BINS - 1, Math.floor(Math.min(1, t) * HEATMAP_BINS));
}

/** The default colour domain: pivot ± max|v − pivot| (± 1 when every value equals the pivot). */
export function heatmapDomain(values: ArrayLike<number>, pivot = 0, mask?: ArrayLike<number>): [number, number] {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask && mask[i] === 0) continue;
    const d = Math.abs((values[i] ?? 0) - pivot);
    if (Number.isFinite(d) && d > m) m = d;
  }
  if (m === 0) m = 1;
  return [pivot - m, pivot + m];
}

/** Relative luminance of "rgb(r, g, b)" or "#rrggbb", for choosing dark or light text on a cell. */
function luminance(color: string): number {
  const parts = color.startsWith('#')
    ? [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16))
    : (color.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  const [r = 0, g = 0, b = 0] = parts.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const r2 = (v: number): number => Math.round(v * 100) / 100;
const r4 = (v: number): number => Math.round(v * 10000) / 10000;

/** Every k-th index so that labels of width `labelWidth` fit in steps of `step` px. */
function labelStride(step: number, labelWidth: number): number {
  return Math.max(1, Math.ceil(labelWidth / Math.max(step, 0.01)));
}

/** Each cell's colour step (−1: masked) and the runs of each step as path data (kept for the last few data). */
const cellRuns = recentResults(
  (values: ArrayLike<number>, rows: number, cols: number, lo: number, hi: number, pivot: number, mask: ArrayLike<number> | undefined) => {
    const paths = Array.from({ length: HEATMAP_BINS }, () => [] as string[]);
    const masked: string[] = [];
    const bins = new Int8Array(rows * cols);
    for (let i = 0; i < rows * cols; i++) bins[i] = mask && mask[i] === 0 ? -1 : heatmapBin(values[i] ?? 0, lo, hi, pivot);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; ) {
        const b = bins[r * cols + c]!;
        let end = c + 1;
        while (end < cols && bins[r * cols + end] === b) end++;
        const run = `M${c},${r}h${end - c}v1h${c - end}z`;
        if (b < 0) masked.push(run);
        else paths[b]?.push(run);
        c = end;
      }
    }
    return { paths: paths.map((d) => d.join('')), masked: masked.join(''), bins };
  },
);

/** Draws the heatmap; the figure is `width` wide and `ratio · width` high, whatever the number of rows. */
export function heatmapChart(data: HeatmapData, options: HeatmapOptions): SVGSVGElement {
  const doc = options.document ?? document;
  const el = <K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] => {
    const node = doc.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  };
  const { rows, cols, values } = data;
  const layout = heatmapLayout(data, options.width, options.ratio ?? HEATMAP_RATIO);
  const { width, height, left, top, cellWidth: cw, cellHeight: ch } = layout;
  const pivot = data.pivot ?? 0;
  const [lo, hi] = data.domain ?? heatmapDomain(values, pivot, data.mask);
  const format = data.format ?? ((v: number) => formatNumber(v, 3));
  const colors = heatmapPalette();

  const svg = el('svg', {
    xmlns: SVG_NS,
    class: 'heatmap',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    'font-size': FONT,
    fill: 'currentColor',
  });

  // Cells: one path per colour step (and one for masked cells); neighbours in a row with the same step are one
  // rectangle. The cells' group is scaled so that a cell is one unit: a run is "M<col>,<row>h<n>v1h-<n>z", short
  // integers instead of pixel coordinates (a redraw of 64 × 16 cells parses a third of the path data).
  const { paths, masked, bins } = cellRuns(values, rows, cols, lo, hi, pivot, data.mask);
  const cells = el('g', { class: 'heatmap-cells', 'shape-rendering': 'crispEdges', transform: `translate(${r2(left)},${r2(top)}) scale(${r4(cw)},${r4(ch)})` });
  paths.forEach((d, b) => {
    if (d.length > 0) cells.append(el('path', { d, fill: colors[b] ?? 'gray', 'data-bin': b }));
  });
  if (masked.length > 0) cells.append(el('path', { d: masked, fill: 'var(--bg-soft)', class: 'heatmap-masked' }));
  svg.append(cells);
  if (masked.length > 0) {
    // The hatching is drawn in pixels (a scaled stroke would be as thick as a cell).
    const hatch: string[] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (bins[r * cols + c] === -1) hatch.push(`M${r2(left + c * cw)},${r2(top + (r + 1) * ch)}l${r2(cw)},${r2(-ch)}`);
      }
    }
    svg.append(el('path', { d: hatch.join(''), stroke: 'var(--fg-soft)', 'stroke-width': 0.75, fill: 'none', opacity: 0.6 }));
  }

  // Thin gaps between columns (and rows when they are tall enough), in the background colour.
  const gaps: string[] = [];
  if (cw >= 6) for (let c = 1; c < cols; c++) gaps.push(`M${r2(left + c * cw)},${top}v${r2(rows * ch)}`);
  if (ch >= 8) for (let r = 1; r < rows; r++) gaps.push(`M${left},${r2(top + r * ch)}h${r2(cols * cw)}`);
  if (gaps.length > 0) svg.append(el('path', { d: gaps.join(''), stroke: 'var(--bg-raised)', 'stroke-width': 1, fill: 'none' }));

  // Values inside the cells, when they fit.
  // (Measured only when the cells could hold any text: formatting 1024 values is not free.)
  if (data.showValues && ch >= VALUE_FONT + 3 && cw >= 16) {
    let widest = 0;
    for (let i = 0; i < rows * cols; i++) widest = Math.max(widest, textWidth(format(values[i] ?? 0), VALUE_FONT));
    if (cw >= widest + 6) {
      const text = el('g', { class: 'heatmap-values', 'font-size': VALUE_FONT, 'text-anchor': 'middle' });
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const i = r * cols + c;
          const b = bins[i] ?? -1;
          if (b < 0) continue;
          const dark = luminance(colors[b] ?? '#fff') < 0.3;
          const t = el('text', { x: r2(left + (c + 0.5) * cw), y: r2(top + (r + 0.5) * ch), dy: '0.35em', fill: dark ? '#ffffff' : '#1d1f23' });
          t.textContent = format(values[i] ?? 0);
          text.append(t);
        }
      }
      svg.append(text);
    }
  }

  // Column labels (above) and row labels (left), thinned out when the cells are small.
  const colLabels = colLabelsOf(data);
  const rowLabels = rowLabelsOf(data);
  const colStride = labelStride(cw, Math.max(...colLabels.map((l) => textWidth(l))) + 4);
  const rowStride = labelStride(ch, FONT + 1);
  const labels = el('g', { class: 'heatmap-labels', fill: 'var(--fg-soft)' });
  // A highlighted column or row is always labelled; the thinned-out labels too close to it give way.
  const nearHighlight = (i: number, highlight: number | null | undefined, stride: number): boolean =>
    highlight !== undefined && highlight !== null && i !== highlight && Math.abs(i - highlight) < stride;
  for (let c = 0; c < cols; c++) {
    const highlighted = c === data.highlightColumn;
    if ((c % colStride !== 0 || nearHighlight(c, data.highlightColumn, colStride)) && !highlighted) continue;
    const t = el('text', { x: r2(left + (c + 0.5) * cw), y: top - 5, 'text-anchor': 'middle' });
    if (highlighted) {
      t.setAttribute('fill', 'var(--fg)');
      t.setAttribute('font-weight', '700');
    }
    t.textContent = colLabels[c] ?? '';
    labels.append(t);
  }
  for (let r = 0; r < rows; r++) {
    const highlighted = r === data.highlightRow;
    if ((r % rowStride !== 0 || nearHighlight(r, data.highlightRow, rowStride)) && !highlighted) continue;
    const t = el('text', { x: left - 5, y: r2(top + (r + 0.5) * ch), dy: '0.35em', 'text-anchor': 'end' });
    if (highlighted) {
      t.setAttribute('fill', 'var(--fg)');
      t.setAttribute('font-weight', '700');
    }
    t.textContent = rowLabels[r] ?? '';
    labels.append(t);
  }
  if (data.colTitle) {
    const t = el('text', { x: left, y: 12, 'text-anchor': 'start', fill: 'var(--fg)' });
    t.textContent = data.colTitle;
    labels.append(t);
  }
  if (data.rowTitle) {
    const cy = top + (rows * ch) / 2;
    const t = el('text', { transform: `translate(11,${r2(cy)}) rotate(-90)`, 'text-anchor': 'middle', fill: 'var(--fg)' });
    t.textContent = data.rowTitle;
    labels.append(t);
  }
  svg.append(labels);

  // Outlines of the highlighted column / row: a dark line with a light one inside, visible on any colour.
  const outline = (x: number, y: number, w: number, h: number, cls: string): void => {
    const g = el('g', { class: cls, fill: 'none' });
    g.append(el('rect', { x: r2(x - 1.5), y: r2(y - 1.5), width: r2(w + 3), height: r2(h + 3), stroke: 'var(--fg)', 'stroke-width': 2.5 }));
    g.append(el('rect', { x: r2(x + 0.5), y: r2(y + 0.5), width: r2(Math.max(0, w - 1)), height: r2(Math.max(0, h - 1)), stroke: 'var(--bg-raised)', 'stroke-width': 1 }));
    svg.append(g);
  };
  const hc = data.highlightColumn;
  if (hc !== undefined && hc !== null && hc >= 0 && hc < cols) outline(left + hc * cw, top, cw, rows * ch, 'heatmap-highlight-column');
  const hr = data.highlightRow;
  if (hr !== undefined && hr !== null && hr >= 0 && hr < rows) outline(left, top + hr * ch, cols * cw, ch, 'heatmap-highlight-row');

  // Legend: [label] then the colour steps, with lo, pivot and hi under them.
  const legend = el('g', { class: 'heatmap-legend' });
  const ly = top + rows * ch + 12;
  let lx = left;
  if (data.legendLabel) {
    const t = el('text', { x: lx, y: ly + 5, dy: '0.35em', fill: 'var(--fg)' });
    t.textContent = data.legendLabel;
    legend.append(t);
    lx += textWidth(data.legendLabel) + 8;
  }
  const maskWidth = masked.length > 0 && data.maskLabel ? textWidth(data.maskLabel) + 26 : 0;
  const barWidth = Math.max(60, Math.min(240, width - layout.right - lx - maskWidth));
  const step = barWidth / HEATMAP_BINS;
  colors.forEach((color, b) => {
    legend.append(el('rect', { x: r2(lx + b * step), y: ly, width: r2(step + 0.3), height: 10, fill: color }));
  });
  const ticks: [number, number, string][] = [
    [lo, lx, 'start'],
    [pivot, lx + barWidth / 2, 'middle'],
    [hi, lx + barWidth, 'end'],
  ];
  for (const [v, x, anchor] of ticks) {
    const t = el('text', { x: r2(x), y: ly + 22, 'text-anchor': anchor, fill: 'var(--fg-soft)' });
    t.textContent = format(v);
    legend.append(t);
  }
  if (maskWidth > 0) {
    const mx = lx + barWidth + 14;
    legend.append(el('rect', { x: r2(mx), y: ly, width: 10, height: 10, fill: 'var(--bg-soft)', stroke: 'var(--fg-soft)', 'stroke-width': 0.75 }));
    const t = el('text', { x: r2(mx + 14), y: ly + 5, dy: '0.35em', fill: 'var(--fg)' });
    t.textContent = data.maskLabel ?? '';
    legend.append(t);
  }
  svg.append(legend);
  return svg;
}
