// The decoding widget on the built site: no-JS figures (readable on a phone), the train–inference gap at drift 0 on
// the first screen, every control, stepping through the tokens, BatchNorm's refusal in training mode, LayerNorm's
// zero gap, drift as a second effect, URL round trip, hostile queries, keyboard, axe.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectCopiedLink, expectNoAxeViolations, figureMarkup, flushedParams, setRange, settled, smallestFigureText, waitLive, widgetParams } from './widget-helpers';

const PATH = { en: '/en/why-layernorm/', zh: '/zh/why-layernorm/' } as const;
const FIGURES = ['running', 'tokens'] as const;
type Figure = (typeof FIGURES)[number];
const REFUSAL = 'ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 4])';

const widgetOf = (page: Page) => page.locator('#widget-decoding');
const text = (widget: Locator, key: string) => widget.locator(`[data-text="${key}"]`).first().innerText();
const range = (widget: Locator, name: string) => widget.locator(`input[type="range"][name="${name}"]`);
const mode = (widget: Locator, value: string) => widget.locator(`label.segment:has(input[value="${value}"])`);

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

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const lang of ['en', 'zh'] as const) {
    test(`shows the default figures, the numbers and the code (${lang})`, async ({ page }) => {
      await page.goto(PATH[lang]);
      const widget = widgetOf(page);
      await expect(widget).toHaveAttribute('data-widget', 'decoding');
      for (const key of FIGURES) {
        // Drawn for a phone and for a desktop: the box shows the one that fits it.
        const svg = widget.locator(`[data-figure="${key}"] > svg:visible`);
        await expect(svg).toHaveCount(1);
        await expect(svg).toHaveAttribute('role', 'img');
        await expect(svg).toHaveAttribute('aria-label', /.{30}/);
      }
      await expect(widget.locator('[data-text="decoded"]')).toHaveText(lang === 'en' ? '4 of 8 tokens' : '8 个 token 中的 4 个');
      await expect(widget.locator('[data-text="gap"]')).toHaveText(/^\d\.\d{3}$/);
      await expect(widget.locator('[data-text="lnGap"]')).toHaveText('0');
      await expect(widget.locator('[data-text="running"]')).toContainText(lang === 'en' ? 'after 30 batches' : '训练了 30 个批次');
      // It opens on the discrepancy itself: no drift, and eval mode's output already differs from training mode's.
      await expect(range(widget, 'shift')).toHaveValue('0');
      await expect(widget.locator('[data-text="note"]')).toContainText(
        lang === 'en' ? 'that is the train–inference discrepancy, and it is there at drift 0' : '这就是训练与推理的不一致，偏移为 0 时就已存在',
      );
      await expect(widget.locator('[data-figure="tokens"] > svg:visible')).toHaveAttribute('aria-label', lang === 'en' ? /In training mode, inside its batch: .* At inference/ : /训练模式下，在批次中：.*推理时/);
      await expect(widget.locator('[data-code]')).toContainText('bn.running_mean.copy_(torch.tensor([');
      await expect(widget.locator('[data-code]')).toContainText('bn.eval()');
      await expect(range(widget, 'steps')).toHaveValue('30');
      await expect(widget.locator('[data-message]')).toBeHidden();
    });
  }

  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
    test(`the figures’ text is at least 11 CSS px at ${viewport.width} px`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto(PATH.en);
      for (const key of FIGURES) {
        expect(await smallestFigureText(widgetOf(page), key), key).toBeGreaterThanOrEqual(11);
      }
    });
  }
});

test('opens on its point: the train/eval comparison at drift 0 is whole on the first screen, phone and desktop', async ({ page }) => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
    await page.setViewportSize(viewport);
    const widget = await open(page);
    // The reader arrives at the widget: its top just under the site header.
    await widget.evaluate((el) => window.scrollTo({ top: el.getBoundingClientRect().top + window.scrollY - 60, behavior: 'instant' }));
    const box = await widget.locator('[data-figure="tokens"]').boundingBox();
    expect(box, `${viewport.width}`).not.toBeNull();
    expect((box?.y ?? 0) + (box?.height ?? 0), `${viewport.width}: the comparison ends below the screen`).toBeLessThanOrEqual(viewport.height);
    await expect(range(widget, 'shift')).toHaveValue('0');
    await expect(widget.locator('input[name="mode"][value="bn-eval"]')).toBeChecked();
  }
});

test('drift is a second effect: the note adds it, with the largest gap now and at drift 0', async ({ page }) => {
  const widget = await open(page, '?dec.steps=200');
  await settled(page);
  const atZero = await text(widget, 'bnEvalGap');
  await expect(widget.locator('[data-text="note"]')).not.toContainText('Drift');
  await setRange(range(widget, 'shift'), 2);
  await expect(widget.locator('[data-text="note"]')).toContainText(`Drift 2 σ adds a second effect`);
  await expect(widget.locator('[data-text="note"]')).toContainText(`at drift 0, ${atZero}.`);
  const now = await text(widget, 'bnEvalGap');
  await expect(widget.locator('[data-text="note"]')).toContainText(`Largest gap over all tokens now ${now};`);
});

test('every control changes the figures and the printed numbers', async ({ page }) => {
  const widget = await open(page);
  await expectChange(widget, 'running', 'running', () => setRange(range(widget, 'steps'), 40));
  await expect(widget.locator('[data-output="steps"]')).toHaveText('40');
  await expectChange(widget, 'tokens', 'bnEvalGap', () => setRange(range(widget, 'shift'), 2));
  await expect(widget.locator('[data-output="shift"]')).toHaveText('2');
  await expectChange(widget, 'tokens', 'decoded', () => setRange(range(widget, 'token'), 6));
  await expect(widget.locator('[data-text="gaps"]')).toHaveText(/^(\d\.\d{3}, ){5}\d\.\d{3}$/);
  await expectChange(widget, 'tokens', 'gap', () => mode(widget, 'ln').click());
  await expect(widget.locator('[data-text="gaps"]')).toHaveText('0, 0, 0, 0, 0, 0');
  await expect(widget.locator('[data-code]')).toContainText('y = ln(seq[t:t + 1])');
  await expectChange(widget, 'tokens', 'gap', () => mode(widget, 'bn-train').click());
  await expect(widget.locator('[data-message]')).toHaveText(REFUSAL);
  await expect(widget.locator('[data-text="gap"]')).toHaveText('refused');
  await expect(widget.locator('[data-code]')).toContainText(`# ${REFUSAL}`);
  await mode(widget, 'bn-eval').click();
  await expect(widget.locator('[data-message]')).toBeHidden();
});

test('the buttons decode token by token and start over', async ({ page }) => {
  const widget = await open(page, '?dec.token=0');
  await expect(widget.locator('[data-text="gap"]')).toHaveText('none yet');
  for (let n = 1; n <= 3; n++) {
    await expectChange(widget, 'tokens', 'decoded', () => widget.locator('[data-action="next"]').click());
    await expect(widget.locator('[data-text="decoded"]')).toHaveText(`${n} of 8 tokens`);
    await expect(widget.locator('[data-figure="tokens"] rect')).toHaveCount(n);
  }
  await expect.poll(() => widgetParams(page, 'dec')['dec.token']).toBe('3');
  await widget.locator('[data-action="restart"]').click();
  await expect(widget.locator('[data-text="decoded"]')).toHaveText('0 of 8 tokens');
  await expect(range(widget, 'token')).toHaveValue('0');
});

test('in training mode every token fed is refused, and the figure marks each one as the tokens step', async ({ page }) => {
  const widget = await open(page, '?dec.mode=bn-train&dec.token=2');
  const crosses = widget.locator('[data-figure="tokens"] .decoding-tokens-gaps path[stroke-linecap="round"]');
  await expect(crosses).toHaveCount(2);
  await expectChange(widget, 'tokens', 'decoded', () => widget.locator('[data-action="next"]').click());
  await expect(crosses).toHaveCount(3);
  await expect(widget.locator('[data-text="gap"]')).toHaveText('refused');
  await widget.locator('[data-action="restart"]').click();
  await expect(crosses).toHaveCount(0);
});

test('LayerNorm’s gap is 0 whatever the training and the shift; BatchNorm’s grows with the shift', async ({ page }) => {
  const widget = await open(page, '?dec.mode=ln&dec.token=8');
  for (const [steps, shift] of [[0, 0], [200, 3], [190, 1.5]] as const) {
    await setRange(range(widget, 'steps'), steps);
    await setRange(range(widget, 'shift'), shift);
    await expect(widget.locator('[data-text="gap"]')).toHaveText('0');
    await expect(widget.locator('[data-text="lnGap"]')).toHaveText('0');
  }
  await setRange(range(widget, 'steps'), 200);
  await setRange(range(widget, 'shift'), 0);
  await settled(page);
  const small = Number(await text(widget, 'bnEvalGap'));
  await setRange(range(widget, 'shift'), 3);
  await expect.poll(async () => Number(await text(widget, 'bnEvalGap'))).toBeGreaterThan(3 * small);
});

test('the URL follows the state, and a fresh page on it shows the same view in both languages', async ({ page }) => {
  const widget = await open(page);
  await setRange(range(widget, 'steps'), 40);
  await setRange(range(widget, 'shift'), 1.3);
  await setRange(range(widget, 'token'), 7);
  await mode(widget, 'ln').click();
  await expect.poll(() => widgetParams(page, 'dec')).toEqual({ 'dec.steps': '40', 'dec.shift': '1.3', 'dec.mode': 'ln', 'dec.token': '7' });
  await settled(page);
  const keys = ['running', 'batch', 'decoded', 'gaps', 'gap', 'bnEvalGap', 'lnGap'];
  const numbers = await Promise.all(keys.map((k) => text(widget, k)));
  const figures = await Promise.all(FIGURES.map((k) => figureMarkup(widget, k)));
  const query = new URL(page.url()).search;

  const fresh = await open(page, query);
  await expect(range(fresh, 'steps')).toHaveValue('40');
  await expect(fresh.locator('input[name="mode"][value="ln"]')).toBeChecked();
  expect(await Promise.all(keys.map((k) => text(fresh, k)))).toEqual(numbers);
  expect(await Promise.all(FIGURES.map((k) => figureMarkup(fresh, k)))).toEqual(figures);

  const zh = await open(page, query, 'zh');
  await expect(range(zh, 'shift')).toHaveValue('1.3');
  await expect(zh.locator('[data-text="bnEvalGap"]')).toHaveText(numbers[5] ?? '');
  await expect(zh.locator('[data-text="decoded"]')).toHaveText('8 个 token 中的 7 个');
});

test('the copy-link button carries the query and the widget anchor', async ({ page }) => {
  await expectCopiedLink(await open(page, '?dec.steps=7&dec.mode=bn-train'), ['dec.steps=7', 'dec.mode=bn-train']);
});

test.describe('hostile query strings are harmless', () => {
  const queries = [
    '?dec.steps=-3&dec.shift=1e9&dec.token=abc',
    '?dec.mode=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&dec.steps=__proto__',
    '?dec.steps=1e400&dec.shift=NaN&dec.token=Infinity&dec.mode=0x10',
    '?dec.steps=200&dec.shift=3&dec.mode=bn-train&dec.token=8',
    '?dec.steps=1&dec.steps=200&dec.shift=%00&dec.token=5.5',
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
      await widget.locator('[data-action="next"]').click();
      await expect.poll(() => widgetParams(page, 'dec')['dec.token']).toMatch(/^\d+$/);
      const params = await flushedParams(page, 'dec');
      expect(Number(params['dec.steps'])).toBeGreaterThanOrEqual(0);
      expect(Number(params['dec.steps'])).toBeLessThanOrEqual(200);
      expect(Number(params['dec.token'])).toBeLessThanOrEqual(8);
      expect(Number(params['dec.shift'])).toBeLessThanOrEqual(3);
      expect(['bn-eval', 'bn-train', 'ln']).toContain(params['dec.mode']);
    });
  }
});

test('works with the keyboard alone', async ({ page }) => {
  const widget = await open(page);
  await range(widget, 'token').focus(); // the first control: the tokens decoded
  await page.keyboard.press('ArrowLeft');
  await expect(range(widget, 'token')).toHaveValue('3');
  await page.keyboard.press('Tab'); // "Decode next token"
  await expect(widget.locator('[data-action="next"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(range(widget, 'token')).toHaveValue('4');
  await page.keyboard.press('Tab'); // "Start over"
  await page.keyboard.press('Space');
  await expect(range(widget, 'token')).toHaveValue('0');
  await page.keyboard.press('Tab'); // the mode: the checked radio
  await expect(widget.locator('input[name="mode"][value="bn-eval"]')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(widget.locator('input[name="mode"][value="bn-train"]')).toBeChecked();
  await expect(widget.locator('[data-message]')).toHaveText(REFUSAL);
  await page.keyboard.press('ArrowRight');
  await expect(widget.locator('input[name="mode"][value="ln"]')).toBeChecked();
  await page.keyboard.press('Tab'); // training batches, beside their chart
  await page.keyboard.press('ArrowRight');
  await expect(range(widget, 'steps')).toHaveValue('31');
  await page.keyboard.press('Tab'); // drift
  await page.keyboard.press('ArrowRight');
  await expect(range(widget, 'shift')).toHaveValue('0.1');
  await expect.poll(() => widgetParams(page, 'dec')).toEqual({ 'dec.steps': '31', 'dec.shift': '0.1', 'dec.mode': 'ln', 'dec.token': '0' });
});

test('axe finds nothing in light and dark, with figures and with the training-mode refusal', async ({ page }) => {
  test.slow();
  await open(page);
  await expectNoAxeViolations(page, '#widget-decoding');
  await open(page, '?dec.mode=bn-train&dec.steps=0', 'zh');
  await expectNoAxeViolations(page, '#widget-decoding');
});

test('at phone width the widget fits without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const widget = await open(page, '?dec.steps=200&dec.token=8&dec.mode=bn-train');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await widget.boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
});
