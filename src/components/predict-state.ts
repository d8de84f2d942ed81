// The widget state a "predict, then check" question sets up (Predict.astro): its link, `?<query>#<widget id>`,
// opens the page with the widget in that state. The state is checked against the widget's own URL codec at build
// time, so a question can only name a state its widget can show: an unknown key, a value out of range or off the
// slider's step (which the widget would clamp to something else) fails the build.
import { codec as normalization } from '../widgets/normalization/model';
import { codec as batchnorm } from '../widgets/batchnorm/model';
import { codec as layernorm } from '../widgets/layernorm/model';
import { codec as cube, constrain } from '../widgets/cube/model';
import { codec as padding } from '../widgets/padding/model';
import { codec as decoding } from '../widgets/decoding/model';

interface Codec {
  readonly namespace: string;
  readonly schema: Readonly<Record<string, unknown>>;
  serialize(state: never): URLSearchParams;
  parse(params: URLSearchParams): unknown;
}

/** Each widget's root id (its share links' anchor) and the codec of its URL state. */
export const WIDGET_CODECS: Readonly<Record<string, { readonly codec: Codec; readonly settle?: (state: never) => unknown }>> = {
  'widget-normalization': { codec: normalization },
  'widget-batchnorm': { codec: batchnorm },
  'widget-layernorm': { codec: layernorm },
  // The cube shows its state made consistent (the cell inside the cube, G a divisor of D).
  'widget-cube': { codec: cube, settle: constrain as (state: never) => unknown },
  'widget-padding': { codec: padding },
  'widget-decoding': { codec: decoding },
};

/**
 * The link that sets `widget` to `state` (a query such as `cube.norm=ln&cube.B=4`), as `?<query>#<widget>`.
 * Throws when the widget is unknown or the widget would show another state than the one named.
 */
export function predictLink(widget: string, state: string): string {
  const entry = WIDGET_CODECS[widget];
  if (!entry) throw new Error(`Predict: no widget "${widget}" (known: ${Object.keys(WIDGET_CODECS).join(', ')})`);
  const { codec, settle } = entry;
  const asked = new URLSearchParams(state);
  if ([...asked.keys()].length === 0) throw new Error(`Predict: the state for ${widget} is empty`);
  const parsed = codec.parse(asked) as never;
  const shown = codec.serialize((settle ? settle(parsed) : parsed) as never);
  for (const [key, value] of asked) {
    if (!key.startsWith(`${codec.namespace}.`) || !(key.slice(codec.namespace.length + 1) in codec.schema)) {
      throw new Error(`Predict: ${widget} has no state key "${key}"`);
    }
    if (shown.get(key) !== value) {
      throw new Error(`Predict: ${widget} cannot show ${key}=${value} (it would show ${key}=${shown.get(key) ?? '?'})`);
    }
  }
  return `?${asked.toString()}#${widget}`;
}
