import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import {
  canonicalProblems,
  checkSite,
  cssUrls,
  fileFor,
  fragmentResolves,
  headOf,
  hreflangProblems,
  idsOf,
  referencesOf,
  refreshTarget,
  resolveRef,
  servedPath,
  srcsetUrls,
  urlsInDataFile,
} from './link-check.mjs';

const SITE = 'https://ln.example.org';
const doc = (html: string) => parseHTML(html).document as unknown as Document;

describe('where files are served and which file serves a path', () => {
  it.each([
    ['en/batchnorm/index.html', '/en/batchnorm/'],
    ['index.html', '/'],
    ['404.html', '/404.html'],
    ['_astro/page.abc.js', '/_astro/page.abc.js'],
  ])('%s is served at %s', (file, path) => expect(servedPath(file)).toBe(path));

  const files = new Set(['index.html', 'en/index.html', 'en/lab/index.html', '_astro/a.css', 'og/en/lab.png']);
  it.each([
    ['/', 'index.html'],
    ['/en/lab/', 'en/lab/index.html'],
    ['/_astro/a.css', '_astro/a.css'],
    ['/og/en/lab.png', 'og/en/lab.png'],
    ['/en/lab', null],
    ['/en/normalization/', null],
    ['/_astro/b.css', null],
  ])('%s → %s', (path, file) => expect(fileFor(path, files)).toBe(file));
});

describe('resolving a reference found on a page', () => {
  it.each([
    ['/en/layernorm/', { kind: 'internal', path: '/en/layernorm/', fragment: null }],
    ['../layernorm/#pre-ln', { kind: 'internal', path: '/en/layernorm/', fragment: 'pre-ln' }],
    ['#widget-bn', { kind: 'internal', path: '/en/batchnorm/', fragment: 'widget-bn' }],
    ['#', { kind: 'internal', path: '/en/batchnorm/', fragment: '' }],
    ['?bn.batch=8#widget-bn', { kind: 'internal', path: '/en/batchnorm/', fragment: 'widget-bn' }],
    ['/_astro/KaTeX%20Main.woff2', { kind: 'internal', path: '/_astro/KaTeX Main.woff2', fragment: null }],
    ['#%E5%BD%92%E4%B8%80', { kind: 'internal', path: '/en/batchnorm/', fragment: '归一' }],
    [`${SITE}/zh/batchnorm/`, { kind: 'internal', path: '/zh/batchnorm/', fragment: null }],
    ['https://arxiv.org/abs/1607.06450', { kind: 'external' }],
    ['//github.com/x', { kind: 'external' }],
    ['mailto:a@b.c', { kind: 'other' }],
    ['data:image/png;base64,AAAA', { kind: 'other' }],
    ['javascript:void(0)', { kind: 'other' }],
    ['http://[bad', { kind: 'invalid' }],
    ['/%E0%A4%A', { kind: 'invalid' }],
  ])('%s from /en/batchnorm/', (ref, expected) => expect(resolveRef(ref, '/en/batchnorm/', SITE)).toEqual(expected));

  it('a URL on another scheme or port of the site is external', () => {
    expect(resolveRef('http://ln.example.org/en/', '/en/', SITE).kind).toBe('external');
    expect(resolveRef('https://ln.example.org:8443/en/', '/en/', SITE).kind).toBe('external');
  });
});

describe('fragments', () => {
  const ids = new Set(['pre-ln', 'widget-bn']);
  it.each([
    ['pre-ln', true],
    ['widget-bn', true],
    ['', true],
    ['top', true],
    [':~:text=LayerNorm', true],
    ['Pre-LN', false],
    ['missing', false],
  ])('#%s lands: %s', (fragment, lands) => expect(fragmentResolves(fragment, ids)).toBe(lands));

  it('ids and <a name> anchors are targets', () => {
    expect([...idsOf(doc('<p id="a"></p><a name="b"></a><svg><g id="c"/></svg>'))].sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('what a page refers to', () => {
  it.each([
    ['a.png 1x, b.png 2x', ['a.png', 'b.png']],
    ['a.png', ['a.png']],
    ['/og/a,b.png 600w, /og/c.png 1200w', ['/og/a,b.png', '/og/c.png']],
    ['  a.png  ,  b.png 2x ', ['a.png', 'b.png']],
    ['', []],
  ])('srcset %j', (srcset, urls) => expect(srcsetUrls(srcset)).toEqual(urls));

  it.each([
    ['0; url=/zh/', '/zh/'],
    ["0;URL='/en/'", '/en/'],
    ['3,url=https://ln.example.org/', 'https://ln.example.org/'],
    ['0; /zh/', '/zh/'],
    ['5', null],
  ])('refresh %j sends to %j', (content, target) => expect(refreshTarget(content)).toBe(target));

  it('url()s of a stylesheet, without data: URIs or SVG fragment references', () => {
    const css = `@font-face{src:url(/_astro/KaTeX_Main.woff2) format("woff2"),url('./a.woff')}.x{background:url("data:image/png;base64,AA")}.y{fill:url(#g)}`;
    expect(cssUrls(css)).toEqual(['/_astro/KaTeX_Main.woff2', './a.woff']);
  });

  it('collects href, src, srcset, SVG hrefs, share-image metas and the refresh target', () => {
    const page = doc(`<html><head><meta http-equiv="refresh" content="0; url=/zh/"><link rel="stylesheet" href="/_astro/a.css">
      <meta property="og:image" content="${SITE}/og/en/x.png"><meta property="og:title" content="/not-a-url">
      <meta name="twitter:image" content="${SITE}/og/en/x.png"></head>
      <body><a href="#top">t</a><img src="/i.png" srcset="/i.png 1x, /i2.png 2x"><script src="/_astro/p.js"></script>
      <svg><use href="#sym"/></svg><form action="/search/"></form></body></html>`);
    expect(referencesOf(page).map((r) => `${r.tag} ${r.attribute} ${r.value}`).sort()).toEqual(
      [
        'a href #top',
        'form action /search/',
        'img src /i.png',
        'img srcset /i.png',
        'img srcset /i2.png',
        'link href /_astro/a.css',
        `meta og:image ${SITE}/og/en/x.png`,
        'meta refresh /zh/',
        `meta twitter:image ${SITE}/og/en/x.png`,
        'script src /_astro/p.js',
        'use href #sym',
      ].sort(),
    );
  });

  it.each([
    ['en/manifest.webmanifest', JSON.stringify({ start_url: '/en/', scope: '/', icons: [{ src: '/icon-192.png' }] }), ['/icon-192.png', '/en/', '/']],
    ['sitemap.xml', `<urlset><url><loc>${SITE}/zh/</loc><xhtml:link rel="alternate" hreflang="en" href="${SITE}/en/?a=1&amp;b=2"/></url></urlset>`, [`${SITE}/zh/`, `${SITE}/en/?a=1&b=2`]],
    ['robots.txt', `User-agent: *\nAllow: /\n\nSitemap: ${SITE}/sitemap.xml\n`, [`${SITE}/sitemap.xml`]],
  ])('URLs named by %s', (file, text, urls) => expect(urlsInDataFile(file, text).map((r) => r.value)).toEqual(urls));

  it('a manifest that is not JSON is an error, not an empty list', () => {
    expect(() => urlsInDataFile('en/manifest.webmanifest', '{ icons: ')).toThrow();
  });
});

/** A page head as headOf reads it from HTML. */
const head = (path: string, lang: string, inHead: string) => headOf(doc(`<html lang="${lang}"><head>${inHead}</head><body></body></html>`), path);
const alternates = (zh: string, en: string) =>
  `<link rel="alternate" hreflang="zh-CN" href="${SITE}${zh}"><link rel="alternate" hreflang="en" href="${SITE}${en}"><link rel="alternate" hreflang="x-default" href="${SITE}${zh}">`;

describe('canonical links', () => {
  it.each([
    ['the page itself', '/en/lab/', `<link rel="canonical" href="${SITE}/en/lab/">`, []],
    ['a redirect page naming its target', '/', `<meta http-equiv="refresh" content="0; url=/zh/"><link rel="canonical" href="${SITE}/zh/">`, []],
    ['none on a noindex page', '/404.html', '<meta name="robots" content="noindex">', []],
    ['none', '/en/lab/', '', ['no <link rel="canonical">']],
    ['relative', '/en/lab/', '<link rel="canonical" href="/en/lab/">', ['canonical "/en/lab/" is not an absolute http(s) URL']],
    ['another host', '/en/lab/', '<link rel="canonical" href="https://other.org/en/lab/">', [`canonical https://other.org/en/lab/ is not on the configured site ${SITE}/`]],
    ['another page', '/en/lab/', `<link rel="canonical" href="${SITE}/en/">`, [`canonical ${SITE}/en/ is not the page itself (${SITE}/en/lab/)`]],
    ['with a fragment', '/en/lab/', `<link rel="canonical" href="${SITE}/en/lab/#x">`, [`canonical ${SITE}/en/lab/#x carries a query or a fragment`]],
    ['two of them', '/en/lab/', `<link rel="canonical" href="${SITE}/en/lab/"><link rel="canonical" href="${SITE}/en/lab/">`, ['2 canonical links (one allowed)']],
  ])('%s', (_, path, inHead, problems) => expect(canonicalProblems(head(path, 'en', inHead), SITE)).toEqual(problems));

  it('a site with a base path: the canonical must be under it', () => {
    const page = head('/docs/en/', 'en', '<link rel="canonical" href="https://ln.example.org/en/">');
    expect(canonicalProblems(page, `${SITE}/docs`)).toEqual([`canonical https://ln.example.org/en/ is not on the configured site ${SITE}/docs/`]);
  });
});

describe('hreflang alternates', () => {
  const LANGS = ['zh-CN', 'en'];
  const pair = [head('/zh/lab/', 'zh-CN', alternates('/zh/lab/', '/en/lab/')), head('/en/lab/', 'en', alternates('/zh/lab/', '/en/lab/'))];

  it('a pair listing each other, itself and x-default passes', () => {
    expect(hreflangProblems(pair, SITE, LANGS)).toEqual([]);
  });

  it('pages without alternates (a 404) are left alone', () => {
    expect(hreflangProblems([...pair, head('/404.html', 'zh-CN', '')], SITE, LANGS)).toEqual([]);
  });

  it('A lists B but B lists another page: both sides are reported', () => {
    const heads = [
      head('/zh/lab/', 'zh-CN', alternates('/zh/lab/', '/en/lab/')),
      head('/en/lab/', 'en', alternates('/zh/', '/en/lab/')),
      head('/zh/', 'zh-CN', alternates('/zh/', '/en/')),
      head('/en/', 'en', alternates('/zh/', '/en/')),
    ];
    const problems = hreflangProblems(heads, SITE, LANGS);
    expect(problems).toContainEqual({ page: '/zh/lab/', problem: `hreflang="zh-CN" is ${SITE}/zh/lab/ here but ${SITE}/zh/ on /en/lab/` });
    expect(problems).toContainEqual({ page: '/en/lab/', problem: `lists ${SITE}/zh/ (hreflang="zh-CN"), which does not list it back` });
  });

  it.each([
    ['no x-default', '/en/lab/', `<link rel="alternate" hreflang="zh-CN" href="${SITE}/zh/lab/"><link rel="alternate" hreflang="en" href="${SITE}/en/lab/">`, 'no hreflang="x-default" alternate'],
    ['no self reference', '/en/lab/', `<link rel="alternate" hreflang="zh-CN" href="${SITE}/zh/lab/"><link rel="alternate" hreflang="x-default" href="${SITE}/zh/lab/">`, `its alternates do not include the page itself (${SITE}/en/lab/)`],
    ['a relative href', '/en/lab/', alternates('/zh/lab/', '/en/lab/').replace(`href="${SITE}/zh/lab/">`, 'href="/zh/lab/">'), 'hreflang="zh-CN" href "/zh/lab/" is not absolute'],
    ['a page not built', '/en/lab/', alternates('/zh/lab2/', '/en/lab/'), `hreflang="zh-CN" ${SITE}/zh/lab2/ is not a page of the site`],
  ])('%s', (_, path, inHead, problem) => {
    const heads = [pair[0]!, head(path, 'en', inHead)];
    expect(hreflangProblems(heads, SITE, LANGS).map((p) => p.problem)).toContain(problem);
  });

  it('an hreflang that disagrees with the target page’s <html lang>', () => {
    const heads = [head('/zh/lab/', 'en', alternates('/zh/lab/', '/en/lab/')), pair[1]!];
    expect(hreflangProblems(heads, SITE, LANGS).map((p) => p.problem)).toContain('lists itself as hreflang="zh-CN" but its <html lang> is "en"');
  });
});

describe('checkSite on a small built site', () => {
  const dir = mkdtempSync(join(tmpdir(), 'link-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  const page = (path: string, lang: string, body: string) =>
    `<!doctype html><html lang="${lang}"><head><link rel="canonical" href="${SITE}${path}">${alternates(path.replace(/^\/en\//, '/zh/'), path.replace(/^\/zh\//, '/en/'))}<link rel="stylesheet" href="/_astro/s.css"></head><body>${body}</body></html>`;
  write('index.html', `<meta http-equiv="refresh" content="0; url=/zh/"><link rel="canonical" href="${SITE}/zh/">`);
  write('zh/index.html', page('/zh/', 'zh-CN', '<h2 id="a">a</h2><a href="/en/#b">en</a>'));
  write('en/index.html', page('/en/', 'en', '<h2 id="b">b</h2><a href="/zh/#a">zh</a><a href="https://arxiv.org/">x</a>'));
  write('_astro/s.css', '@font-face{src:url(/_astro/f.woff2)}');
  write('_astro/f.woff2', '');

  it('counts what it checked and finds nothing wrong', () => {
    const { counts, problems } = checkSite(dir, SITE);
    expect(problems).toEqual([]);
    expect(counts).toMatchObject({ pages: 3, fragments: 2, external: 1, stylesheetUrls: 1, canonicals: 3, hreflangLinks: 6 });
  });

  it('reports a missing fragment, a missing file and a missing stylesheet font', () => {
    write('en/index.html', page('/en/', 'en', '<h2 id="b">b</h2><a href="/zh/#gone">zh</a><img src="/missing.png" alt="">'));
    write('_astro/s.css', '@font-face{src:url(/_astro/g.woff2)}');
    expect(checkSite(dir, SITE).problems.map((p) => `${p.page}: ${p.problem}`)).toEqual([
      'en/index.html: <a href="/zh/#gone">: no element with id "gone" on /zh/',
      'en/index.html: <img src="/missing.png">: no built file serves /missing.png',
      '_astro/s.css: <css url()="/_astro/g.woff2">: no built file serves /_astro/g.woff2',
    ]);
  });
});
