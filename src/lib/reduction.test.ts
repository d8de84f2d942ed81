import { describe, expect, it } from 'vitest';
import { createRng } from './random';
import { tensor, type Tensor } from './norms';
import {
  applyNorm,
  clampCell,
  CUBE_LAYOUTS,
  divisors,
  flatIndex,
  groupBlocks,
  groupCount,
  groupOf,
  groupSize,
  imageCube,
  inGroup,
  NORM_KINDS,
  swapLastAxes,
  tensorShape,
  validGroupCount,
  validGroupCountAbove,
  type Cell,
  type CubeLayout,
  type CubeSize,
  type NormKind,
} from './reduction';

/** Every cell of a cube, in row-major order of (batch, position, feature). */
function cells(size: CubeSize): Cell[] {
  const out: Cell[] = [];
  for (let batch = 0; batch < size.batch; batch++) {
    for (let position = 0; position < size.positions; position++) {
      for (let feature = 0; feature < size.features; feature++) out.push({ batch, position, feature });
    }
  }
  return out;
}

/** A seeded standard-normal tensor of the layout's shape. */
function randomTensor(layout: CubeLayout, size: CubeSize, width: number, seed: string): Tensor {
  const rng = createRng('reduction-test', seed);
  const shape = tensorShape(layout, size, width);
  const values = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());
  return tensor(values, shape);
}

/**
 * The cells whose output changes when the input at `cell` is nudged: exactly those that share a statistic with it
 * (its own output changes too). Perturbs by 0.75, which moves every statistic of a random group.
 */
function cellsAffectedBy(kind: NormKind, layout: CubeLayout, size: CubeSize, groups: number, x: Tensor, cell: Cell): Cell[] {
  const before = applyNorm(kind, layout, x, groups).data;
  const nudged = Float64Array.from(x.data);
  nudged[flatIndex(layout, size, cell)]! += 0.75;
  const after = applyNorm(kind, layout, { shape: x.shape, data: nudged }, groups).data;
  return cells(size).filter((c) => {
    const i = flatIndex(layout, size, c);
    return before[i] !== after[i];
  });
}

const key = (c: Cell) => `${c.batch},${c.position},${c.feature}`;

/** Cases: layout, sizes, image width, GroupNorm groups. */
const CASES: { layout: CubeLayout; size: CubeSize; width: number; groups: number }[] = [
  { layout: 'tokens', size: { batch: 3, positions: 4, features: 6 }, width: 1, groups: 3 },
  { layout: 'tokens', size: { batch: 2, positions: 5, features: 8 }, width: 1, groups: 2 },
  { layout: 'tokens', size: { batch: 1, positions: 3, features: 4 }, width: 1, groups: 4 },
  { layout: 'images', size: imageCube(2, 6, 2, 3), width: 3, groups: 2 },
  { layout: 'images', size: imageCube(3, 4, 3, 2), width: 2, groups: 4 },
];

describe('the highlighted groups are exactly the sets that share one statistic in the norm functions', () => {
  for (const { layout, size, width, groups } of CASES) {
    describe.each(NORM_KINDS)(`${layout} ${size.batch}×${size.positions}×${size.features}, %s`, (kind) => {
      const x = randomTensor(layout, size, width, `${layout}-${kind}-${key({ batch: size.batch, position: size.positions, feature: size.features })}`);
      const blocks = groupBlocks(kind, layout, size, groups);
      const rng = createRng('reduction-cells', layout, kind);
      const probes = Array.from({ length: 6 }, () => ({
        batch: rng.int(size.batch),
        position: rng.int(size.positions),
        feature: rng.int(size.features),
      }));
      it.each(probes)('nudging cell %o changes the outputs of its group and no other', (cell) => {
        const affected = cellsAffectedBy(kind, layout, size, groups, x, cell).map(key);
        const box = groupOf(cell, blocks);
        const expected = cells(size).filter((c) => inGroup(c, box)).map(key);
        expect(affected).toEqual(expected);
        expect(expected).toHaveLength(groupSize(blocks));
      });
    });
  }
});

describe('group counts and sizes', () => {
  const tokens = { batch: 4, positions: 16, features: 512 };
  it.each([
    ['batch', 512, 64],
    ['layer', 64, 512],
    ['rms', 64, 512],
    ['instance', 2048, 16],
    ['group', 32, 1024],
  ] as const)('(B, T, D) = (4, 16, 512), %s: %i groups of %i values', (kind, count, size) => {
    const blocks = groupBlocks(kind, 'tokens', tokens, 8);
    expect(groupCount(tokens, blocks)).toBe(count);
    expect(groupSize(blocks)).toBe(size);
  });

  const images = imageCube(2, 6, 3, 4);
  it.each([
    ['batch', 6, 24],
    ['layer', 2, 72],
    ['rms', 2, 72],
    ['instance', 12, 12],
    ['group', 6, 24],
  ] as const)('(N, C, H, W) = (2, 6, 3, 4), %s: %i groups of %i values (LayerNorm takes a whole image)', (kind, count, size) => {
    const blocks = groupBlocks(kind, 'images', images, 3);
    expect(groupCount(images, blocks)).toBe(count);
    expect(groupSize(blocks)).toBe(size);
  });

  it.each(NORM_KINDS.flatMap((kind) => CUBE_LAYOUTS.map((layout) => [kind, layout] as const)))(
    '%s on %s: count × size = every value once, and the groups partition the cube',
    (kind, layout) => {
      const size = { batch: 3, positions: 4, features: 6 };
      const blocks = groupBlocks(kind, layout, size, 2);
      expect(groupCount(size, blocks) * groupSize(blocks)).toBe(3 * 4 * 6);
      const seen = new Map<string, number>();
      for (const cell of cells(size)) {
        const box = groupOf(cell, blocks);
        expect(inGroup(cell, box)).toBe(true);
        seen.set(JSON.stringify(box), (seen.get(JSON.stringify(box)) ?? 0) + 1);
      }
      expect(seen.size).toBe(groupCount(size, blocks));
      for (const n of seen.values()) expect(n).toBe(groupSize(blocks));
    },
  );

  it('refuses a GroupNorm group count that does not divide the features, as PyTorch does', () => {
    expect(() => groupBlocks('group', 'tokens', { batch: 1, positions: 2, features: 6 }, 4)).toThrow(/divides 6/);
  });
});

describe('GroupNorm group counts', () => {
  it.each([
    [16, [1, 2, 4, 8, 16]],
    [12, [1, 2, 3, 4, 6, 12]],
    [7, [1, 7]],
    [1, [1]],
  ])('divisors of %i', (n, expected) => {
    expect(divisors(n)).toEqual(expected);
  });

  it.each([
    [5, 16, 4],
    [8, 16, 8],
    [99, 12, 12],
    [0, 12, 1],
    [-3, 12, 1],
    [5.7, 12, 4],
    [6, 7, 1],
  ])('G = %d with %i features snaps down to %i', (g, features, expected) => {
    expect(validGroupCount(g, features)).toBe(expected);
  });

  it.each([
    [5, 16, 8],
    [8, 16, 8],
    [99, 12, 12],
    [0, 12, 1],
    [5, 12, 6],
    [2, 7, 7],
  ])('G = %d with %i features snaps up to %i', (g, features, expected) => {
    expect(validGroupCountAbove(g, features)).toBe(expected);
  });
});

describe('helpers', () => {
  it('clamps a cell into the cube', () => {
    expect(clampCell({ batch: 9, position: -2, feature: 3.6 }, { batch: 4, positions: 5, features: 8 })).toEqual({ batch: 3, position: 0, feature: 3 });
  });

  it('swapLastAxes is permute(0, 2, 1) and undoes itself', () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 2, 3]);
    const y = swapLastAxes(x);
    expect(y.shape).toEqual([2, 3, 2]);
    expect([...y.data]).toEqual([1, 4, 2, 5, 3, 6, 7, 10, 8, 11, 9, 12]);
    expect(swapLastAxes(y)).toEqual(x);
  });

  it('throws PyTorch’s refusals from the norm functions', () => {
    const one = tensor(new Float64Array(4), [1, 1, 4]);
    expect(() => applyNorm('batch', 'tokens', one, 1)).toThrow(/Expected more than 1 value per channel when training, got input size \[1, 4, 1\]/);
    expect(() => applyNorm('instance', 'tokens', one, 1)).toThrow(/Expected more than 1 spatial element when training/);
    expect(() => applyNorm('group', 'tokens', one, 4)).toThrow(/Expected more than 1 value per channel/);
    expect(applyNorm('layer', 'tokens', one, 1).data).toEqual(new Float64Array(4));
  });
});
