import { describe, expect, it } from 'vitest';
import { paddingSweepChart, PADDING_SWEEP_RATIO, type PaddingSweepData } from './padding-sweep';
import { serverDocument } from './server-document';
import { asAccessibleImage } from './a11y';
import { codec, compute } from '../widgets/padding/model';

const data = (lang: 'zh' | 'en', masked = false): PaddingSweepData => compute({ ...codec.defaults, mask: masked }, lang).figures.sweep;

describe('padding sweep chart', () => {
  it.each(['zh', 'en'] as const)('draws the default state: three lines, two current dots and a legend (%s)', (lang) => {
    const svg = paddingSweepChart(data(lang), { width: 640, lang, document: serverDocument() });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg.getAttribute('height')).toBe(String(Math.round(640 * PADDING_SWEEP_RATIO)));
    expect(svg.querySelectorAll('svg path[d]').length).toBeGreaterThanOrEqual(3);
    expect(svg.querySelectorAll('circle')).toHaveLength(2);
    const legend = svg.querySelector('.padding-sweep-legend')?.textContent ?? '';
    expect(legend).toContain(lang === 'zh' ? 'BN，pad 已排除' : 'BN, pads masked');
    expect(svg.textContent).not.toMatch(/NaN|Infinity/);
  });

  it.each([false, true])('draws the active BatchNorm line bold (masked %s)', (masked) => {
    const svg = paddingSweepChart(data('en', masked), { width: 390, lang: 'en', document: serverDocument() });
    const legendLines = [...svg.querySelectorAll('.padding-sweep-legend line')].map((l) => l.getAttribute('stroke-width'));
    expect(legendLines).toEqual(masked ? ['1.5', '3', '3'] : ['3', '1.5', '3']);
  });

  it.each([
    ['zh', ['0%', '20%', '40%', '60%', '80%']],
    ['en', ['0\u00a0%', '20\u00a0%', '40\u00a0%', '60\u00a0%', '80\u00a0%']],
  ] as const)('labels the padding shares as each language writes a percentage (%s)', (lang, ticks) => {
    const svg = paddingSweepChart(data(lang), { width: 640, lang, document: serverDocument() });
    const texts = [...svg.querySelectorAll('.xy-frame text')].map((t) => t.textContent ?? '');
    expect(texts.filter((t) => t.endsWith('%'))).toEqual(ticks);
  });

  it.each([
    ['zh', '当前 29.2%'],
    ['en', 'now 29.2\u00a0%'],
  ] as const)('names the current share’s rule with its percentage, one decimal (%s)', (lang, label) => {
    for (const width of [300, 640]) {
      const svg = paddingSweepChart(data(lang), { width, lang, document: serverDocument() });
      const now = [...svg.querySelectorAll('.padding-sweep-marks text')].map((t) => t.textContent);
      expect(now).toEqual([label]);
    }
  });

  it('keeps its height proportional to its width, at phone width too', () => {
    for (const width of [300, 390, 640]) {
      const svg = paddingSweepChart(data('zh'), { width, lang: 'zh', document: serverDocument() });
      expect(svg.getAttribute('height')).toBe(String(Math.round(width * PADDING_SWEEP_RATIO)));
    }
  });

  it('becomes one described image with its marks out of the accessibility tree', () => {
    const svg = asAccessibleImage(paddingSweepChart(data('en'), { width: 400, lang: 'en', document: serverDocument() }), 'sweep');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('sweep');
    expect(svg.querySelectorAll('[aria-label]')).toHaveLength(0);
  });
});
