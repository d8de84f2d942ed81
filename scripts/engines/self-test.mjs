// Shows that each check of `npm run test:engines` can fail: every case breaks one thing in the page right after it
// loads (the way an engine bug would show) and expects a named check to fail; a break that no check catches fails
// this script. It serves an existing build like test-engines.mjs.
//
//   node scripts/engines/self-test.mjs [--engines=firefox,webkit] [--out-dir=dist] [--port=4339]
process.env.ENGINES_LIVE_TIMEOUT_MS ??= '4000'; // a widget that never settles fails sooner
process.env.ENGINES_TRAIN_TIMEOUT_MS ??= '8000';

const { checkPage } = await import('./checks.mjs');
const { launchFirefox } = await import('./firefox.mjs');
const { launchWebKit } = await import('./webkit.mjs');
const { serveBuild } = await import('./server.mjs');

const option = (name) => process.argv.slice(2).find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const LAUNCH = { firefox: launchFirefox, webkit: launchWebKit };
const engines = (option('engines') ?? 'firefox,webkit').split(',');
const outDir = option('out-dir') ?? process.env.E2E_OUT_DIR ?? 'dist';
const port = Number(option('port') ?? process.env.ENGINES_PORT ?? 4339);

/** Each case: a page, what breaks in it (a self-contained function run after each load), the check that must fail. */
const CASES = [
  {
    name: 'an uncaught exception',
    path: '/en/',
    breakPage: () => setTimeout(() => {
      throw new Error('engines self-test');
    }, 0),
    fails: /: no errors$/,
  },
  {
    name: 'a console.error',
    path: '/en/',
    breakPage: () => console.error('engines self-test'),
    fails: /: no errors$/,
  },
  {
    name: 'a missing image',
    path: '/en/',
    breakPage: () => document.body.append(Object.assign(document.createElement('img'), { src: '/engines-self-test-missing.png', alt: '' })),
    fails: /: no errors$/,
  },
  {
    name: 'NaN printed in a widget',
    path: '/en/normalization/',
    breakPage: () => document.querySelector('[data-widget]')?.append(Object.assign(document.createElement('span'), { textContent: 'NaN' })),
    fails: /shows no NaN/,
  },
  {
    name: 'keyboard input that redraws nothing',
    path: '/en/normalization/',
    breakPage: () => {
      for (const type of ['input', 'change']) document.addEventListener(type, (event) => event.stopImmediatePropagation(), true);
    },
    fails: /range \S+ by keyboard$/,
  },
  {
    name: 'an idle callback that never comes (figures off screen never drawn)',
    path: '/en/batchnorm/',
    breakPage: () => {
      window.requestIdleCallback = () => 0;
    },
    fails: /mounts$/,
  },
  {
    name: 'a theme choice that is not stored',
    path: '/en/',
    breakPage: () => {
      Storage.prototype.setItem = () => {
        throw new Error('blocked');
      };
    },
    fails: /^theme toggle$/,
  },
  {
    name: 'a language switch to the wrong page',
    path: '/en/layernorm/',
    // A copy of the link without the page's listeners (which rewrite its href), leading to the overview.
    breakPage: () => {
      const link = document.querySelector('[data-lang-switch]');
      const wrong = link.cloneNode(true);
      wrong.setAttribute('href', '/zh/');
      link.replaceWith(wrong);
    },
    fails: /^language switch$/,
  },
  {
    name: 'body text falling through system-ui to a CJK font (WebKitGTK only: Firefox resolves system-ui)',
    path: '/en/',
    breakPage: () => document.documentElement.style.setProperty('--font-latin', 'system-ui'),
    fails: /^body font$/,
    only: 'webkit',
  },
  {
    name: 'the lab without Web Workers',
    path: '/en/lab/',
    breakPage: () => {
      window.Worker = function Worker() {
        throw new Error('no workers');
      };
    },
    fails: /Train starts a run$/,
  },
];

const server = await serveBuild(outDir, port);
let missed = 0;
for (const engine of engines) {
  const driver = await LAUNCH[engine]({ viewport: { width: 1280, height: 900 } });
  console.log(`\n${engine}: ${driver.version}`);
  // The break is applied after every load the checks make (open, reload, a followed link).
  let breakPage = null;
  const afterLoad = (load) => async (...args) => {
    const result = await load(...args);
    if (breakPage) await driver.evaluate(breakPage);
    return result;
  };
  driver.open = afterLoad(driver.open);
  driver.reload = afterLoad(driver.reload);
  for (const c of CASES) {
    breakPage = c.breakPage;
    const failures = (await checkPage(driver, server.base, { path: c.path, lang: c.path.slice(1, 3) }, () => {})).filter((r) => !r.ok);
    const caught = failures.filter((r) => c.fails.test(r.name));
    const expected = !c.only || c.only === engine;
    const ok = expected ? caught.length > 0 : caught.length === 0;
    if (!ok) missed++;
    const what = caught.length > 0 ? `caught by "${caught[0].name}": ${caught[0].detail.slice(0, 160)}` : `no check matching ${c.fails} failed`;
    console.log(`  ${ok ? '✓' : '✗'} ${c.name}: ${what}`);
  }
  await driver.close();
}
server.stop();
console.log(missed === 0 ? '\nevery break was caught' : `\n${missed} breaks went unnoticed`);
process.exit(missed === 0 ? 0 : 1);
