// `npm run test:engines`: the built site in Firefox ESR (WebDriver BiDi through puppeteer-core) and WebKitGTK (W3C
// WebDriver through WebKitWebDriver), as Chromium sees it in the Playwright tests: on every page, every widget mounts,
// each of its range inputs moved by real key presses changes a figure and the printed numbers, nothing shows NaN or
// Infinity, nothing logs an error; the lab trains (Train moves a progress bar, Stop ends it); the body text is drawn
// in a family of the page's language; the theme toggle flips and persists; the language switch opens the other
// language's same section. It builds nothing: it serves an existing build (dist/, or E2E_OUT_DIR, or --out-dir).
//
//   node scripts/test-engines.mjs [--engines=firefox,webkit] [--pages=/en/lab/,/zh/] [--out-dir=dist] [--port=4339]
import { ALL_PAGES } from '../e2e/pages.ts';
import { checkPage } from './engines/checks.mjs';
import { FIREFOX_INSTALL, firefoxPath, launchFirefox } from './engines/firefox.mjs';
import { serveBuild } from './engines/server.mjs';
import { hasDisplay, launchWebKit, WEBKIT_INSTALL, webkitDriverPath } from './engines/webkit.mjs';

const VIEWPORT = { width: 1280, height: 900 };

const ENGINES = {
  firefox: { launch: launchFirefox, missing: () => (firefoxPath() ? null : `Firefox is not installed. Install it:\n    ${FIREFOX_INSTALL}`) },
  webkit: {
    launch: launchWebKit,
    missing: () =>
      webkitDriverPath() && hasDisplay() ? null : `WebKitWebDriver${hasDisplay() ? '' : ' or Xvfb'} is not installed. Install them:\n    ${WEBKIT_INSTALL}`,
  },
};

function option(name) {
  const prefix = `--${name}=`;
  return process.argv.slice(2).find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

const unknown = process.argv.slice(2).filter((a) => !/^--(engines|pages|out-dir|port)=/.test(a));
if (unknown.length > 0) {
  console.error(`unknown argument ${unknown.join(' ')}\nusage: node scripts/test-engines.mjs [--engines=firefox,webkit] [--pages=/en/,/zh/lab/] [--out-dir=dist] [--port=4339]`);
  process.exit(2);
}
const engineNames = (option('engines') ?? process.env.ENGINES ?? 'firefox,webkit').split(',').filter(Boolean);
for (const name of engineNames) {
  if (!(name in ENGINES)) {
    console.error(`unknown engine ${name} (known: ${Object.keys(ENGINES).join(', ')})`);
    process.exit(2);
  }
}
const wanted = option('pages')?.split(',').filter(Boolean);
const pages = wanted ? ALL_PAGES.filter((p) => wanted.includes(p.path)) : ALL_PAGES;
if (wanted && pages.length !== wanted.length) {
  console.error(`unknown page in ${wanted.join(',')} (known: ${ALL_PAGES.map((p) => p.path).join(' ')})`);
  process.exit(2);
}
const outDir = option('out-dir') ?? process.env.E2E_OUT_DIR ?? 'dist';
const port = Number(option('port') ?? process.env.ENGINES_PORT ?? 4339);

const cleanups = [];
const cleanUp = async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => {});
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const summaries = [];
let failed = 0;

// A missing engine is a failure with the command that installs it, before anything starts.
const runnable = [];
for (const name of engineNames) {
  const missing = ENGINES[name].missing();
  if (missing) {
    console.error(`✗ ${name}: ${missing}\n  (as root, node scripts/ensure-engines.mjs installs both)`);
    summaries.push(`${name}: not installed`);
    failed++;
  } else runnable.push(name);
}

if (runnable.length === 0) {
  console.error(`\n${summaries.join('\n')}\nno engine to test`);
  process.exit(1);
}

const total = Date.now();
let server;
try {
  server = await serveBuild(outDir, port);
  cleanups.push(server.stop);
  console.log(`serving ${outDir} at ${server.base}${server.reused ? ' (a server already serving this build)' : ''}`);
} catch (error) {
  console.error(`✗ ${error.message}`);
  process.exit(1);
}

for (const name of runnable) {
  const started = Date.now();
  let driver;
  try {
    driver = await ENGINES[name].launch({ viewport: VIEWPORT });
  } catch (error) {
    console.error(`✗ ${name} did not start: ${error.message}`);
    summaries.push(`${name}: did not start`);
    failed++;
    continue;
  }
  cleanups.push(() => driver.close());
  console.log(`\n${name}: ${driver.version}, ${VIEWPORT.width} × ${VIEWPORT.height}\n  errors seen: ${driver.errorCoverage}`);
  let checks = 0;
  let failures = 0;
  let late = 0;
  for (const page of pages) {
    const pageStart = Date.now();
    console.log(`  ${page.path}`);
    const results = await checkPage(driver, server.base, page, (result) => {
      if (result.note) {
        late++;
        console.log(`    · ${result.name}: ${result.detail}`);
        return;
      }
      checks++;
      if (!result.ok) failures++;
      console.log(`    ${result.ok ? '✓' : '✗'} ${result.name}: ${result.detail}`);
    }).catch((error) => {
      checks++;
      failures++;
      console.log(`    ✗ page crashed the run: ${error.message}`);
      return [];
    });
    console.log(`    (${results.length} results, ${seconds(Date.now() - pageStart)})`);
  }
  cleanups.pop();
  await driver.close().catch(() => {});
  const summary = `${name}: ${pages.length} pages, ${checks} checks, ${failures} failed${late ? `, error collector late on ${late} loads` : ''}, ${seconds(Date.now() - started)}`;
  summaries.push(summary);
  failed += failures;
}

await cleanUp();
console.log(`\n${summaries.join('\n')}\ntotal ${seconds(Date.now() - total)}: ${failed === 0 ? 'all passed' : `${failed} failed`}`);
process.exit(failed === 0 ? 0 : 1);
