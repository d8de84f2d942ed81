import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lightPalette } from './svg-for-resvg';

/** The site stylesheet's text, read from the project (the build and the tests run there). */
export const SITE_CSS = readFileSync(join(process.cwd(), 'src/styles/global.css'), 'utf8');

/** The site's light-theme colours (`--name` → value), from src/styles/global.css. */
export const SITE_PALETTE = lightPalette(SITE_CSS);
