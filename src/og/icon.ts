// PNG icons (Apple touch icon, the manifest's) drawn from public/favicon.svg at build time, by resvg, no fonts.
import { Resvg } from '@resvg/resvg-js';
import favicon from '../../public/favicon.svg?raw';

/** The favicon at `size` × `size` pixels; `background` fills the corners the rounded square leaves (Apple's icon). */
export function renderIcon(size: number, background?: string): Uint8Array {
  const resvg = new Resvg(favicon, {
    font: { loadSystemFonts: false },
    fitTo: { mode: 'width', value: size },
    ...(background === undefined ? {} : { background }),
  });
  return resvg.render().asPng();
}
