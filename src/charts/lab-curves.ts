// The lab's curves: one line per run (training loss on a log scale, or the held-out metric every 100 steps), a
// legend on top naming each line (colour and dash), and Lab 2's floor as a labelled dashed rule. Plain SVG: redrawn
// while a run streams in. An empty chart (nothing trained with these settings) says so in its middle.
import { heightFor } from './theme';
import { textWidth } from './heatmap';
import { niceTicks, r1, svgBuilder, svgRoot } from './svg';
import { polyline, xyFrame } from './xy-frame';
import type { ChartOptions } from '../widgets/view';

export interface LabSeries {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  readonly dashed: boolean;
  /** [step, value] pairs in step order. */
  readonly points: readonly (readonly [number, number])[];
  /** One seed of several: drawn thin and pale under their mean, left out of the legend. */
  readonly faint?: boolean;
}

export interface LabCurvesData {
  readonly series: readonly LabSeries[];
  /** The x axis spans 0 … maxStep, so a line grows as training goes on. */
  readonly maxStep: number;
  readonly scale: 'log' | 'linear';
  readonly yLabel: string;
  readonly xLabel: string;
  /** A horizontal rule (Lab 2's lowest honest loss), or null. */
  readonly floor: { readonly value: number; readonly label: string } | null;
  /** Shown in the plot when no line has points yet, or null. */
  readonly empty: string | null;
  /** The y range shown (widened to take every value). */
  readonly yRange: readonly [number, number];
  /** Tick labels as percentages (values 0–100). */
  readonly percent?: boolean;
}

/** Figures narrower than this are drawn for a phone: taller, for the legend's rows. */
export const LAB_CURVES_NARROW = 480;
export const LAB_CURVES_RATIO = { narrow: 0.78, wide: 0.72 } as const;

export function labCurvesHeight(width: number): number {
  return heightFor(width, width < LAB_CURVES_NARROW ? LAB_CURVES_RATIO.narrow : LAB_CURVES_RATIO.wide);
}

const LEGEND_ROW = 18;
const HALO = { stroke: 'var(--bg-raised)', 'stroke-width': 4, 'stroke-linejoin': 'round', 'paint-order': 'stroke' } as const;

/** Log-scale ticks: 1, 2, 5 × 10^k inside [lo, hi]. */
export function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let k = Math.floor(Math.log10(lo)) - 1; k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** k).toPrecision(6));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks.push(v);
    }
  }
  return ticks;
}

export function labCurvesChart(data: LabCurvesData, { width, document }: ChartOptions): SVGSVGElement {
  const el = svgBuilder(document ?? globalThis.document);
  const height = labCurvesHeight(width);
  const narrow = width < LAB_CURVES_NARROW;
  const fontSize = narrow ? 11 : 12;
  const svg = svgRoot(el, width, height, 'lab-curves');
  svg.setAttribute('font-size', String(fontSize));

  // Legend: one item per line, wrapping onto as many rows as it needs.
  const legend = el('g', { class: 'lab-curves-legend' });
  let x = 8;
  let row = 0;
  for (const s of data.series) {
    if (s.faint) continue;
    const w = 30 + textWidth(s.label, fontSize) + 14;
    if (x + w > width && x > 8) {
      row += 1;
      x = 8;
    }
    const y = 10 + row * LEGEND_ROW;
    legend.append(
      el('line', { x1: x, x2: x + 24, y1: y, y2: y, stroke: s.color, 'stroke-width': 2.5, ...(s.dashed ? { 'stroke-dasharray': '5 3' } : {}) }),
      el('text', { x: x + 30, y, dy: '0.35em' }, s.label),
    );
    x += w;
  }
  svg.append(legend);
  // The rows the legend takes (they follow from the norms chosen, not from the data streaming in).
  const legendHeight = (row + 1) * LEGEND_ROW + 4;

  // Scales: the y range takes every value; a log scale keeps positive values only.
  const values = data.series.flatMap((s) => s.points.map((p) => p[1])).filter((v) => Number.isFinite(v) && (data.scale === 'linear' || v > 0));
  if (data.floor) values.push(data.floor.value);
  let lo = Math.min(data.yRange[0], ...values);
  let hi = Math.max(data.yRange[1], ...values);
  let ticks: number[];
  let toY: (v: number) => number;
  if (data.scale === 'log') {
    lo = Math.max(lo, 1e-4);
    ticks = logTicks(lo, hi);
    toY = (v) => Math.log10(Math.max(v, lo));
  } else {
    ticks = niceTicks(lo, hi, 5);
    toY = (v) => v;
  }
  const fmt = (v: number): string => (data.percent ? String(v) : String(Number(v.toPrecision(3))));
  const left = 42;
  const box = { left, top: legendHeight + 20, width: width - left - 14, height: height - legendHeight - 20 - 36 };
  const frame = xyFrame(
    el,
    box,
    { domain: [0, data.maxStep], ticks: niceTicks(0, data.maxStep, narrow ? 3 : 6), format: (d) => d.toLocaleString('en'), label: data.xLabel },
    { domain: [toY(lo), toY(hi)], ticks: ticks.map(toY), format: (d) => fmt(data.scale === 'log' ? Number((10 ** d).toPrecision(6)) : d), label: data.yLabel, grid: true },
  );
  svg.append(frame.g);
  const marks = el('g', { class: 'lab-curves-marks' });
  if (data.floor) {
    const fy = r1(frame.y(toY(data.floor.value)));
    marks.append(el('path', { d: `M${box.left},${fy}h${box.width}`, stroke: 'currentColor', 'stroke-dasharray': '6 4', 'stroke-width': 1.5, fill: 'none' }));
  }
  for (const s of data.series) {
    const pts = s.points.filter((p) => Number.isFinite(p[1]) && (data.scale === 'linear' || p[1] > 0));
    if (pts.length === 0) continue;
    if (pts.length === 1) {
      if (!s.faint) marks.append(el('circle', { cx: r1(frame.x(pts[0]![0])), cy: r1(frame.y(toY(pts[0]![1]))), r: 3, fill: s.color }));
      continue;
    }
    marks.append(
      el('path', {
        class: s.faint ? 'lab-seed-line' : 'lab-line',
        'data-series': s.key,
        d: polyline(pts.map(([st, v]) => [frame.x(st), frame.y(toY(v))])),
        fill: 'none',
        stroke: s.color,
        'stroke-width': s.faint ? 1 : 2,
        ...(s.faint ? { 'stroke-opacity': 0.4 } : {}),
        'stroke-linejoin': 'round',
        ...(s.dashed ? { 'stroke-dasharray': '6 3' } : {}),
      }),
    );
  }
  if (data.floor) {
    const fy = r1(frame.y(toY(data.floor.value)));
    marks.append(el('text', { x: box.left + box.width - 4, y: fy - 6, 'text-anchor': 'end', 'font-weight': 600, ...HALO }, data.floor.label));
  }
  const anyLine = data.series.some((s) => s.points.length > 0);
  if (!anyLine && data.empty) {
    marks.append(el('text', { x: r1(box.left + box.width / 2), y: r1(box.top + box.height / 2), 'text-anchor': 'middle', fill: 'var(--fg-soft)', ...HALO }, data.empty));
  }
  svg.append(marks);
  return svg;
}
