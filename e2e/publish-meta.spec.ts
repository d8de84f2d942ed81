// What a shared link and a search engine see: the preview image and card tags, title and description lengths, the
// article's JSON-LD and Scholar meta on every page; the sitemap, robots.txt, the 404 page and the web manifests.
// Absolute URLs name the site's public host (SITE_URL); the test fetches their paths from the server under test.
import { test, expect } from './fixtures';
import { ALL_PAGES, LANGS, SECTIONS, pathOf } from './pages';
import { pngSize } from '../src/og/png';

const chars = (text: string): number => [...text].length;

test.describe('every page', () => {
  for (const { lang, section, path } of ALL_PAGES) {
    test(`${path} has its own preview image, card tags, short title and description, JSON-LD and Scholar meta`, async ({ page, request }) => {
      await page.goto(path);
      const canonical = new URL((await page.locator('link[rel="canonical"]').getAttribute('href'))!);
      const meta = async (attr: 'name' | 'property', key: string): Promise<string> => {
        const locator = page.locator(`meta[${attr}="${key}"]`);
        await expect(locator, `${key} once`).toHaveCount(1);
        return (await locator.getAttribute('content')) ?? '';
      };

      // The preview image: absolute, on the site's host, this page's own, a 1200 × 630 PNG.
      const image = new URL(await meta('property', 'og:image'));
      expect(image.origin).toBe(canonical.origin);
      expect(image.pathname).toBe(`/og/${lang}/${section}.png`);
      expect(await meta('property', 'og:image:type')).toBe('image/png');
      expect(await meta('property', 'og:image:width')).toBe('1200');
      expect(await meta('property', 'og:image:height')).toBe('630');
      const response = await request.get(image.pathname);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('image/png');
      expect(pngSize(await response.body())).toEqual({ width: 1200, height: 630 });
      const title = await page.locator('h1').innerText();
      expect(await meta('property', 'og:image:alt')).toContain(title);

      expect(await meta('name', 'twitter:card')).toBe('summary_large_image');
      expect(await meta('name', 'twitter:image')).toBe(image.href);
      expect(await meta('name', 'twitter:image:alt')).toContain(title);

      // What a search result shows whole.
      expect(chars(await page.title())).toBeLessThanOrEqual(60);
      expect(chars(await meta('name', 'description'))).toBeLessThanOrEqual(160);

      // JSON-LD: one TechArticle about this page, in its language, with the references the page lists.
      const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
      expect(blocks).toHaveLength(1);
      const ld = JSON.parse(blocks[0]!) as Record<string, unknown>;
      expect(ld).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'TechArticle',
        headline: title,
        inLanguage: lang === 'zh' ? 'zh-CN' : 'en',
        url: canonical.href,
        image: image.href,
        author: { '@type': 'Organization' },
        publisher: { '@type': 'Organization' },
        isPartOf: { '@type': 'WebSite' },
      });
      expect(ld['description']).toBe(await meta('name', 'description'));
      for (const key of ['datePublished', 'dateModified']) expect(ld[key]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const listed = await page.locator('ol.references > li > a:first-of-type').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
      expect(listed.length).toBeGreaterThan(0);
      const cited = (ld['citation'] as { url: string; name: string }[]).map((c) => new URL(c.url).href);
      expect(cited).toEqual(listed);

      // Google Scholar.
      expect(await meta('name', 'citation_title')).toBe(title);
      expect(await meta('name', 'citation_author')).not.toBe('');
      expect(await meta('name', 'citation_publication_date')).toMatch(/^\d{4}\/\d{2}\/\d{2}$/);
      expect(await meta('name', 'citation_language')).toBe(lang === 'zh' ? 'zh-CN' : 'en');
      const references = await page.locator('meta[name="citation_reference"]').evaluateAll((els) => els.map((el) => el.getAttribute('content') ?? ''));
      expect(references).toHaveLength(listed.length);
      for (const r of references) expect(r).toMatch(/^citation_title=[^;]+;citation_author=/);

      // Icons and the language's manifest.
      await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute('href', '/apple-touch-icon.png');
      await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', `/${lang}/manifest.webmanifest`);
    });
  }

  test('a widget state in the URL keeps its section’s preview image', async ({ page }) => {
    await page.goto('/en/batchnorm/?bn.n=4#widget-batchnorm');
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /\/og\/en\/batchnorm\.png$/);
  });

  test('the preview images differ from page to page', async ({ request }) => {
    const bodies = await Promise.all(
      ALL_PAGES.map(async ({ lang, section }) => {
        const response = await request.get(`/og/${lang}/${section}.png`);
        expect(response.status()).toBe(200);
        return response.body();
      }),
    );
    for (const body of bodies) expect(pngSize(body)).toEqual({ width: 1200, height: 630 });
    expect(new Set(bodies.map((b) => b.toString('base64'))).size).toBe(ALL_PAGES.length);
  });
});

test.describe('site files', () => {
  test('sitemap.xml lists every page, each with reciprocal hreflang alternates', async ({ request, page }) => {
    const response = await request.get('/sitemap.xml');
    expect(response.status()).toBe(200);
    await page.goto('/zh/');
    const origin = new URL((await page.locator('link[rel="canonical"]').getAttribute('href'))!).origin;
    const xml = await response.text();
    const entries = [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map((m) => {
      const loc = /<loc>([^<]+)<\/loc>/.exec(m[1]!)![1]!;
      const alternates = Object.fromEntries([...m[1]!.matchAll(/hreflang="([^"]+)" href="([^"]+)"/g)].map((a) => [a[1]!, a[2]!]));
      return { loc, alternates };
    });
    const expected = ALL_PAGES.map(({ path }) => `${origin}${path}`).sort();
    expect(entries.map((e) => e.loc).sort()).toEqual(expected);
    const byLoc = new Map(entries.map((e) => [e.loc, e.alternates]));
    for (const { loc, alternates } of entries) {
      expect(Object.keys(alternates).sort()).toEqual(['en', 'x-default', 'zh-CN']);
      expect(Object.values(alternates)).toContain(loc);
      // Reciprocal: each alternate lists this page back, with the same set.
      for (const tag of ['en', 'zh-CN']) expect(byLoc.get(alternates[tag]!)).toEqual(alternates);
      expect(alternates['x-default']).toBe(alternates['zh-CN']);
    }
    for (const section of SECTIONS) for (const lang of LANGS) expect(xml).toContain(`<loc>${origin}${pathOf(lang, section)}</loc>`);
  });

  test('robots.txt points to the sitemap by its absolute URL', async ({ request, page }) => {
    await page.goto('/en/');
    const origin = new URL((await page.locator('link[rel="canonical"]').getAttribute('href'))!).origin;
    const text = await (await request.get('/robots.txt')).text();
    expect(text).toMatch(/^User-agent: \*$/m);
    expect(text).toContain(`\nSitemap: ${origin}/sitemap.xml\n`);
  });

  test('404.html is not indexed and links both overviews', async ({ page }) => {
    const response = await page.goto('/404.html');
    expect(response?.status()).toBe(200);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    await expect(page.locator('main [lang="zh-CN"] a[href="/zh/"]')).toHaveCount(1);
    await expect(page.locator('main [lang="en"] a[href="/en/"]')).toHaveCount(1);
    await expect(page.locator('h1')).toHaveCount(1);
  });

  for (const lang of LANGS) {
    test(`the ${lang} web manifest parses, names the site and its icons load at their sizes`, async ({ request, page }) => {
      await page.goto(pathOf(lang, 'overview'));
      const siteName = (await page.locator('meta[property="og:site_name"]').getAttribute('content'))!;
      const themeColor = await page.locator('meta[name="theme-color"][media*="light"]').getAttribute('content');
      const manifest = (await (await request.get(`/${lang}/manifest.webmanifest`)).json()) as {
        name: string; short_name: string; start_url: string; theme_color: string; background_color: string; icons: { src: string; sizes: string; type: string }[];
      };
      expect(manifest.name).toBe(siteName);
      expect(manifest.short_name.length).toBeGreaterThan(0);
      expect(manifest.start_url).toBe(pathOf(lang, 'overview'));
      expect(manifest.theme_color).toBe(themeColor);
      expect(manifest.background_color).toBe(themeColor);
      const pngs = manifest.icons.filter((i) => i.type === 'image/png');
      expect(pngs.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
      for (const icon of pngs) {
        const size = Number(icon.sizes.split('x')[0]);
        expect(pngSize(await (await request.get(icon.src)).body()), icon.src).toEqual({ width: size, height: size });
      }
      expect(pngSize(await (await request.get('/apple-touch-icon.png')).body())).toEqual({ width: 180, height: 180 });
    });
  }
});
