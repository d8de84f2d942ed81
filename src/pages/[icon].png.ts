// /apple-touch-icon.png (180 px, opaque: iOS rounds it itself) and the manifest's /icon-192.png and /icon-512.png.
import type { APIRoute, GetStaticPaths } from 'astro';
import { renderIcon } from '../og/icon';
import { APPLE_TOUCH_ICON, ICONS } from '../og/publish';

/** The favicon's own square colour, under its rounded corners. */
const APPLE_BACKGROUND = '#1f5fbf';

export const getStaticPaths = (() => [
  { params: { icon: APPLE_TOUCH_ICON.path.slice(1, -'.png'.length) }, props: { size: APPLE_TOUCH_ICON.size, background: APPLE_BACKGROUND } },
  ...ICONS.map((icon) => ({ params: { icon: icon.path.slice(1, -'.png'.length) }, props: { size: icon.size, background: undefined } })),
]) satisfies GetStaticPaths;

interface Props {
  size: number;
  background: string | undefined;
}

export const GET: APIRoute<Props> = ({ props }) =>
  new Response(renderIcon(props.size, props.background) as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'image/png' } });
