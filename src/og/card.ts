// A page's preview image (1200 × 630 PNG): the site's name, the page's language and title, and its section's figure.
// Laid out by Satori, drawn by resvg, with fonts bundled from npm (Noto Sans SC: CJK and Latin) and never the
// system's, so every machine draws the same pixels.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import satori from 'satori';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { SITE_CSS, SITE_PALETTE } from './site-palette';
import cardSource from './card.ts?raw';
import adapterSource from './svg-for-resvg.ts?raw';
import { renderIcon } from './icon';
import { svgForResvg } from './svg-for-resvg';
import type { PreviewFigure } from './figures';

import { CARD_HEIGHT, CARD_WIDTH } from './size';

export { CARD_HEIGHT, CARD_WIDTH };
const FONT_FAMILY = 'Noto Sans SC';

// Resolved from the project (the build runs there), not from this module: Astro bundles it elsewhere.
const requireHere = createRequire(join(process.cwd(), 'package.json'));
const FONT_FILES = {
  400: requireHere.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  700: requireHere.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
} as const;

/** resvg's font options: the bundled files only (resvg-js 2.6 reads files; unknown keys void every option). */
const RESVG_FONTS: NonNullable<ResvgRenderOptions['font']> = {
  loadSystemFonts: false,
  fontFiles: [FONT_FILES[400], FONT_FILES[700]],
  defaultFontFamily: FONT_FAMILY,
  sansSerifFamily: FONT_FAMILY,
  serifFamily: FONT_FAMILY,
  monospaceFamily: FONT_FAMILY,
};

const palette = SITE_PALETTE;
const color = (name: string): string => {
  const value = palette[name];
  if (value === undefined) throw new Error(`preview card: global.css has no --${name}`);
  return value;
};

let satoriFonts: Parameters<typeof satori>[1]['fonts'] | undefined;
function fonts(): Parameters<typeof satori>[1]['fonts'] {
  satoriFonts ??= ([400, 700] as const).map((weight) => ({ name: FONT_FAMILY, data: readFileSync(FONT_FILES[weight]), weight, style: 'normal' as const }));
  return satoriFonts;
}

interface Raster {
  readonly src: string;
  readonly width: number;
  readonly height: number;
}

/** One figure drawn to PNG at `scale`× its own size, as a data URL Satori places (width/height: its own size). */
function rasterFigure(svg: string, scale: number): Raster {
  const adapted = svgForResvg(svg, palette, { color: color('fg'), fontFamily: FONT_FAMILY });
  if (adapted.unknown.length > 0) console.warn(`[og] figure colours not in global.css, drawn as currentColor: ${adapted.unknown.join(', ')}`);
  const resvg = new Resvg(adapted.svg, { font: RESVG_FONTS, fitTo: { mode: 'zoom', value: scale }, logLevel: 'off' });
  const png = resvg.render().asPng();
  return { src: `data:image/png;base64,${Buffer.from(png).toString('base64')}`, width: resvg.width, height: resvg.height };
}

type Node = { type: string; props: Record<string, unknown> & { style?: Record<string, unknown>; children?: unknown } };
const h = (type: string, style: Record<string, unknown>, children?: unknown, extra: Record<string, unknown> = {}): Node => ({
  type,
  props: { style, children, ...extra },
});

/** Sizes of the figures fitted into a box, side by side or stacked, `gap` apart, none scaled above `maxScale`. */
export function fitFigures(
  sizes: readonly { width: number; height: number }[],
  layout: PreviewFigure['layout'],
  box: { width: number; height: number },
  gap: number,
  maxScale: number,
): { width: number; height: number }[] {
  const gaps = gap * Math.max(0, sizes.length - 1);
  const total = sizes.reduce(
    (acc, s) => (layout === 'row' ? { width: acc.width + s.width, height: Math.max(acc.height, s.height) } : { width: Math.max(acc.width, s.width), height: acc.height + s.height }),
    { width: 0, height: 0 },
  );
  const scale = Math.min(
    maxScale,
    (box.width - (layout === 'row' ? gaps : 0)) / total.width,
    (box.height - (layout === 'column' ? gaps : 0)) / total.height,
  );
  return sizes.map((s) => ({ width: Math.floor(s.width * scale), height: Math.floor(s.height * scale) }));
}

export interface CardContent {
  readonly title: string;
  readonly siteName: string;
  /** The page's language, named in itself (中文, English). */
  readonly langName: string;
  /** The site's host and the page's path, printed at the foot. */
  readonly address: string;
  readonly figure: PreviewFigure;
}

/**
 * Where finished cards are kept between builds, under a hash of everything that draws them (content, figures,
 * this code, the stylesheet's colours, the font files, the renderers' versions): a hit skips Satori and resvg.
 */
const CACHE_DIR = join(process.cwd(), 'node_modules/.cache/og');

function cacheKey(content: CardContent): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(content)).update(cardSource).update(adapterSource).update(SITE_CSS);
  for (const file of Object.values(FONT_FILES)) hash.update(file.slice(file.lastIndexOf('/'))).update(String(statSync(file).size));
  for (const name of ['satori', '@resvg/resvg-js']) {
    try {
      hash.update(readFileSync(join(process.cwd(), 'node_modules', name, 'package.json')));
    } catch {
      hash.update(name); // not where npm puts it: the key still changes with everything else
    }
  }
  return hash.digest('hex').slice(0, 24);
}

/** The preview image of one page, as PNG bytes: from the cache when nothing that draws it has changed. */
export async function renderCard(content: CardContent): Promise<Uint8Array> {
  const file = join(CACHE_DIR, `card-${cacheKey(content)}.png`);
  if (existsSync(file)) return readFileSync(file);
  const png = await drawCard(content);
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(file, png);
  } catch {
    // A read-only tree: draw again next time.
  }
  return png;
}

/** The preview image of one page, drawn. */
export async function drawCard(content: CardContent): Promise<Uint8Array> {
  const figureBox = { width: 660, height: 480 };
  const rasters = content.figure.svgs.map((svg) => rasterFigure(svg, 2));
  const captions = content.figure.captions ?? [];
  const CAPTION_HEIGHT = 30;
  const captioned = captions.length > 0;
  // Side by side, a caption may wrap onto a second line.
  const captionRows = captioned ? (content.figure.layout === 'column' ? rasters.length : 2) : 0;
  const box = { ...figureBox, height: figureBox.height - CAPTION_HEIGHT * captionRows };
  const fitted = fitFigures(rasters.map((r) => ({ width: r.width / 2, height: r.height / 2 })), content.figure.layout, box, 12, 2.4);
  // Long titles get smaller type, so that they keep to four lines of the title column.
  const titleLength = [...content.title].length;
  const titleSize = titleLength <= 24 ? 56 : titleLength <= 40 ? 48 : 42;

  const tree = h(
    'div',
    { width: CARD_WIDTH, height: CARD_HEIGHT, display: 'flex', flexDirection: 'column', background: color('bg'), color: color('fg'), fontFamily: FONT_FAMILY, borderTop: `12px solid ${color('accent')}` },
    [
      h('div', { display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '34px 56px 0 56px' }, [
        h('div', { display: 'flex', alignItems: 'center', fontSize: 30, fontWeight: 700, color: color('accent') }, [
          h('img', { width: 40, height: 40, marginRight: 16 }, undefined, { src: `data:image/png;base64,${Buffer.from(renderIcon(80)).toString('base64')}`, width: 40, height: 40 }),
          content.siteName,
        ]),
        h('div', { display: 'flex', fontSize: 26, color: color('fg-soft'), border: `2px solid ${color('border')}`, borderRadius: 22, padding: '2px 20px' }, content.langName),
      ]),
      h('div', { display: 'flex', flexGrow: 1, alignItems: 'center', padding: '10px 40px 0 56px' }, [
        h('div', { display: 'flex', width: 430, marginRight: 24, fontSize: titleSize, fontWeight: 700, lineHeight: 1.22 }, content.title),
        h(
          'div',
          { display: 'flex', flexDirection: content.figure.layout, alignItems: 'center', justifyContent: 'center', width: figureBox.width, height: figureBox.height, gap: 12 },
          rasters.map((r, i) => {
            const image = h('img', { width: fitted[i]!.width, height: fitted[i]!.height }, undefined, { src: r.src, width: fitted[i]!.width, height: fitted[i]!.height });
            const caption = captions[i];
            if (!captioned || caption === undefined) return image;
            return h('div', { display: 'flex', flexDirection: 'column' }, [
              h('div', { display: 'flex', width: fitted[i]!.width, minHeight: CAPTION_HEIGHT, fontSize: 20, lineHeight: 1.3, fontWeight: 700, color: color('fg-soft') }, caption),
              image,
            ]);
          }),
        ),
      ]),
      h('div', { display: 'flex', padding: '0 56px 26px 56px', fontSize: 22, color: color('fg-soft') }, content.address),
    ],
  );
  const svg = await satori(tree as Parameters<typeof satori>[0], { width: CARD_WIDTH, height: CARD_HEIGHT, fonts: fonts() });
  return new Resvg(svg, { font: RESVG_FONTS, fitTo: { mode: 'original' }, logLevel: 'off' }).render().asPng();
}
