import { describe, expect, it } from 'vitest';
import { SITE_CSS } from './site-palette';
import { lightPalette, svgForResvg } from './svg-for-resvg';
import { pngSize } from './png';

const context = { color: '#111111', fontFamily: 'Noto Sans SC' };

describe('figures for resvg', () => {
  it("reads the light theme's colours, not the dark theme's", () => {
    const palette = lightPalette(':root {\n  --bn: #0072b2;\n  --x: var(--bn);\n}\n:root[data-theme=dark] { --bn: #56b4e9; }');
    expect(palette).toEqual({ bn: '#0072b2', x: 'var(--bn)' });
  });

  it('has every colour the charts name in the site stylesheet', () => {
    const palette = lightPalette(SITE_CSS);
    for (const name of ['bn', 'ln', 'other', 'fg-soft', 'border', 'bg', 'fg']) expect(palette[name]).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it.each([
    ['a known colour', '<svg><path fill="var(--bn)"/></svg>', 'fill="#0072b2"', []],
    ['a colour naming another', '<svg><path fill="var(--x)"/></svg>', 'fill="#0072b2"', []],
    ['an unknown colour with a fallback', '<svg><path fill="var(--nope, #abcdef)"/></svg>', 'fill="#abcdef"', ['nope']],
    ['an unknown colour without one', '<svg><path style="stroke: var(--nope)"/></svg>', 'stroke: currentColor', ['nope']],
  ])('resolves %s', (_name, svg, expected, unknown) => {
    const out = svgForResvg(svg, { bn: '#0072b2', x: 'var(--bn)' }, context);
    expect(out.svg).toContain(expected);
    expect(out.svg).not.toContain('var(');
    expect(out.unknown).toEqual(unknown);
  });

  it('gives the root the namespace, colour and font the page gives it, replacing its own', () => {
    const out = svgForResvg('<svg viewBox="0 0 1 1" color="red" font-family="serif"><text>x</text></svg>', {}, context).svg;
    expect(out).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" color="#111111" font-family="Noto Sans SC"><text>x</text></svg>');
    const namespaced = svgForResvg('<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>', {}, context).svg;
    expect(namespaced.match(/xmlns=/g)).toHaveLength(1);
  });

  it('refuses markup that is not an SVG', () => expect(() => svgForResvg('<div></div>', {}, context)).toThrow(/<svg/));
});

describe('PNG header', () => {
  const header = (w: number, h: number): Uint8Array => {
    const bytes = new Uint8Array(24);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    new DataView(bytes.buffer).setUint32(16, w);
    new DataView(bytes.buffer).setUint32(20, h);
    return bytes;
  };
  it('gives the size of a PNG', () => expect(pngSize(header(1200, 630))).toEqual({ width: 1200, height: 630 }));
  it('refuses what is not a PNG', () => {
    expect(pngSize(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
    expect(pngSize(header(1, 1).slice(0, 20))).toBeNull();
  });
});
