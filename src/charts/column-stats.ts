// A (rows × cols) heatmap (./heatmap) with each column's statistics above it: a μ line and a σ² line, one value
// over each column, printed when the columns are wide enough and drawn as small bars when they are not. The mirror
// of ./row-stats (statistics per row, beside the rows), and as tall, so the two stand side by side: BatchNorm's
// output with the column statistics it divides by, LayerNorm's with the row statistics it divides by.
// When there is no output (PyTorch refuses the input) the figure shows the message in the same box.
import { heatmapChart, heatmapLayout, textWidth, type HeatmapData } from './heatmap';
import { formatNumber, wrapWords } from './format';
import { rowStatsRatio } from './row-stats';
import { exactHeight, r1, svgBuilder, svgRoot, type SvgBuilder } from './svg';
import type { ChartOptions } from '../widgets/view';

const FONT = 11;
/** Height of the line above the statistics (the axis title and where the statistics come from). */
const TITLE_HEIGHT = 18;
/** Height of one line of statistics (μ, then σ²). */
const LINE_HEIGHT = 17;
/** Space between the statistics and the heatmap's column labels. */
const GAP = 4;
/** Everything above the heatmap. */
export const COLUMN_STATS_TOP = TITLE_HEIGHT + 2 * LINE_HEIGHT + GAP;

export interface ColumnStatsData {
  /** The heatmap, without its own column title (this chart draws it above the statistics); null with a message. */
  readonly heatmap: HeatmapData | null;
  /** Rows of the heatmap (sets the height, also while a message stands in for it). */
  readonly rows: number;
  /** One value per column, e.g. the column's mean; null with a message. */
  readonly colMeans: ArrayLike<number> | null;
  readonly colVars: ArrayLike<number> | null;
  /** Line headings, e.g. "μ" and "σ²". */
  readonly meanLabel: string;
  readonly varLabel: string;
  /** The columns' title, e.g. "feature →" (left), and where the statistics come from, e.g. "over the batch" (right). */
  readonly colTitle: string;
  readonly statsSource: string;
  /** Shown instead of the heatmap (e.g. PyTorch's error), or null. */
  readonly message: string | null;
}


/** The statistics as text with as many significant digits (3, else 2) as fit in a column; null when none fit. */
function fittingTexts(columns: readonly (readonly number[])[], cellWidth: number): string[][] | null {
  for (const digits of [3, 2]) {
    const texts = columns.map((values) => values.map((v) => formatNumber(v, digits)));
    if (Math.max(...texts.flat().map((t) => textWidth(t))) + 6 <= cellWidth) return texts;
  }
  return null;
}

function drawMessage(el: SvgBuilder, svg: SVGSVGElement, message: string, width: number, top: number, height: number): void {
  svg.append(el('rect', { x: 0.5, y: top + 0.5, width: width - 1, height: Math.max(0, height - top - 1), fill: 'none', stroke: 'var(--border)', 'stroke-dasharray': '4 3' }));
  const lines = wrapWords(message, Math.max(8, Math.floor((width - 16) / (FONT * 0.6))));
  const cx = width / 2;
  const text = el('text', {
    class: 'column-stats-message',
    x: r1(cx),
    y: r1((top + height) / 2 - ((lines.length - 1) * FONT * 1.25) / 2),
    'text-anchor': 'middle',
    'font-family': 'var(--font-mono)',
  });
  lines.forEach((line, k) => text.append(el('tspan', { x: r1(cx), dy: k === 0 ? '0.35em' : '1.25em' }, line)));
  svg.append(text);
}

/**
 * The statistics above, the heatmap below, aligned column by column. The whole figure is `width` wide and
 * `rowStatsRatio(rows) · width` high, as tall as a row-stats chart of the same rows.
 */
export function columnStatsChart(data: ColumnStatsData, { width, document, lang }: ChartOptions): SVGSVGElement {
  const el = svgBuilder(document ?? globalThis.document);
  const height = exactHeight(width, rowStatsRatio(data.rows));
  const svg = svgRoot(el, width, height, 'column-stats');
  const mapHeight = height - COLUMN_STATS_TOP;
  const layout = data.heatmap ? heatmapLayout(data.heatmap, width, mapHeight / width) : null;

  if (data.message !== null || !data.heatmap || !layout || !data.colMeans || !data.colVars) {
    drawMessage(el, svg, data.message ?? '', width, TITLE_HEIGHT, height);
    return svg;
  }

  // The title line: the columns' axis over the columns, the statistics' source at the right end.
  svg.append(el('text', { x: layout.left, y: 12, fill: 'var(--fg)' }, data.colTitle));
  svg.append(el('text', { class: 'column-stats-source', x: width, y: 12, 'text-anchor': 'end', fill: 'var(--fg-soft)' }, data.statsSource));

  const { left, cellWidth: cw } = layout;
  // Values in the cells only when the rows are tall enough to hold them (saves formatting 1024 numbers for nothing).
  const heatmap = layout.cellHeight >= 14 ? data.heatmap : { ...data.heatmap, showValues: false };
  const map = heatmapChart(heatmap, { width, lang, ratio: mapHeight / width, ...(document ? { document } : {}) });
  map.setAttribute('x', '0');
  map.setAttribute('y', String(COLUMN_STATS_TOP));
  svg.append(map);

  const lines = [
    { label: data.meanLabel, values: Array.from(data.colMeans), className: 'column-stats-mean' },
    { label: data.varLabel, values: Array.from(data.colVars), className: 'column-stats-var' },
  ];
  const texts = fittingTexts(
    lines.map((l) => l.values),
    cw,
  );
  lines.forEach((line, k) => {
    const top = TITLE_HEIGHT + k * LINE_HEIGHT;
    const mid = top + LINE_HEIGHT / 2;
    const g = el('g', { class: line.className });
    g.append(el('text', { x: left - 5, y: r1(mid), dy: '0.35em', 'text-anchor': 'end', 'font-weight': 700, fill: 'var(--fg)' }, line.label));
    if (texts) {
      line.values.forEach((_, c) => {
        g.append(el('text', { x: r1(left + (c + 0.5) * cw), y: r1(mid), dy: '0.35em', 'text-anchor': 'middle', fill: 'var(--fg)' }, texts[k]?.[c] ?? ''));
      });
    } else {
      // Bars from a zero line across the columns, one path for the line. When every value is 0 the span falls
      // back to 1: the bars stay at the zero line.
      const lo = Math.min(0, ...line.values);
      const hi = Math.max(0, ...line.values);
      const span = hi - lo || 1;
      const inner = LINE_HEIGHT - 4;
      const y = (v: number): number => top + 2 + inner - ((v - lo) / span) * inner;
      const pad = Math.min(3, cw * 0.2);
      const bars = line.values
        .map((v, c) => {
          const a = y(Math.max(0, v));
          const b = Math.max(y(Math.min(0, v)), a + 1);
          return `M${r1(left + c * cw + pad)},${r1(a)}h${r1(cw - 2 * pad)}v${r1(b - a)}h${r1(2 * pad - cw)}z`;
        })
        .join('');
      g.append(el('path', { d: bars, fill: 'var(--fg-soft)' }));
      g.append(el('path', { d: `M${r1(left)},${r1(y(0))}h${r1(cw * line.values.length)}`, stroke: 'var(--fg-soft)', 'stroke-width': 1, fill: 'none' }));
    }
    svg.append(g);
  });
  return svg;
}
