// Which values of an activation tensor share one mean and variance under each
// normalization. The tensor is seen as a cube of cells (batch, position, feature):
// a Transformer's (B, T, D), or an image batch (N, C, H, W) with H·W flattened into
// one position axis (the picture of the GroupNorm paper). Every statistics group is
// then an axis-aligned box of cells, described by its block length along each axis.
// `applyNorm` runs the real norm from ./norms on such a tensor, so the tests can
// check that the groups here are exactly the sets of values that share statistics.

import { batchNorm, groupNorm, instanceNorm, layerNorm, rmsNorm, type Tensor } from './norms';

/** The five normalizations the explainer compares. */
export const NORM_KINDS = ['batch', 'layer', 'instance', 'group', 'rms'] as const;
export type NormKind = (typeof NORM_KINDS)[number];

/** Token activations (B, T, D), or images (N, C, H, W). */
export const CUBE_LAYOUTS = ['tokens', 'images'] as const;
export type CubeLayout = (typeof CUBE_LAYOUTS)[number];

/** Lengths of the cube's three axes: batch (B or N), positions (T or H·W), features (D or C). */
export interface CubeSize {
  readonly batch: number;
  readonly positions: number;
  readonly features: number;
}

/** One cell of the cube, by its index along each axis. */
export interface Cell {
  readonly batch: number;
  readonly position: number;
  readonly feature: number;
}

/** A half-open index range [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The cells of one statistics group: the box span.batch × span.position × span.feature. */
export interface GroupBox {
  readonly batch: Span;
  readonly position: Span;
  readonly feature: Span;
}

/** The axes of the cube, in the order cells are written. */
export const AXES = ['batch', 'position', 'feature'] as const;
export type Axis = (typeof AXES)[number];

const SIZE_OF: Record<Axis, keyof CubeSize> = { batch: 'batch', position: 'positions', feature: 'features' };

/** The length of `axis` in a cube of `size`. */
export function axisLength(size: CubeSize, axis: Axis): number {
  return size[SIZE_OF[axis]];
}

/** Divisors of n in increasing order: {g : n mod g = 0}. */
export function divisors(n: number): number[] {
  const out: number[] = [];
  for (let g = 1; g <= n; g++) if (n % g === 0) out.push(g);
  return out;
}

/** The group count GroupNorm can use for `features` channels: the largest divisor of `features` that is ≤ g (g clamped to [1, features]). */
export function validGroupCount(g: number, features: number): number {
  const wanted = Math.min(Math.max(1, Math.floor(g)), features);
  let best = 1;
  for (const d of divisors(features)) if (d <= wanted) best = d;
  return best;
}

/** The smallest divisor of `features` that is ≥ g (g clamped to [1, features]). */
export function validGroupCountAbove(g: number, features: number): number {
  const wanted = Math.min(Math.max(1, Math.ceil(g)), features);
  return divisors(features).find((d) => d >= wanted) ?? features;
}

/**
 * The block length of one statistics group along each axis (the whole axis when the norm reduces over it):
 * BatchNorm (1 feature × all batch × all positions), LayerNorm and RMSNorm (all features of one token, or of one
 * image: C·H·W), InstanceNorm (1 feature × all positions of one sample), GroupNorm (features/G × all positions).
 * `groups` must divide `size.features` (see {@link validGroupCount}).
 */
export function groupBlocks(kind: NormKind, layout: CubeLayout, size: CubeSize, groups: number): CubeSize {
  const { batch, positions, features } = size;
  switch (kind) {
    case 'batch':
      return { batch, positions, features: 1 };
    case 'layer':
    case 'rms':
      return { batch: 1, positions: layout === 'tokens' ? 1 : positions, features };
    case 'instance':
      return { batch: 1, positions, features: 1 };
    case 'group':
      if (!Number.isInteger(groups) || groups < 1 || features % groups !== 0) {
        throw new RangeError(`GroupNorm needs a group count that divides ${features}, got ${groups}`);
      }
      return { batch: 1, positions, features: features / groups };
    default: {
      const unknown: never = kind;
      throw new RangeError(`unknown normalization ${String(unknown)}`);
    }
  }
}

/** Number of statistics groups: Π (axis length / block length). */
export function groupCount(size: CubeSize, blocks: CubeSize): number {
  return (size.batch / blocks.batch) * (size.positions / blocks.positions) * (size.features / blocks.features);
}

/** Values in one statistics group: Π block lengths. */
export function groupSize(blocks: CubeSize): number {
  return blocks.batch * blocks.positions * blocks.features;
}

/** The group's coordinates: ⌊index / block⌋ along each axis. */
export function groupCoordinates(cell: Cell, blocks: CubeSize): [number, number, number] {
  return [
    Math.floor(cell.batch / blocks.batch),
    Math.floor(cell.position / blocks.positions),
    Math.floor(cell.feature / blocks.features),
  ];
}

/** The box of cells that shares one mean and variance with `cell`. */
export function groupOf(cell: Cell, blocks: CubeSize): GroupBox {
  const [b, p, f] = groupCoordinates(cell, blocks);
  return {
    batch: { start: b * blocks.batch, end: (b + 1) * blocks.batch },
    position: { start: p * blocks.positions, end: (p + 1) * blocks.positions },
    feature: { start: f * blocks.features, end: (f + 1) * blocks.features },
  };
}

/** Whether `cell` lies in `box`. */
export function inGroup(cell: Cell, box: GroupBox): boolean {
  return AXES.every((axis) => cell[axis] >= box[axis].start && cell[axis] < box[axis].end);
}

/** Clamps a cell into a cube of `size` (indices 0 … length − 1). */
export function clampCell(cell: Cell, size: CubeSize): Cell {
  const clamp = (i: number, n: number) => Math.min(Math.max(0, Math.floor(i)), n - 1);
  return {
    batch: clamp(cell.batch, size.batch),
    position: clamp(cell.position, size.positions),
    feature: clamp(cell.feature, size.features),
  };
}

/** Image sizes (N, C, H, W) as a cube: positions = H·W. */
export function imageCube(n: number, c: number, h: number, w: number): CubeSize {
  return { batch: n, positions: h * w, features: c };
}

/** The tensor shape of a cube: (B, T, D) for tokens, (N, C, H, W) for images (`width` = W). */
export function tensorShape(layout: CubeLayout, size: CubeSize, width: number): number[] {
  if (layout === 'tokens') return [size.batch, size.positions, size.features];
  return [size.batch, size.features, size.positions / width, width];
}

/** Row-major index of `cell` in the tensor of {@link tensorShape}: (b·T + t)·D + d, or (n·C + c)·H·W + p. */
export function flatIndex(layout: CubeLayout, size: CubeSize, cell: Cell): number {
  return layout === 'tokens'
    ? (cell.batch * size.positions + cell.position) * size.features + cell.feature
    : (cell.batch * size.features + cell.feature) * size.positions + cell.position;
}

/** (A, B, C) → (A, C, B) for a three-axis tensor, as `x.permute(0, 2, 1)`. */
export function swapLastAxes(x: Tensor): Tensor {
  const [a = 0, b = 0, c = 0] = x.shape;
  const out = new Float64Array(x.data.length);
  for (let i = 0; i < a; i++) {
    for (let j = 0; j < b; j++) {
      for (let k = 0; k < c; k++) out[(i * c + k) * b + j] = x.data[(i * b + j) * c + k]!;
    }
  }
  return { shape: [a, c, b], data: out };
}

/**
 * Runs the norm as PyTorch would on a tensor of {@link tensorShape} (default parameters, training mode):
 * tokens (B, T, D) go through `permute(0, 2, 1)` for BatchNorm1d, InstanceNorm1d and GroupNorm, and LayerNorm and
 * RMSNorm take (D); images take BatchNorm2d, LayerNorm([C, H, W]), InstanceNorm2d, GroupNorm and RMSNorm([C, H, W]).
 * Throws the RangeError PyTorch would raise (e.g. one value per channel in training).
 */
export function applyNorm(kind: NormKind, layout: CubeLayout, x: Tensor, groups: number): Tensor {
  const channelsFirst = (f: (t: Tensor) => Tensor): Tensor =>
    layout === 'tokens' ? swapLastAxes(f(swapLastAxes(x))) : f(x);
  const trailing = layout === 'tokens' ? x.shape.slice(2) : x.shape.slice(1);
  switch (kind) {
    case 'batch':
      return channelsFirst((t) => batchNorm(t).output);
    case 'layer':
      return layerNorm(x, trailing);
    case 'rms':
      return rmsNorm(x, trailing);
    case 'instance':
      return channelsFirst((t) => instanceNorm(t));
    case 'group':
      return channelsFirst((t) => groupNorm(t, groups));
    default: {
      const unknown: never = kind;
      throw new RangeError(`unknown normalization ${String(unknown)}`);
    }
  }
}
