// What `npm run test:engines` checks on one page, in any engine, through the small driver interface of firefox.mjs
// and webkit.mjs: open, reload, evaluate (a self-contained function run in the page), press (a real key event),
// click (a real click), clickAndWaitForLoad, url, takeErrors. Each check returns { name, ok, detail }.

/** How long a widget may take to load its code and draw every figure (the self-test shortens it). */
const LIVE_TIMEOUT_MS = Number(process.env.ENGINES_LIVE_TIMEOUT_MS ?? 30_000);
/** How long the lab may take from Train to its first progress. */
const TRAIN_TIMEOUT_MS = Number(process.env.ENGINES_TRAIN_TIMEOUT_MS ?? 60_000);

// ---- functions run in the page (self-contained: they are sent as source text) ----

/** Which family of the body text's stack the engine draws with: the first it resolves (a family drawn the same with a
 * monospace and with a serif fallback is installed). English pages must land on a Latin family, Chinese on a CJK one
 * (an English page drawn in a CJK font sets ’ “ · full width: WebKitGTK, which does not resolve system-ui, did). */
function inPageFontCheck(lang) {
  const names = (value) => value.split(',').map((s) => s.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean);
  const rootStyle = getComputedStyle(document.documentElement);
  const expected = names(rootStyle.getPropertyValue(lang === 'zh' ? '--font-cjk' : '--font-latin'));
  const paragraph = document.querySelector('.article p') ?? document.body;
  const stack = names(getComputedStyle(paragraph).fontFamily);
  const GENERIC = /^(serif|sans-serif|monospace|cursive|fantasy|system-ui|ui-sans-serif|ui-serif|ui-monospace|ui-rounded)$/;
  const span = document.createElement('span');
  span.textContent = 'mmmmmmmmmmlli WQ@ 0123 “quoted” it’s · 规范化';
  span.style.cssText = 'position:absolute;left:-9999px;top:0;white-space:nowrap;font-size:40px;visibility:hidden';
  document.body.append(span);
  const widthWith = (family, fallback) => {
    span.style.fontFamily = '';
    span.style.fontFamily = `${GENERIC.test(family) ? family : JSON.stringify(family)}, ${fallback}`;
    if (!span.style.fontFamily) return NaN; // the engine refused the value
    return span.getBoundingClientRect().width;
  };
  const resolves = (family) => {
    const a = widthWith(family, 'monospace');
    return Number.isFinite(a) && a === widthWith(family, 'serif');
  };
  const first = stack.find(resolves) ?? null;
  const unresolved = stack.slice(0, first === null ? stack.length : stack.indexOf(first));
  span.remove();
  return { first, ok: first !== null && expected.includes(first), unresolved, expectedGroup: lang === 'zh' ? '--font-cjk' : '--font-latin' };
}

/** The page's widgets: id and name. */
function inPageWidgets() {
  return [...document.querySelectorAll('[data-widget]')].map((el) => ({ id: el.id, name: el.getAttribute('data-widget') }));
}

/** Scrolls the widget to the top and waits until it is live with every figure drawn (or failed to load). */
async function inPageWaitLive(id, timeoutMs) {
  const root = document.getElementById(id);
  if (!root) return { state: 'missing', ms: 0 };
  root.scrollIntoView({ block: 'start', behavior: 'instant' });
  const start = performance.now();
  for (;;) {
    const ms = Math.round(performance.now() - start);
    const state = root.getAttribute('data-state') ?? 'not started';
    if (state === 'error') return { state, ms };
    if (state === 'live' && !root.hasAttribute('data-drawing')) return { state, ms };
    if (ms > timeoutMs) return { state: `${state}${root.hasAttribute('data-drawing') ? ', still drawing' : ''}`, ms };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** NaN or Infinity anywhere in the widget's text or attributes (figures included), with some context. */
function inPageBadNumbers(id) {
  const root = document.getElementById(id);
  const found = [];
  const look = (where, text) => {
    const match = /NaN|Infinity/.exec(text);
    if (match) found.push(`${where}: …${text.slice(Math.max(0, match.index - 40), match.index + 20)}…`);
  };
  look('text', root.textContent ?? '');
  for (const el of root.querySelectorAll('*')) for (const attr of el.attributes) look(`${el.tagName.toLowerCase()}[${attr.name}]`, attr.value);
  return found.slice(0, 3);
}

/** The widget's range inputs, in order. */
function inPageRanges(id) {
  const root = document.getElementById(id);
  return [...root.querySelectorAll('form[data-controls] input[type="range"]')].map((r) => ({ name: r.name, disabled: r.disabled, value: r.value, max: r.max }));
}

/** Opens the folds around range `index`, puts it mid-screen and focuses it; true when it has focus. */
function inPageFocusRange(id, index) {
  const range = document.getElementById(id).querySelectorAll('form[data-controls] input[type="range"]')[index];
  for (let d = range.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
  const box = range.getBoundingClientRect();
  window.scrollBy({ top: box.top + box.height / 2 - innerHeight / 2, behavior: 'instant' });
  range.focus();
  return document.activeElement === range;
}

/**
 * Waits for the redraw that follows an input: two animation frames (the runtime redraws in the first one, whose
 * callback was requested before ours), then until no widget is drawing; at most `timeoutMs` in all.
 */
async function inPageSettled(timeoutMs = 30_000) {
  const start = performance.now();
  const frame = () => new Promise((resolve) => {
    requestAnimationFrame(() => resolve(true));
    setTimeout(() => resolve(false), Math.max(0, timeoutMs - (performance.now() - start)));
  });
  const framed = (await frame()) && (await frame());
  while (framed && document.querySelector('[data-widget][data-drawing]') && performance.now() - start < timeoutMs) await frame();
  const drawing = framed ? (document.querySelector('[data-widget][data-drawing]')?.id ?? null) : 'no animation frame';
  return { ms: Math.round(performance.now() - start), drawing };
}

/** What a reader sees of the widget: its figures' markup, its printed readouts, each output, and range `index`. */
function inPageSnapshot(id, index) {
  const root = document.getElementById(id);
  const range = root.querySelectorAll('form[data-controls] input[type="range"]')[index];
  return {
    value: range?.value ?? null,
    focused: document.activeElement === range,
    figures: Object.fromEntries([...root.querySelectorAll('[data-figure]')].map((f) => [f.getAttribute('data-figure'), f.innerHTML])),
    readouts: [...root.querySelectorAll('[data-text]')].map((el) => `${el.getAttribute('data-text')}=${el.textContent}`),
    outputs: [...root.querySelectorAll('output')].map((o) => `${o.getAttribute('data-output') ?? o.getAttribute('name') ?? ''}=${o.textContent}`),
  };
}

function inPageTheme() {
  const button = document.querySelector('[data-theme-toggle]');
  return { theme: document.documentElement.dataset.theme ?? null, pressed: button?.getAttribute('aria-pressed') ?? null };
}

function inPageForgetTheme() {
  try {
    localStorage.removeItem('theme');
  } catch {
    // nothing stored
  }
}

function inPageLocation() {
  return { path: location.pathname, lang: document.documentElement.lang };
}

/**
 * Waits until every widget that started loading is live or failed: the switch carries the widget state, which
 * starts the widgets at once (leaving before they load would abort their code mid-way).
 */
async function inPageWidgetsStarted(timeoutMs) {
  const start = performance.now();
  const states = () => [...document.querySelectorAll('[data-widget][data-state]')].map((w) => w.getAttribute('data-state'));
  while (states().includes('loading') && performance.now() - start < timeoutMs) await new Promise((resolve) => setTimeout(resolve, 50));
  return states();
}

/** The lab's training state: its progress bars, the Stop button, the root's data-training. */
function inPageLabState(id) {
  const root = document.getElementById(id);
  return {
    progress: [...root.querySelectorAll('[data-runs] progress')].map((p) => p.value),
    training: root.getAttribute('data-training'),
    trainUnavailable: root.querySelector('button[data-train]')?.getAttribute('aria-disabled') === 'true',
    stopUnavailable: root.querySelector('button[data-stop]')?.getAttribute('aria-disabled') === 'true',
  };
}

/** Waits (in the page) until a lab run's progress bar moved past 0. */
async function inPageWaitProgress(id, timeoutMs) {
  const root = document.getElementById(id);
  const start = performance.now();
  for (;;) {
    const values = [...root.querySelectorAll('[data-runs] progress')].map((p) => p.value);
    const ms = Math.round(performance.now() - start);
    if (values.some((v) => v > 0) || ms > timeoutMs) return { values, ms };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// ---- the checks ----

const changedKeys = (before, after) => Object.keys(after).filter((k) => after[k] !== before[k]);
const changedLines = (before, after) => after.filter((line, i) => line !== before[i]).length;

/** Moves range `index` with `key` and reports what changed; fails unless a figure, its printed value and a printed result change. */
async function moveRange(driver, id, index, name, key) {
  const focused = await driver.evaluate(inPageFocusRange, id, index);
  await driver.evaluate(inPageSettled);
  const before = await driver.evaluate(inPageSnapshot, id, index);
  await driver.press(key);
  const settled = await driver.evaluate(inPageSettled);
  const after = await driver.evaluate(inPageSnapshot, id, index);
  const figures = changedKeys(before.figures, after.figures);
  const outputs = changedLines(before.outputs, after.outputs);
  const readouts = changedLines(before.readouts, after.readouts);
  const problems = [];
  if (!focused) problems.push('could not take focus');
  if (settled.drawing) problems.push(`${settled.drawing} still drawing after ${settled.ms} ms`);
  if (after.value === before.value) problems.push(`${key} left its value at ${before.value}`);
  if (figures.length === 0) problems.push('no figure changed');
  // Its own <output> shows the new value, and a printed result of the widget (a [data-text] readout) changes.
  if (outputs === 0) problems.push('its value, printed beside it, did not change');
  if (readouts === 0) problems.push('no printed result changed');
  const detail = `${name} ${key} ${before.value}→${after.value} (redrawn in ${settled.ms} ms): figures ${figures.join(', ') || 'none'}; outputs ${outputs}, readouts ${readouts} changed`;
  return { ok: problems.length === 0, detail: problems.length ? `${detail} — ${problems.join('; ')}` : detail, after };
}

/** Every check of one widget; pushes results to `results`. */
async function checkWidget(driver, widget, results) {
  const label = `widget ${widget.name}#${widget.id}`;
  const live = await driver.evaluate(inPageWaitLive, widget.id, LIVE_TIMEOUT_MS);
  results.push({ name: `${label} mounts`, ok: live.state === 'live', detail: `${live.state} after ${live.ms} ms` });
  if (live.state !== 'live') return;
  const bad = await driver.evaluate(inPageBadNumbers, widget.id);
  results.push({ name: `${label} shows no NaN/Infinity`, ok: bad.length === 0, detail: bad.join(' | ') || 'none at load' });

  const ranges = await driver.evaluate(inPageRanges, widget.id);
  const usable = ranges.map((r, index) => ({ ...r, index })).filter((r) => !r.disabled);
  if (usable.length === 0) results.push({ name: `${label} has a range to move`, ok: false, detail: `${ranges.length} ranges, all disabled` });
  for (const [n, range] of usable.entries()) {
    const key = Number(range.value) < Number(range.max) ? 'ArrowRight' : 'ArrowLeft';
    const moved = await moveRange(driver, widget.id, range.index, range.name, key);
    results.push({ name: `${label} range ${range.name} by keyboard`, ok: moved.ok, detail: moved.detail });
    // The first range also jumps to its end with End (a larger change: the largest settings must draw too).
    if (n === 0 && Number(moved.after.value) < Number(range.max)) {
      const jumped = await moveRange(driver, widget.id, range.index, range.name, 'End');
      const atEnd = jumped.after.value === range.max;
      results.push({ name: `${label} range ${range.name} End`, ok: jumped.ok && atEnd, detail: `${jumped.detail}${atEnd ? '' : ` — not at max ${range.max}`}` });
    }
  }
  const badAfter = await driver.evaluate(inPageBadNumbers, widget.id);
  results.push({ name: `${label} shows no NaN/Infinity after the changes`, ok: badAfter.length === 0, detail: badAfter.join(' | ') || 'none' });
  if (widget.name === 'lab') await checkLabTraining(driver, widget.id, label, results);
}

/** The lab: Train starts a run whose progress moves; Stop ends it (not trained to completion). */
async function checkLabTraining(driver, id, label, results) {
  const before = await driver.evaluate(inPageLabState, id);
  if (before.trainUnavailable) {
    results.push({ name: `${label} Train`, ok: false, detail: 'Train is unavailable' });
    return;
  }
  await driver.click(`#${id} button[data-train]`);
  const progress = await driver.evaluate(inPageWaitProgress, id, TRAIN_TIMEOUT_MS);
  const moved = progress.values.some((v) => v > 0);
  results.push({
    name: `${label} Train starts a run`,
    ok: moved,
    detail: `${progress.values.length} runs, progress ${progress.values.map((v) => v.toFixed(3)).join(', ') || 'none'} after ${progress.ms} ms`,
  });
  if (!moved) return;
  await driver.click(`#${id} button[data-stop]`);
  await driver.evaluate(inPageSettled);
  const stopped = await driver.evaluate(inPageLabState, id);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const later = await driver.evaluate(inPageLabState, id);
  const still = JSON.stringify(later.progress) === JSON.stringify(stopped.progress);
  const ok = stopped.training === 'done' && stopped.stopUnavailable && !stopped.trainUnavailable && still;
  results.push({
    name: `${label} Stop ends it`,
    ok,
    detail: `data-training=${stopped.training}, Stop ${stopped.stopUnavailable ? 'off' : 'still on'}, Train ${stopped.trainUnavailable ? 'off' : 'on'}, progress ${still ? 'frozen' : 'still moving'} at ${later.progress.map((v) => v.toFixed(3)).join(', ')}`,
  });
}

/** The theme toggle flips html[data-theme] and aria-pressed, and the choice survives a reload. */
async function checkTheme(driver, results) {
  const before = await driver.evaluate(inPageTheme);
  await driver.click('[data-theme-toggle]');
  const after = await driver.evaluate(inPageTheme);
  await driver.reload();
  await driver.evaluate(inPageWidgetsStarted, LIVE_TIMEOUT_MS); // the URL's widget state starts them: let them load
  const reloaded = await driver.evaluate(inPageTheme);
  await driver.click('[data-theme-toggle]');
  const back = await driver.evaluate(inPageTheme);
  await driver.evaluate(inPageForgetTheme);
  const ok =
    before.theme !== after.theme &&
    after.pressed === String(after.theme === 'dark') &&
    reloaded.theme === after.theme &&
    reloaded.pressed === after.pressed &&
    back.theme === before.theme;
  results.push({ name: 'theme toggle', ok, detail: `${before.theme} → click → ${after.theme} (aria-pressed ${after.pressed}) → reload → ${reloaded.theme} (aria-pressed ${reloaded.pressed}) → click → ${back.theme}` });
}

/** The language switch opens the same section in the other language. */
async function checkLanguageSwitch(driver, page, results) {
  const otherLang = page.lang === 'zh' ? 'en' : 'zh';
  const expected = page.path.replace(`/${page.lang}/`, `/${otherLang}/`);
  await driver.clickAndWaitForLoad('[data-lang-switch]');
  const at = await driver.evaluate(inPageLocation);
  const widgets = await driver.evaluate(inPageWidgetsStarted, LIVE_TIMEOUT_MS);
  const alive = widgets.filter((state) => state === 'live').length;
  results.push({
    name: 'language switch',
    ok: at.path === expected && at.lang.startsWith(otherLang) && alive === widgets.length,
    detail: `→ ${at.path} (html lang ${at.lang}; expected ${expected}); widgets started there: ${alive} of ${widgets.length} live`,
  });
}

/** Runs a step; an exception in it is a failed check, and errors the page reported meanwhile are one too. */
async function step(driver, name, results, run) {
  const start = results.length;
  try {
    await run();
  } catch (error) {
    results.push({ name, ok: false, detail: `threw: ${String(error?.message ?? error).split('\n')[0]}` });
  }
  const errors = await driver.takeErrors();
  if (errors.length > 0) results.push({ name: `${name}: no errors`, ok: false, detail: errors.slice(0, 5).join(' | ') });
  return results.slice(start);
}

/**
 * Every check of one page: fonts, each widget, the theme toggle, the language switch. `report(result)` is called as
 * each result comes in.
 */
export async function checkPage(driver, base, page, report) {
  const results = [];
  const emit = (from) => results.slice(from).forEach(report);
  let from = 0;
  let opened = { collectorInTime: true };
  await step(driver, 'page loads', results, async () => {
    opened = await driver.open(`${base}${page.path}`);
    if (!opened.collectorInTime) results.push({ name: 'error collector installed before the page scripts', ok: true, detail: 'late: the page had parsed already (errors before it are not seen)', note: true });
    const font = await driver.evaluate(inPageFontCheck, page.lang);
    results.push({
      name: 'body font',
      ok: font.ok,
      detail: `drawn in ${font.first ?? 'the browser default'}${font.ok ? ` (from ${font.expectedGroup})` : `, not a family of ${font.expectedGroup}`}; unresolved before it: ${font.unresolved.join(', ') || 'none'}`,
    });
  });
  emit(from);
  from = results.length;
  const widgets = await driver.evaluate(inPageWidgets).catch(() => []);
  for (const widget of widgets) {
    await step(driver, `widget ${widget.name}#${widget.id}`, results, () => checkWidget(driver, widget, results));
    emit(from);
    from = results.length;
  }
  await step(driver, 'theme toggle', results, () => checkTheme(driver, results));
  await step(driver, 'language switch', results, () => checkLanguageSwitch(driver, page, results));
  emit(from);
  return results;
}
