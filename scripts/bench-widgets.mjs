// Redraw time of every widget in Chromium, at its largest settings (every slider at its maximum).
// Prints the median and worst redraw per widget, normal and with 4× CPU slowdown, and the longest task.
// Usage: npm run build && npm run bench:widgets   (starts its own preview server)
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromiumPath, CHROMIUM_ARGS } from '../e2e/chromium.mjs';

const PORT = 4380;
const BASE = `http://127.0.0.1:${PORT}`;
const PAGES = ['/en/normalization/', '/en/batchnorm/', '/en/layernorm/', '/en/why-layernorm/'];
const ROUNDS = 10;

const server = spawn('npx', ['astro', 'preview', '--port', String(PORT), '--host', '127.0.0.1', '--ignore-lock'], { stdio: 'ignore' });
for (let i = 0; i < 60; i++) {
  try {
    if ((await fetch(`${BASE}/en/`)).ok) break;
  } catch {
    await sleep(500);
  }
}

const executablePath = chromiumPath();
const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
try {
  for (const slowdown of [1, 4]) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    for (const path of PAGES) {
      await page.goto(BASE + path, { waitUntil: 'networkidle' });
      const ids = await page.locator('[data-widget][id]').evaluateAll((els) => els.map((el) => el.id));
      for (const id of ids) {
        const result = await page.evaluate(async ({ id, rounds }) => {
          const root = document.getElementById(id);
          root.scrollIntoView();
          root.dispatchEvent(new Event('pointerdown'));
          const live = () => root.dataset.state === 'live';
          for (let i = 0; i < 200 && !live(); i++) await new Promise((r) => setTimeout(r, 50));
          const times = [];
          root.addEventListener('widget-rendered', (e) => times.push(e.detail.ms));
          let longest = 0;
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
          });
          observer.observe({ type: 'longtask' });
          const ranges = [...root.querySelectorAll('form[data-controls] input[type=range]')];
          const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          // Largest settings: every slider at its maximum.
          for (const range of ranges) {
            range.value = range.max;
            range.dispatchEvent(new Event('input', { bubbles: true }));
          }
          await frame();
          times.length = 0;
          // Then, as a reader does, move one control at a time by one step and back.
          const perControl = {};
          for (const range of ranges) {
            const start = times.length;
            const step = Number(range.step) || 1;
            for (let r = 0; r < rounds; r++) {
              range.value = String(r % 2 === 0 ? Number(range.max) - step : Number(range.max));
              range.dispatchEvent(new Event('input', { bubbles: true }));
              await frame();
            }
            perControl[range.name] = times.slice(start);
          }
          // And the buttons that change the data (next batch, new batchmates, next token…).
          const buttons = [...root.querySelectorAll('button[data-action]')].filter((b) => !/play|reset|restart|start/i.test(b.dataset.action ?? ''));
          for (const button of buttons) {
            const start = times.length;
            for (let r = 0; r < rounds; r++) {
              button.click();
              await frame();
            }
            perControl[`[${button.dataset.action}]`] = times.slice(start);
          }
          await new Promise((r) => setTimeout(r, 100));
          observer.disconnect();
          return { times, longest, perControl };
        }, { id, rounds: ROUNDS });
        const worst = Math.max(...result.times);
        // The slowest control, by its median: what a reader dragging that control waits for.
        const [slowest, slowestTimes] = Object.entries(result.perControl)
          .filter(([, ts]) => ts.length > 0)
          .sort((a, b) => median(b[1]) - median(a[1]))[0] ?? ['-', [0]];
        rows.push({
          widget: id,
          slowdown: `${slowdown}×`,
          redraws: result.times.length,
          'median ms': median(result.times).toFixed(2),
          'slowest control': `${slowest} ${median(slowestTimes).toFixed(1)} ms`,
          'worst ms': worst.toFixed(2),
          'longest task ms': result.longest.toFixed(0),
        });
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
console.table(rows);
