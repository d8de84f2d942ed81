// The decoded sequence, token by token: on top one feature of each token's output in training mode (hollow) and
// at inference (filled), joined by the gap; below, the gap per decoded token as bars with their values, on the same
// token axis. When inference is refused (BatchNorm in training mode), each decoded token gets a cross instead.
// Plain SVG, redrawn at every decoded token.
import { COLORS, heightFor } from './theme';
import { formatFixed, formatNumber } from './format';
import { textWidth } from './heatmap';
import { niceTicks, r1, svgBuilder, svgRoot, type SvgBuilder } from './svg';
import { niceDomain, xyFrame } from './xy-frame';
import type { ChartOptions } from '../widgets/view';

export interface DecodingTokensData {
  /** Which norm, for the colour: BatchNorm blue, LayerNorm orange. */
  readonly norm: 'bn' | 'ln';
  /** One feature of every token's output in training mode (length T). */
  readonly train: readonly number[];
  /** The same feature at inference, for the tokens decoded so far (length ≤ T; empty when refused). */
  readonly decode: readonly number[];
  /** How many tokens were fed at inference so far (the length of `decode`, unless inference was refused). */
  readonly decoded: number;
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

/** Figures narrower than this are drawn for a phone (or one of a pair): taller, so the two panels keep their room. */
export const DECODING_TOKENS_NARROW = 480;
/** Height / width of the whole figure (legend, outputs panel, gaps panel), narrow and wide. */
export const DECODING_TOKENS_RATIO = { narrow: 0.95, wide: 0.72 } as const;

/** The figure's height at `width`: one ratio below {@link DECODING_TOKENS_NARROW}, another above (same as CSS's switch). */
export function decodingTokensHeight(width: number): number {
  return heightFor(width, width < DECODING_TOKENS_NARROW ? DECODING_TOKENS_RATIO.narrow : DECODING_TOKENS_RATIO.wide);
}

const LEGEND_ROW = 20;
const LEFT = 44;
const RIGHT = 12;

/** A cross centred on (x, y): the mark of a token refused at inference. */
function cross(el: SvgBuilder, x: number, y: number, size: number, color: string): SVGPathElement {
  const h = size / 2;
  return el('path', { d: `M${r1(x - h)},${r1(y - h)}l${size},${size}M${r1(x - h)},${r1(y + h)}l${size},${-size}`, stroke: color, 'stroke-width': 2.5, 'stroke-linecap': 'round', fill: 'none' });
}

export function decodingTokensChart(data: DecodingTokensData, { width, document }: ChartOptions): SVGSVGElement {
  const el = svgBuilder(document ?? globalThis.document);
  const height = decodingTokensHeight(width);
  const color = data.norm === 'bn' ? COLORS.bn : COLORS.ln;
  const narrow = width < DECODING_TOKENS_NARROW;
  const fontSize = narrow ? 11 : 12;
  const svg = svgRoot(el, width, height, 'decoding-tokens');
  svg.setAttribute('font-size', String(fontSize));

  // Legend: hollow = training mode, filled (or a cross when refused) = inference; the second item goes below the
  // first when the row is too narrow for both.
  const legend = el('g', { class: 'decoding-tokens-legend' });
  const items = [[data.labels.train, 'hollow'], [data.labels.decode, data.refused ? 'cross' : 'filled']] as const;
  const oneRow = 8 + items.reduce((w, [label]) => w + 34 + textWidth(label, fontSize), 0) <= width;
  let x = 8;
  items.forEach(([label, mark], i) => {
    const y = oneRow || i === 0 ? 12 : 12 + LEGEND_ROW;
    if (!oneRow) x = 8;
    if (mark === 'cross') legend.append(cross(el, x + 6, y, 8, color));
    else legend.append(el('circle', { cx: x + 6, cy: y, r: mark === 'filled' ? 4 : 6, fill: mark === 'filled' ? color : 'none', stroke: color, 'stroke-width': mark === 'filled' ? 0 : 2 }));
    legend.append(el('text', { x: x + 16, y, dy: '0.35em' }, label));
    x += 16 + textWidth(label, fontSize) + 18;
  });
  svg.append(legend);
  const legendHeight = (oneRow ? 1 : 2) * LEGEND_ROW + 8;

  const count = data.train.length;
  const tokens = Array.from({ length: count }, (_, i) => i + 1);
  const xDomain: [number, number] = [0.5, count + 0.5];
  const format = (d: number) => formatNumber(d, 2);
  // Vertical budget: the outputs panel (its y label above it) takes 60 % of the plotting height, the gaps panel the
  // rest; the token axis (ticks and label) is drawn once, under the gaps panel.
  const plots = height - legendHeight - 24 - 14 - 26 - 36;
  const outputsHeight = Math.round(plots * 0.6);
  const plotWidth = width - LEFT - RIGHT;

  // Top: one feature of every token's output, hollow in training mode, filled at inference, joined by the gap.
  const values = [0, ...data.train, ...data.decode];
  const yAxis = niceDomain(Math.min(...values), Math.max(...values), narrow ? 3 : 4);
  const top = { left: LEFT, top: legendHeight + 24, width: plotWidth, height: outputsHeight };
  const outputs = xyFrame(el, top, { domain: xDomain, ticks: [], format: String }, { domain: yAxis.domain, ticks: yAxis.ticks, format, label: data.labels.y, grid: true });
  svg.append(outputs.g);
  const marks = el('g', { class: 'decoding-tokens-outputs' });
  marks.append(el('path', { d: `M${top.left},${r1(outputs.y(0))}h${top.width}`, stroke: COLORS.soft, 'stroke-opacity': 0.6 }));
  const links = data.decode.map((v, i) => `M${r1(outputs.x(i + 1))},${r1(outputs.y(data.train[i] ?? 0))}V${r1(outputs.y(v))}`).join('');
  if (links) marks.append(el('path', { d: links, stroke: color, 'stroke-width': 2, 'stroke-opacity': 0.8 }));
  data.train.forEach((v, i) => {
    const fed = i < data.decoded;
    marks.append(el('circle', { cx: r1(outputs.x(i + 1)), cy: r1(outputs.y(v)), r: 6, fill: 'none', stroke: color, 'stroke-width': fed ? 2 : 1.5, 'stroke-opacity': fed ? 1 : 0.45 }));
  });
  data.decode.forEach((v, i) => marks.append(el('circle', { cx: r1(outputs.x(i + 1)), cy: r1(outputs.y(v)), r: 4, fill: color })));
  svg.append(marks);

  // Bottom: the gap per decoded token, as bars with their values (room above the tallest for its label).
  const gapTop = Math.max(0.1, ...data.gaps) * 1.3;
  const bottom = { left: LEFT, top: top.top + top.height + 14 + 26, width: plotWidth, height: plots - outputsHeight };
  const gaps = xyFrame(
    el,
    bottom,
    { domain: xDomain, ticks: tokens, format: String, label: data.labels.x },
    { domain: [0, gapTop], ticks: niceTicks(0, gapTop, narrow ? 2 : 3), format, label: data.labels.gap, grid: true },
  );
  svg.append(gaps.g);
  const bars = el('g', { class: 'decoding-tokens-gaps' });
  const step = bottom.width / count;
  const base = r1(gaps.y(0));
  data.gaps.forEach((gap, i) => {
    const y = r1(gaps.y(gap));
    bars.append(el('rect', { x: r1(gaps.x(i + 1) - step * 0.325), y, width: r1(step * 0.65), height: r1(Math.max(0, base - y)), fill: color }));
    bars.append(el('text', { x: r1(gaps.x(i + 1)), y: y - 4, 'text-anchor': 'middle' }, gap === 0 ? '0' : formatFixed(gap, narrow ? 2 : 3)));
  });
  bars.append(el('path', { d: `M${bottom.left},${base}h${bottom.width}`, stroke: COLORS.soft }));
  if (data.refused) {
    // Every token fed so far was refused: a cross in its column, and the reason once, at the right.
    const middle = bottom.top + bottom.height * 0.6;
    for (let i = 0; i < data.decoded; i++) bars.append(cross(el, gaps.x(i + 1), middle, 10, color));
    bars.append(el('text', { x: bottom.left + bottom.width, y: bottom.top + 2, dy: '0.71em', 'text-anchor': 'end', fill: COLORS.fg, 'font-weight': 600 }, data.labels.refused));
  }
  svg.append(bars);
  return svg;
}
