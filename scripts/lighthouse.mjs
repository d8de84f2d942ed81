// Lighthouse (mobile, its default: simulated slow 4G and 4× CPU slowdown) on every page of the built site.
// Prints each page's four scores, CLS and TBT, and marks any below ARCHITECTURE.md's budget
// (performance ≥ 0.95; accessibility, best practices and SEO = 1). Exits 1 when a budget is missed.
// Usage: npm run build && npm run lighthouse   (starts its own preview server; Chromium from e2e/chromium.mjs)
import { startPreview } from './preview-server.mjs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromiumPath, CHROMIUM_ARGS } from '../e2e/chromium.mjs';

const PORT = 4381;
const ALL = ['zh', 'en'].flatMap((lang) => ['', 'normalization/', 'batchnorm/', 'layernorm/', 'why-layernorm/', 'lab/'].map((p) => `/${lang}/${p}`));
// --pages=/en/lab/,/zh/lab/ audits only those.
const only = process.argv.find((a) => a.startsWith('--pages='))?.slice('--pages='.length).split(',');
const PAGES = only ?? ALL;
const BUDGET = { performance: 0.95, accessibility: 1, 'best-practices': 1, seo: 1 };

const { base: BASE, stop } = await startPreview(PORT);

const chromePath = chromiumPath();
const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', ...CHROMIUM_ARGS] });
const rows = [];
let missed = false;
try {
  for (const path of PAGES) {
    const result = await lighthouse(`${BASE}${path}`, { port: chrome.port, output: 'json', logLevel: 'error' });
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`no Lighthouse result for ${path}`);
    const row = { page: path };
    for (const [id, floor] of Object.entries(BUDGET)) {
      const score = lhr.categories[id]?.score ?? 0;
      if (score < floor) missed = true;
      row[id] = `${score.toFixed(2)}${score < floor ? ' ✗' : ''}`;
    }
    row.CLS = lhr.audits['cumulative-layout-shift']?.displayValue ?? '-';
    row.TBT = lhr.audits['total-blocking-time']?.displayValue ?? '-';
    row.LCP = lhr.audits['largest-contentful-paint']?.displayValue ?? '-';
    row['benchmark index'] = Math.round(lhr.environment.benchmarkIndex);
    rows.push(row);
  }
} finally {
  chrome.kill();
  stop();
}
console.table(rows);
process.exit(missed ? 1 : 0);
