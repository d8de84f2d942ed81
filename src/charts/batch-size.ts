import * as Plot from '@observablehq/plot';
import { BATCH_SIZES, VALIDATION_ERROR } from '../data/groupnorm-batch-sizes';
import { formatPercent } from './format';
import { COLORS, heightFor } from './theme';
import type { ChartOptions } from '../widgets/view';

export interface BatchSizeRow { readonly norm: 'BN' | 'GN'; readonly batch: number; readonly error: number }

/**
 * The widths the page draws the chart at, narrowest first. The chart is drawn at build time only (no JavaScript
 * redraws it), so the page serves one drawing per width band and shows the widest that fits its box
 * (BatchSizeChart.astro): a drawing is never shrunk below its width, nor stretched by more than a third, and its
 * text stays at 11–17 CSS px.
 */
export const BATCH_SIZE_WIDTHS = [300, 400, 520, 680, 840] as const;

/**
 * Text sizes in the drawing (SVG units = CSS px at the drawn width). The phone drawing (300) is shown down to a
 * 320 px screen's 254 px box, so its text is drawn larger: it stays ≥ 11 CSS px there.
 */
export function fontSizes(width: number): { readonly axis: number; readonly value: number; readonly name: number } {
  return width < 400 ? { axis: 13, value: 13, name: 14 } : { axis: 12, value: 12, name: 13 };
}

const MARGIN = { left: 36, right: 14, top: 32, bottom: 40 } as const;

/** Height / width: taller on a phone, where the chart is narrow. */
export function batchSizeRatio(width: number): number {
  return width < 480 ? 0.8 : width < 700 ? 0.55 : 0.45;
}

/** The published rows as a flat list, one per (norm, batch size). */
export function batchSizeRows(): BatchSizeRow[] {
  return (['BN', 'GN'] as const).flatMap((norm) =>
    BATCH_SIZES.map((batch, i) => ({ norm, batch, error: VALIDATION_ERROR[norm][i] ?? Number.NaN })),
  );
}

/** Whether a row's value label goes above its dot: the higher of the two norms at its batch size (the other below). */
export function labelAbove(row: BatchSizeRow, rows: readonly BatchSizeRow[]): boolean {
  const other = rows.find((r) => r.batch === row.batch && r.norm !== row.norm);
  return other === undefined || row.error >= other.error;
}

/** Whether the row's line climbs steeply towards the next, smaller batch size: its label above then sits to the left. */
export function climbs(row: BatchSizeRow, rows: readonly BatchSizeRow[]): boolean {
  const next = rows.find((r) => r.norm === row.norm && r.batch === row.batch / 2);
  return next !== undefined && next.error - row.error > 3;
}

/** Log₂ of the batch size at which BatchNorm's line between batch 4 and 2 reaches `error` (where its name sits). */
function bnBatchAt(error: number): number {
  const at4 = VALIDATION_ERROR.BN[BATCH_SIZES.indexOf(4)] ?? 27.3;
  const at2 = VALIDATION_ERROR.BN[BATCH_SIZES.indexOf(2)] ?? 34.7;
  return 2 ** (2 - (error - at4) / (at2 - at4));
}

/**
 * Validation error against batch size per GPU for BatchNorm and GroupNorm (log₂ x axis, batch shrinking to the
 * right). Every point is labelled with its percentage, above its dot for the higher norm at that batch size and below
 * for the lower one, so the two never meet (to the upper left where the line climbs steeply on, away from it), on a
 * halo that keeps it legible where a line passes; the lines are named in the free space beside BatchNorm's climb.
 */
export function batchSizeChart(rows: readonly BatchSizeRow[], { width, document, lang }: ChartOptions): SVGSVGElement | HTMLElement {
  const zh = lang === 'zh';
  const font = fontSizes(width);
  const above = rows.filter((r) => labelAbove(r, rows) && !climbs(r, rows));
  const aboveLeft = rows.filter((r) => labelAbove(r, rows) && climbs(r, rows));
  const below = rows.filter((r) => !labelAbove(r, rows));
  const valueText = (d: BatchSizeRow) => formatPercent(d.error / 100, lang, 1);
  // A halo in the figure's background keeps a label legible where a line passes behind it.
  const label = { x: 'batch', y: 'error', text: valueText, fill: COLORS.fg, fontSize: font.value, stroke: 'var(--bg-raised)', strokeWidth: 4, paintOrder: 'stroke' } as const;
  const nameBN = 32;
  const chart = Plot.plot({
    width,
    height: heightFor(width, batchSizeRatio(width)),
    marginLeft: MARGIN.left,
    marginRight: MARGIN.right,
    marginTop: MARGIN.top,
    marginBottom: MARGIN.bottom,
    style: { background: 'transparent', fontSize: `${font.axis}px` },
    x: {
      type: 'log',
      base: 2,
      reverse: true,
      domain: [1.7, 50],
      ticks: [...BATCH_SIZES],
      tickFormat: (d: number) => String(d),
      label: zh ? '每块 GPU 的批大小 →' : 'batch size per GPU →',
      labelAnchor: 'right',
    },
    // The y axis's title is a text mark: Plot puts its own 3 px under the top edge, where a CJK font's line box pokes out.
    y: { domain: [21, 36], ticks: [25, 30, 35], grid: true, label: null },
    color: { domain: ['BN', 'GN'], range: [COLORS.bn, COLORS.other] },
    marks: [
      Plot.text([zh ? '↑ 验证错误率（%）' : '↑ validation error (%)'], { frameAnchor: 'top-left', dx: -(MARGIN.left - 3), dy: -(MARGIN.top - 6), textAnchor: 'start', lineAnchor: 'top', fontSize: font.axis }),
      Plot.lineY(rows, { x: 'batch', y: 'error', stroke: 'norm', strokeWidth: 2.5 }),
      Plot.dot(rows, { x: 'batch', y: 'error', fill: 'norm', r: 4 }),
      Plot.text(above, { ...label, dy: -13 }),
      Plot.text(aboveLeft, { ...label, dx: -7, dy: -9, textAnchor: 'end' }),
      Plot.text(below, { ...label, dy: 15 }),
      // BatchNorm is named left of its steep climb from batch 4 to 2 (the top left is empty); GroupNorm above its
      // flat line between the same two batch sizes, under BatchNorm's climb.
      Plot.text([{ x: bnBatchAt(nameBN), y: nameBN }], { x: 'x', y: 'y', text: () => 'BatchNorm', dx: -10, textAnchor: 'end', fill: 'var(--bn-text)', fontSize: font.name, fontWeight: 700 }),
      Plot.text([{ x: Math.SQRT2 * 2, y: 25.9 }], { x: 'x', y: 'y', text: () => 'GroupNorm', fill: 'var(--other-text)', fontSize: font.name, fontWeight: 700 }),
    ],
    ...(document ? { document } : {}),
  });
  return withFontVariantAsCss(chart);
}

/**
 * Plot writes its axes' tabular figures as an SVG attribute, font-variant="tabular-nums", a value the attribute does
 * not take (SVG's font-variant attribute is normal or small-caps; the Nu HTML Checker rejects it): each becomes the same
 * CSS property (the font-variant shorthand, which takes tabular-nums) in the element's style.
 */
export function withFontVariantAsCss<T extends Element>(chart: T): T {
  for (const node of [chart, ...chart.querySelectorAll('[font-variant]')]) {
    const variant = node.getAttribute('font-variant');
    if (variant === null) continue;
    node.removeAttribute('font-variant');
    const style = node.getAttribute('style');
    node.setAttribute('style', `${style ? `${style.replace(/;?\s*$/, '; ')}` : ''}font-variant: ${variant}`);
  }
  return chart;
}
