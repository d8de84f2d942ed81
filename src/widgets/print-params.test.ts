import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { describeControls, writePrintParams } from './print-params';

// Markup shaped as Range, Select, Segmented and Toggle (src/components/widget) render it.
const range = (label: string, value: string, extra = '') =>
  `<label class="control control-range"><span class="control-label">${label}</span><input type="range" ${extra} /><span class="control-value"><output>${value}</output></span></label>`;
const select = (label: string, options: string[], chosen: number) =>
  `<label class="control control-select"><span class="control-label">${label}</span><select>${options.map((o, i) => `<option${i === chosen ? ' selected' : ''}>${o}</option>`).join('')}</select></label>`;
const radios = (legend: string, options: string[], chosen: number) =>
  `<fieldset class="control control-segmented"><legend class="control-label">${legend}</legend><div class="segments">${options.map((o, i) => `<label class="segment"><input type="radio"${i === chosen ? ' checked' : ''} /><span>${o}</span></label>`).join('')}</div></fieldset>`;
const toggle = (label: string, on: boolean) =>
  `<label class="control control-toggle"><input type="checkbox"${on ? ' checked' : ''} /><span class="control-label">${label}</span></label>`;
const form = (...controls: string[]) => `<form data-controls>${controls.join('')}</form>`;

const widget = (html: string) => parseHTML(`<html lang="en"><body><section class="widget">${html}</section></body></html>`).document.querySelector('section')!;

describe('describeControls', () => {
  it.each([
    ['a slider, with its unit', form(range('Padding share', '30 %')), 'en', ['Padding share: 30 %']],
    ['a drop-down, by its chosen option', form(select('Distribution', ['normal', 'skewed'], 1)), 'en', ['Distribution: skewed']],
    ['a radio group, by its legend and choice', form(radios('模式', ['训练', '推理'], 1)), 'zh', ['模式：推理']],
    ['a checkbox, on or off', form(toggle('Mask', true), toggle('Outlier', false)), 'en', ['Mask: on', 'Outlier: off']],
    ['a checkbox in Chinese', form(toggle('mask', false)), 'zh', ['mask：关']],
    [
      'checkboxes in a group, as the boxes ticked',
      form(`<fieldset class="control"><legend class="control-label">Norms</legend>${toggle('LayerNorm', true)}${toggle('RMSNorm', false)}${toggle('BatchNorm', true)}</fieldset>`),
      'en',
      ['Norms: LayerNorm, BatchNorm'],
    ],
    ['a group with nothing ticked', form(`<fieldset class="control"><legend>归一化</legend>${toggle('LN', false)}</fieldset>`), 'zh', ['归一化：无']],
    ['a label ending in its own sign', form(range('Outlier at mean + k · std, k =', '10')), 'en', ['Outlier at mean + k · std, k = 10']],
    ['a disabled or hidden control is left out', form(range('N', '8'), range('G', '2', 'disabled'), `<div hidden>${range('H', '4')}</div>`), 'en', ['N: 8']],
    ['controls outside the forms are not the state', `${range('Loose', '1')}${form(range('Seed', '3'))}`, 'en', ['Seed: 3']],
    ['in reading order, over several forms', form(range('B', '3')) + form(radios('Layout', ['tokens', 'images'], 0)), 'en', ['B: 3', 'Layout: tokens']],
  ] as const)('%s', (_, html, lang, expected) => {
    expect(describeControls(widget(html), lang)).toEqual(expected);
  });
});

describe('writePrintParams', () => {
  it('writes the line after its lead-in, the phrases joined by middle dots', () => {
    const root = widget(`<p data-print-params="Parameters: "></p>${form(range('N', '8'), toggle('Mask', true))}`);
    writePrintParams(root as unknown as HTMLElement);
    expect(root.querySelector('[data-print-params]')!.textContent).toBe('Parameters: N: 8 · Mask: on');
  });

  it('leaves the line empty for a widget without controls', () => {
    const root = widget('<p data-print-params="Parameters: "></p><div data-figure="x"></div>');
    writePrintParams(root as unknown as HTMLElement);
    expect(root.querySelector('[data-print-params]')!.textContent).toBe('');
  });
});
