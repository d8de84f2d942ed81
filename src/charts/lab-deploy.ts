// The lab's deployment card: for each trained norm, one horizontal bar per way of using the model (batches as in
// training, running statistics, one sequence at a time; Lab 2: exact copies), 0–100 %, each with its number.
// Rows of fixed height: the figure's height follows the number of norms, not the width.
import { textWidth } from './heatmap';
import { formatPercent } from './format';
import { r1, svgBuilder, svgRoot } from './svg';
import type { ChartOptions } from '../widgets/view';

export interface LabDeployGroup {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  /** One share (0–1) per regime, or null while the run has no report. */
  readonly values: readonly (number | null)[];
  /** With several seeds: the lowest and highest share per regime, drawn as a whisker over the bar (the value is their mean). */
  readonly ranges?: readonly (readonly [number, number] | null)[];
}

export interface LabDeployData {
  readonly regimes: readonly string[];
  readonly groups: readonly LabDeployGroup[];
  /** Said in a group without numbers, or alone when there is no group. */
  readonly empty: string;
}

const ROW = 22;
const HEAD = 22;
const GAP = 10;

export function labDeployHeight(data: LabDeployData): number {
  if (data.groups.length === 0) return 60;
  return data.groups.length * (HEAD + data.regimes.length * ROW + GAP) + 20;
}

export function labDeployChart(data: LabDeployData, { width, document, lang }: ChartOptions): SVGSVGElement {
  const el = svgBuilder(document ?? globalThis.document);
  const height = labDeployHeight(data);
  const narrow = width < 480;
  const fontSize = narrow ? 11 : 12;
  const svg = svgRoot(el, width, height, 'lab-deploy');
  svg.setAttribute('font-size', String(fontSize));
  // Rows of fixed height: the drawing keeps its height in a box of another width (the server's drawing before the
  // page draws at the box's width), so nothing below it moves when the widget comes alive.
  svg.setAttribute('style', `height:${height}px`);
  if (data.groups.length === 0) {
    svg.append(el('text', { x: r1(width / 2), y: 34, 'text-anchor': 'middle', fill: 'var(--fg-soft)' }, data.empty));
    return svg;
  }
  const labelWidth = Math.min(Math.max(...data.regimes.map((r) => textWidth(r, fontSize))) + 12, width * 0.48);
  const valueWidth = textWidth('100.0 %', fontSize) + 8;
  const barLeft = labelWidth;
  const barWidth = Math.max(40, width - barLeft - valueWidth - 4);
  let y = 4;
  for (const g of data.groups) {
    const group = el('g', { class: 'lab-deploy-group', 'data-norm': g.key });
    group.append(el('rect', { x: 0, y: y + 4, width: 10, height: 10, fill: g.color }));
    group.append(el('text', { x: 16, y: y + 9, dy: '0.35em', 'font-weight': 600 }, g.label));
    y += HEAD;
    const noNumbers = g.values.every((v) => v === null);
    g.values.forEach((v, i) => {
      const cy = y + i * ROW + ROW / 2;
      group.append(el('text', { x: barLeft - 8, y: r1(cy), dy: '0.35em', 'text-anchor': 'end', fill: 'var(--fg-soft)' }, data.regimes[i] ?? ''));
      group.append(el('rect', { x: barLeft, y: r1(cy - 7), width: r1(barWidth), height: 14, fill: 'currentColor', 'fill-opacity': 0.07 }));
      if (v !== null) {
        const w = Math.max(0, Math.min(1, v)) * barWidth;
        group.append(el('rect', { class: 'lab-bar', x: barLeft, y: r1(cy - 7), width: r1(w), height: 14, fill: g.color, 'fill-opacity': i === 0 ? 1 : i === 1 ? 0.75 : 0.5 }));
        const range = g.ranges?.[i];
        if (range) {
          const [a, b] = range.map((r) => r1(barLeft + Math.max(0, Math.min(1, r)) * barWidth));
          group.append(el('path', { class: 'lab-range', d: `M${a},${r1(cy)}H${b}M${a},${r1(cy - 5)}v10M${b},${r1(cy - 5)}v10`, stroke: 'var(--fg)', 'stroke-width': 1.5, fill: 'none' }));
        }
        group.append(el('text', { x: r1(barLeft + barWidth + 6), y: r1(cy), dy: '0.35em', 'font-weight': 600, style: 'font-variant-numeric: tabular-nums' }, formatPercent(v, lang, 1)));
      }
    });
    if (noNumbers) {
      group.append(el('text', { x: r1(barLeft + 8), y: r1(y + ROW / 2), dy: '0.35em', fill: 'var(--fg-soft)' }, data.empty));
    }
    y += data.regimes.length * ROW + GAP;
    svg.append(group);
  }
  return svg;
}
