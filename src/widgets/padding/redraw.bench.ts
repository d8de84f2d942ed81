// `npm run bench`: one redraw of the padding and decoding widgets at their largest settings, split into
// the model (state → numbers) and the figures (drawn into a Node DOM, slower than a browser's).
import { test } from 'vitest';
import { serverDocument } from '../../charts/server-document';
import { codec as paddingCodec, compute as padding } from './model';
import { figures as paddingFigures } from './figures';
import { codec as decodingCodec, compute as decoding } from '../decoding/model';
import { figures as decodingFigures } from '../decoding/figures';

const document = serverDocument();
const options = { width: 640, lang: 'en' as const, document };
let mates = 0;
let token = 0;
const paddingState = () => ({ ...paddingCodec.defaults, b: 8, share: 80, mine: 'long' as const, mask: true, mates: 1 + (mates++ % 20) });
const decodingState = () => ({ ...decodingCodec.defaults, steps: 200, shift: 3, token: 1 + (token++ % 8) });
// Two views drawn in turn, so that the figures' cache never hands back the last drawing.
const paddingViews = [padding(paddingState(), 'en'), padding(paddingState(), 'en')];
const decodingViews = [decoding({ ...decodingState(), shift: 3 }, 'en'), decoding({ ...decodingState(), shift: 2.9 }, 'en')];
let turn = 0;

test('padding widget, B = 8, 80 % padding, masked', async ({ bench }) => {
  await bench.compare(
    bench('model', () => void padding(paddingState(), 'en')),
    bench('figures', () => void paddingFigures((paddingViews[turn++ % 2] ?? paddingViews[0]!).figures, options)),
  );
});

test('decoding widget, 200 training batches, shift 3', async ({ bench }) => {
  await bench.compare(
    bench('model', () => void decoding(decodingState(), 'en')),
    bench('figures', () => void decodingFigures((decodingViews[turn++ % 2] ?? decodingViews[0]!).figures, options)),
  );
});
