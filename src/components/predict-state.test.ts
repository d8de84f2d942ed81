import { describe, expect, it } from 'vitest';
import { predictLink } from './predict-state';

describe('predictLink', () => {
  it('links to the widget in the state the question names', () => {
    expect(predictLink('widget-cube', 'cube.norm=ln&cube.B=4&cube.T=12&cube.D=16')).toBe('?cube.norm=ln&cube.B=4&cube.T=12&cube.D=16#widget-cube');
    expect(predictLink('widget-normalization', 'norm.dist=skewed&norm.outlier=0')).toBe('?norm.dist=skewed&norm.outlier=0#widget-normalization');
  });

  it.each([
    ['a size past the cube’s cap (T ≤ 12, D ≤ 16)', 'widget-cube', 'cube.T=16', /cannot show cube\.T=16.*cube\.T=12/],
    ['a value off the slider’s step', 'widget-batchnorm', 'bn.momentum=0.125', /cannot show bn\.momentum=0\.125/],
    ['a cell the cube does not have', 'widget-cube', 'cube.T=3&cube.t=5', /cannot show cube\.t=5/],
    ['an unknown key', 'widget-layernorm', 'ln.replace=3', /no state key "ln\.replace"/],
    ['another widget’s key', 'widget-layernorm', 'bn.n=4', /no state key "bn\.n"/],
    ['an unknown widget', 'widget-nope', 'x.a=1', /no widget "widget-nope"/],
    ['an empty state', 'widget-cube', '', /empty/],
  ])('refuses %s', (_what, widget, state, message) => {
    expect(() => predictLink(widget, state)).toThrow(message);
  });
});
