import { describe, expect, it } from 'vitest';
import { niceTicks, SAMPLE_OUTPUTS_RATIO, sampleOutputsChart, type SampleOutputsData } from './sample-outputs';
import { serverDocument } from './server-document';
import { asAccessibleImage } from './a11y';

const panels = (bnMessage: string | null): SampleOutputsData => ({
  panels: [
    { norm: 'bn', title: 'BatchNorm (training)', before: bnMessage ? null : [0.1, -1, 2], after: bnMessage ? null : [0.5, -1.2, 1], message: bnMessage },
    { norm: 'ln', title: 'LayerNorm', before: [1, 0, -1], after: [1, 0, -1], message: null },
  ],
  beforeLabel: 'original batchmates, ×1',
  afterLabel: 'now',
  featureLabel: 'feature →',
});

/** Dots are drawn as one path per kind, one "M…a…a…" circle per feature. */
const dots = (panel: Element | null, filled: boolean): number =>
  panel?.querySelector(filled ? '.sample-outputs-after' : '.sample-outputs-before')?.getAttribute('d')?.match(/M/g)?.length ?? 0;

describe('sample-outputs chart', () => {
  it.each(['zh', 'en'] as const)('draws a BatchNorm and a LayerNorm panel, hollow dots before and filled dots now (%s)', (lang) => {
    const svg = sampleOutputsChart(panels(null), 3, { width: 640, document: serverDocument(), lang });
    const bn = svg.querySelector('[data-panel="bn"]');
    const ln = svg.querySelector('[data-panel="ln"]');
    expect(dots(bn, false)).toBe(3);
    expect(dots(bn, true)).toBe(3);
    expect(dots(ln, false)).toBe(3);
    expect(dots(ln, true)).toBe(3);
    expect(bn?.textContent).toContain('BatchNorm (training)');
    expect(svg.textContent).toContain('original batchmates, ×1');
  });

  it('shows PyTorch’s error instead of dots in a panel whose norm refuses the input', () => {
    const message = 'ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 3])';
    const svg = sampleOutputsChart(panels(message), 3, { width: 390, document: serverDocument(), lang: 'en' });
    const bn = svg.querySelector('[data-panel="bn"]');
    expect(dots(bn, true) + dots(bn, false)).toBe(0);
    const lines = [...(bn?.querySelectorAll('tspan') ?? [])].map((t) => t.textContent);
    expect(lines.join(' ')).toContain('ValueError: Expected more than 1 value per channel when training');
    expect(dots(svg.querySelector('[data-panel="ln"]'), true)).toBe(3);
  });

  it.each([
    [-2.1, 1.7, [-2, -1, 0, 1]],
    [-0.3, 0.45, [-0.2, 0, 0.2, 0.4]],
    [0, 37, [0, 10, 20, 30]],
  ])('y ticks over [%f, %f] are round numbers inside the range: %o', (lo, hi, ticks) => {
    expect(niceTicks(lo, hi)).toEqual(ticks);
  });

  it('keeps height proportional to width', () => {
    for (const width of [390, 640]) {
      const svg = sampleOutputsChart(panels(null), 3, { width, document: serverDocument(), lang: 'en' });
      expect(Number(svg.getAttribute('height'))).toBe(Math.round(width * SAMPLE_OUTPUTS_RATIO * 1000) / 1000);
      const one = sampleOutputsChart({ ...panels(null), panels: panels(null).panels.slice(1), ratio: 0.5 }, 3, { width, document: serverDocument(), lang: 'en' });
      expect(Number(one.getAttribute('height'))).toBe(width / 2);
    }
  });

  it('becomes one described image with its marks out of the accessibility tree', () => {
    const svg = asAccessibleImage(sampleOutputsChart(panels(null), 3, { width: 400, document: serverDocument(), lang: 'en' }), 'outputs');
    expect(svg.getAttribute('aria-label')).toBe('outputs');
    expect(svg.querySelectorAll('[aria-label]')).toHaveLength(0);
  });
});
