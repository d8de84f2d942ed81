import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BATCH_SIZE_WIDTHS, batchSizeChart, batchSizeRows } from './batch-size';
import { normalizeCss, styleTexts, withoutStyleElements } from './plot-style';
import { serverDocument } from './server-document';

const stylesheet = normalizeCss(readFileSync(new URL('../styles/plot.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, ''));

describe.each(BATCH_SIZE_WIDTHS.map((width) => ({ width })))('the batch-size chart drawn at $width px', ({ width }) => {
  const draw = () => batchSizeChart(batchSizeRows(), { width, document: serverDocument(), lang: 'en' });

  it('Plot writes a <style> into it (what a strict CSP refuses)', () => {
    expect(styleTexts(draw()).length).toBeGreaterThan(0);
  });

  it("src/styles/plot.css holds Plot's rules word for word", () => {
    for (const css of styleTexts(draw())) expect(stylesheet).toContain(css);
  });

  it('leaves no <style> once its styles are taken out, and keeps its marks', () => {
    const chart = withoutStyleElements(draw());
    expect(chart.querySelectorAll('style')).toHaveLength(0);
    expect(chart.querySelectorAll('circle').length).toBeGreaterThan(0);
  });
});
