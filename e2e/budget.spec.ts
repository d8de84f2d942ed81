// The JavaScript budgets of ARCHITECTURE.md: ≤ 40 KB gzip before interaction, ≤ 150 KB after every widget was used.
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ALL_PAGES } from './pages';

const KB = 1024;

/** Records every script the page loads and its gzip size. */
function trackScripts(page: Page): Map<string, number> {
  const sizes = new Map<string, number>();
  page.on('response', async (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && !response.url().endsWith('.js')) return;
    try {
      sizes.set(response.url(), gzipSync(await response.body()).length);
    } catch {
      // a response without a body (redirect) carries no script
    }
  });
  return sizes;
}

const total = (sizes: Map<string, number>) => [...sizes.values()].reduce((a, b) => a + b, 0);

for (const { path } of ALL_PAGES) {
  test(`${path} stays within the JavaScript budgets`, async ({ page }) => {
    const sizes = trackScripts(page);
    await page.goto(path, { waitUntil: 'networkidle' });
    const before = total(sizes);
    expect(before, `${(before / KB).toFixed(1)} KB before interaction`).toBeLessThanOrEqual(40 * KB);

    // Use every widget: bring it into view and touch a control.
    const widgets = page.locator('[data-widget]');
    const count = await widgets.count();
    for (let i = 0; i < count; i++) {
      const widget = widgets.nth(i);
      await widget.scrollIntoViewIfNeeded();
      const control = widget.locator('input, select').first();
      if ((await control.count()) > 0) await control.focus();
      await expect(widget).toHaveAttribute('data-state', 'live');
    }
    await page.waitForLoadState('networkidle');
    const after = total(sizes);
    expect(after, `${(after / KB).toFixed(1)} KB after using ${count} widgets`).toBeLessThanOrEqual(150 * KB);
  });
}

// ARCHITECTURE.md: no layout shift while the widgets come alive; and the page itself barely moves while it loads
// (a script folding the phone's contents once shifted a whole article, CLS 0.5). Phone and desktop widths.
for (const { path } of ALL_PAGES) {
  test(`${path} does not shift while it loads and its widgets come alive`, async ({ page }) => {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      await page.addInitScript(() => {
        const w = window as unknown as { shifts: { t: number; value: number; what: string }[] };
        w.shifts = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] })[]) {
            if (entry.hadRecentInput) continue;
            const describe = (node: Node | undefined): string => {
              const el = node instanceof Element ? node : node?.parentElement;
              return `${el?.tagName.toLowerCase()}.${String(el?.className ?? '').slice(0, 30)} "${(node?.textContent ?? '').slice(0, 40)}"`;
            };
            w.shifts.push({ t: entry.startTime, value: entry.value, what: (entry.sources ?? []).map((s) => describe(s.node)).join(', ') });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(path, { waitUntil: 'networkidle' });
      // Loading: the only movement allowed is KaTeX's fonts arriving after the first layout (a race; usually none).
      const loaded = await page.evaluate(async () => {
        await document.fonts.ready;
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        return performance.now();
      });
      const shifts = () => page.evaluate(() => (window as unknown as { shifts: { t: number; value: number; what: string }[] }).shifts);
      // (Under a loaded test machine that race has cost up to 0.003; a real regression, like the contents folding
      // after the first paint, costs hundreds of times more. Lighthouse calls below 0.1 good.)
      const atLoad = await shifts();
      const total = atLoad.reduce((sum, s) => sum + s.value, 0);
      expect(total, `layout shift while loading at ${width} px: ${atLoad.map((s) => `${s.value.toFixed(4)} ${s.what}`).join('; ')}`).toBeLessThan(0.01);

      const widgets = page.locator('[data-widget]');
      for (let i = 0; i < (await widgets.count()); i++) {
        const widget = widgets.nth(i);
        await widget.evaluate((el) => el.scrollIntoView({ behavior: 'instant', block: 'start' }));
        await expect(widget).toHaveAttribute('data-state', 'live');
      }
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const alive = (await shifts()).filter((s) => s.t > loaded).map((s) => `${s.value.toFixed(4)} ${s.what}`);
      expect(alive, `layout shifts while the widgets came alive at ${width} px`).toEqual([]);
    }
  });
}
