import { describe, expect, it } from 'vitest';
import { cellAt, cubeChart, cubeGeometry, CUBE_RATIO, project, type CubeChartData } from './cube';
import { serverDocument } from './server-document';
import { asAccessibleImage } from './a11y';
import { codec, compute } from '../widgets/cube/model';
import { groupBlocks, groupOf } from '../lib/reduction';

const defaults = compute(codec.defaults, 'en').figures.cube;

function draw(data: CubeChartData, width = 640): SVGSVGElement {
  return cubeChart(data, { width, lang: 'en', document: serverDocument() });
}

describe('cube chart', () => {
  it('draws the default state (LayerNorm on (3, 6, 8)) in a Node DOM', () => {
    const svg = draw(defaults);
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg.getAttribute('viewBox')).toBe(`0 0 640 ${Math.round(640 * CUBE_RATIO)}`);
    // Shell: front 6 rows × 1 block, top 3 batches × 1 block, right 3 × 6 tiles.
    expect(svg.querySelectorAll('[data-layer="shell"] polygon')).toHaveLength(6 + 3 + 18);
    expect(svg.querySelectorAll('[data-layer="group"] polygon')).toHaveLength(3);
    expect(svg.querySelectorAll('[data-layer="cell"] polygon')).toHaveLength(3);
    expect(svg.querySelector('[data-layer="group"]')?.getAttribute('fill')).toBe('var(--ln)');
    expect(svg.textContent).toContain('feature d (D = 8)');
    expect(svg.textContent).toContain('position t (T = 6)');
    expect(svg.textContent).toContain('sequence b (B = 3)');
  });

  it.each([
    ['bn', 'var(--bn)'],
    ['ln', 'var(--ln)'],
    ['rms', 'var(--ln)'],
    ['in', 'var(--other)'],
    ['gn', 'var(--other)'],
  ] as const)('%s draws its group in %s', (norm, colour) => {
    const svg = draw(compute({ ...codec.defaults, norm }, 'en').figures.cube);
    expect(svg.querySelector('[data-layer="group"]')?.getAttribute('fill')).toBe(colour);
  });

  it('keeps one aspect ratio at every width and size (no layout shift)', () => {
    for (const width of [280, 390, 640]) {
      for (const size of [{ batch: 1, positions: 1, features: 1 }, { batch: 8, positions: 12, features: 16 }, { batch: 8, positions: 1, features: 16 }]) {
        const g = cubeGeometry(size, width);
        expect(g.height).toBe(Math.round(width * CUBE_RATIO));
        const corners = [project(g, 0, 0, 0), project(g, size.features, size.positions, 0), project(g, size.features, 0, size.batch), project(g, 0, 0, size.batch)];
        for (const [x, y] of corners) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(width);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(g.height);
        }
      }
    }
  });

  it('finds the surface cell under a point: the inverse of the projection on the three visible faces', () => {
    const size = { batch: 4, positions: 5, features: 6 };
    const g = cubeGeometry(size, 500);
    const centre = (f: number, p: number, n: number) => project(g, f, p, n);
    expect(cellAt(g, ...centre(2.5, 3.5, 0))).toEqual({ batch: 0, position: 3, feature: 2 }); // front
    expect(cellAt(g, ...centre(4.5, 0, 2.5))).toEqual({ batch: 2, position: 0, feature: 4 }); // top
    expect(cellAt(g, ...centre(6, 1.5, 3.5))).toEqual({ batch: 3, position: 1, feature: 5 }); // right side
    expect(cellAt(g, 1, 1)).toBeNull();
    expect(cellAt(g, 499, g.height - 1)).toBeNull();
  });

  it('draws a group inside the cube as a box at its depth', () => {
    const size = { batch: 4, positions: 5, features: 6 };
    const blocks = groupBlocks('layer', 'tokens', size, 1);
    const selected = { batch: 2, position: 3, feature: 1 };
    const data: CubeChartData = { size, blocks, group: groupOf(selected, blocks), selected, tone: 'ln', axes: { batch: 'b', positions: 't', features: 'd' } };
    const svg = draw(data, 500);
    const front = svg.querySelector('[data-layer="group"] polygon')?.getAttribute('points');
    const g = cubeGeometry(size, 500);
    const [x, y] = project(g, 0, 3, 2).map((v) => Math.round(v * 10) / 10);
    expect(front?.startsWith(`${x},${y} `)).toBe(true);
  });

  it('tiles faces per group, so the node count stays small at the largest sizes', () => {
    const size = { batch: 8, positions: 12, features: 16 };
    for (const kind of ['batch', 'layer', 'instance', 'group', 'rms'] as const) {
      const blocks = groupBlocks(kind, 'tokens', size, 4);
      const selected = { batch: 7, position: 11, feature: 15 };
      const svg = draw({ size, blocks, group: groupOf(selected, blocks), selected, tone: 'bn', axes: { batch: 'b', positions: 't', features: 'd' } });
      expect(svg.querySelectorAll('*').length).toBeLessThan(300);
    }
  });

  it('becomes one described image', () => {
    const svg = asAccessibleImage(draw(defaults), 'LayerNorm groups');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('LayerNorm groups');
  });
});
