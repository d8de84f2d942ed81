// The reduction-axes cube: a (batch, position, feature) block of cells in an oblique
// projection (features to the right, positions down, batch into the depth), drawn as
// plain SVG. The three visible faces show every statistics group in two alternating
// faint shades; the group of the selected cell is drawn on top as a solid box in the
// norm's colour, like an x-ray, and the selected cell as a dark cube inside it.
// About 10–200 nodes whatever the sizes: faces are tiled per group, not per cell.
import type { Cell, CubeSize, GroupBox } from '../lib/reduction';
import type { ChartOptions } from '../widgets/view';
import { COLORS, heightFor } from './theme';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Height / width of the figure box, the same for every size (no layout shift). */
export const CUBE_RATIO = 0.78;
/** Depth axis per cell, as a fraction of the cell size: right and up. */
const DEPTH_X = 0.5;
const DEPTH_Y = 0.32;
const MARGIN = { top: 24, right: 6, bottom: 36, left: 38 } as const;

export interface CubeChartData {
  readonly size: CubeSize;
  /** Block lengths of one statistics group along each axis (see groupBlocks). */
  readonly blocks: CubeSize;
  readonly group: GroupBox;
  readonly selected: Cell;
  /** Colour of the selected group: BatchNorm blue, LayerNorm/RMSNorm orange, others green. */
  readonly tone: 'bn' | 'ln' | 'other';
  /** Axis titles, e.g. "feature d (D = 8)". */
  readonly axes: { readonly batch: string; readonly positions: string; readonly features: string };
}

/** Where the cube sits in a figure of `width`: cell size and the front face's top-left corner. */
export interface CubeGeometry {
  readonly width: number;
  readonly height: number;
  readonly cell: number;
  readonly x0: number;
  readonly y0: number;
  readonly size: CubeSize;
}

/** Fits the cube of `size` into a figure of `width` × heightFor(width, CUBE_RATIO). */
export function cubeGeometry(size: CubeSize, width: number): CubeGeometry {
  const height = heightFor(width, CUBE_RATIO);
  const availableWidth = width - MARGIN.left - MARGIN.right;
  const availableHeight = height - MARGIN.top - MARGIN.bottom;
  const cell = Math.min(
    availableWidth / (size.features + size.batch * DEPTH_X),
    availableHeight / (size.positions + size.batch * DEPTH_Y),
    width / 10,
  );
  const drawnWidth = cell * (size.features + size.batch * DEPTH_X);
  const drawnHeight = cell * (size.positions + size.batch * DEPTH_Y);
  const x0 = MARGIN.left + (availableWidth - drawnWidth) / 2;
  const y0 = MARGIN.top + (availableHeight - drawnHeight) / 2 + size.batch * DEPTH_Y * cell;
  return { width, height, cell, x0, y0, size };
}

/** Screen position of the point (feature f, position p, batch n) in cell units. */
export function project(g: CubeGeometry, f: number, p: number, n: number): [number, number] {
  return [g.x0 + (f + n * DEPTH_X) * g.cell, g.y0 + (p - n * DEPTH_Y) * g.cell];
}

/** The surface cell under the screen point (x, y): on the front (batch 0), top (position 0) or right face; null outside. */
export function cellAt(g: CubeGeometry, x: number, y: number): Cell | null {
  const { batch: B, positions: P, features: F } = g.size;
  const u = (x - g.x0) / g.cell;
  const v = (y - g.y0) / g.cell;
  const inside = (i: number, n: number) => i >= 0 && i < n;
  if (inside(u, F) && inside(v, P)) return { batch: 0, position: Math.floor(v), feature: Math.floor(u) };
  const nTop = -v / DEPTH_Y;
  const fTop = u - nTop * DEPTH_X;
  if (inside(nTop, B) && inside(fTop, F)) return { batch: Math.floor(nTop), position: 0, feature: Math.floor(fTop) };
  const nSide = (u - F) / DEPTH_X;
  const pSide = v + nSide * DEPTH_Y;
  if (inside(nSide, B) && inside(pSide, P)) return { batch: Math.floor(nSide), position: Math.floor(pSide), feature: F - 1 };
  return null;
}

type Point3 = readonly [f: number, p: number, n: number];
type Face = 'front' | 'top' | 'right';

/**
 * The corners of a rectangle on a face, given its fixed coordinate and two ranges:
 * front (n fixed; f, p ranges), top (p fixed; f, n ranges), right (f fixed; p, n ranges).
 */
function faceCorners(face: Face, fixed: number, a0: number, a1: number, b0: number, b1: number): Point3[] {
  switch (face) {
    case 'front':
      return [[a0, b0, fixed], [a1, b0, fixed], [a1, b1, fixed], [a0, b1, fixed]];
    case 'top':
      return [[a0, fixed, b0], [a1, fixed, b0], [a1, fixed, b1], [a0, fixed, b1]];
    case 'right':
      return [[fixed, a0, b0], [fixed, a1, b0], [fixed, a1, b1], [fixed, a0, b1]];
  }
}

const round = (v: number) => Math.round(v * 10) / 10;

function pointsOf(g: CubeGeometry, corners: readonly Point3[]): string {
  return corners.map(([f, p, n]) => project(g, f, p, n).map(round).join(',')).join(' ');
}

/** A path of the cell lines on a face rectangle: one line per integer step of each range. */
function gridPath(g: CubeGeometry, face: Face, fixed: number, a0: number, a1: number, b0: number, b1: number): string {
  const segments: string[] = [];
  const line = (from: Point3, to: Point3) => {
    const [x1, y1] = project(g, ...from).map(round) as [number, number];
    const [x2, y2] = project(g, ...to).map(round) as [number, number];
    segments.push(`M${x1},${y1}L${x2},${y2}`);
  };
  const at = (a: number, b: number): Point3 => faceCorners(face, fixed, a, a, b, b)[0]!;
  for (let a = a0; a <= a1; a++) line(at(a, b0), at(a, b1));
  for (let b = b0; b <= b1; b++) line(at(a0, b), at(a1, b));
  return segments.join('');
}

/** Tiles [0, n) into blocks of `block`: the starts and ends, with each block's index. */
function tiles(n: number, block: number): { start: number; end: number; index: number }[] {
  const out = [];
  for (let start = 0, index = 0; start < n; start += block, index++) out.push({ start, end: Math.min(n, start + block), index });
  return out;
}

/** Draws the cube; see the module comment. */
export function cubeChart(data: CubeChartData, { width, document: doc = globalThis.document }: ChartOptions): SVGSVGElement {
  const { size, blocks, group, selected } = data;
  const { batch: B, positions: P, features: F } = size;
  const g = cubeGeometry(size, width);
  const el = <K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>, parent: Element): SVGElementTagNameMap[K] => {
    const node = doc.createElementNS(SVG_NS, name) as SVGElementTagNameMap[K];
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
    parent.appendChild(node);
    return node;
  };

  const svg = doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  svg.setAttribute('viewBox', `0 0 ${g.width} ${g.height}`);
  svg.setAttribute('width', String(g.width));
  svg.setAttribute('height', String(g.height));
  svg.setAttribute('class', 'cube-chart');
  svg.setAttribute('font-size', '12');

  // The shell: every group's footprint on the three visible faces, in alternating shades.
  const shell = el('g', { fill: COLORS.fg, 'data-layer': 'shell' }, svg);
  const lastFeatureBlock = Math.floor((F - 1) / blocks.features);
  const shade = (parity: number, base: number) => (parity % 2 === 0 ? base : base + 0.13);
  for (const p of tiles(P, blocks.positions)) {
    for (const f of tiles(F, blocks.features)) {
      el('polygon', { points: pointsOf(g, faceCorners('front', 0, f.start, f.end, p.start, p.end)), 'fill-opacity': shade(p.index + f.index, 0.07) }, shell);
    }
  }
  for (const n of tiles(B, blocks.batch)) {
    for (const f of tiles(F, blocks.features)) {
      el('polygon', { points: pointsOf(g, faceCorners('top', 0, f.start, f.end, n.start, n.end)), 'fill-opacity': shade(n.index + f.index, 0.04) }, shell);
    }
    for (const p of tiles(P, blocks.positions)) {
      el('polygon', { points: pointsOf(g, faceCorners('right', F, p.start, p.end, n.start, n.end)), 'fill-opacity': shade(n.index + p.index + lastFeatureBlock, 0.1) }, shell);
    }
  }
  const grid = [gridPath(g, 'front', 0, 0, F, 0, P), gridPath(g, 'top', 0, 0, F, 0, B), gridPath(g, 'right', F, 0, P, 0, B)].join('');
  el('path', { d: grid, fill: 'none', stroke: COLORS.fg, 'stroke-opacity': 0.3, 'stroke-width': 0.75 }, svg);

  // The selected cell's group, drawn over the shell as a solid box.
  const colour = COLORS[data.tone];
  const box = el('g', { 'data-layer': 'group', fill: colour, stroke: colour, 'stroke-linejoin': 'round' }, svg);
  const { batch: nb, position: pb, feature: fb } = group;
  const boxFaces: [Face, number, number, number, number, number, number][] = [
    ['front', nb.start, fb.start, fb.end, pb.start, pb.end, 1],
    ['top', pb.start, fb.start, fb.end, nb.start, nb.end, 0.78],
    ['right', fb.end, pb.start, pb.end, nb.start, nb.end, 0.6],
  ];
  for (const [face, fixed, a0, a1, b0, b1, opacity] of boxFaces) {
    el('polygon', { points: pointsOf(g, faceCorners(face, fixed, a0, a1, b0, b1)), 'fill-opacity': opacity, 'stroke-width': 1.5 }, box);
  }
  const boxGrid = boxFaces.map(([face, fixed, a0, a1, b0, b1]) => gridPath(g, face, fixed, a0, a1, b0, b1)).join('');
  el('path', { d: boxGrid, fill: 'none', stroke: 'var(--bg-raised)', 'stroke-opacity': 0.7, 'stroke-width': 0.75 }, svg);

  // The cube's front edges over the group, so a group inside the cube reads as behind its front face.
  const edges = pointsOf(g, faceCorners('front', 0, 0, F, 0, P));
  el('polygon', { points: edges, fill: 'none', stroke: COLORS.fg, 'stroke-opacity': 0.55, 'stroke-width': 1, 'stroke-dasharray': '4 3', 'data-layer': 'edges' }, svg);

  // The selected cell: a small dark cube.
  const cellGroup = el('g', { 'data-layer': 'cell', fill: COLORS.fg, stroke: 'var(--bg-raised)', 'stroke-width': 1, 'stroke-linejoin': 'round' }, svg);
  const { batch: n, position: p, feature: f } = selected;
  for (const [face, fixed, a0, a1, b0, b1, opacity] of [
    ['front', n, f, f + 1, p, p + 1, 0.9],
    ['top', p, f, f + 1, n, n + 1, 0.7],
    ['right', f + 1, p, p + 1, n, n + 1, 0.55],
  ] as const) {
    el('polygon', { points: pointsOf(g, faceCorners(face, fixed, a0, a1, b0, b1)), 'fill-opacity': opacity }, cellGroup);
  }

  // Axes: index ticks at both ends, and titles.
  const text = (content: string, x: number, y: number, attributes: Record<string, string | number> = {}) => {
    const node = el('text', { x: round(x), y: round(y), fill: COLORS.soft, ...attributes }, svg);
    node.textContent = content;
    return node;
  };
  const [frontLeft, frontTop] = project(g, 0, 0, 0);
  const [, frontBottom] = project(g, 0, P, 0);
  const [frontRight] = project(g, F, 0, 0);
  text('0', frontLeft - 5, frontTop + g.cell / 2, { 'text-anchor': 'end', 'dominant-baseline': 'central' });
  if (P > 1) text(String(P - 1), frontLeft - 5, frontBottom - g.cell / 2, { 'text-anchor': 'end', 'dominant-baseline': 'central' });
  text('0', frontLeft + g.cell / 2, frontBottom + 14, { 'text-anchor': 'middle' });
  if (F > 1) text(String(F - 1), frontRight - g.cell / 2, frontBottom + 14, { 'text-anchor': 'middle' });
  text(data.axes.features, (frontLeft + frontRight) / 2, frontBottom + 30, { 'text-anchor': 'middle', fill: COLORS.fg });
  const midY = (frontTop + frontBottom) / 2;
  text(data.axes.positions, 12, midY, { 'text-anchor': 'middle', 'dominant-baseline': 'central', transform: `rotate(-90 12 ${round(midY)})`, fill: COLORS.fg });
  const [backLeft, backTop] = project(g, 0, 0, B);
  text(`↗ ${data.axes.batch}`, Math.max(4, backLeft - 10), backTop - 8, { fill: COLORS.fg });
  return svg;
}
