// Redraw time of every widget in Chromium, at its largest settings (every slider at its maximum).
// Every slider starts at its maximum and is dragged down one step per frame.
// Prints, per widget, normal and with 4× CPU slowdown: the median redraw (state → numbers → figures, in the page's
// JavaScript), the control whose redraws are slowest, the worst redraw, the median whole frame (the redraw plus the
// browser's style, layout and paint), and the longest task.
// Usage: npm run build && npm run bench:widgets   (starts its own preview server)
// Options: --controls (a row per control), --pages=/en/batchnorm/,… (only those), --slowdown=1 (only that rate),
// --viewport=1280x3200 (a window that tall shows every figure at once: nothing is left for idle time).
import { chromium } from '@playwright/test';
import { startPreview } from './preview-server.mjs';
import { chromiumPath, CHROMIUM_ARGS } from '../e2e/chromium.mjs';

const PORT = 4380;
const PAGES = ['/en/normalization/', '/en/batchnorm/', '/en/layernorm/', '/en/why-layernorm/', '/en/lab/'];
const ROUNDS = 10;
/** `--controls`: also a table of every control's redraws. `--pages=/en/batchnorm/,…`: only those pages. */
const SHOW_CONTROLS = process.argv.includes('--controls');
const only = process.argv.find((a) => a.startsWith('--pages='))?.slice('--pages='.length).split(',');
/** `--viewport=1280x3200`: the window's size (default 1280 × 900). */
const [viewWidth, viewHeight] = (process.argv.find((a) => a.startsWith('--viewport='))?.slice('--viewport='.length) ?? '1280x900').split('x').map(Number);
/** `--slowdown=1`: only that CPU slowdown (default: 1 and 4). */
const rates = process.argv.find((a) => a.startsWith('--slowdown='))?.slice('--slowdown='.length).split(',').map(Number) ?? [1, 4];

const { base: BASE, stop } = await startPreview(PORT);

const executablePath = chromiumPath();
const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
const controlRows = [];
const labRows = [];
try {
  for (const slowdown of rates) {
    const page = await browser.newPage({ viewport: { width: viewWidth, height: viewHeight } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    for (const path of only ?? PAGES) {
      await page.goto(BASE + path, { waitUntil: 'networkidle' });
      const ids = await page.locator('[data-widget][id]').evaluateAll((els) => els.map((el) => el.id));
      for (const id of ids) {
        const result = await page.evaluate(async ({ id, rounds }) => {
          const root = document.getElementById(id);
          // Instantly: a smooth scroll would go on firing scroll handlers through the measurement.
          root.scrollIntoView({ behavior: 'instant', block: 'start' });
          root.dispatchEvent(new Event('pointerdown'));
          const live = () => root.dataset.state === 'live';
          for (let i = 0; i < 200 && !live(); i++) await new Promise((r) => setTimeout(r, 50));
          const times = [];
          // The whole frame: from the redraw's start until the browser has laid out and painted it (a message
          // posted at the end of the redraw runs only after the frame's rendering).
          const frames = [];
          const channel = new MessageChannel();
          let started = 0;
          channel.port1.onmessage = () => frames.push(performance.now() - started);
          const slices = [];
          const longestSlices = [];
          let recording = true;
          // Figures off screen are drawn afterwards, in idle time (or when they scroll into view): their cost apart.
          const idle = [];
          root.addEventListener('widget-settled', (e) => {
            if (recording) idle.push(e.detail.idleMs);
          });
          root.addEventListener('widget-rendered', (e) => {
            if (!recording) return;
            times.push(e.detail.ms);
            slices.push(e.detail.slices);
            longestSlices.push(e.detail.longestSliceMs);
            started = performance.now() - e.detail.lastSliceMs;
            channel.port2.postMessage(0);
          });
          // Two frames, then more while the widget is still drawing (a heavy redraw spreads over a few frames).
          const frame = async () => {
            await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
            for (let i = 0; i < 300 && root.hasAttribute('data-drawing'); i++) await new Promise((resolve) => requestAnimationFrame(resolve));
          };
          // Controls sit in several forms (the bar, groups beside their figures, a "more settings" fold).
          const inForms = (selector) => [...root.querySelectorAll('form[data-controls]')].flatMap((form) => [...form.querySelectorAll(selector)]);
          const ranges = inForms('input[type=range]:not(:disabled)');
          // Every control as a reader moves it: a range one step from its maximum and back, a select to its next
          // option, a radio group to its next choice, a checkbox on and off; then the buttons that change the data.
          const moves = [];
          for (const range of ranges) {
            const step = Number(range.step) || 1;
            // A drag: down from the maximum one step at a time, each value new (no cache to find), then back up.
            moves.push([range.name, (r) => {
              const span = Math.max(1, Math.round((Number(range.max) - Number(range.min)) / step));
              const k = Math.min(r + 1, span);
              range.value = String(Number(range.max) - k * step);
              range.dispatchEvent(new Event('input', { bubbles: true }));
            }]);
          }
          for (const select of inForms('select')) {
            moves.push([select.name, () => {
              select.selectedIndex = (select.selectedIndex + 1) % select.options.length;
              select.dispatchEvent(new Event('change', { bubbles: true }));
            }]);
          }
          const groups = new Set(inForms('input[type=radio]').map((r) => r.name));
          for (const name of groups) {
            const radios = inForms(`input[type=radio][name="${CSS.escape(name)}"]`);
            moves.push([name, () => {
              const next = radios[(radios.findIndex((r) => r.checked) + 1) % radios.length];
              next.checked = true;
              next.dispatchEvent(new Event('change', { bubbles: true }));
            }]);
          }
          for (const box of inForms('input[type=checkbox]')) {
            moves.push([box.name, () => {
              box.checked = !box.checked;
              box.dispatchEvent(new Event('change', { bubbles: true }));
            }]);
          }
          for (const button of root.querySelectorAll('button[data-action]')) {
            if (/play|reset|restart|start/i.test(button.dataset.action ?? '')) continue;
            moves.push([`[${button.dataset.action}]`, () => button.click()]);
          }
          // Largest settings: every slider at its maximum; then one untimed pass so that caches and the JIT are warm.
          for (const range of ranges) {
            range.value = range.max;
            range.dispatchEvent(new Event('input', { bubbles: true }));
          }
          await frame();
          // (Sliders warm up near their minimum, away from the values the measurement visits.)
          for (const [name, move] of moves) {
            const range = ranges.find((x) => x.name === name);
            for (let r = 0; r < 4; r++) {
              if (range) {
                range.value = String(Number(range.min) + r * (Number(range.step) || 1));
                range.dispatchEvent(new Event('input', { bubbles: true }));
              } else move(r);
              await frame();
            }
            if (range) {
              range.value = range.max;
              range.dispatchEvent(new Event('input', { bubbles: true }));
              await frame();
            }
          }
          for (const range of ranges) {
            range.value = range.max;
            range.dispatchEvent(new Event('input', { bubbles: true }));
          }
          await frame();
          await new Promise((r) => setTimeout(r, 300));
          times.length = 0;
          frames.length = 0;
          slices.length = 0;
          longestSlices.length = 0;
          idle.length = 0;
          let longest = 0;
          let longestControl = '-';
          let current = '-';
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
              if (entry.duration > longest) {
                longest = entry.duration;
                longestControl = current;
              }
            }
          });
          observer.observe({ type: 'longtask' });
          const perControl = {};
          const perControlFrame = {};
          for (const [name, move] of moves) {
            current = name;
            const start = times.length;
            for (let r = 0; r < rounds; r++) {
              move(r);
              await frame();
            }
            perControl[name] = times.slice(start);
            perControlFrame[name] = Math.max(0, ...longestSlices.slice(start));
            // Back to the largest settings for the next control (not measured).
            const range = ranges.find((x) => x.name === name);
            if (range) {
              recording = false;
              range.value = range.max;
              range.dispatchEvent(new Event('input', { bubbles: true }));
              await frame();
              await frame();
              await new Promise((r) => setTimeout(r, 50));
              recording = true;
            }
          }
          await new Promise((r) => setTimeout(r, 100));
          observer.disconnect();
          return { times, frames, slices, longestSlices, longest, longestControl, perControl, perControlFrame, idle };
        }, { id, rounds: ROUNDS });
        const worst = Math.max(...result.times);
        // The slowest control, by its median: what a reader dragging that control waits for.
        const [slowest, slowestTimes] = Object.entries(result.perControl)
          .filter(([, ts]) => ts.length > 0)
          .sort((a, b) => median(b[1]) - median(a[1]))[0] ?? ['-', [0]];
        if (SHOW_CONTROLS) {
          for (const [name, ts] of Object.entries(result.perControl)) {
            controlRows.push({ widget: id, slowdown: `${slowdown}×`, control: name, 'median ms': median(ts).toFixed(2), 'worst ms': Math.max(...ts).toFixed(2), 'longest frame JS ms': result.perControlFrame[name].toFixed(1) });
          }
        }
        rows.push({
          widget: id,
          slowdown: `${slowdown}×`,
          redraws: result.times.length,
          'median ms': median(result.times).toFixed(2),
          'slowest control': `${slowest} ${median(slowestTimes).toFixed(1)} ms`,
          'worst ms': worst.toFixed(2),
          'frames': Math.max(...result.slices),
          'longest frame JS ms': Math.max(...result.longestSlices).toFixed(1),
          'last frame ms': median(result.frames).toFixed(1),
          'off-screen figures, idle ms': median(result.idle.length > 0 ? result.idle : [0]).toFixed(2),
          'longest task ms': `${result.longest.toFixed(0)}${result.longest > 0 ? ` (${result.longestControl})` : ''}`,
        });
      }
    }
    await page.close();
  }
  // The lab: one run per norm of the default Lab 1 (batch 4, 1,500 steps) trained in Chromium's Web Worker, alone;
  // the worker counts its own training time (not the evaluations), the page the time from Train to the card.
  if (!only || only.includes('/en/lab/')) {
    const page = await browser.newPage({ viewport: { width: viewWidth, height: viewHeight } });
    for (const norm of ['ln', 'rms', 'bn']) {
      const flags = ['ln', 'rms', 'bn', 'bnm', 'none'].map((n) => `lab.${n}=${n === norm ? 1 : 0}`).join('&');
      await page.goto(`${BASE}/en/lab/?${flags}&lab.seed=7`, { waitUntil: 'networkidle' });
      const root = page.locator('#widget-lab');
      await root.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelector('#widget-lab')?.dataset.state === 'live');
      const t0 = Date.now();
      await root.locator('button[data-train]').click();
      await page.waitForFunction(() => document.querySelector('#widget-lab')?.dataset.training === 'done', null, { timeout: 300_000, polling: 500 });
      const wall = (Date.now() - t0) / 1000;
      const trainMs = Number(await root.getAttribute('data-last-train-ms'));
      labRows.push({ norm, 'steps': 1500, 'ms per step (worker)': (trainMs / 1500).toFixed(2), 'training s': (trainMs / 1000).toFixed(1), 'Train → card s': wall.toFixed(1) });
    }
    await page.close();
  }
} finally {
  await browser.close();
  stop();
}
if (SHOW_CONTROLS) console.table(controlRows);
console.table(rows);
if (labRows.length > 0) console.table(labRows);
