// WebKitGTK through W3C WebDriver (Debian's WebKitWebDriver, which drives MiniBrowser): a small client over fetch
// and the driver interface the checks use (see checks.mjs). WebKitGTK needs a display: without $DISPLAY an Xvfb of
// our own is started.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export const WEBKIT_INSTALL = 'sudo apt-get update && sudo apt-get install -y webkit2gtk-driver xvfb';
const DRIVER_CANDIDATES = ['/usr/bin/WebKitWebDriver', '/usr/local/bin/WebKitWebDriver'];
const XVFB = '/usr/bin/Xvfb';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
/** W3C WebDriver key codes of the keys the checks press. */
const KEYS = { ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015', End: '\uE010', Home: '\uE011', Enter: '\uE007', Space: '\uE00D' };

/** WebKitWebDriver's path: $WEBKIT_DRIVER_PATH, else Debian's. */
export function webkitDriverPath() {
  const fromEnv = process.env.WEBKIT_DRIVER_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return DRIVER_CANDIDATES.find((p) => existsSync(p));
}

/** Whether WebKitGTK can get a display: one is set, or Xvfb can make one. */
export function hasDisplay() {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || existsSync(XVFB);
}

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts Xvfb on a display it picks itself (-displayfd); resolves to { display, stop }. */
async function startXvfb() {
  const xvfb = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1400x1000x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const display = await new Promise((resolveDisplay, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not start within 10 s')), 10_000);
    xvfb.stdio[3].on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolveDisplay(`:${text.trim()}`);
      }
    });
    xvfb.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code})`));
    });
  });
  return { display, stop: () => xvfb.kill() };
}

/** A W3C WebDriver command; its `value`, or an error with the driver's message. */
async function command(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.error ?? response.status}: ${json.value?.message ?? ''}`);
  return json.value;
}

// Installed in each page as early as the driver allows: errors, rejections and console.error from then on.
const COLLECTOR = `
  if (!window.__enginesErrors) {
    const errors = (window.__enginesErrors = []);
    const push = (text) => errors.push(String(text).slice(0, 400));
    addEventListener('error', (event) => {
      if (event instanceof ErrorEvent) push('uncaught: ' + event.message + ' at ' + event.filename + ':' + event.lineno);
      else if (event.target && event.target !== window) push('failed to load ' + (event.target.src || event.target.href || event.target.tagName));
    }, true);
    addEventListener('unhandledrejection', (event) => push('unhandled rejection: ' + ((event.reason && event.reason.message) || event.reason)));
    const original = console.error;
    console.error = function (...args) {
      push('console.error: ' + args.map((a) => (a && a.message) || String(a)).join(' '));
      return original.apply(this, args);
    };
  }
  return document.readyState;
`;

/** Starts WebKitWebDriver (and Xvfb when needed) and one MiniBrowser session at `viewport`. */
export async function launchWebKit({ viewport }) {
  const driverPath = webkitDriverPath();
  if (!driverPath) throw new Error(`WebKitWebDriver is not installed. Install it:\n  ${WEBKIT_INSTALL}`);
  if (!hasDisplay()) throw new Error(`WebKitGTK needs a display and Xvfb is not installed. Install it:\n  ${WEBKIT_INSTALL}`);
  const stops = [];
  const env = { ...process.env };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) {
    const xvfb = await startXvfb();
    stops.push(xvfb.stop);
    env.DISPLAY = xvfb.display;
  }
  const port = await freePort();
  const driver = spawn(driverPath, [`--port=${port}`], { stdio: 'ignore', env });
  stops.push(() => driver.kill());
  const stopAll = () => stops.reverse().forEach((stop) => stop());
  const base = `http://127.0.0.1:${port}`;
  let session;
  try {
    for (let i = 0; ; i++) {
      try {
        await command(base, 'GET', '/status');
        break;
      } catch (error) {
        if (i > 50 || driver.exitCode !== null) throw new Error(`WebKitWebDriver did not start: ${error.message}`);
        await sleep(200);
      }
    }
    // pageLoadStrategy "none": navigation returns at once, so the error collector can go in while the page still
    // parses (before its module scripts run); the checks wait for the load themselves.
    session = await command(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { pageLoadStrategy: 'none', 'webkitgtk:browserOptions': { args: ['--automation'] } } },
    });
  } catch (error) {
    stopAll();
    throw error;
  }
  const s = `/session/${session.sessionId}`;
  const wd = (method, path, body) => command(base, method, `${s}${path}`, body);
  await wd('POST', '/timeouts', { script: 120_000, implicit: 0 });
  // The window is larger than the viewport by its frame: size it so that the viewport is what was asked for.
  await wd('POST', '/window/rect', { width: viewport.width, height: viewport.height });
  const inner = await wd('POST', '/execute/sync', { script: 'return [innerWidth, innerHeight]', args: [] });
  await wd('POST', '/window/rect', { width: 2 * viewport.width - inner[0], height: 2 * viewport.height - inner[1] });

  let errors = [];
  /** Moves the page's collected errors here (the page's list is lost when it navigates). */
  const drain = async () => {
    try {
      const found = await wd('POST', '/execute/sync', { script: 'const e = window.__enginesErrors || []; return e.splice(0, e.length);', args: [] });
      errors.push(...found);
    } catch {
      // the page is navigating: nothing to drain
    }
  };
  /** After a navigation began: waits for the new document, installs the collector, waits for load. */
  const settleNavigation = async () => {
    let collectorInTime = false;
    const deadline = Date.now() + 60_000;
    // One round trip per probe: the old document (marked, or about:blank) answers null until the new one is there.
    const probe = `if (location.href === 'about:blank' || window.__enginesErrors) return null;${COLLECTOR}`;
    for (;;) {
      if (Date.now() > deadline) throw new Error('the page did not load within 60 s');
      const state = await wd('POST', '/execute/sync', { script: probe, args: [] }).catch(() => null);
      if (state !== null) {
        collectorInTime = state === 'loading';
        break;
      }
    }
    for (;;) {
      if (Date.now() > deadline) throw new Error('the page did not load within 60 s');
      if ((await wd('POST', '/execute/sync', { script: 'return document.readyState', args: [] })) === 'complete') break;
      await sleep(50);
    }
    return { collectorInTime };
  };
  const find = async (selector) => {
    const found = await wd('POST', '/element', { using: 'css selector', value: selector });
    return found[ELEMENT];
  };

  return {
    name: 'webkit',
    version: `WebKitGTK ${session.capabilities.browserVersion}`,
    errorCoverage:
      'uncaught errors, unhandled rejections, failed resource loads and console.error, seen by a listener injected ' +
      'while the page still parses, before its module scripts run (a "·" line marks a load where it came later); ' +
      'not what a Web Worker logs',
    async open(url) {
      await drain();
      await wd('POST', '/url', { url });
      return settleNavigation();
    },
    async reload() {
      await drain();
      await wd('POST', '/refresh', {});
      return settleNavigation();
    },
    async evaluate(fn, ...args) {
      return wd('POST', '/execute/sync', { script: `return (${fn.toString()}).apply(null, arguments);`, args });
    },
    async press(key) {
      const value = KEYS[key];
      if (!value) throw new Error(`no WebDriver code for key ${key}`);
      await wd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] }] });
      await wd('DELETE', '/actions');
    },
    async click(selector) {
      await wd('POST', `/element/${await find(selector)}/click`, {});
    },
    async clickAndWaitForLoad(selector) {
      await drain();
      await wd('POST', `/element/${await find(selector)}/click`, {});
      return settleNavigation();
    },
    url: () => wd('GET', '/url'),
    /** The viewport as a PNG (base64). */
    screenshot: () => wd('GET', '/screenshot'),
    async takeErrors() {
      await drain();
      const taken = errors;
      errors = [];
      return taken;
    },
    async close() {
      try {
        await wd('DELETE', '');
      } finally {
        stopAll();
      }
    },
  };
}
