import { describe, expect, it } from 'vitest';
import { fillTemplate, formatFixed, formatNumber, formatPercent, formatRounded, ROUNDING_ZERO } from './format';

describe('formatRounded: the digits Python and PyTorch print', () => {
  it.each([
    [52.4375, 4, '52.4375'],
    [1, 4, '1'],
    [-0.5, 4, '−0.5'],
    [-1e-17, 4, '0'],
    [0.03125, 4, '0.0312'], // exact tie: to even, like Python
    [0.09375, 4, '0.0938'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [0.1 + 0.2, 4, '0.3'],
    [1.00005, 4, '1.0001'], // not an exact tie in binary (1.000050000000000050…)
    [Number.NaN, 4, '—'],
    [Number.POSITIVE_INFINITY, 4, '—'],
  ])('formatRounded(%f, %i) = %s', (v, decimals, text) => {
    expect(formatRounded(v, decimals)).toBe(text);
  });
});

describe('formatNumber and formatFixed', () => {
  it.each([
    [12.345, '12.3'],
    [-0.04512, '−0.0451'],
    [0, '0'],
    [2e-13, '0'],
    [1234567, '1.23e+6'],
    [Number.NaN, '—'],
  ])('formatNumber(%f) = %s', (v, text) => {
    expect(formatNumber(v)).toBe(text);
  });

  it('formatFixed never prints −0.00', () => {
    expect(formatFixed(-0.001)).toBe('0.00');
    expect(formatFixed(-1.5)).toBe('−1.50');
  });

  it('fills the placeholders it knows and leaves the others', () => {
    expect(fillTemplate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});

describe('formatPercent: no space before % in Chinese, a no-break space in English', () => {
  it.each([
    [0.24, 1, 'zh', '24.0%'],
    [0.24, 1, 'en', '24.0\u00a0%'],
    [14 / 48, 0, 'zh', '29%'],
    [14 / 48, 0, 'en', '29\u00a0%'],
    [0, 0, 'en', '0\u00a0%'],
  ] as const)('formatPercent(%f, %i, %s) = %s', (share, decimals, lang, text) => {
    expect(formatPercent(share, lang, decimals)).toBe(text);
  });
});

describe('ROUNDING_ZERO: rounding noise prints as 0, a real small value does not', () => {
  it.each([
    [1.4e-17, '0'],
    [-3.5e-14, '0'],
    [2.4e-5, '2.40e-5'],
  ])('formatNumber(%f) = %s', (v, text) => {
    expect(Math.abs(v) < ROUNDING_ZERO).toBe(text === '0');
    expect(formatNumber(v)).toBe(text);
  });
});
