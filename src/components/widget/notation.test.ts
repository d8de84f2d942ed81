import { describe, expect, it } from 'vitest';
import { parseNotation, plainNotation } from './notation';

describe('label notation', () => {
  it.each([
    ['batch mean μ_{B}', [{ text: 'batch mean μ' }, { sub: 'B' }]],
    ['batch variance σ_{B}^{2} (biased)', [{ text: 'batch variance σ' }, { sub: 'B', sup: '2' }, { text: ' (biased)' }]],
    ['|μ_{B} − μ| of this batch', [{ text: '|μ' }, { sub: 'B' }, { text: ' − μ| of this batch' }]],
    ['(1 − m)^{k}', [{ text: '(1 − m)' }, { sup: 'k' }]],
    ['x^{2}_{i}', [{ text: 'x' }, { sup: '2', sub: 'i' }]],
    ['x_{i}_{j}', [{ text: 'x' }, { sub: 'i' }, { sub: 'j' }]],
  ])('splits %s into text and scripts', (label, parts) => {
    expect(parseNotation(label)).toEqual(parts);
  });

  it.each(['running_mean', 'bn.running_var', 'x^2 without braces', 'plain words', ''])('leaves %s as plain text (only braced scripts count)', (label) => {
    expect(plainNotation(label)).toBe(label);
    expect(parseNotation(label).every((p) => 'text' in p)).toBe(true);
  });

  it('reads a label as plain text without the markers', () => {
    expect(plainNotation('批方差 σ_{B}^{2}（有偏）')).toBe('批方差 σB2（有偏）');
  });
});
