// Running statistics over training steps: one panel per statistic (e.g. running mean, running variance), stacked in
// one SVG with a shared step axis, each with its population value as a dashed line, the current value as a dot and
// optionally the value after the current batch as a hollow dot. Plain SVG (a few dozen nodes), so that it redraws
// on every "next batch" in well under a millisecond.
import { COLORS } from './theme';
import { formatNumber } from './format';
import { exactHeight, niceTicks, r1, SVG_NS } from './svg';
import type { ChartOptions } from '../widgets/view';


/** Default height / width of the whole figure. */
export const RUNNING_RATIO = 0.56;

export interface RunningPanel {
  /** Panel title, e.g. "running_mean (feature 2)". */
  readonly label: string;
  /** The statistic after 0, 1, …, s steps (values[k] after k batches). */
  readonly values: readonly number[];
  /** The value it estimates, drawn dashed. */
  readonly population: number;
  readonly populationLabel: string;
  /** The value after the current batch (step s + 1), or null. */
  readonly after?: number | null;
}

export interface RunningStatsData {
  readonly panels: readonly RunningPanel[];
  /** Step axis title, e.g. "batches fed →". */
  readonly stepLabel: string;
  /** Smallest right end of the step axis (default 20), so the first steps are not stretched. */
  readonly minSteps?: number;
}

export interface RunningStatsOptions extends ChartOptions {
  readonly ratio?: number;
}

const LEFT = 48;
const RIGHT = 14;
const TITLE = 22;
const AXIS = 32;
const GAP = 8;

/** Draws the panels one above the other; the figure is `width` wide and `ratio · width` high. */
export function runningStatsChart(data: RunningStatsData, options: RunningStatsOptions): SVGSVGElement {
  const doc = options.document ?? document;
  const el = <K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] => {
    const node = doc.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const { width } = options;
  const height = exactHeight(width, options.ratio ?? RUNNING_RATIO);
  const svg = el('svg', { xmlns: SVG_NS, class: 'running-stats', width, height, viewBox: `0 0 ${width} ${height}`, 'font-size': 11, fill: 'currentColor' });
  const count = Math.max(1, data.panels.length);
  const plotHeight = (height - AXIS - count * TITLE - (count - 1) * GAP) / count;
  const longest = Math.max(0, ...data.panels.map((p) => p.values.length - 1 + (p.after === undefined || p.after === null ? 0 : 1)));
  const xMax = Math.max(data.minSteps ?? 20, longest);
  const x = (step: number): number => LEFT + (step / xMax) * (width - LEFT - RIGHT);

  data.panels.forEach((panel, i) => {
    const top = i * (TITLE + plotHeight + GAP) + TITLE;
    const after = panel.after === undefined || panel.after === null ? null : panel.after;
    const all = [...panel.values, panel.population, ...(after === null ? [] : [after])].filter(Number.isFinite);
    let lo = Math.min(...all);
    let hi = Math.max(...all);
    if (!(hi > lo)) {
      lo -= 1;
      hi += 1;
    }
    const pad = (hi - lo) * 0.12;
    lo -= pad;
    hi += pad;
    const y = (v: number): number => top + (1 - (v - lo) / (hi - lo)) * plotHeight;
    const g = el('g', { class: 'running-panel' });

    let grid = '';
    const labels = el('g', { 'text-anchor': 'end', fill: 'var(--fg-soft)' });
    for (const t of niceTicks(lo, hi, 3)) {
      grid += `M${LEFT},${r1(y(t))}H${width - RIGHT}`;
      labels.append(el('text', { x: LEFT - 6, y: r1(y(t)), dy: '0.32em' }, formatNumber(t, 3)));
    }
    g.append(el('path', { d: grid, stroke: COLORS.grid, fill: 'none' }), labels);
    g.append(el('text', { x: LEFT, y: top - 8, fill: 'var(--fg)', 'font-size': 12, 'font-weight': 600 }, panel.label));

    const py = r1(y(panel.population));
    g.append(el('path', { d: `M${LEFT},${py}H${width - RIGHT}`, stroke: COLORS.ln, 'stroke-width': 2, 'stroke-dasharray': '5,4', fill: 'none' }));
    // The population's label sits above its line, or under it when the line runs near the panel's title.
    const labelY = py - top < 16 ? py + 15 : py - 6;
    g.append(
      el(
        'text',
        { class: 'running-population', x: width - RIGHT, y: r1(labelY), 'text-anchor': 'end', fill: COLORS.ln, stroke: 'var(--bg-raised)', 'stroke-width': 3, 'paint-order': 'stroke', 'font-weight': 600 },
        `${panel.populationLabel} ${formatNumber(panel.population, 4)}`,
      ),
    );

    const line = panel.values.map((v, k) => `${k === 0 ? 'M' : 'L'}${r1(x(k))},${r1(y(v))}`).join('');
    g.append(el('path', { class: 'running-line', d: line, stroke: COLORS.bn, 'stroke-width': 2, fill: 'none', 'stroke-linejoin': 'round' }));
    const last = panel.values.length - 1;
    const current = panel.values[last];
    if (current !== undefined) {
      g.append(el('circle', { cx: r1(x(last)), cy: r1(y(current)), r: 4, fill: COLORS.bn }));
      if (after !== null) {
        g.append(el('path', { d: `M${r1(x(last))},${r1(y(current))}L${r1(x(last + 1))},${r1(y(after))}`, stroke: COLORS.bn, 'stroke-dasharray': '2,2', fill: 'none' }));
        g.append(el('circle', { class: 'running-after', cx: r1(x(last + 1)), cy: r1(y(after)), r: 4, fill: 'var(--bg-raised)', stroke: COLORS.bn, 'stroke-width': 2 }));
      }
    }
    svg.append(g);
  });

  // The shared step axis under the last panel.
  const base = height - AXIS;
  const axis = el('g', { class: 'running-axis', 'text-anchor': 'middle', fill: 'var(--fg-soft)' });
  let ticks = `M${LEFT},${base}H${width - RIGHT}`;
  for (const t of niceTicks(0, xMax, Math.max(3, Math.round(width / 110)))) {
    ticks += `M${r1(x(t))},${base}v5`;
    axis.append(el('text', { x: r1(x(t)), y: base + 16 }, formatNumber(t, 3)));
  }
  axis.append(el('path', { d: ticks, stroke: 'var(--fg-soft)', fill: 'none' }));
  axis.append(el('text', { x: width - RIGHT, y: base + 29, 'text-anchor': 'end', fill: 'var(--fg)' }, data.stepLabel));
  svg.append(axis);
  return svg;
}
