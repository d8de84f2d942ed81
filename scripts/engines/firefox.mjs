// Firefox through WebDriver BiDi (puppeteer-core): the driver interface the checks use (see checks.mjs).
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

export const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
export const FIREFOX_INSTALL = 'sudo apt-get update && sudo apt-get install -y firefox-esr   (or set FIREFOX_PATH)';

/** The Firefox binary: $FIREFOX_PATH, else Debian's firefox-esr or firefox. */
export function firefoxPath() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return FIREFOX_CANDIDATES.find((p) => existsSync(p));
}

/** Starts a headless Firefox with one page at `viewport`; errors are collected from the page's console and pageerror. */
export async function launchFirefox({ viewport }) {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error(`Firefox is not installed. Install it:\n  ${FIREFOX_INSTALL}`);
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
  const page = await browser.newPage();
  await page.setViewport(viewport);
  page.setDefaultTimeout(60_000);
  let errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message ?? error}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  // A request the browser cancels because the page navigated away (a favicon, say) is not an error.
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    if (!/ABORT/i.test(reason)) errors.push(`request failed: ${request.url()} ${reason}`);
  });

  return {
    name: 'firefox',
    version: await browser.version(),
    /** What this engine's error collection sees. */
    errorCoverage: "console errors and uncaught exceptions (the page's and its Web Workers'), failed requests (HTTP ≥ 400), from navigation on",
    async open(url) {
      await page.goto(url, { waitUntil: 'load' });
      return { collectorInTime: true };
    },
    async reload() {
      // Marks the old document: the reload is done when a loaded document without the mark answers.
      await page.evaluate(() => {
        window.__enginesOldDocument = true;
      });
      await page.reload({ waitUntil: 'load' });
      await page.waitForFunction(() => !window.__enginesOldDocument && document.readyState === 'complete', { polling: 50 });
    },
    /** Runs a self-contained function in the page; its (awaited) JSON result. */
    evaluate(fn, ...args) {
      return page.evaluate(fn, ...args);
    },
    /** A real key press (BiDi input actions) on whatever has focus; key names as in the W3C spec (ArrowRight, End…). */
    async press(key) {
      await page.keyboard.press(key);
    },
    /** A real click (BiDi input actions) in the middle of the first element matching `selector`. */
    async click(selector) {
      await page.click(selector);
    },
    /** Clicks a link and waits for the page it opens. */
    async clickAndWaitForLoad(selector) {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
      return { collectorInTime: true };
    },
    url: () => page.url(),
    /** The viewport as a PNG (base64). */
    screenshot: () => page.screenshot({ encoding: 'base64' }),
    takeErrors() {
      const taken = errors;
      errors = [];
      return taken;
    },
    async close() {
      await browser.close();
    },
  };
}
