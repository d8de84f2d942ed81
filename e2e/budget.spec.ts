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
