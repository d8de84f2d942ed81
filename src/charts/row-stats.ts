// A (rows × cols) heatmap (./heatmap) with each row's own statistics beside it: two columns, μ and σ²,
// printed as numbers when the rows are tall enough, drawn as small bars when they are not. A statistic below
// rounding noise (ROUNDING_ZERO) is 0, printed and drawn: the bars never stretch rounding to full width.
import { heatmapChart, heatmapLayout, textWidth, type HeatmapData } from './heatmap';
import { formatNumber, ROUNDING_ZERO } from './format';
import { exactHeight } from './svg';
import type { ChartOptions } from '../widgets/view';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 11;
/** Rows at least this tall get their statistics printed; thinner ones get bars. */
const TEXT_ROW_HEIGHT = 12;

export interface RowStatsData {
  readonly heatmap: HeatmapData;
  /** One value per row, e.g. the row's mean. */
  readonly rowMeans: ArrayLike<number>;
  /** One value per row, e.g. the row's (biased) variance. */
  readonly rowVars: ArrayLike<number>;
  /** Column headings, e.g. "μ" and "σ²". */
  readonly meanLabel: string;
  readonly varLabel: string;
}

/**
 * Height / width for a number of rows: taller for more rows, so that 8 rows fit their numbers in a 300 px box (and
 * a column-stats chart of 8 rows, whose statistics take the top, still has rows 11 px tall there).
 */
export function rowStatsRatio(rows: number): number {
  return Math.min(1, 0.54 + 0.01 * Math.max(1, rows));
}

const r2 = (v: number): number => Math.round(v * 100) / 100;

/** v, or 0 when it is floating-point rounding (|v| < ROUNDING_ZERO): what a bar shows. */
export function barValue(v: number): number {
  return Math.abs(v) < ROUNDING_ZERO ? 0 : v;
}

/**
 * The heatmap on the left, the per-row statistics on the right, aligned row by row.
 * The whole figure is `width` wide and `rowStatsRatio(rows) · width` high.
 */
export function rowStatsChart(data: RowStatsData, { width, document, lang }: ChartOptions): SVGSVGElement {
  const doc = document ?? globalThis.document;
  const el = <K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] => {
    const node = doc.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  };
  const { rows } = data.heatmap;
  const height = exactHeight(width, rowStatsRatio(rows));
  const columns = [
    { label: data.meanLabel, values: Array.from(data.rowMeans, barValue), className: 'row-stats-mean' },
    { label: data.varLabel, values: Array.from(data.rowVars, barValue), className: 'row-stats-var' },
  ];
  // The rows' height does not depend on how wide the statistics are: decide numbers or bars first.
  const asText = heatmapLayout(data.heatmap, width, height / width).cellHeight >= TEXT_ROW_HEIGHT;
  const highlight = data.heatmap.highlightRow ?? -1;
  const texts = columns.map((col) =>
    col.values.map((v, r) => (asText || r === highlight ? formatNumber(v, 3) : '')),
  );
  const columnWidth = Math.max(asText ? 40 : 46, ...texts.flat().map((s) => textWidth(s) + 12));
  const statsWidth = Math.min(Math.round(width * 0.34), 2 * columnWidth);
  const mapWidth = width - statsWidth;
  const mapRatio = height / mapWidth;
  const layout = heatmapLayout(data.heatmap, mapWidth, mapRatio);

  const svg = el('svg', { xmlns: SVG_NS, class: 'row-stats', width, height, viewBox: `0 0 ${width} ${height}`, 'font-size': FONT, fill: 'currentColor' });
  // Values in the cells only when the rows are tall enough to hold them (saves formatting 1024 numbers for nothing).
  const heatmap = layout.cellHeight >= 14 ? data.heatmap : { ...data.heatmap, showValues: false };
  const map = heatmapChart(heatmap, { width: mapWidth, lang, ratio: mapRatio, ...(document ? { document } : {}) });
  map.setAttribute('x', '0');
  map.setAttribute('y', '0');
  svg.append(map);

  const { top, cellHeight: ch } = layout;
  const colW = statsWidth / 2;
  columns.forEach((col, k) => {
    const x0 = mapWidth + k * colW;
    const g = el('g', { class: col.className });
    const head = el('text', { x: r2(x0 + colW - 6), y: top - 5, 'text-anchor': 'end', 'font-weight': 700, fill: 'var(--fg)' });
    head.textContent = col.label;
    g.append(head);
    if (asText) {
      col.values.forEach((_, r) => {
        const picked = r === highlight;
        const t = el('text', { x: r2(x0 + colW - 6), y: r2(top + (r + 0.5) * ch), dy: '0.35em', 'text-anchor': 'end', fill: picked ? 'var(--fg)' : 'var(--fg-soft)' });
        if (picked) t.setAttribute('font-weight', '700');
        t.textContent = texts[k]?.[r] ?? '';
        g.append(t);
      });
    } else {
      // Bars from a zero line, one path for all rows and one for the chosen row. When every value is 0 the span
      // falls back to 1: the bars stay at the zero line.
      const lo = Math.min(0, ...col.values);
      const hi = Math.max(0, ...col.values);
      const span = hi - lo || 1;
      const inner = colW - 12;
      const x = (v: number): number => x0 + 6 + ((v - lo) / span) * inner;
      const bar = (v: number, r: number): string => {
        const a = x(Math.min(0, v));
        const b = Math.max(x(Math.max(0, v)), a + 1);
        return `M${r2(a)},${r2(top + r * ch + 0.5)}h${r2(b - a)}v${r2(Math.max(1, ch - 1))}h${r2(a - b)}z`;
      };
      const rest = col.values.map((v, r) => (r === highlight ? '' : bar(v, r))).join('');
      if (rest) g.append(el('path', { d: rest, fill: 'var(--fg-soft)', opacity: 0.75 }));
      const chosen = col.values[highlight];
      if (chosen !== undefined) g.append(el('path', { d: bar(chosen, highlight), fill: 'var(--fg)' }));
      g.append(el('path', { d: `M${r2(x(0))},${top}v${r2(rows * ch)}`, stroke: 'var(--fg-soft)', 'stroke-width': 1 }));
      // The chosen row's value under the column: its bar is the dark one.
      if (chosen !== undefined) {
        const value = el('text', { x: r2(x0 + colW - 6), y: r2(top + rows * ch + 12), dy: '0.35em', 'text-anchor': 'end', fill: 'var(--fg)', 'font-weight': 700 });
        value.textContent = texts[k]?.[highlight] ?? '';
        g.append(value);
      }
    }
    svg.append(g);
  });
  return svg;
}
