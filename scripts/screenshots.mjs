// Screenshots of built pages for looking at the site as a reader: light/dark, phone/desktop.
// Usage: node scripts/screenshots.mjs [base-url] [out-dir] [paths...]   (needs `npm run preview` running)
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { chromiumPath, CHROMIUM_ARGS } from '../e2e/chromium.mjs';

const [base = 'http://127.0.0.1:4321', out = 'screenshots', ...paths] = process.argv.slice(2);
const pages = paths.length > 0 ? paths : ['/zh/', '/en/'];
mkdirSync(out, { recursive: true });
const executablePath = chromiumPath();
const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
for (const theme of ['light', 'dark']) {
  for (const [label, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 900 }]]) {
    const context = await browser.newContext({ viewport, colorScheme: theme, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') console.log(`console error on ${page.url()}: ${m.text()}`); });
    page.on('pageerror', (e) => console.log(`page error on ${page.url()}: ${e.message}`));
    for (const path of pages) {
      await page.goto(base + path, { waitUntil: 'networkidle' });
      await page.waitForTimeout(300);
      const name = `${path.replace(/[^a-z0-9]+/gi, '_')}-${label}-${theme}.png`.replace(/^_/, '');
      await page.screenshot({ path: `${out}/${name}`, fullPage: process.env.FULL === '1' });
      console.log(`${out}/${name}`);
    }
    await context.close();
  }
}
await browser.close();
