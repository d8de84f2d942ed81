// Writes public/_headers (Netlify, Cloudflare Pages) from the one copy of the site's security headers, src/csp/policy.mjs.
import { writeFile } from 'node:fs/promises';
import { headersFile } from '../src/csp/policy.mjs';

const target = new URL('../public/_headers', import.meta.url);
await writeFile(target, headersFile());
console.log(`wrote ${target.pathname}`);
