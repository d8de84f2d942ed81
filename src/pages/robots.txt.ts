// /robots.txt: everything allowed; the Sitemap line needs the site's absolute address, so it is built, not copied.
import type { APIRoute } from 'astro';
import { robotsTxt } from '../og/publish';

export const GET: APIRoute = ({ site }) =>
  new Response(robotsTxt(new URL('/sitemap.xml', site).href), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
