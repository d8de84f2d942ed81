// The site's security headers, written once: public/_headers is rendered from here (scripts/write-headers.mjs, checked by
// src/csp/policy.test.ts), the end-to-end run sends the same headers (e2e/csp.spec.ts), and the README shows them for nginx.
//
// The pages carry no inline script or style that runs (`<script type="application/json">` and JSON-LD are data, not
// executed): the theme is set before the first paint by a blocking file in <head> (src/scripts/before-paint.js),
// Astro writes its CSS and scripts to files (astro.config.mjs: build.inlineStylesheets, vite.build.assetsInlineLimit),
// and Observable Plot's <style> moves into the stylesheet (src/charts/plot-style.ts). So 'self' needs no hashes.
// Only `style` attributes stay inline (Plot's, the widgets' sizes): style-src-attr allows them.

/** The Content-Security-Policy directives, in the order they are sent. */
export const CSP_DIRECTIVES = /** @type {const} */ ([
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['style-src-attr', "'unsafe-inline'"],
  ['img-src', "'self'", 'data:'],
  ['font-src', "'self'"],
  ['worker-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
  // Only a header can say this (a <meta> policy ignores it): no site may show these pages in a frame.
  ['frame-ancestors', "'none'"],
]);

/** The policy as one header value: `default-src 'self'; script-src 'self'; …`. */
export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map((directive) => directive.join(' ')).join('; ');

/** Powerful features no page here uses, denied to the page and to anything it could embed. */
export const DENIED_FEATURES = /** @type {const} */ ([
  'accelerometer', 'camera', 'display-capture', 'geolocation', 'gyroscope', 'hid', 'magnetometer', 'microphone',
  'midi', 'payment', 'serial', 'usb', 'browsing-topics',
]);

/** Headers for every response (header name → value). */
export const SECURITY_HEADERS = /** @type {const} */ ({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Content-Type-Options': 'nosniff',
  'Permissions-Policy': DENIED_FEATURES.map((feature) => `${feature}=()`).join(', '),
});

/** Vite names every file in /_astro/ by a hash of its content: a changed file is a new URL, so these never go stale. */
export const IMMUTABLE_ASSETS = { path: '/_astro/*', cacheControl: 'public, max-age=31536000, immutable' };

/**
 * The `_headers` file of Netlify and Cloudflare Pages: a path pattern, then its headers indented on the lines below.
 * @returns {string}
 */
export function headersFile() {
  const block = (/** @type {string} */ path, /** @type {Record<string, string>} */ headers) =>
    [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n');
  return [
    '# Generated from src/csp/policy.mjs by `node scripts/write-headers.mjs`: edit that file, not this one.',
    block('/*', SECURITY_HEADERS),
    block(IMMUTABLE_ASSETS.path, { 'Cache-Control': IMMUTABLE_ASSETS.cacheControl }),
    '',
  ].join('\n');
}
