// One output value of your sentence as the padding share changes: BatchNorm with pads in its statistics,
// BatchNorm with pads masked, and LayerNorm (flat). A legend row on top, the current share as a labelled rule.
// Plain SVG: it is redrawn on nearly every input, and Plot's set-up would cost more than its few marks.
import { COLORS, heightFor } from './theme';
import { formatNumber, formatPercent } from './format';
import { textWidth } from './heatmap';
import { r1, svgBuilder, svgRoot } from './svg';
import { niceDomain, polyline, xyFrame } from './xy-frame';
import type { ChartOptions } from '../widgets/view';

export interface PaddingSweepPoint {
  /** The padding share actually reached, in [0, 1). */
  readonly share: number;
  /** BatchNorm output, pads in the statistics. */
  readonly bn: number;
  /** BatchNorm output, pads masked out. */
  readonly bnMasked: number;
  /** LayerNorm output. */
  readonly ln: number;
}

export interface PaddingSweepData {
  readonly points: readonly PaddingSweepPoint[];
  /** The current padding share (a point's share). */
  readonly current: number;
  /** Which BatchNorm line is the current one. */
  readonly masked: boolean;
  /** `now` names the current share's rule ("now 29.2 %"). */
  readonly labels: { readonly x: string; readonly y: string; readonly bn: string; readonly bnMasked: string; readonly ln: string; readonly now: string };
}

/** Height / width of the figure. */
export const PADDING_SWEEP_RATIO = 0.55;

const ROW = 18;

type Series = 'bn' | 'bnMasked' | 'ln';

/** Draws the sweep: x = padding share, y = output; the active BatchNorm line is bold, the other thin. */
export function paddingSweepChart(data: PaddingSweepData, { width, document, lang }: ChartOptions): SVGSVGElement {
  const el = svgBuilder(document ?? globalThis.document);
  const height = heightFor(width, PADDING_SWEEP_RATIO);
  const fontSize = 12;
  const svg = svgRoot(el, width, height, 'padding-sweep');
  svg.setAttribute('font-size', String(fontSize));

  // Legend: a line sample and a label per series, wrapping onto a second row when narrow.
  const items: { label: string; color: string; dash: string; bold: boolean }[] = [
    { label: data.labels.bn, color: COLORS.bn, dash: 'none', bold: !data.masked },
    { label: data.labels.bnMasked, color: COLORS.bn, dash: '5 3', bold: data.masked },
    { label: data.labels.ln, color: COLORS.ln, dash: 'none', bold: true },
  ];
  const legend = el('g', { class: 'padding-sweep-legend' });
  let x = 8;
  let row = 0;
  for (const item of items) {
    const w = 30 + textWidth(item.label, fontSize) + 16;
    if (x + w > width && x > 8) {
      row += 1;
      x = 8;
    }
    const y = 12 + row * ROW;
    legend.append(
      el('line', { x1: x, x2: x + 24, y1: y, y2: y, stroke: item.color, 'stroke-width': item.bold ? 3 : 1.5, 'stroke-dasharray': item.dash }),
      el('text', { x: x + 30, y, dy: '0.35em' }, item.label),
    );
    x += w;
  }
  svg.append(legend);
  const legendHeight = 2 * ROW + 6; // always two rows' worth, so the plot's box does not depend on the words

  const points = data.points;
  const values = points.flatMap((p) => [p.bn, p.bnMasked, p.ln]);
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (!(hi - lo > 0.5)) {
    lo -= 0.25;
    hi += 0.25;
  }
  const yAxis = niceDomain(lo, hi, width < 480 ? 4 : 6);
  const box = { left: 44, top: legendHeight + 24, width: width - 44 - 14, height: height - legendHeight - 24 - 34 };
  const frame = xyFrame(
    el,
    box,
    { domain: [0, 0.8], ticks: [0, 0.2, 0.4, 0.6, 0.8], format: (d) => formatPercent(d, lang), label: data.labels.x },
    { domain: yAxis.domain, ticks: yAxis.ticks, format: (d) => formatNumber(d, 2), label: data.labels.y, grid: true },
  );
  svg.append(frame.g);
  const line = (key: Series, color: string, strokeWidth: number, dash: string, opacity: number) =>
    el('path', {
      d: polyline(points.map((p) => [frame.x(p.share), frame.y(p[key])])),
      fill: 'none',
      stroke: color,
      'stroke-width': strokeWidth,
      'stroke-dasharray': dash,
      'stroke-opacity': opacity,
      'stroke-linejoin': 'round',
    });
  const active: Series = data.masked ? 'bnMasked' : 'bn';
  const inactive: Series = data.masked ? 'bn' : 'bnMasked';
  const current = points.filter((p) => p.share === data.current).slice(-1);
  const marks = el('g', { class: 'padding-sweep-marks' });
  if (lo <= 0 && hi >= 0) marks.append(el('path', { d: `M${box.left},${r1(frame.y(0))}h${box.width}`, stroke: COLORS.soft, 'stroke-opacity': 0.6 }));
  marks.append(
    el('path', { d: `M${r1(frame.x(data.current))},${box.top}v${box.height}`, stroke: COLORS.soft, 'stroke-dasharray': '2 3' }),
    line(inactive, COLORS.bn, 1.5, data.masked ? 'none' : '5 3', 0.55),
    line(active, COLORS.bn, 3, data.masked ? '5 3' : 'none', 1),
    line('ln', COLORS.ln, 3, 'none', 1),
  );
  for (const p of current) {
    for (const [key, color] of [[active, COLORS.bn], ['ln', COLORS.ln]] as const) {
      marks.append(el('circle', { cx: r1(frame.x(p.share)), cy: r1(frame.y(p[key])), r: 5, fill: color, stroke: 'var(--bg-raised)', 'stroke-width': 1.5 }));
    }
  }
  // The rule's label at the top of the plot, on the side of the rule with room for it, on a halo over the lines.
  const now = `${data.labels.now} ${formatPercent(data.current, lang, 1)}`;
  const ruleX = frame.x(data.current);
  const right = ruleX + 5 + textWidth(now, fontSize) <= box.left + box.width;
  marks.append(
    el(
      'text',
      { x: r1(ruleX + (right ? 5 : -5)), y: box.top + 4, dy: '0.71em', 'text-anchor': right ? 'start' : 'end', fill: COLORS.soft, stroke: 'var(--bg-raised)', 'stroke-width': 4, 'stroke-linejoin': 'round', 'paint-order': 'stroke' },
      now,
    ),
  );
  svg.append(marks);
  return svg;
}
