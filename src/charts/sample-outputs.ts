// One sample's outputs under two norms, side by side, in plain SVG (a few dozen nodes, redrawn on every input):
// hollow dots for the output before a change, filled dots after it, a line between them.
import { COLORS } from './theme';
import { exactHeight } from './svg';
import { textWidth } from './heatmap';
import { formatNumber, wrapWords } from './format';
import type { ChartOptions } from '../widgets/view';

/** One panel: a norm's output for one sample, before and after a change (or the error that norm raises). */
export interface SampleOutputsPanel {
  /** Which norm, for the colour: BatchNorm blue, LayerNorm orange. */
  readonly norm: 'bn' | 'ln';
  /** The panel's heading, e.g. "BatchNorm (training)". */
  readonly title: string;
  /** Output per feature with the original batch; null when the norm refuses the input. */
  readonly before: readonly number[] | null;
  /** Output per feature now; null when the norm refuses the input. */
  readonly after: readonly number[] | null;
  /** Shown instead of the dots when the norm refuses the input (PyTorch's error), else null. */
  readonly message: string | null;
}

export interface SampleOutputsData {
  readonly panels: readonly SampleOutputsPanel[];
  /** Legend words for the hollow (before) and filled (after) dots. */
  readonly beforeLabel: string;
  readonly afterLabel: string;
  /** The x axis label, e.g. "feature →". */
  readonly featureLabel: string;
  /** Height / width of the figure (default {@link SAMPLE_OUTPUTS_RATIO}: two panels side by side). */
  readonly ratio?: number;
}

/** Height of the whole figure per unit of width (a legend line over two panels side by side). */
export const SAMPLE_OUTPUTS_RATIO = 0.56;

const SVG_NS = 'http://www.w3.org/2000/svg';
const LEGEND_HEIGHT = 26;
const FONT = 12;
const MARGIN = { top: 36, right: 8, bottom: 34, left: 36 } as const;

const r2 = (v: number): number => Math.round(v * 100) / 100;

/** The y domain of a panel: its values and 0, at least one unit tall. */
function domainOf(values: readonly number[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi - lo < 1) {
    const mid = (hi + lo) / 2;
    lo = Math.min(lo, mid - 0.5);
    hi = Math.max(hi, mid + 0.5);
  }
  return [lo, hi];
}

/** Round tick values covering [lo, hi], about `count` of them: steps of 1, 2 or 5 × 10^k. */
export function niceTicks(lo: number, hi: number, count = 4): number[] {
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.floor(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    if (t >= lo - step * 1e-9) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  }
  return ticks;
}


/**
 * One sample's outputs under two norms, one panel each, side by side with their own y scales: hollow dots
 * before the change, filled dots after it. A panel whose norm refuses the input shows the error instead.
 */
export function sampleOutputsChart(data: SampleOutputsData, features: number, { width, document }: ChartOptions): SVGSVGElement {
  const doc = document ?? globalThis.document;
  const el = <K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] => {
    const node = doc.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const height = exactHeight(width, data.ratio ?? SAMPLE_OUTPUTS_RATIO);
  const svg = el('svg', { xmlns: SVG_NS, class: 'sample-outputs', width, height, viewBox: `0 0 ${width} ${height}`, 'font-size': FONT, fill: 'currentColor' });

  // Legend: hollow = before, filled = after.
  const legend = el('g', { class: 'sample-outputs-legend' });
  let lx = 8;
  for (const [label, filled] of [[data.beforeLabel, false], [data.afterLabel, true]] as const) {
    legend.append(
      el('circle', { cx: lx + 6, cy: 12, r: filled ? 3.5 : 6, fill: filled ? 'currentColor' : 'none', stroke: 'currentColor', 'stroke-width': filled ? 0 : 2 }),
      el('text', { x: lx + 18, y: 16 }, label),
    );
    lx += 34 + textWidth(label, FONT);
  }
  svg.append(legend);

  const panelWidth = Math.floor(width / Math.max(1, data.panels.length));
  const panelHeight = height - LEGEND_HEIGHT;
  const plotLeft = MARGIN.left;
  const plotRight = panelWidth - MARGIN.right;
  // The titles on one line leave more room for the dots (a split one takes two).
  const splits = (title: string): boolean => textWidth(title, FONT + 1) * 1.05 > panelWidth - 8 && title.indexOf(' (') > 0;
  const plotTop = data.panels.some((p) => splits(p.title)) ? MARGIN.top : MARGIN.top - 10;
  const plotBottom = panelHeight - MARGIN.bottom;
  const step = (plotRight - plotLeft) / Math.max(1, features);
  const xOf = (feature: number): number => plotLeft + (feature + 0.5) * step;
  const r = Math.max(2.5, Math.min(6, step * 0.38));
  const labelEvery = Math.max(1, Math.ceil((textWidth(String(features), FONT) + 8) / step));

  data.panels.forEach((panel, i) => {
    const color = panel.norm === 'bn' ? COLORS.bn : COLORS.ln;
    const g = el('g', { class: 'sample-outputs-panel', 'data-panel': panel.norm, transform: `translate(${i * panelWidth},${LEGEND_HEIGHT})` });
    // The title on one line, or split before its parenthesis when the panel is narrow.
    const split = panel.title.indexOf(' (');
    if (splits(panel.title)) {
      g.append(
        el('text', { x: 2, y: 13, fill: color, 'font-weight': 700, 'font-size': FONT + 1 }, panel.title.slice(0, split)),
        el('text', { x: 2, y: 27, fill: color, 'font-size': FONT - 1 }, panel.title.slice(split + 1)),
      );
    } else g.append(el('text', { x: 2, y: 14, fill: color, 'font-weight': 700, 'font-size': FONT + 1 }, panel.title));
    const { before, after } = panel;

    if (panel.message !== null || !before || !after) {
      g.append(el('rect', { x: plotLeft - 28, y: plotTop, width: plotRight - plotLeft + 28, height: plotBottom - plotTop, fill: 'none', stroke: COLORS.grid, 'stroke-dasharray': '4 3' }));
      const size = FONT - 1;
      const lines = wrapWords(panel.message ?? '', Math.max(8, Math.floor((plotRight - plotLeft + 16) / (size * 0.6))));
      const cx = (plotLeft - 28 + plotRight) / 2;
      const text = el('text', { x: r2(cx), y: r2((plotTop + plotBottom) / 2 - ((lines.length - 1) * size * 1.25) / 2), 'text-anchor': 'middle', 'font-size': size, 'font-family': 'var(--font-mono)' });
      lines.forEach((line, k) => text.append(el('tspan', { x: r2(cx), dy: k === 0 ? '0.35em' : '1.25em' }, line)));
      g.append(text);
      svg.append(g);
      return;
    }

    const [lo, hi] = domainOf([...before, ...after]);
    const ticks = niceTicks(lo, hi);
    const yLo = Math.min(lo, ticks[0] ?? lo);
    const yHi = Math.max(hi, ticks.at(-1) ?? hi);
    const pad = (yHi - yLo) * 0.04;
    const yOf = (v: number): number => plotBottom - ((v - (yLo - pad)) / (yHi - yLo + 2 * pad)) * (plotBottom - plotTop);

    // Grid and y ticks.
    const grid = ticks.map((t) => `M${plotLeft},${r2(yOf(t))}H${plotRight}`).join('');
    g.append(el('path', { d: grid, stroke: 'currentColor', 'stroke-opacity': 0.12, fill: 'none' }));
    const yLabels = el('g', { 'text-anchor': 'end', fill: COLORS.soft, style: 'font-variant-numeric: tabular-nums' });
    for (const t of ticks) yLabels.append(el('text', { x: plotLeft - 6, y: r2(yOf(t)), dy: '0.35em' }, formatNumber(t, 3)));
    g.append(yLabels, el('path', { d: `M${plotLeft},${r2(yOf(0))}H${plotRight}`, stroke: COLORS.soft, fill: 'none' }));

    // x ticks and label.
    const xLabels = el('g', { 'text-anchor': 'middle', fill: COLORS.soft });
    for (let f = 0; f < features; f += labelEvery) xLabels.append(el('text', { x: r2(xOf(f)), y: plotBottom + 16 }, String(f + 1)));
    g.append(xLabels, el('text', { x: plotRight, y: panelHeight - 4, 'text-anchor': 'end', fill: COLORS.soft }, data.featureLabel));

    // Lines from before to after, then the dots.
    const links = before
      .map((b, f) => ({ x: xOf(f), y1: yOf(b), y2: yOf(after[f] ?? b) }))
      .filter((l) => Math.abs(l.y1 - l.y2) > 0.5)
      .map((l) => `M${r2(l.x)},${r2(l.y1)}V${r2(l.y2)}`)
      .join('');
    if (links) g.append(el('path', { class: 'sample-outputs-links', d: links, stroke: color, 'stroke-width': 2, 'stroke-opacity': 0.7, fill: 'none' }));
    // Dots as one path per kind (two arcs make a circle): a handful of nodes however many features.
    const circles = (values: readonly number[], radius: number): string =>
      values.map((v, f) => `M${r2(xOf(f) - radius)},${r2(yOf(v))}a${r2(radius)},${r2(radius)} 0 1,0 ${r2(2 * radius)},0a${r2(radius)},${r2(radius)} 0 1,0 ${r2(-2 * radius)},0`).join('');
    const hollow = el('path', { class: 'sample-outputs-before', d: circles(before, r), fill: 'none', stroke: color, 'stroke-width': r > 4 ? 2 : 1.5 });
    const filled = el('path', { class: 'sample-outputs-after', d: circles(after, r * 0.6), fill: color });
    g.append(hollow, filled);
    svg.append(g);
  });
  return svg;
}
