// The decoded sequence, token by token: on top one feature of each token's output in training mode (hollow) and
// at inference (filled), joined by the gap; below, the gap per decoded token as bars with their values.
// Plain SVG, redrawn at every decoded token.
import { COLORS, heightFor } from './theme';
import { formatFixed, formatNumber } from './format';
import { textWidth } from './heatmap';
import { niceTicks, r1, svgBuilder, svgRoot } from './svg';
import { niceDomain, xyFrame } from './xy-frame';
import type { ChartOptions } from '../widgets/view';

export interface DecodingTokensData {
  /** Which norm, for the colour: BatchNorm blue, LayerNorm orange. */
  readonly norm: 'bn' | 'ln';
  /** One feature of every token's output in training mode (length T). */
  readonly train: readonly number[];
  /** The same feature at inference, for the tokens decoded so far (length ≤ T). */
  readonly decode: readonly number[];
  /** The gap per decoded token (max over the features), same length as `decode`. */
  readonly gaps: readonly number[];
  /** True when decoding was refused (BatchNorm in training mode). */
  readonly refused: boolean;
  readonly labels: {
    readonly x: string;
    readonly y: string;
    readonly gap: string;
    readonly train: string;
    readonly decode: string;
    readonly refused: string;
  };
}

/** Height / width of the whole figure (legend, outputs panel, gaps panel). */
export const DECODING_TOKENS_RATIO = 0.78;

const LEGEND_HEIGHT = 26;
const ROW = 20;

export function decodingTokensChart(data: DecodingTokensData, { width, document }: ChartOptions): SVGSVGElement {
  const el = svgBuilder(document ?? globalThis.document);
  const height = heightFor(width, DECODING_TOKENS_RATIO);
  const color = data.norm === 'bn' ? COLORS.bn : COLORS.ln;
  const fontSize = width < 480 ? 11 : 12;
  const svg = svgRoot(el, width, height, 'decoding-tokens');
  svg.setAttribute('font-size', String(fontSize));

  // Legend: hollow = training mode, filled = inference; the second item goes below the first when narrow.
  const legend = el('g', { class: 'decoding-tokens-legend' });
  const items = [[data.labels.train, false], [data.labels.decode, true]] as const;
  const oneRow = 8 + items.reduce((w, [label]) => w + 34 + textWidth(label, fontSize), 0) <= width;
  let x = 8;
  items.forEach(([label, filled], i) => {
    const y = oneRow || i === 0 ? 12 : 12 + ROW;
    if (!oneRow) x = 8;
    legend.append(
      el('circle', { cx: x + 6, cy: y, r: filled ? 4 : 6, fill: filled ? color : 'none', stroke: color, 'stroke-width': filled ? 0 : 2 }),
      el('text', { x: x + 16, y, dy: '0.35em' }, label),
    );
    x += 16 + textWidth(label, fontSize) + 18;
  });
  svg.append(legend);
  const legendHeight = oneRow ? LEGEND_HEIGHT : LEGEND_HEIGHT + ROW;

  const count = data.train.length;
  const tokens = Array.from({ length: count }, (_, i) => i + 1);
  const xDomain: [number, number] = [0.5, count + 0.5];
  const format = (d: number) => formatNumber(d, 2);
  const panel = Math.round((height - legendHeight) * 0.6);

  // Top: one feature of every token's output, hollow in training mode, filled at inference, joined by the gap.
  const values = [0, ...data.train, ...data.decode];
  const yAxis = niceDomain(Math.min(...values), Math.max(...values), 4);
  const top = { left: 44, top: legendHeight + 24, width: width - 44 - 12, height: panel - 24 - 36 };
  const outputs = xyFrame(
    el,
    top,
    { domain: xDomain, ticks: tokens, format: String, label: data.labels.x },
    { domain: yAxis.domain, ticks: yAxis.ticks, format, label: data.labels.y, grid: true },
  );
  svg.append(outputs.g);
  const marks = el('g', { class: 'decoding-tokens-outputs' });
  marks.append(el('path', { d: `M${top.left},${r1(outputs.y(0))}h${top.width}`, stroke: COLORS.soft, 'stroke-opacity': 0.6 }));
  const links = data.decode.map((v, i) => `M${r1(outputs.x(i + 1))},${r1(outputs.y(data.train[i] ?? 0))}V${r1(outputs.y(v))}`).join('');
  if (links) marks.append(el('path', { d: links, stroke: color, 'stroke-width': 2, 'stroke-opacity': 0.8 }));
  data.train.forEach((v, i) => {
    const decoded = i < data.decode.length;
    marks.append(el('circle', { cx: r1(outputs.x(i + 1)), cy: r1(outputs.y(v)), r: 6, fill: 'none', stroke: color, 'stroke-width': decoded ? 2 : 1.5, 'stroke-opacity': decoded ? 1 : 0.45 }));
  });
  data.decode.forEach((v, i) => marks.append(el('circle', { cx: r1(outputs.x(i + 1)), cy: r1(outputs.y(v)), r: 4, fill: color })));
  svg.append(marks);

  // Bottom: the gap per decoded token, as bars with their values.
  const gapTop = Math.max(0.1, ...data.gaps) * 1.25;
  const gapTicks = niceTicks(0, gapTop, 3);
  const bottom = { left: 44, top: legendHeight + panel + 22, width: width - 44 - 12, height: height - legendHeight - panel - 22 - 24 };
  const gaps = xyFrame(
    el,
    bottom,
    { domain: xDomain, ticks: tokens, format: String },
    { domain: [0, gapTop], ticks: gapTicks, format, label: data.labels.gap, grid: true },
  );
  svg.append(gaps.g);
  const bars = el('g', { class: 'decoding-tokens-gaps' });
  const step = bottom.width / count;
  const base = r1(gaps.y(0));
  data.gaps.forEach((gap, i) => {
    const y = r1(gaps.y(gap));
    bars.append(el('rect', { x: r1(gaps.x(i + 1) - step * 0.325), y, width: r1(step * 0.65), height: r1(Math.max(0, base - y)), fill: color }));
    bars.append(el('text', { x: r1(gaps.x(i + 1)), y: y - 5, 'text-anchor': 'middle', 'font-size': fontSize - 1 }, gap === 0 ? '0' : formatFixed(gap, width < 480 ? 2 : 3)));
  });
  bars.append(el('path', { d: `M${bottom.left},${base}h${bottom.width}`, stroke: COLORS.soft }));
  if (data.refused) {
    bars.append(el('text', { x: r1(bottom.left + bottom.width / 2), y: r1(bottom.top + bottom.height / 2), 'text-anchor': 'middle', 'font-family': 'var(--font-mono)' }, data.labels.refused));
  }
  svg.append(bars);
  return svg;
}
