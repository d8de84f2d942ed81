// The padding widget on the built site: no-JS figures, every control beside a figure it changes, BatchNorm moving
// with the batchmates and the padding while LayerNorm never does, named colour scales, URL round trip, hostile
// queries, keyboard, axe.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectCopiedLink, expectNoAxeViolations, figureMarkup, setRange, settled, waitLive, widgetParams } from './widget-helpers';

const PATH = { en: '/en/why-layernorm/', zh: '/zh/why-layernorm/' } as const;
const FIGURES = ['batch', 'bn', 'ln', 'sweep'] as const;
type Figure = (typeof FIGURES)[number];

const widgetOf = (page: Page) => page.locator('#widget-padding');
const text = (widget: Locator, key: string) => widget.locator(`[data-text="${key}"]`).first().innerText();
const range = (widget: Locator, name: string) => widget.locator(`input[type="range"][name="${name}"]`);

async function open(page: Page, query = '', lang: keyof typeof PATH = 'en'): Promise<Locator> {
  await page.goto(`${PATH[lang]}${query}`);
  const widget = widgetOf(page);
  await waitLive(widget);
  return widget;
}

/** Runs `act` and checks that the figure and the printed `key` both changed. */
async function expectChange(widget: Locator, figure: Figure, key: string, act: () => Promise<void>): Promise<void> {
  await settled(widget.page()); // the previous step's redraw has landed
  const svg = await figureMarkup(widget, figure);
  const before = await text(widget, key);
  await act();
  await expect.poll(() => figureMarkup(widget, figure)).not.toBe(svg);
  await expect.poll(() => text(widget, key)).not.toBe(before);
}

/** LayerNorm's output is the same whatever happens to the rest of the batch. */
async function expectLayerNormUnchanged(widget: Locator, act: () => Promise<void>): Promise<void> {
  await settled(widget.page());
  const ln = await figureMarkup(widget, 'ln');
  const first = await text(widget, 'firstLn');
  const bn = await figureMarkup(widget, 'bn');
  await act();
  await expect.poll(() => figureMarkup(widget, 'bn')).not.toBe(bn);
  await settled(widget.page());
  expect(await figureMarkup(widget, 'ln')).toBe(ln);
  expect(await text(widget, 'firstLn')).toBe(first);
  await expect(widget.locator('[data-text="aloneLn"]')).toHaveText('0');
  await expect(widget.locator('[data-text="morePadLn"]')).toHaveText('0');
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const lang of ['en', 'zh'] as const) {
    test(`shows the default figures, the numbers and the code (${lang})`, async ({ page }) => {
      await page.goto(PATH[lang]);
      const widget = widgetOf(page);
      await expect(widget).toHaveAttribute('data-widget', 'padding');
      for (const key of FIGURES) {
        // Drawn for a phone and for a desktop: the box shows the one that fits it.
        const svg = widget.locator(`[data-figure="${key}"] > svg:visible`);
        await expect(svg).toHaveCount(1);
        await expect(svg).toHaveAttribute('role', 'img');
        await expect(svg).toHaveAttribute('aria-label', /.{30}/);
      }
      await expect(widget.locator('[data-figure="ln"] > svg:visible')).toHaveAttribute('aria-label', /LayerNorm/);
      // The batch's colours are named: the distance from BatchNorm's mean μ, which the readout beside it prints.
      await expect(widget.locator('[data-figure="batch"] > svg:visible .heatmap-legend')).toContainText(lang === 'en' ? 'feature 1 − μ' : '特征 1 − μ');
      await expect(widget.locator('[data-text="stats"]')).toContainText('μ = ');
      // The current share, named on its rule, with its decimal.
      await expect(widget.locator('[data-figure="sweep"] > svg:visible .padding-sweep-marks text')).toHaveText(lang === 'en' ? 'now 29.2\u00a0%' : '当前 29.2%');
      await expect(widget.locator('[data-text="padding"]')).toContainText(lang === 'en' ? '14 of 48 positions are padding' : '48 个位置中有 14 个是 padding');
      await expect(widget.locator('[data-text="firstBn"]')).toHaveText(/^−?\d\.\d{3}$/);
      await expect(widget.locator('[data-text="aloneBn"]')).toHaveText(/^\d\.\d{3}$/);
      await expect(widget.locator('[data-text="aloneLn"]')).toHaveText('0');
      await expect(widget.locator('[data-text="morePadLn"]')).toHaveText('0');
      await expect(widget.locator('[data-code]')).toContainText('bn = nn.BatchNorm1d(D, eps=1e-5, momentum=0.1, dtype=torch.float64)');
      await expect(widget.locator('[data-code]')).toContainText('x[0, :6] = torch.tensor([');
      await expect(range(widget, 'b')).toHaveValue('4');
      await expect(widget.locator('[data-output="share"]')).toHaveText('30');
      // A percentage as each language writes it: "30%" in Chinese, "30 %" in English with a no-break space.
      await expect(widget.locator('[data-output="share"]').locator('..')).toHaveText(lang === 'en' ? '30\u00a0%' : '30%');
      await expect(widget.locator('[data-text="padding"]')).toContainText(lang === 'en' ? '(29.2\u00a0%)' : '（29.2%）');
      await expect(widget.locator('[data-message]')).toBeHidden();
    });
  }
});

test('the padding share sits right over the sweep it moves, on a phone and on a desktop', async ({ page }) => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
    await page.setViewportSize(viewport);
    const widget = await open(page);
    const share = range(widget, 'share');
    await share.evaluate((el) => {
      const box = el.getBoundingClientRect();
      window.scrollBy({ top: box.top + box.height / 2 - window.innerHeight / 2, behavior: 'instant' });
    });
    const sweep = await widget.locator('[data-figure="sweep"]').boundingBox();
    const slider = await share.boundingBox();
    expect((sweep?.y ?? 0) + (sweep?.height ?? 0), `${viewport.width}: the sweep ends below the screen`).toBeLessThanOrEqual(viewport.height);
    expect((sweep?.y ?? 0) - (slider?.y ?? 0), `${viewport.width}: the slider is far from its chart`).toBeLessThan(200);
  }
});

test('every control changes the figures and the printed numbers', async ({ page }) => {
  const widget = await open(page);
  await expectChange(widget, 'batch', 'padding', () => setRange(range(widget, 'b'), 6));
  await expect(widget.locator('[data-output="b"]')).toHaveText('6');
  await expectChange(widget, 'sweep', 'padding', () => setRange(range(widget, 'share'), 60));
  await expect(widget.locator('[data-output="share"]')).toHaveText('60');
  await widget.locator('.more-settings summary').click(); // the draw number is folded away
  await expectChange(widget, 'bn', 'aloneBn', () => setRange(range(widget, 'mates'), 5));
  await expectChange(widget, 'batch', 'lengths', () => widget.locator('[data-action="newMates"]').click());
  await expect(range(widget, 'mates')).toHaveValue('6');
  await expectChange(widget, 'ln', 'firstLn', () => widget.locator('label.segment', { hasText: '10' }).click());
  await expect(widget.locator('[data-text="lengths"]')).toContainText('10 (yours)');
  await expectChange(widget, 'bn', 'stats', () => widget.locator('input[name="mask"]').check());
  await expect(widget.locator('[data-text="stats"]')).toContainText('real tokens, pads masked');
  await expect(widget.locator('[data-code]')).toContainText('y[mask] = bn(x[mask])');
});

test('BatchNorm moves with the batchmates and the padding; LayerNorm never does', async ({ page }) => {
  const widget = await open(page);
  await widget.locator('.more-settings summary').click();
  await expectLayerNormUnchanged(widget, () => setRange(range(widget, 'mates'), 4));
  await expectLayerNormUnchanged(widget, () => setRange(range(widget, 'share'), 70));
  await expectLayerNormUnchanged(widget, () => setRange(range(widget, 'b'), 8));
  await expectLayerNormUnchanged(widget, () => widget.locator('input[name="mask"]').check());
  // With the pads masked, extra padding changes nothing, but other sentences still do.
  await expect(widget.locator('[data-text="morePadBn"]')).toHaveText('0');
  await expect(widget.locator('[data-text="aloneBn"]')).not.toHaveText('0');
  await expectLayerNormUnchanged(widget, () => setRange(range(widget, 'mates'), 9));
  await widget.locator('input[name="mask"]').uncheck();
  await expect(widget.locator('[data-text="morePadBn"]')).not.toHaveText('0');
});

test('the URL follows the state, and a fresh page on it shows the same view in both languages', async ({ page }) => {
  const widget = await open(page);
  await setRange(range(widget, 'b'), 7);
  await setRange(range(widget, 'share'), 45);
  await widget.locator('label.segment', { hasText: /^3$/ }).click();
  await widget.locator('.more-settings summary').click();
  await setRange(range(widget, 'mates'), 12);
  await widget.locator('input[name="mask"]').check();
  await expect.poll(() => widgetParams(page, 'pad')).toEqual({ 'pad.b': '7', 'pad.share': '45', 'pad.mask': '1', 'pad.mine': 'short', 'pad.mates': '12' });
  await settled(page);
  const keys = ['padding', 'stats', 'firstBn', 'firstLn', 'aloneBn', 'morePadBn', 'sweepBn'];
  const numbers = await Promise.all(keys.map((k) => text(widget, k)));
  const figures = await Promise.all(FIGURES.map((k) => figureMarkup(widget, k)));
  const query = new URL(page.url()).search;

  const fresh = await open(page, query);
  await expect(range(fresh, 'b')).toHaveValue('7');
  await expect(fresh.locator('input[name="mine"][value="short"]')).toBeChecked();
  await expect(fresh.locator('input[name="mask"]')).toBeChecked();
  expect(await Promise.all(keys.map((k) => text(fresh, k)))).toEqual(numbers);
  expect(await Promise.all(FIGURES.map((k) => figureMarkup(fresh, k)))).toEqual(figures);

  const zh = await open(page, query, 'zh');
  await expect(range(zh, 'share')).toHaveValue('45');
  await expect(zh.locator('[data-text="firstBn"]')).toHaveText(numbers[2] ?? '');
  await expect(zh.locator('[data-text="stats"]')).toContainText('已排除 pad');
});

test('the copy-link button carries the query and the widget anchor', async ({ page }) => {
  await expectCopiedLink(await open(page, '?pad.b=5&pad.mask=1'), ['pad.b=5', 'pad.mask=1']);
});

test.describe('hostile query strings are harmless', () => {
  const queries = [
    '?pad.b=-3&pad.share=1e9&pad.mates=abc',
    '?pad.mine=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&pad.mask=%3Cscript%3E&pad.b=__proto__',
    '?pad.b=1e400&pad.share=NaN&pad.mates=Infinity&pad.mine=0x10',
    '?pad.b=8&pad.share=80&pad.mine=long&pad.mask=1&pad.mates=20',
    '?pad.b=2&pad.b=8&pad.share=%00&pad.mates=5.5',
  ];
  for (const query of queries) {
    test(query, async ({ page }) => {
      const widget = await open(page, query);
      await expect(widget.locator('img, script:not([type]), [onerror]')).toHaveCount(0);
      const shown = await widget.innerText();
      expect(shown).not.toMatch(/NaN|Infinity|undefined/);
      for (const input of await widget.locator('input[type="range"]').all()) {
        const [value, min, max] = await Promise.all([input.inputValue(), input.getAttribute('min'), input.getAttribute('max')]);
        expect(Number(value)).toBeGreaterThanOrEqual(Number(min));
        expect(Number(value)).toBeLessThanOrEqual(Number(max));
      }
      // The first change writes a clean, clamped state back to the URL.
      await widget.locator('[data-action="newMates"]').click();
      await expect.poll(() => widgetParams(page, 'pad')['pad.mates']).toMatch(/^\d+$/);
      const params = widgetParams(page, 'pad');
      expect(Number(params['pad.b'])).toBeGreaterThanOrEqual(2);
      expect(Number(params['pad.b'])).toBeLessThanOrEqual(8);
      expect(Number(params['pad.share']) % 5).toBe(0);
      expect(['short', 'medium', 'long']).toContain(params['pad.mine']);
      expect(['0', '1']).toContain(params['pad.mask']);
    });
  }
});

test('works with the keyboard alone', async ({ page }) => {
  const widget = await open(page);
  await widget.locator('input[name="mine"][value="medium"]').focus(); // the first control: your sentence, the checked radio
  await page.keyboard.press('ArrowRight');
  await expect(widget.locator('input[name="mine"][value="long"]')).toBeChecked();
  await page.keyboard.press('Tab'); // sentences in the batch
  const b = range(widget, 'b');
  await expect(b).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(b).toHaveValue('5');
  await expect(widget.locator('[data-output="b"]')).toHaveText('5');
  await page.keyboard.press('Tab'); // "New batchmates"
  await expect(widget.locator('[data-action="newMates"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(range(widget, 'mates')).toHaveValue('2');
  await page.keyboard.press('Tab'); // "More settings": opens with Enter
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab'); // the batchmates' draw number
  await expect(range(widget, 'mates')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(range(widget, 'mates')).toHaveValue('3');
  await page.keyboard.press('Tab'); // padding share, over its sweep
  await expect(range(widget, 'share')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(range(widget, 'share')).toHaveValue('35');
  await page.keyboard.press('Tab'); // the mask checkbox
  await expect(widget.locator('input[name="mask"]')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(widget.locator('input[name="mask"]')).toBeChecked();
  await expect(widget.locator('[data-text="morePadBn"]')).toHaveText('0');
  await expect.poll(() => widgetParams(page, 'pad')).toEqual({ 'pad.b': '5', 'pad.share': '35', 'pad.mask': '1', 'pad.mine': 'long', 'pad.mates': '3' });
});

test('axe finds nothing in light and dark', async ({ page }) => {
  test.slow();
  await open(page);
  await expectNoAxeViolations(page, '#widget-padding');
  await open(page, '?pad.b=8&pad.share=80&pad.mine=short&pad.mask=1', 'zh');
  await expectNoAxeViolations(page, '#widget-padding');
});

test('at phone width the widget fits without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const widget = await open(page, '?pad.b=8&pad.mine=long');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await widget.boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
});
