import { describe, expect, it } from 'vitest';
import { BATCH_SIZE_WIDTHS, batchSizeChart, batchSizeRows, labelAbove, withFontVariantAsCss } from './batch-size';
import { serverDocument } from './server-document';
import { asAccessibleImage } from './a11y';
import { VALIDATION_ERROR } from '../data/groupnorm-batch-sizes';

/** The font size a text is drawn at: its own or its nearest ancestor's font-size (a style wins over the attribute). */
function fontSizeOf(el: Element): number {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const style = /font-size:\s*([\d.]+)px/.exec(e.getAttribute('style') ?? '');
    if (style) return parseFloat(style[1]!);
    const attr = e.getAttribute('font-size');
    if (attr) return parseFloat(attr);
  }
  return Number.NaN;
}

describe('batch-size chart', () => {
  it('has one row per norm and batch size, matching the published table', () => {
    const rows = batchSizeRows();
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => r.norm === 'BN').map((r) => r.error)).toEqual([...VALIDATION_ERROR.BN]);
    expect(rows.filter((r) => r.norm === 'GN').map((r) => r.error)).toEqual([...VALIDATION_ERROR.GN]);
  });

  it.each(['zh', 'en'] as const)('draws two lines and ten dots in a Node DOM (%s)', (lang) => {
    const svg = batchSizeChart(batchSizeRows(), { width: 640, document: serverDocument(), lang });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg.querySelectorAll('path[d]').length).toBeGreaterThanOrEqual(2);
    expect(svg.querySelectorAll('circle')).toHaveLength(10);
    expect(svg.textContent).toContain(lang === 'zh' ? '验证错误率' : 'validation error');
  });

  it("keeps its axes' numbers tabular in CSS, not in Plot's font-variant attribute (invalid SVG)", () => {
    const svg = batchSizeChart(batchSizeRows(), { width: 640, document: serverDocument(), lang: 'en' });
    expect(svg.querySelectorAll('[font-variant]')).toHaveLength(0);
    const tabular = [...svg.querySelectorAll('[style*="font-variant: tabular-nums"]')];
    // the x axis's ticks (32 … 2) and the y axis's (25, 30, 35)
    expect(tabular.map((g) => [...g.querySelectorAll('text')].map((t) => t.textContent).join(' ')).sort()).toEqual(['25 30 35', '32 16 8 4 2']);
  });

  it('moves a font-variant attribute into the style, after any style already there', () => {
    const doc = serverDocument();
    const g = doc.createElementNS('http://www.w3.org/2000/svg', 'g');
    g.setAttribute('font-variant', 'tabular-nums');
    g.setAttribute('style', 'font-size: 12px;');
    const root = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
    root.append(g);
    withFontVariantAsCss(root);
    expect(g.getAttribute('font-variant')).toBeNull();
    expect(g.getAttribute('style')).toBe('font-size: 12px; font-variant: tabular-nums');
  });

  it.each([
    ['en', ['23.6\u00a0%', '24.0\u00a0%', '34.7\u00a0%']],
    ['zh', ['23.6%', '24.0%', '34.7%']],
  ] as const)('labels every point with its percentage and one decimal (%s)', (lang, expected) => {
    const texts = [...batchSizeChart(batchSizeRows(), { width: 640, document: serverDocument(), lang }).querySelectorAll('text')].map((t) => t.textContent);
    for (const label of expected) expect(texts).toContain(label);
    expect(texts.filter((t) => /%$/.test(t ?? ''))).toHaveLength(10);
  });

  it('puts the label of the higher norm above its dot and the lower one below, at every batch size', () => {
    const rows = batchSizeRows();
    const above = (norm: 'BN' | 'GN', batch: number) => labelAbove(rows.find((r) => r.norm === norm && r.batch === batch)!, rows);
    expect([32, 16, 8, 4, 2].map((b) => [above('BN', b), above('GN', b)])).toEqual([
      [false, true], // 23.6 under 24.1
      [false, true],
      [true, false], // 24.8 over 24.0
      [true, false],
      [true, false],
    ]);
  });

  it.each(BATCH_SIZE_WIDTHS)('draws every text at 12 px or more at width %i, its height in proportion', (width) => {
    const svg = batchSizeChart(batchSizeRows(), { width, document: serverDocument(), lang: 'en' });
    const sizes = [...svg.querySelectorAll('text')].filter((t) => t.textContent?.trim()).map(fontSizeOf);
    expect(sizes.length).toBeGreaterThan(15);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    expect(Number(svg.getAttribute('width'))).toBe(width);
  });

  it('becomes one described image with its marks out of the accessibility tree', () => {
    const svg = asAccessibleImage(batchSizeChart(batchSizeRows(), { width: 400, document: serverDocument(), lang: 'en' }), 'BN vs GN');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('BN vs GN');
    expect(svg.querySelectorAll('[aria-label]')).toHaveLength(0);
  });
});
