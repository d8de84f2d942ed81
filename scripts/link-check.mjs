// The link check of a built site (scripts/check-links.mjs runs it on dist/): every internal reference resolves to a
// built file, every #fragment to an element id on its page, hreflang alternates are reciprocal, and each page's
// canonical URL is absolute, on the configured site, and the page's own. The functions here are pure (strings and
// parsed documents in, findings out); checkSite reads the files.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { parseHTML } from 'linkedom';

/** @type {[selector: string, attribute: string][]} Attributes that hold one URL, per element (SVG's <use>/<image>/<a>
 * take href or the older xlink:href). */
const URL_ATTRIBUTES = [
  ['a[href], area[href], link[href]', 'href'],
  ['img[src], script[src], iframe[src], source[src], audio[src], video[src], track[src], embed[src], input[src]', 'src'],
  ['video[poster]', 'poster'],
  ['object[data]', 'data'],
  ['form[action]', 'action'],
  ['use[href], image[href], feImage[href]', 'href'],
  ['use[xlink\\:href], image[xlink\\:href], a[xlink\\:href]', 'xlink:href'],
];
/** @type {[selector: string, attribute: string][]} Attributes that hold a srcset (URLs with width or density descriptors). */
const SRCSET_ATTRIBUTES = [
  ['img[srcset], source[srcset]', 'srcset'],
  ['link[imagesrcset]', 'imagesrcset'],
];
/** <meta> whose content is a URL of the site (share previews, the page's address). */
const URL_METAS = ['og:image', 'og:image:url', 'og:image:secure_url', 'og:url', 'twitter:image'];

/**
 * The URL path a built file is served at: `en/batchnorm/index.html` → `/en/batchnorm/`, `404.html` → `/404.html`.
 * @param {string} file path relative to the site's root, with / separators
 */
export function servedPath(file) {
  const path = `/${file}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

/**
 * The file that serves a URL path, if the site has it: `/en/` → `en/index.html`, `/_astro/a.css` → `_astro/a.css`.
 * A directory without its trailing slash is not served (the site's URLs end in /): `null`, like a missing file.
 * @param {string} path decoded URL path, starting with /
 * @param {ReadonlySet<string>} files the site's files, relative to its root
 * @returns {string | null}
 */
export function fileFor(path, files) {
  const file = path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1);
  return files.has(file) ? file : null;
}

/**
 * The URLs of a srcset: `a.png 1x, b.png 2x` → `['a.png', 'b.png']` (URLs may hold commas; descriptors never do).
 * @param {string} srcset
 * @returns {string[]}
 */
export function srcsetUrls(srcset) {
  return srcset
    .split(/,\s+|,(?=\s*$)|^\s*,/)
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter((url) => url !== '');
}

/**
 * Where a reference found on a page leads.
 * - `internal`: a file of this site: its decoded `path` and `fragment` (null without #; '' for a bare #)
 * - `external`: another host (not fetched)
 * - `other`: nothing to resolve (mailto:, tel:, data:, javascript:, blob:)
 * - `invalid`: not a URL at all
 * Absolute URLs on the configured site count as internal: canonical, hreflang and share images are written so.
 * @param {string} ref the attribute's value
 * @param {string} pagePath the URL path of the page it is on (`/en/batchnorm/`)
 * @param {string} site the configured site (`https://layernorm.example.org`, maybe with a base path)
 * @returns {{ kind: 'internal', path: string, fragment: string | null } | { kind: 'external' | 'other' | 'invalid' }}
 */
export function resolveRef(ref, pagePath, site) {
  const siteUrl = new URL(site.endsWith('/') ? site : `${site}/`);
  let url;
  try {
    url = new URL(ref.trim(), new URL(pagePath, siteUrl));
  } catch {
    return { kind: 'invalid' };
  }
  if (!['http:', 'https:'].includes(url.protocol)) return { kind: 'other' };
  if (url.origin !== siteUrl.origin) return { kind: 'external' };
  let path;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'invalid' };
  }
  const hash = url.hash === '' && !ref.includes('#') ? null : url.hash.slice(1);
  let fragment = hash;
  try {
    if (hash !== null) fragment = decodeURIComponent(hash);
  } catch {
    return { kind: 'invalid' };
  }
  return { kind: 'internal', path, fragment };
}

/**
 * Whether a #fragment lands on the page: an element with that id (or an <a name>), or one of the fragments HTML
 * always scrolls to (empty, `top`), or a text fragment (`:~:text=`).
 * @param {string} fragment decoded, without the #
 * @param {ReadonlySet<string>} ids the target page's ids and anchor names
 */
export function fragmentResolves(fragment, ids) {
  return fragment === '' || fragment.toLowerCase() === 'top' || fragment.startsWith(':~:') || ids.has(fragment);
}

/**
 * Every reference on a page that names a URL: its attribute, its element's tag and its value.
 * @param {Document} document
 * @returns {{ tag: string, attribute: string, value: string }[]}
 */
export function referencesOf(document) {
  /** @type {{ tag: string, attribute: string, value: string }[]} */
  const refs = [];
  for (const [selector, attribute] of URL_ATTRIBUTES) {
    for (const el of document.querySelectorAll(selector)) {
      const value = el.getAttribute(attribute);
      if (value !== null) refs.push({ tag: el.localName, attribute, value });
    }
  }
  for (const [selector, attribute] of SRCSET_ATTRIBUTES) {
    for (const el of document.querySelectorAll(selector)) {
      for (const value of srcsetUrls(el.getAttribute(attribute) ?? '')) refs.push({ tag: el.localName, attribute, value });
    }
  }
  for (const meta of document.querySelectorAll('meta[property], meta[name]')) {
    const key = meta.getAttribute('property') ?? meta.getAttribute('name') ?? '';
    const value = meta.getAttribute('content');
    if (URL_METAS.includes(key) && value) refs.push({ tag: 'meta', attribute: key, value });
  }
  for (const meta of document.querySelectorAll('meta[http-equiv]')) {
    if (meta.getAttribute('http-equiv')?.toLowerCase() !== 'refresh') continue;
    const target = refreshTarget(meta.getAttribute('content') ?? '');
    if (target !== null) refs.push({ tag: 'meta', attribute: 'refresh', value: target });
  }
  return refs;
}

/**
 * The URL of a `<meta http-equiv="refresh" content="0; url=/zh/">`, or null.
 * @param {string} content
 */
export function refreshTarget(content) {
  const match = /^\s*\d+(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(['"]?)(.+?)\1\s*$/i.exec(content);
  return match && /url\s*=|[;,]/i.test(content) ? (match[2] ?? null) : null;
}

/**
 * The ids a #fragment can land on: every id, and every <a name>.
 * @param {Document} document
 * @returns {Set<string>}
 */
export function idsOf(document) {
  const ids = new Set();
  for (const el of document.querySelectorAll('[id]')) ids.add(el.getAttribute('id'));
  for (const el of document.querySelectorAll('a[name]')) ids.add(el.getAttribute('name'));
  return ids;
}

/**
 * The url() references of a stylesheet (fonts, images), without data: URIs.
 * @param {string} css
 * @returns {string[]}
 */
export function cssUrls(css) {
  const urls = [];
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
    const url = (match[2] ?? '').trim();
    if (url !== '' && !url.startsWith('data:') && !url.startsWith('#')) urls.push(url);
  }
  return urls;
}

/**
 * A page's head, as the checks below read it.
 * @typedef {object} PageHead
 * @property {string} path its URL path
 * @property {string} lang its <html lang>
 * @property {string[]} canonicals the href of each <link rel=canonical>
 * @property {[string, string][]} alternates each <link rel=alternate hreflang>: [hreflang, href]
 * @property {string | null} refresh where a <meta http-equiv=refresh> sends it
 * @property {boolean} noindex whether it asks search engines not to index it
 */

/**
 * @param {Document} document
 * @param {string} path
 * @returns {PageHead}
 */
export function headOf(document, path) {
  const refresh = [...document.querySelectorAll('meta[http-equiv]')].find((m) => m.getAttribute('http-equiv')?.toLowerCase() === 'refresh');
  const robots = document.querySelector('meta[name="robots"]')?.getAttribute('content') ?? '';
  return {
    path,
    lang: document.documentElement.getAttribute('lang') ?? '',
    canonicals: [...document.querySelectorAll('link[rel~="canonical"]')].map((l) => l.getAttribute('href') ?? ''),
    alternates: [...document.querySelectorAll('link[rel~="alternate"][hreflang]')].map((l) => [l.getAttribute('hreflang') ?? '', l.getAttribute('href') ?? '']),
    refresh: refresh ? refreshTarget(refresh.getAttribute('content') ?? '') : null,
    noindex: /\bnoindex\b/i.test(robots),
  };
}

/**
 * The canonical link's problems, if any: there is one (unless the page is noindex), it is an absolute URL on the
 * configured site, and it names the page itself (or, for a page that only redirects, the page it redirects to).
 * @param {PageHead} head
 * @param {string} site
 * @returns {string[]}
 */
export function canonicalProblems(head, site) {
  const siteUrl = new URL(site.endsWith('/') ? site : `${site}/`);
  if (head.canonicals.length === 0) return head.noindex ? [] : ['no <link rel="canonical">'];
  if (head.canonicals.length > 1) return [`${head.canonicals.length} canonical links (one allowed)`];
  const href = head.canonicals[0] ?? '';
  if (!/^https?:\/\//i.test(href)) return [`canonical ${JSON.stringify(href)} is not an absolute http(s) URL`];
  const url = new URL(href);
  if (url.origin !== siteUrl.origin || !url.pathname.startsWith(siteUrl.pathname)) return [`canonical ${href} is not on the configured site ${siteUrl.href}`];
  if (url.search !== '' || url.hash !== '') return [`canonical ${href} carries a query or a fragment`];
  const self = new URL(head.path.slice(1), siteUrl).href;
  const redirect = head.refresh === null ? null : new URL(head.refresh, self).href;
  if (url.href !== self && url.href !== redirect) return [`canonical ${href} is not the page itself (${self})`];
  return [];
}

/**
 * hreflang problems across the site: each page's alternates are absolute URLs of built pages on the site, name every
 * language and x-default, include the page itself under its own <html lang>, and are the same set on every page they
 * name (A lists B ⇔ B lists A, under the same hreflang).
 * @param {readonly PageHead[]} heads the site's pages
 * @param {string} site
 * @param {readonly string[]} languages the hreflangs every set must have, besides x-default (e.g. `zh-CN`, `en`)
 * @returns {{ page: string, problem: string }[]}
 */
export function hreflangProblems(heads, site, languages) {
  const siteUrl = new URL(site.endsWith('/') ? site : `${site}/`);
  const urlOf = (/** @type {PageHead} */ head) => new URL(head.path.slice(1), siteUrl).href;
  const byUrl = new Map(heads.map((h) => [urlOf(h), h]));
  /** @type {{ page: string, problem: string }[]} */
  const problems = [];
  // hreflang values compare without case (zh-CN = zh-cn); messages keep the first spelling seen.
  const spelling = new Map(heads.flatMap((h) => h.alternates.map(([lang]) => /** @type {[string, string]} */ ([lang.toLowerCase(), lang]))).reverse());
  const key = (/** @type {string} */ hreflang) => spelling.get(hreflang.toLowerCase()) ?? hreflang;
  const setOf = (/** @type {PageHead} */ head) => new Map(head.alternates.map(([lang, href]) => [key(lang), href]));
  for (const head of heads) {
    if (head.alternates.length === 0) continue;
    const say = (/** @type {string} */ problem) => problems.push({ page: head.path, problem });
    const own = setOf(head);
    if (own.size !== head.alternates.length) say('an hreflang is listed twice');
    for (const lang of [...languages, 'x-default']) if (!own.has(key(lang))) say(`no hreflang="${key(lang)}" alternate`);
    const self = urlOf(head);
    const selfLang = [...own].find(([, href]) => href === self)?.[0];
    if (selfLang === undefined) say(`its alternates do not include the page itself (${self})`);
    else if (selfLang !== 'x-default' && primary(selfLang) !== primary(head.lang)) say(`lists itself as hreflang="${selfLang}" but its <html lang> is "${head.lang}"`);
    for (const [lang, href] of own) {
      if (!/^https?:\/\//i.test(href)) {
        say(`hreflang="${lang}" href ${JSON.stringify(href)} is not absolute`);
        continue;
      }
      const target = byUrl.get(new URL(href).href);
      if (!target) {
        say(`hreflang="${lang}" ${href} is not a page of the site`);
        continue;
      }
      if (lang !== 'x-default' && primary(lang) !== primary(target.lang)) say(`hreflang="${lang}" ${href} has <html lang="${target.lang}">`);
      if (target === head) continue;
      const theirs = setOf(target);
      if (![...theirs.values()].includes(self)) say(`lists ${href} (hreflang="${lang}"), which does not list it back`);
      for (const [l, h] of own) if (theirs.get(l) !== h) say(`hreflang="${l}" is ${h} here but ${theirs.get(l) ?? 'missing'} on ${target.path}`);
    }
  }
  const seen = new Set();
  return problems.filter(({ page, problem }) => !seen.has(`${page}\n${problem}`) && seen.add(`${page}\n${problem}`));
}

/** @param {string} tag a language tag; its primary language, lower case (`zh-CN` → `zh`) */
function primary(tag) {
  return tag.toLowerCase().split('-')[0] ?? '';
}

/**
 * Every file under `dir`, relative to it, with / separators.
 * @param {string} dir
 * @returns {string[]}
 */
export function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/**
 * Runs every check over the built site in `dir`.
 * @param {string} dir
 * @param {string} site the configured site
 * @returns {{ counts: Record<string, number>, problems: { page: string, problem: string }[] }}
 */
export function checkSite(dir, site) {
  const files = listFiles(dir);
  const fileSet = new Set(files);
  const pages = files.filter((f) => f.endsWith('.html'));
  /** @type {Map<string, Set<string>>} */
  const idsByFile = new Map();
  /** @type {PageHead[]} */
  const heads = [];
  /** @type {{ page: string, problem: string }[]} */
  const problems = [];
  const counts = { pages: pages.length, references: 0, internal: 0, fragments: 0, external: 0, stylesheetUrls: 0, otherFiles: 0, canonicals: 0, hreflangLinks: 0 };
  /** @type {{ page: string, path: string, refs: { tag: string, attribute: string, value: string }[] }[]} */
  const found = [];
  for (const file of pages) {
    const { document } = parseHTML(readFileSync(join(dir, file), 'utf8'));
    const path = servedPath(file);
    idsByFile.set(file, idsOf(document));
    heads.push(headOf(document, path));
    found.push({ page: file, path, refs: referencesOf(document) });
  }
  // Stylesheets: url() relative to the stylesheet. The web app manifest, sitemap and robots.txt name pages and icons.
  for (const file of files.filter((f) => f.endsWith('.css'))) {
    const refs = cssUrls(readFileSync(join(dir, file), 'utf8')).map((value) => ({ tag: 'css', attribute: 'url()', value }));
    counts.stylesheetUrls += refs.length;
    found.push({ page: file, path: `/${file}`, refs });
  }
  for (const file of files.filter((f) => f.endsWith('.webmanifest') || f === 'sitemap.xml' || f === 'robots.txt')) {
    try {
      found.push({ page: file, path: `/${file}`, refs: urlsInDataFile(file, readFileSync(join(dir, file), 'utf8')) });
    } catch (error) {
      problems.push({ page: file, problem: `cannot be read: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  for (const { page, path, refs } of found) {
    for (const ref of refs) {
      counts.references++;
      const at = (/** @type {string} */ problem) => problems.push({ page, problem: `<${ref.tag} ${ref.attribute}="${ref.value}">: ${problem}` });
      const target = resolveRef(ref.value, path, site);
      if (target.kind === 'external') counts.external++;
      if (target.kind === 'invalid') at('not a valid URL');
      if (target.kind !== 'internal') continue;
      counts.internal++;
      const file = fileFor(target.path, fileSet);
      if (file === null) {
        const hint = !target.path.endsWith('/') && fileSet.has(`${target.path.slice(1)}/index.html`) ? ` (the page is ${target.path}/)` : '';
        at(`no built file serves ${target.path}${hint}`);
        continue;
      }
      if (target.fragment === null) continue;
      counts.fragments++;
      const ids = idsByFile.get(file);
      if (ids === undefined) continue; // a fragment of a non-HTML file (an SVG's view): the file exists
      if (!fragmentResolves(target.fragment, ids)) at(`no element with id "${target.fragment}" on ${servedPath(file)}`);
    }
  }
  counts.otherFiles = files.length - pages.length;
  for (const head of heads) {
    counts.canonicals += head.canonicals.length;
    counts.hreflangLinks += head.alternates.length;
    for (const problem of canonicalProblems(head, site)) problems.push({ page: pageFile(head.path), problem });
  }
  const languages = [...new Set(heads.flatMap((h) => h.alternates.map(([lang]) => lang)).filter((lang) => lang.toLowerCase() !== 'x-default'))];
  for (const { page, problem } of hreflangProblems(heads, site, languages)) problems.push({ page: pageFile(page), problem });
  return { counts, problems };
}

/** @param {string} path a page's URL path → its file (for messages) */
function pageFile(path) {
  return path.endsWith('/') ? posix.join(path.slice(1), 'index.html') : path.slice(1);
}

/**
 * The URLs a non-HTML file of the site names: a web app manifest's icons, start_url and scope; a sitemap's <loc> and
 * <xhtml:link href>; robots.txt's Sitemap lines.
 * @param {string} file
 * @param {string} text
 * @returns {{ tag: string, attribute: string, value: string }[]}
 */
export function urlsInDataFile(file, text) {
  if (file.endsWith('.webmanifest')) {
    /** @type {{ icons?: { src?: string }[], start_url?: string, scope?: string, screenshots?: { src?: string }[] }} */
    const manifest = JSON.parse(text); // a manifest that is not JSON throws: checkSite reports it
    return [
      ...(manifest.icons ?? []).map((icon) => ({ tag: 'manifest', attribute: 'icons.src', value: icon.src ?? '' })),
      ...(manifest.screenshots ?? []).map((shot) => ({ tag: 'manifest', attribute: 'screenshots.src', value: shot.src ?? '' })),
      ...(manifest.start_url ? [{ tag: 'manifest', attribute: 'start_url', value: manifest.start_url }] : []),
      ...(manifest.scope ? [{ tag: 'manifest', attribute: 'scope', value: manifest.scope }] : []),
    ];
  }
  if (file === 'sitemap.xml') {
    return [
      ...[...text.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => ({ tag: 'sitemap', attribute: 'loc', value: unescapeXml(m[1] ?? '') })),
      ...[...text.matchAll(/<xhtml:link\b[^>]*\bhref="([^"]+)"/g)].map((m) => ({ tag: 'sitemap', attribute: 'xhtml:link', value: unescapeXml(m[1] ?? '') })),
    ];
  }
  return [...text.matchAll(/^\s*sitemap:\s*(\S+)/gim)].map((m) => ({ tag: 'robots', attribute: 'Sitemap', value: m[1] ?? '' }));
}

/** @param {string} s XML text → the characters it escapes */
function unescapeXml(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
