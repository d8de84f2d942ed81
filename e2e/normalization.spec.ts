// The min-max vs z-score widget on the built site: no-JS figures, the first screen (the outlier's comparison), every
// control, the skewness claim, the outlier, URL round trip in both languages, hostile queries, keyboard, axe.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectCopiedLink, expectNoAxeViolations, figureMarkup, setRange, settled, waitLive, widgetParams } from './widget-helpers';

const PATH = { en: '/en/normalization/', zh: '/zh/normalization/' } as const;
const FIGURES = ['raw', 'minmax', 'z'] as const;
const STATS = ['Min', 'Max', 'Mean', 'Std', 'Skew'] as const;

const widgetOf = (page: Page) => page.locator('#widget-normalization');
const text = (widget: Locator, key: string) => widget.locator(`[data-text="${key}"]`).first().innerText();
const range = (widget: Locator, name: string) => widget.locator(`input[type="range"][name="${name}"]`);

/** Moves a slider straight to `value` (as a drag does: one input event); setRange walks there key by key. */
async function slide(slider: Locator, value: number): Promise<void> {
  await slider.evaluate((el, v) => {
    const input = el as HTMLInputElement;
    input.value = String(v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
  await expect(slider).toHaveValue(String(value));
}

async function open(page: Page, query = '', lang: keyof typeof PATH = 'en'): Promise<Locator> {
  await page.goto(`${PATH[lang]}${query}`);
  const widget = widgetOf(page);
  await waitLive(widget);
  return widget;
}

/** Runs `act` and checks that the figure and the printed `key` both changed. */
async function expectChange(widget: Locator, figure: (typeof FIGURES)[number], key: string, act: () => Promise<void>): Promise<void> {
  await settled(widget.page()); // the previous step's redraw has landed
  const svg = await figureMarkup(widget, figure);
  const before = await text(widget, key);
  await act();
  await expect.poll(() => figureMarkup(widget, figure)).not.toBe(svg);
  await expect.poll(() => text(widget, key)).not.toBe(before);
}

const allStats = (widget: Locator) => Promise.all(FIGURES.flatMap((f) => STATS.map((s) => text(widget, `${f}${s}`))));

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const lang of ['en', 'zh'] as const) {
    test(`shows the three default histograms, the outlier's comparison, their numbers and the code (${lang})`, async ({ page }) => {
      await page.goto(PATH[lang]);
      const widget = widgetOf(page);
      await expect(widget).toHaveAttribute('data-widget', 'normalization');
      for (const key of FIGURES) {
        // Drawn for a phone and for a desktop; the box shows the one that fits its width.
        for (const at of ['phone', 'desktop']) {
          const svg = widget.locator(`[data-figure="${key}"] > svg[data-drawn-for="${at}"]`);
          await expect(svg).toHaveAttribute('role', 'img');
          await expect(svg).toHaveAttribute('aria-label', /.{40}/);
          await expect(svg.locator('.histogram-rug')).toHaveCount(1);
        }
        await expect(widget.locator(`[data-figure="${key}"] > svg:visible`)).toHaveCount(1);
      }
      await expect(widget.locator('[data-text="minmaxMin"]')).toHaveText('0');
      await expect(widget.locator('[data-text="minmaxMax"]')).toHaveText('1');
      await expect(widget.locator('[data-text="zMean"]')).toHaveText('0');
      await expect(widget.locator('[data-text="zStd"]')).toHaveText('1');
      await expect(widget.locator('[data-text="rawMean"]')).toHaveText(/^\d\d\.\d+$/);
      await expect(widget.locator('[data-code]')).toContainText('return (v - v.mean()) / v.std(dim=0, correction=0)');
      await expect(widget.locator('select[name="dist"]')).toHaveValue('normal');
      // It opens with the outlier on: its slider is on, and the other points' ranges are drawn and printed.
      await expect(widget.locator('input[name="outlier"]')).toBeChecked();
      await expect(range(widget, 'size')).toBeEnabled();
      await expect(widget.locator('#widget-normalization-size-off')).toBeHidden();
      await expect(widget.locator('[data-outlier-only]')).toBeVisible();
      await expect(widget.locator('[data-figure="others"] > svg:visible .range-band')).toHaveCount(4);
      await expect(widget.locator('[data-text="minmaxKept"]')).toHaveText(/^\d+\.\d\u00a0?%$/);
    });
  }
});

test('every control changes the figures and the printed numbers', async ({ page }) => {
  const widget = await open(page, '?norm.outlier=0');
  await expectChange(widget, 'raw', 'rawSkew', async () => {
    await widget.locator('select[name="dist"]').selectOption('skewed');
  });
  await expectChange(widget, 'z', 'rawMean', () => slide(range(widget, 'n'), 150));
  await expectChange(widget, 'minmax', 'minmaxMean', async () => {
    await widget.locator('.more-settings summary').click(); // the seed is folded under "More settings"
    await setRange(range(widget, 'seed'), 4);
  });
  await expectChange(widget, 'minmax', 'minmaxMean', () => widget.locator('input[name="outlier"]').check());
  await expect(widget.locator('[data-text="outlierNote"]')).toBeVisible();
  await expect(widget.locator('[data-text="minmaxOthers"]')).toHaveText(/^the other points lie in \[0, 0\.\d+\]$/);
  await expectChange(widget, 'z', 'zMax', () => slide(range(widget, 'size'), 30));
  await expect(widget.locator('[data-figure="minmax"] svg')).toContainText('outlier');
});

test('standardizing a skewed sample leaves it skewed: the three skewness readings agree', async ({ page }) => {
  const widget = await open(page, '?norm.dist=skewed&norm.n=300');
  const raw = await text(widget, 'rawSkew');
  expect(Number(raw)).toBeGreaterThan(1);
  await expect(widget.locator('[data-text="minmaxSkew"]')).toHaveText(raw);
  await expect(widget.locator('[data-text="zSkew"]')).toHaveText(raw);
  await expect(widget.locator('[data-figure="z"] svg')).toHaveAttribute('aria-label', new RegExp(`skewness ${raw}`));
});

test('one outlier crushes the min-max view, and no z can pass √(n − 1)', async ({ page }) => {
  const widget = await open(page, '?norm.n=10&norm.outlier=1&norm.size=50');
  await expect(widget.locator('[data-text="outlierNote"]')).toContainText('√(n − 1) = 3');
  const zMax = Number((await text(widget, 'zMax')).replace('−', '-'));
  expect(zMax).toBeLessThanOrEqual(3);
  expect(zMax).toBeGreaterThan(2.9);
  const others = await text(widget, 'minmaxOthers');
  const hi = Number(/, ([\d.]+)\]$/.exec(others)?.[1]);
  expect(hi).toBeLessThan(0.15);
});

test('the URL follows the state, and a fresh page on it shows the same view in both languages', async ({ page }) => {
  const widget = await open(page);
  await widget.locator('select[name="dist"]').selectOption('bimodal');
  await slide(range(widget, 'n'), 42);
  await widget.locator('input[name="outlier"]').check();
  await setRange(range(widget, 'size'), 12);
  await slide(range(widget, 'seed'), 9);
  await expect.poll(() => widgetParams(page, 'norm')).toEqual({
    'norm.dist': 'bimodal',
    'norm.n': '42',
    'norm.outlier': '1',
    'norm.size': '12',
    'norm.seed': '9',
  });
  await settled(page);
  const numbers = await allStats(widget);
  const figures = await Promise.all(FIGURES.map((k) => figureMarkup(widget, k)));
  const query = new URL(page.url()).search;

  const fresh = await open(page, query);
  await expect(fresh.locator('select[name="dist"]')).toHaveValue('bimodal');
  await expect(range(fresh, 'n')).toHaveValue('42');
  await expect(fresh.locator('input[name="outlier"]')).toBeChecked();
  await expect(fresh.locator('output[data-output="size"]')).toHaveText('12');
  expect(await allStats(fresh)).toEqual(numbers);
  expect(await Promise.all(FIGURES.map((k) => figureMarkup(fresh, k)))).toEqual(figures);

  const zh = await open(page, query, 'zh');
  await expect(zh.locator('select[name="dist"]')).toHaveValue('bimodal');
  expect(await allStats(zh)).toEqual(numbers);
  await expect(zh.locator('[data-text="outlierNote"]')).toContainText('离群点');
});

test('a drag writes the URL once it pauses, and a browser that refuses writes (Safari after 100) breaks nothing', async ({ page }) => {
  const widget = await open(page);
  const figure = await figureMarkup(widget, 'raw');
  const calls = await page.evaluate(() => {
    const w = window as unknown as { urlWrites: number };
    w.urlWrites = 0;
    const original = history.replaceState.bind(history);
    history.replaceState = (...args: Parameters<History['replaceState']>) => {
      w.urlWrites += 1;
      // Refuse the first write, as Safari does past its limit ("SecurityError: Attempt to use history.replaceState() more than 100 times").
      if (w.urlWrites === 1) throw new DOMException('Attempt to use history.replaceState() more than 100 times per 30 seconds', 'SecurityError');
      original(...args);
    };
    const n = document.querySelector<HTMLInputElement>('#widget-normalization input[name="n"]')!;
    for (let v = 100; v <= 300; v += 5) {
      n.value = String(v);
      n.dispatchEvent(new Event('input', { bubbles: true }));
    }
    return w.urlWrites;
  });
  // Forty-one input events, no write yet; the figure follows at once.
  expect(calls).toBe(0);
  await settled(page);
  await expect(widget.locator('output[data-output="n"]')).toHaveText('300');
  expect(await figureMarkup(widget, 'raw')).not.toBe(figure);
  // The refused write is retried, and the URL ends on the last value.
  await expect.poll(() => widgetParams(page, 'norm')['norm.n'], { timeout: 5000 }).toBe('300');
  expect(await page.evaluate(() => (window as unknown as { urlWrites: number }).urlWrites)).toBe(2);
});

test('the copy-link button carries the query and the widget anchor', async ({ page }) => {
  await expectCopiedLink(await open(page, '?norm.dist=uniform&norm.n=20'), ['norm.dist=uniform', 'norm.n=20']);
});

test.describe('hostile query strings are harmless', () => {
  const queries = [
    '?norm.n=-3&norm.size=1e9&norm.seed=abc&norm.outlier=maybe',
    '?norm.dist=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&norm.n=%3Cscript%3E',
    '?norm.n=1e400&norm.seed=NaN&norm.size=Infinity&norm.n=0x10',
    '?norm.dist=__proto__&norm.n=500&norm.outlier=1&norm.size=50&norm.seed=100',
    '?norm.n=10&norm.n=500&norm.size=%00&norm.seed=5.5',
  ];
  for (const query of queries) {
    test(query, async ({ page }) => {
      const widget = await open(page, query);
      await expect(widget.locator('img, script:not([type]), [onerror]')).toHaveCount(0);
      expect(await widget.innerText()).not.toMatch(/NaN|Infinity|undefined/);
      const n = Number(await range(widget, 'n').inputValue());
      expect(n).toBeGreaterThanOrEqual(10);
      expect(n).toBeLessThanOrEqual(500);
      expect(['normal', 'skewed', 'bimodal', 'uniform']).toContain(await widget.locator('select[name="dist"]').inputValue());
      await expect(widget.locator('[data-text="minmaxMax"]')).toHaveText('1');
      // The first input writes a clean, clamped query.
      await slide(range(widget, 'seed'), 2);
      await expect.poll(() => widgetParams(page, 'norm')['norm.n']).toBe(String(n));
    });
  }
});

test('the outlier slider is off, with its reason in view, until the outlier is on', async ({ page }) => {
  const widget = await open(page, '?norm.outlier=0');
  const size = range(widget, 'size');
  const toggle = widget.locator('input[name="outlier"]');
  const hint = widget.locator('#widget-normalization-size-off');
  await expect(size).toBeDisabled();
  await expect(hint).toBeVisible();
  await expect(hint).toHaveText('Turn on “Add an outlier” first: k places it.');
  await expect(size).toHaveAttribute('aria-describedby', 'widget-normalization-size-off');
  // A screen reader reads the reason as the slider's description, not as part of its name.
  await expect(size).toHaveAccessibleDescription('Turn on “Add an outlier” first: k places it.');
  await expect(size).toHaveAccessibleName(/^Outlier at mean \+ k · std, k =(?!.*Turn on)/);
  // By keyboard: from the switch, Tab skips the disabled slider; Space turns the outlier on and the slider with it.
  await toggle.focus();
  await page.keyboard.press('Tab');
  await expect(size).not.toBeFocused();
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(size).toBeEnabled();
  await expect(hint).toBeHidden();
  await expect(size).not.toHaveAttribute('aria-describedby', /.*/);
  await page.keyboard.press('Tab');
  await expect(size).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(size).toHaveValue('11');
  await expect(widget.locator('[data-text="outlierNote"]')).toContainText('raw 160');
  // Off again: disabled again, and the comparison goes.
  await toggle.click();
  await expect(size).toBeDisabled();
  await expect(hint).toBeVisible();
  await expect(widget.locator('[data-outlier-only]')).toBeHidden();
  // "Reset" goes back to the opening view: the outlier on, its slider and its comparison with it.
  await widget.locator('[data-reset]').click();
  await expect(toggle).toBeChecked();
  await expect(size).toBeEnabled();
  await expect(widget.locator('[data-outlier-only]')).toBeVisible();
  // A link with the outlier on opens with the slider on.
  const on = await open(page, '?norm.outlier=1&norm.size=20');
  await expect(range(on, 'size')).toBeEnabled();
  await expect(on.locator('#widget-normalization-size-off')).toBeHidden();
});

test('with the outlier on, the other points’ range is printed and drawn for both scalings: min-max squeezes it, the z-score less, less still as n grows', async ({ page }) => {
  const widget = await open(page, '?norm.outlier=1&norm.n=100&norm.size=10');
  const block = widget.locator('[data-outlier-only]');
  await expect(block).toBeVisible();
  await expect(block.locator('[data-text="othersTitle"]')).toHaveText('What the outlier does to the other 99 points under each scaling');
  await expect(block.locator('[data-figure="others"] .range-band')).toHaveCount(4);
  await expect(block.locator('[data-figure="others"] svg')).toHaveAttribute('aria-label', /Min-max: .* kept\. Z-score: .* kept\./);
  const number = async (key: string) => Number((await text(widget, key)).replace('−', '-').replace(/\u00a0?%$/, ''));
  await expect(widget.locator('[data-text="minmaxWidthWithout"]')).toHaveText('1');
  // With its one decimal always ("41.0 %", not "41 %").
  await expect(widget.locator('[data-text="minmaxKept"]')).toHaveText(/^\d+\.\d\u00a0%$/);
  // The printed share is the printed widths' ratio (to the rounding of the 4-decimal widths).
  for (const k of ['minmax', 'z']) {
    expect(await number(`${k}Kept`)).toBeCloseTo((100 * (await number(`${k}WidthWith`))) / (await number(`${k}WidthWithout`)), 0);
  }
  const small = { minmax: await number('minmaxKept'), z: await number('zKept') };
  expect(small.z).toBeGreaterThan(small.minmax);
  // n = 500: the outlier's pull on σ fades (≈ 1/√(1 + k²/n)); on max − min it does not.
  await settled(page);
  await slide(range(widget, 'n'), 500);
  await expect.poll(() => number('zKept')).toBeGreaterThan(small.z + 10);
  expect(await number('minmaxKept')).toBeLessThan(small.minmax + 10);
  // zh: no space before %.
  const zh = await open(page, '?norm.outlier=1&norm.n=100&norm.size=10', 'zh');
  await expect(zh.locator('[data-text="zKept"]')).toHaveText(`${small.z}%`);
  await expect(zh.locator('.nz-squeeze caption')).toHaveText('其余点的极差（max − min）');
});

test('works with the keyboard alone', async ({ page }) => {
  const widget = await open(page);
  const dist = widget.locator('select[name="dist"]');
  await dist.focus();
  await page.keyboard.press('ArrowDown');
  await expect(dist).toHaveValue('skewed');
  await settled(page);
  const skew = await text(widget, 'rawSkew');
  await page.keyboard.press('Tab'); // n
  await expect(range(widget, 'n')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(range(widget, 'n')).toHaveValue('101');
  await expect.poll(() => text(widget, 'rawSkew')).not.toBe(skew);
  await page.keyboard.press('Tab'); // "More settings", folded
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab'); // seed
  await expect(range(widget, 'seed')).toBeFocused();
  await page.keyboard.press('End');
  await expect(range(widget, 'seed')).toHaveValue('100');
  await page.keyboard.press('Tab'); // outlier checkbox (on)
  await expect(widget.locator('input[name="outlier"]')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(widget.locator('input[name="outlier"]')).not.toBeChecked();
  await expect(widget.locator('[data-text="outlierNote"]')).toBeHidden();
  await page.keyboard.press('Space');
  await expect(widget.locator('input[name="outlier"]')).toBeChecked();
  await expect(widget.locator('[data-text="outlierNote"]')).toBeVisible();
  await page.keyboard.press('Tab'); // size
  await page.keyboard.press('ArrowRight');
  await expect(range(widget, 'size')).toHaveValue('11');
  await expect(widget.locator('[data-text="outlierNote"]')).toContainText('raw 160');
});

for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
  test(`turning the outlier on shows its effect on the other points where the reader is looking (${viewport.width} × ${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const widget = await open(page, '?norm.outlier=0');
    const toggle = widget.locator('input[name="outlier"]');
    await toggle.evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
    await toggle.press('Space');
    const others = widget.locator('[data-figure="others"]');
    // Most of it, right under the switch (on a phone its lower edge may fall below the screen; the contract asks half).
    await expect(others).toBeInViewport({ ratio: 0.65 });
    await expect(others.locator('.range-band')).toHaveCount(4);
    if (viewport.width > 1000) {
      // On a desktop the widget opens on that comparison: with its top under the header, it is all on the first screen.
      const fresh = await open(page);
      await fresh.evaluate((el) => {
        const header = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
        window.scrollBy({ top: el.getBoundingClientRect().top - header - 8, behavior: 'instant' });
      });
      for (const part of ['input[name="outlier"]', '[data-figure="others"]', '[data-figure="raw"]', '[data-figure="minmax"]']) {
        await expect(fresh.locator(part)).toBeInViewport({ ratio: 1 });
      }
    }
  });
}

test('axe finds nothing in light and dark, with and without the outlier', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page);
  await expectNoAxeViolations(page, '#widget-normalization');
  await open(page, '?norm.dist=skewed&norm.outlier=0', 'zh');
  await expectNoAxeViolations(page, '#widget-normalization');
});
