// The Chinese words of the reduction cube, the LayerNorm explorer, the decoding widget and the padding widget, as a
// reader sees them (labels, printed readouts, figure labels and descriptions, in several states): the site's terms,
// Chinese punctuation, and no words run together.
import { describe, expect, it } from 'vitest';
import { codec as cubeCodec, compute as cube } from './model';
import { labels as cubeLabels } from './labels';
import { codec as lnCodec, compute as layerNorm } from '../layernorm/model';
import { labels as lnLabels } from '../layernorm/labels';
import { codec as decCodec, compute as decoding } from '../decoding/model';
import { labels as decLabels } from '../decoding/labels';
import { codec as padCodec, compute as padding } from '../padding/model';
import { labels as padLabels } from '../padding/labels';
import type { WidgetView } from '../view';

/** Every string inside a value (figure data hold their labels in nested objects). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) return Object.values(value).flatMap(strings);
  return [];
}

/** What a Chinese reader sees of a view: printed text, figure labels, descriptions and the message (not the code). */
const shown = (view: WidgetView): string[] => [...strings(view.text), ...strings(view.figures), ...strings(view.descriptions), ...strings(view.message)];

const HAN = '\\u4e00-\\u9fff';
/** The house rules for Chinese text, each a pattern that must not occur. */
const RULES: [string, RegExp][] = [
  ['token and padding stay English words', /词元|填充/],
  ['running statistics are 滑动平均统计量 / 滑动均值 / 滑动方差', /运行(统计|均值|方差)/],
  ['a colon after Chinese is full-width', new RegExp(`[${HAN}]\\s*:`)],
  ['a comma or semicolon next to Chinese is full-width', new RegExp(`[${HAN}][,;]|[,;]\\s*[${HAN}]`)],
  ['no space before %', / %/],
  ['no nested full-width parentheses', /（[^）]*（/],
  ['no Latin letter or digit run into a Chinese character', new RegExp(`[${HAN}][A-Za-z0-9]|[A-Za-z0-9][${HAN}]`)],
];

const views: [string, () => WidgetView[]][] = [
  ['cube', () => [
    cube(cubeCodec.defaults, 'zh'),
    ...(['bn', 'ln', 'in', 'gn', 'rms'] as const).flatMap((norm) => [
      cube({ ...cubeCodec.defaults, norm }, 'zh'),
      cube({ ...cubeCodec.defaults, norm, layout: 'images' }, 'zh'),
    ]),
    cube({ ...cubeCodec.defaults, norm: 'bn', B: 1, T: 1 }, 'zh'),
  ]],
  ['layernorm', () => [
    layerNorm(lnCodec.defaults, 'zh'),
    layerNorm({ ...lnCodec.defaults, scale: '10', mates: 0 }, 'zh'),
    layerNorm({ ...lnCodec.defaults, n: 1 }, 'zh'),
    layerNorm({ ...lnCodec.defaults, mode: 'eval', affine: 'random' }, 'zh'),
  ]],
  ['decoding', () => (['bn-eval', 'bn-train', 'ln'] as const).flatMap((mode) => [0, 1, 30].map((steps) => decoding({ ...decCodec.defaults, mode, steps, shift: steps === 1 ? 2 : 0 }, 'zh')))],
  ['padding', () => [padding(padCodec.defaults, 'zh'), padding({ ...padCodec.defaults, mask: true, share: 80, b: 8 }, 'zh')]],
];

const labelSets: [string, Readonly<Record<string, string>>][] = [
  ['cube', cubeLabels.zh],
  ['layernorm', lnLabels.zh],
  ['decoding', decLabels.zh],
  ['padding', padLabels.zh],
];

describe.each(RULES)('Chinese text: %s', (_, pattern) => {
  it.each(labelSets)('%s: every label', (_name, set) => {
    const broken = Object.entries(set).filter(([, v]) => pattern.test(v));
    expect(broken).toEqual([]);
  });

  it.each(views)('%s: everything printed, drawn and described', (_name, make) => {
    const broken = make().flatMap(shown).filter((v) => pattern.test(v));
    expect([...new Set(broken)]).toEqual([]);
  });
});
