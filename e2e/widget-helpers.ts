// Shared steps for the widget tests.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Waits until the widget's code has loaded (data-state="live") and every figure shows the state: figures off
 * screen are drawn in idle time, and the root carries data-drawing until they are.
 */
export async function waitLive(widget: Locator): Promise<void> {
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-state', 'live');
  await expect(widget).not.toHaveAttribute('data-drawing');
}

/** Sets a range input with the keyboard: focus it, then press Home/End/arrows until it reads `value`. */
export async function setRange(range: Locator, value: number): Promise<void> {
  await range.focus();
  const read = async () => Number(await range.inputValue());
  const min = Number(await range.getAttribute('min'));
  const max = Number(await range.getAttribute('max'));
  if (value <= min) return range.press('Home');
  if (value >= max) return range.press('End');
  let guard = 500;
  while ((await read()) < value && guard-- > 0) await range.press('ArrowRight');
  while ((await read()) > value && guard-- > 0) await range.press('ArrowLeft');
  expect(await read()).toBe(value);
}

/** The widget's query parameters in the current URL (only its namespace). */
export function widgetParams(page: Page, namespace: string): Record<string, string> {
  const params = new URL(page.url()).searchParams;
  return Object.fromEntries([...params].filter(([k]) => k.startsWith(`${namespace}.`)));
}

/** The widget's query parameters once every pending URL write has landed (the runtime coalesces writes). */
export async function flushedParams(page: Page, namespace: string): Promise<Record<string, string>> {
  await page.evaluate(() => dispatchEvent(new Event('widget-state-flush')));
  return widgetParams(page, namespace);
}

/** Clicks the widget's copy-link button: the copied link carries each `key=value` and ends on `#<widget id>`. */
export async function expectCopiedLink(widget: Locator, params: readonly string[]): Promise<void> {
  await widget.page().context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await widget.locator('[data-copy-link]').click();
  const copied = await widget.page().evaluate(() => navigator.clipboard.readText());
  for (const param of params) expect(copied).toContain(param);
  expect(copied).toMatch(new RegExp(`#${await widget.getAttribute('id')}$`));
}

/** Runs axe on the page in both themes; fails on any violation. */
export async function expectNoAxeViolations(page: Page, include?: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => {
      document.documentElement.dataset.theme = t;
    }, theme);
    let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
    if (include) builder = builder.include(include);
    const results = await builder.analyze();
    const summary = results.violations.map((v) => `${theme}: ${v.id} (${v.impact}) ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`).slice(0, 3).join(' | ')}`);
    expect(summary).toEqual([]);
  }
}

/** The smallest text of a figure's visible drawing, in CSS px as drawn on screen (font size × the drawing's scale). */
export async function smallestFigureText(widget: Locator, key: string): Promise<number> {
  return widget.locator(`[data-figure="${key}"] > svg:visible`).evaluate((el) => {
    const scale = el.getBoundingClientRect().width / (el as SVGSVGElement).viewBox.baseVal.width;
    return Math.min(...[...el.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
  });
}

/** The figure's SVG markup inside a widget, for "did it change" checks. */
export async function figureMarkup(widget: Locator, key: string): Promise<string> {
  return widget.locator(`[data-figure="${key}"]`).innerHTML();
}


/**
 * Waits for the redraw that follows an input: the runtime redraws on the next animation frame, and a heavy redraw
 * spreads its figures over a few frames (the widget carries data-drawing meanwhile).
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    await frame();
    await frame();
    for (let i = 0; i < 600 && document.querySelector('[data-widget][data-drawing]'); i++) await frame();
  });
}
