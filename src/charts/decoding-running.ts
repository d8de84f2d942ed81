// BatchNorm's running mean of one feature over the training batches: a line from PyTorch's initial 0,
// the batches' own means as a thin line (both named in a legend on top), and the means of the training and of the
// decoding data as labelled rules (one rule when the decoded data have not drifted).
// Plain SVG, like the padding sweep: it is redrawn while the training slider moves.
import { COLORS, heightFor } from './theme';
import { formatNumber } from './format';
import { textWidth } from './heatmap';
import { niceTicks, r1, svgBuilder, svgRoot } from './svg';
import { niceDomain, polyline, xyFrame } from './xy-frame';
import type { ChartOptions } from '../widgets/view';

export interface DecodingRunningPoint {
  readonly step: number;
  /** Running mean after `step` batches. */
  readonly running: number;
  /** The mean of batch `step` (1-based), or null at step 0. */
  readonly batch: number | null;
}

export interface DecodingRunningData {
  /** Steps 0 … n. */
  readonly points: readonly DecodingRunningPoint[];
  /** The x axis always spans 0 … maxSteps, so the line grows as training goes on. */
  readonly maxSteps: number;
  /** Population mean of the training data, and of the (shifted) decoding data. */
  readonly population: number;
  readonly decoding: number;
  /**
   * `same` names the one rule drawn when the two means are equal (no drift); `running` and `batch` name the two lines
   * in the legend.
   */
  readonly labels: {
    readonly x: string;
    readonly y: string;
    readonly population: string;
    readonly decoding: string;
    readonly same: string;
    readonly running: string;
    readonly batch: string;
  };
}

/** Figures narrower than this are drawn for a phone (or one of a pair): taller, for the legend's two rows. */
export const DECODING_RUNNING_NARROW = 480;
/** Height / width of the figure, narrow and wide. */
export const DECODING_RUNNING_RATIO = { narrow: 0.66, wide: 0.45 } as const;

/** The figure's height at `width`: one ratio below {@link DECODING_RUNNING_NARROW}, another above (same as CSS's switch). */
export function decodingRunningHeight(width: number): number {
  return heightFor(width, width < DECODING_RUNNING_NARROW ? DECODING_RUNNING_RATIO.narrow : DECODING_RUNNING_RATIO.wide);
}

const LEGEND_ROW = 18;

/** Text that stays readable over the lines it crosses: a halo in the background colour under it. */
const HALO = { stroke: 'var(--bg-raised)', 'stroke-width': 4, 'stroke-linejoin': 'round', 'paint-order': 'stroke' } as const;

export function decodingRunningChart(data: DecodingRunningData, { width, document }: ChartOptions): SVGSVGElement {
  const el = svgBuilder(document ?? globalThis.document);
  const height = decodingRunningHeight(width);
  const narrow = width < DECODING_RUNNING_NARROW;
  const fontSize = narrow ? 11 : 12;
  const svg = svgRoot(el, width, height, 'decoding-running');
  svg.setAttribute('font-size', String(fontSize));

  // Legend: the running mean (what eval mode uses) and each batch's own mean (what training mode uses).
  const legend = el('g', { class: 'decoding-running-legend' });
  const items = [
    { label: data.labels.running, color: COLORS.bn, width: 3, opacity: 1 },
    { label: data.labels.batch, color: COLORS.soft, width: 1, opacity: 0.8 },
  ];
  let x = 8;
  let row = 0;
  for (const item of items) {
    const w = 30 + textWidth(item.label, fontSize) + 16;
    if (x + w > width && x > 8) {
      row += 1;
      x = 8;
    }
    const y = 10 + row * LEGEND_ROW;
    legend.append(
      el('line', { x1: x, x2: x + 24, y1: y, y2: y, stroke: item.color, 'stroke-width': item.width, 'stroke-opacity': item.opacity }),
      el('text', { x: x + 30, y, dy: '0.35em' }, item.label),
    );
    x += w;
  }
  svg.append(legend);
  // Two rows' room when narrow, one when wide, whatever the words: the plot's box does not depend on them.
  const legendHeight = (narrow ? 2 : 1) * LEGEND_ROW + 4;

  const points = data.points;
  const batches = points.filter((p): p is DecodingRunningPoint & { batch: number } => p.batch !== null);
  const values = [0, data.population, data.decoding, ...points.map((p) => p.running), ...batches.map((p) => p.batch)];
  const yAxis = niceDomain(Math.min(...values), Math.max(...values), 4);
  const box = { left: 40, top: legendHeight + 24, width: width - 40 - 12, height: height - legendHeight - 24 - 34 };
  const frame = xyFrame(
    el,
    box,
    { domain: [0, data.maxSteps], ticks: niceTicks(0, data.maxSteps, narrow ? 4 : 8), format: (d) => String(d), label: data.labels.x },
    { domain: yAxis.domain, ticks: yAxis.ticks, format: (d) => formatNumber(d, 2), label: data.labels.y, grid: true },
  );
  svg.append(frame.g);
  const marks = el('g', { class: 'decoding-running-marks' });
  // The two means as dashed rules, labelled at the right; when they nearly coincide (no shift), one label
  // goes below its rule and the other above.
  const apart = data.decoding - data.population >= 0.5;
  const rules =
    data.decoding === data.population
      ? [{ y: data.population, label: `${data.labels.same} ${formatNumber(data.population, 3)}`, color: COLORS.soft, text: COLORS.fg, dy: 14 }]
      : [
          { y: data.population, label: `${data.labels.population} ${formatNumber(data.population, 3)}`, color: COLORS.soft, text: COLORS.fg, dy: apart ? 14 : 16 },
          { y: data.decoding, label: `${data.labels.decoding} ${formatNumber(data.decoding, 3)}`, color: COLORS.other, text: COLORS.other, dy: -6 },
        ];
  for (const r of rules) {
    marks.append(el('path', { d: `M${box.left},${r1(frame.y(r.y))}h${box.width}`, stroke: r.color, 'stroke-dasharray': '5 4', 'stroke-width': 1.5 }));
  }
  if (batches.length > 1) {
    marks.append(el('path', { d: polyline(batches.map((p) => [frame.x(p.step), frame.y(p.batch)])), fill: 'none', stroke: COLORS.soft, 'stroke-width': 1, 'stroke-opacity': 0.8 }));
  }
  if (points.length > 1) {
    marks.append(el('path', { d: polyline(points.map((p) => [frame.x(p.step), frame.y(p.running)])), fill: 'none', stroke: COLORS.bn, 'stroke-width': 2.5, 'stroke-linejoin': 'round' }));
  }
  const last = points[points.length - 1];
  if (last) marks.append(el('circle', { cx: r1(frame.x(last.step)), cy: r1(frame.y(last.running)), r: 4.5, fill: COLORS.bn, stroke: 'var(--bg-raised)', 'stroke-width': 1.5 }));
  // The rules' labels last, on a halo: the lines run under them once training is long enough to reach the right
  // (and clear of the last batch's dot at the right edge).
  for (const r of rules) {
    marks.append(el('text', { x: box.left + box.width - 10, y: r1(frame.y(r.y)) + r.dy, 'text-anchor': 'end', fill: r.text, 'font-weight': 600, ...HALO }, r.label));
  }
  svg.append(marks);
  return svg;
}
