import { test, expect } from './fixtures';
import { ALL_PAGES, pathOf } from './pages';
import { SECTIONS } from '../src/i18n/sections';

test.describe('every page', () => {
  for (const { lang, path } of ALL_PAGES) {
    test(`${path} responds with a title, a language and its twin`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page).toHaveTitle(/\S/);
      await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`${path.replace(/\//g, '\\/')}$`));
      await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveCount(1);
      await expect(page.locator('link[rel="alternate"][hreflang="zh-CN"]')).toHaveCount(1);
      await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /\S{10}/);
    });

    test(`${path} has its math rendered by KaTeX and nothing leaked`, async ({ page }) => {
      await page.goto(path);
      const html = await page.content();
      expect(html).not.toContain('$$');
      expect(html).not.toContain('language-math');
      expect(html).not.toMatch(/katex-error|ParseError/);
      const text = await page.locator('main').innerText();
      expect(text, 'a $…$ formula was left as text').not.toMatch(/\$[^$\s][^$]*\$/);
      if (path.endsWith('/normalization/') || path.endsWith('/batchnorm/') || path.endsWith('/layernorm/')) {
        await expect(page.locator('.katex').first()).toBeVisible();
      }
    });

    test(`${path}: every heading has an id, a link button and an entry in the contents`, async ({ page }) => {
      await page.goto(path);
      const ids = await page.locator('main h2, main h3').evaluateAll((els) => els.map((el) => el.id));
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(new Set(ids).size).toBe(ids.length);
      await expect(page.locator('main h2 .heading-link, main h3 .heading-link')).toHaveCount(ids.length);
      for (const id of ids) await expect(page.locator(`nav.toc a[href="#${id}"]`)).toHaveCount(1);
    });
  }
});

test('/ leads to /zh/', async ({ page }) => {
  await page.goto('/');
  await page.waitForURL(/\/zh\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('both languages have the same heading ids on every section', async ({ page }) => {
  for (const section of SECTIONS) {
    await page.goto(pathOf('zh', section));
    const zh = await page.locator('main h2, main h3').evaluateAll((els) => els.map((el) => el.id));
    await page.goto(pathOf('en', section));
    const en = await page.locator('main h2, main h3').evaluateAll((els) => els.map((el) => el.id));
    expect(en, section).toEqual(zh);
  }
});

test('every internal link and anchor on the site resolves', async ({ page, request }) => {
  const checked = new Set<string>();
  for (const { path } of ALL_PAGES) {
    await page.goto(path);
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== new URL(page.url()).origin || checked.has(href)) continue;
      checked.add(href);
      const response = await request.get(url.pathname);
      expect(response.status(), href).toBe(200);
      if (url.hash.length > 1) {
        const body = await response.text();
        expect(body, `${href}: no element with that id`).toContain(`id="${decodeURIComponent(url.hash.slice(1))}"`);
      }
    }
  }
  expect(checked.size).toBeGreaterThan(20);
});

test('opening a heading URL scrolls the heading into view', async ({ page }) => {
  await page.goto('/en/batchnorm/#running-statistics');
  const heading = page.locator('#running-statistics');
  await expect(heading).toBeInViewport();
  // The page scrolls smoothly: wait for the scroll to end near the top, under the header.
  await expect.poll(() => heading.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
  await expect.poll(() => heading.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(200);
});

test('the copy-link button puts the absolute heading URL on the clipboard', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/zh/layernorm/');
  const button = page.locator('#per-token .heading-link');
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-toast]')).toHaveText(/已复制/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(`${baseURL}/zh/layernorm/#per-token`);
});

test('the language switch keeps the section and the heading', async ({ page }) => {
  await page.goto('/zh/batchnorm/#running-statistics');
  await page.locator('[data-lang-switch]').click();
  await page.waitForURL('**/en/batchnorm/#running-statistics');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#running-statistics')).toBeInViewport();
  await page.locator('[data-lang-switch]').click();
  await page.waitForURL('**/zh/batchnorm/#running-statistics');
});

test('the theme toggle switches, is remembered across pages, and follows the system until used', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto('/en/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.locator('[data-theme-toggle]').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.locator('[data-theme-toggle]')).toHaveAttribute('aria-pressed', 'false');
  await page.goto('/zh/layernorm/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await context.close();
});

test('the contents mark the current page and the heading being read', async ({ page }) => {
  await page.goto('/en/layernorm/');
  await expect(page.locator('nav.toc a[aria-current="page"]')).toHaveAttribute('href', '/en/layernorm/');
  await page.locator('#rmsnorm').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.getElementById('rmsnorm')?.scrollIntoView({ block: 'start' }));
  await expect(page.locator('nav.toc a[aria-current="location"]')).toHaveAttribute('href', '#rmsnorm');
});

test('previous and next links walk the sections in order', async ({ page }) => {
  await page.goto('/en/');
  const visited: string[] = [];
  for (let i = 0; i < 5; i++) {
    await page.locator('.prev-next a[rel="next"]').click();
    visited.push(new URL(page.url()).pathname);
  }
  expect(visited).toEqual(['/en/normalization/', '/en/batchnorm/', '/en/layernorm/', '/en/why-layernorm/', '/en/lab/']);
  await expect(page.locator('.prev-next a[rel="next"]')).toHaveCount(0);
});
