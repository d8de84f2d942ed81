import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, IMMUTABLE_ASSETS, SECURITY_HEADERS, headersFile } from './policy.mjs';

/** A policy as directive name → its sources. */
const parse = (policy: string) =>
  new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...sources]) => [name!, sources]));

describe('the Content-Security-Policy', () => {
  const policy = parse(CONTENT_SECURITY_POLICY);

  // Issue 14's policy, whose <hashes> are none: the pages run no inline script or style.
  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['style-src-attr', ["'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['worker-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ])('%s allows exactly %j', (name, sources) => {
    expect(policy.get(name)).toEqual(sources);
  });

  it('names each directive once and nothing else', () => {
    expect(policy.size).toBe(CSP_DIRECTIVES.length);
    expect(policy.size).toBe(11);
  });

  it('never allows inline code, eval or another origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|'unsafe-hashes'|\*|https?:|blob:/);
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy.get('style-src')).not.toContain("'unsafe-inline'");
  });
});

describe('public/_headers', () => {
  const file = readFileSync(new URL('../../public/_headers', import.meta.url), 'utf8');

  it('is rendered from src/csp/policy.mjs (run `node scripts/write-headers.mjs` after changing it)', () => {
    expect(file).toBe(headersFile());
  });

  /** The headers of a path pattern in the Netlify / Cloudflare Pages format. */
  const headersOf = (pattern: string) => {
    const lines = file.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    const start = lines.indexOf(pattern);
    expect(start, `no block for ${pattern}`).toBeGreaterThanOrEqual(0);
    const block = [];
    for (const line of lines.slice(start + 1)) {
      if (!/^\s/.test(line)) break;
      const [, name, value] = /^\s+([\w-]+):\s*(.*)$/.exec(line) ?? [];
      block.push([name, value]);
    }
    return Object.fromEntries(block);
  };

  it('sends the policy and the other security headers with every page', () => {
    expect(headersOf('/*')).toEqual({ ...SECURITY_HEADERS });
    expect(headersOf('/*')['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('lets browsers keep the hashed files of /_astro/ for a year', () => {
    expect(headersOf(IMMUTABLE_ASSETS.path)).toEqual({ 'Cache-Control': 'public, max-age=31536000, immutable' });
  });

  it('denies camera, microphone and geolocation to every page', () => {
    const features = headersOf('/*')['Permissions-Policy'].split(',').map((f: string) => f.trim());
    for (const feature of ['camera', 'microphone', 'geolocation']) expect(features).toContain(`${feature}=()`);
  });
});

describe('the README’s nginx headers', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it.each(Object.entries(SECURITY_HEADERS))('sends %s as the policy module says', (name, value) => {
    expect(readme).toContain(`add_header ${name} "${value}" always;`);
  });

  it('marks /_astro/ immutable', () => {
    expect(readme).toContain(`add_header Cache-Control "${IMMUTABLE_ASSETS.cacheControl}" always;`);
  });
});
