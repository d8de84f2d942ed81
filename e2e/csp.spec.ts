// The site under its strict Content-Security-Policy, sent as a real response header the way a host sends it (the
// headers of public/_headers, from src/csp/policy.mjs): every page, in both languages, on a phone and on a desktop,
// loads with no policy violation, sets the stored theme and folds the phone's contents before the first paint, draws
// KaTeX with its own CSS and fonts, and its widgets come alive and answer the keyboard; the lab trains in a Web Worker.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ALL_PAGES } from './pages';
import { SECURITY_HEADERS } from '../src/csp/policy.mjs';
import { waitLive } from './widget-helpers';

interface FirstPaint {
  /** html[data-theme] when the parser made <body>, before anything was drawn. */
  themeAtBody: string | null;
  /** Whether the contents were open in the first frame drawn with them. */
  contentsOpen: boolean | null;
}

/** Serves every response with the site's security headers, and records violations from the first byte on. */
async function underPolicy(page: Page, storedTheme: 'dark' | 'light'): Promise<() => Promise<string[]>> {
  const headers = Object.fromEntries(Object.entries(SECURITY_HEADERS).map(([name, value]) => [name.toLowerCase(), value]));
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), ...headers } });
  });
  const logged: string[] = [];
  const onConsole = (text: string) => {
    if (/content.security.policy|refused to/i.test(text)) logged.push(`console: ${text}`);
  };
  page.on('console', (message) => onConsole(message.text()));
  page.on('worker', (worker) => worker.on('console', (message) => onConsole(message.text())));
  // Init scripts are not subject to the page's policy: they observe it.
  await page.addInitScript((theme) => {
    try { localStorage.setItem('theme', theme); } catch {}
    const w = window as unknown as { __violations: string[]; __firstPaint: FirstPaint };
    w.__violations = [];
    w.__firstPaint = { themeAtBody: null, contentsOpen: null };
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`),
    );
    const firstPaint = w.__firstPaint;
    // The theme as the parser makes <body>: only the head's scripts have run, and nothing has been drawn.
    const atBody = new MutationObserver(() => {
      if (!document.body) return;
      firstPaint.themeAtBody = document.documentElement.dataset.theme ?? '';
      atBody.disconnect();
    });
    atBody.observe(document, { childList: true, subtree: true });
    // The contents in the first frame that shows them: the browser draws a frame right after its animation-frame
    // callbacks, so what they see is what the reader first sees.
    const look = () => {
      const contents = document.querySelector<HTMLDetailsElement>('[data-toc-details]');
      if (contents && firstPaint.contentsOpen === null) firstPaint.contentsOpen = contents.open;
      if (firstPaint.contentsOpen === null && document.readyState !== 'complete') requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  }, storedTheme);
  return async () => [...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)), ...logged];
}

/** Brings each widget into view (its code loads near the viewport) and waits until it is live. */
async function wakeWidgets(page: Page): Promise<Locator[]> {
  const widgets = await page.locator('main [data-widget]').all();
  for (const widget of widgets) await waitLive(widget);
  return widgets;
}

/** Moves the widget's first enabled slider one step with the keyboard; its <output> must change. */
async function expectRangeAnswers(widget: Locator): Promise<void> {
  const range = widget.locator('input[type="range"]:not([disabled])').first();
  if ((await range.count()) === 0) return;
  const output = widget.locator(`output[data-output="${await range.getAttribute('name')}"]`).first();
  const before = await output.textContent();
  await range.focus();
  await range.press(Number(await range.inputValue()) < Number(await range.getAttribute('max')) ? 'ArrowRight' : 'ArrowLeft');
  await expect(output).not.toHaveText(before ?? '');
}

const SETUPS = [
  { name: 'phone, dark theme stored', viewport: { width: 390, height: 844 }, theme: 'dark', folded: true },
  { name: 'desktop, light theme stored', viewport: { width: 1280, height: 900 }, theme: 'light', folded: false },
] as const;

// Requests still in flight when a test ends are let go.
test.afterEach(async ({ page }) => page.unrouteAll({ behavior: 'ignoreErrors' }));

for (const setup of SETUPS) {
  test.describe(setup.name, () => {
    test.use({ viewport: setup.viewport });

    for (const { path, section } of ALL_PAGES) {
      test(`${path} runs under the policy with no violation`, async ({ page }) => {
        test.setTimeout(60_000);
        const violations = await underPolicy(page, setup.theme);
        const response = await page.goto(path);
        expect(response?.headers()['content-security-policy'], 'the policy is sent as a header').toBe(SECURITY_HEADERS['Content-Security-Policy']);

        const firstPaint = await page.evaluate(() => (window as unknown as { __firstPaint: FirstPaint }).__firstPaint);
        expect(firstPaint.themeAtBody, 'the theme before the first paint').toBe(setup.theme);
        expect(firstPaint.contentsOpen, 'the contents open in the first frame that shows them').toBe(!setup.folded);
        await expect(page.locator('html')).toHaveAttribute('data-theme', setup.theme);

        const widgets = await wakeWidgets(page);
        await page.evaluate(async () => {
          await document.fonts.ready;
          window.scrollTo(0, document.body.scrollHeight);
        });
        await page.waitForLoadState('networkidle');

        // KaTeX's CSS applies (a script is drawn smaller than its base) and none of its fonts failed to load.
        const sizes = await page.locator('main .katex-html .msupsub').evaluateAll((supsubs) =>
          supsubs.slice(0, 20).map((supsub) => {
            const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
            // A glyph of the script: an element with text of its own (not the zero-width strut of `.vlist-s`).
            const glyph = [...supsub.querySelectorAll('*')].find((el) =>
              [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').replace(/\u200b/g, '').trim() !== ''),
            ) ?? supsub;
            return { size: px(glyph), base: px(supsub.previousElementSibling ?? supsub.parentElement!) };
          }),
        );
        if (['normalization', 'batchnorm', 'layernorm'].includes(section)) expect(sizes.length, 'this page has scripts').toBeGreaterThan(0);
        for (const { size, base } of sizes) expect(size, 'a sub- or superscript is smaller than its base').toBeLessThan(0.9 * base);
        const failedFonts = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'error').map((f) => f.family));
        expect(failedFonts, 'fonts that failed to load').toEqual([]);

        for (const widget of widgets) await expectRangeAnswers(widget);

        if (setup.folded) {
          const contents = page.locator('[data-toc-details]');
          await expect(contents).not.toHaveAttribute('open');
          await contents.locator('summary').click();
          await expect(contents).toHaveAttribute('open', '');
          await expect(contents.locator('a[aria-current="page"]')).toBeVisible();
        }

        if (section === 'lab' && !setup.folded) {
          // Train starts a Web Worker (worker-src 'self'); a run that reports progress is running in it.
          const lab = page.locator('#widget-lab');
          const worker = page.waitForEvent('worker');
          await lab.locator('button[data-train]').click();
          await worker;
          await expect.poll(() => lab.locator('[data-runs] progress').first().evaluate((p) => (p as HTMLProgressElement).value), { timeout: 30_000 }).toBeGreaterThan(0);
          await lab.locator('button[data-stop]').click();
        }

        expect(await violations(), 'Content-Security-Policy violations').toEqual([]);
      });
    }
  });
}

/** Every file under a folder whose name ends with one of the extensions. */
function filesIn(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && extensions.some((ext) => entry.name.endsWith(ext)))
    .map((entry) => join(entry.parentPath, entry.name));
}

// The pages above are the sections; this reads every built file, the redirect and any page not listed there too.
test('no built file holds code or a font the policy would refuse', () => {
  const outDir = resolve(process.env.E2E_OUT_DIR ?? 'dist');
  const html = filesIn(outDir, ['.html']);
  expect(html.length).toBeGreaterThanOrEqual(ALL_PAGES.length);
  const refused: string[] = [];
  for (const file of html) {
    const text = readFileSync(file, 'utf8');
    const name = relative(outDir, file);
    // A <script> without src runs inline, unless it is data (JSON, JSON-LD).
    for (const [tag] of text.matchAll(/<script\b[^>]*>/gi)) {
      if (!/\ssrc=/i.test(tag) && !/\stype="?application\/(ld\+)?json/i.test(tag)) refused.push(`${name}: ${tag}`);
    }
    for (const [tag] of text.matchAll(/<style\b[^>]*>/gi)) refused.push(`${name}: ${tag}`);
    for (const [attribute] of text.matchAll(/<[a-z][^>]*?\s(on[a-z]+)=/gi)) refused.push(`${name}: an inline handler ${attribute.slice(-40)}`);
    if (/(href|src|action)="\s*javascript:/i.test(text)) refused.push(`${name}: a javascript: URL`);
  }
  for (const file of filesIn(outDir, ['.css', '.js'])) {
    for (const [url] of readFileSync(file, 'utf8').matchAll(/url\(\s*["']?data:(?!image\/)[^;,]*/g)) refused.push(`${relative(outDir, file)}: ${url}`);
  }
  expect(refused).toEqual([]);
});
