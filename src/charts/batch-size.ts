import * as Plot from '@observablehq/plot';
import { BATCH_SIZES, VALIDATION_ERROR } from '../data/groupnorm-batch-sizes';
import { COLORS, heightFor } from './theme';
import type { ChartOptions } from '../widgets/view';

export interface BatchSizeRow { readonly norm: 'BN' | 'GN'; readonly batch: number; readonly error: number }

/** The published rows as a flat list, one per (norm, batch size). */
export function batchSizeRows(): BatchSizeRow[] {
  return (['BN', 'GN'] as const).flatMap((norm) =>
    BATCH_SIZES.map((batch, i) => ({ norm, batch, error: VALIDATION_ERROR[norm][i] ?? Number.NaN })),
  );
}

/** Validation error against batch size per GPU for BatchNorm and GroupNorm (log₂ x axis, batch shrinking to the right). */
export function batchSizeChart(rows: readonly BatchSizeRow[], { width, document, lang }: ChartOptions): SVGSVGElement | HTMLElement {
  const zh = lang === 'zh';
  return Plot.plot({
    width,
    height: heightFor(width, 0.5),
    marginLeft: 48,
    marginRight: 40,
    marginBottom: 40,
    style: { background: 'transparent', fontSize: '12px' },
    x: { type: 'log', base: 2, reverse: true, ticks: [...BATCH_SIZES], tickFormat: (d: number) => String(d), label: zh ? '每块 GPU 的批大小 →' : 'batch size per GPU →', labelAnchor: 'right' },
    y: { domain: [22, 36], grid: true, label: zh ? '↑ 验证错误率 (%)' : '↑ validation error (%)' },
    color: { domain: ['BN', 'GN'], range: [COLORS.bn, COLORS.other] },
    marks: [
      Plot.lineY(rows, { x: 'batch', y: 'error', stroke: 'norm', strokeWidth: 2.5 }),
      Plot.dot(rows, { x: 'batch', y: 'error', fill: 'norm', r: 4 }),
      // Name each line at its small-batch end, BN above its point and GN below.
      Plot.text(rows.filter((d) => d.norm === 'BN' && d.batch === 4), { x: 'batch', y: 'error', text: () => 'BatchNorm', fill: COLORS.bn, dx: -10, dy: -14, textAnchor: 'end', fontWeight: 700 }),
      Plot.text(rows.filter((d) => d.norm === 'GN' && d.batch === 4), { x: 'batch', y: 'error', text: () => 'GroupNorm', fill: COLORS.other, dy: 18, fontWeight: 700 }),
      Plot.text(rows, { x: 'batch', y: 'error', text: (d: BatchSizeRow) => d.error.toFixed(1), dy: -10, fill: COLORS.soft, fontSize: 10 }),
    ],
    ...(document ? { document } : {}),
  });
}
