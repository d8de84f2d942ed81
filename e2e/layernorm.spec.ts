// The LayerNorm explorer on the built site: BatchNorm's output beside LayerNorm's first, no-JS figures, every
// control, the batchmates experiment, N = 1, train/eval, URL round trip, hostile queries, keyboard and axe.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectCopiedLink, expectNoAxeViolations, figureMarkup, setRange, settled, waitLive, flushedParams, widgetParams } from './widget-helpers';

const PATH = { en: '/en/layernorm/', zh: '/zh/layernorm/' } as const;
/** BatchNorm's output and its chosen sample; LayerNorm's output and its chosen sample. */
const FIGURES = ['bn', 'bnSample', 'output', 'lnSample'] as const;
const BIT_IDENTICAL = { en: '0 (bit-identical)', zh: '0（逐位相同）' } as const;
const REFUSAL = 'ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 6])';
const N_STOPS = [1, 2, 4, 8, 16, 32, 64];

const widgetOf = (page: Page) => page.locator('#widget-layernorm');
const text = (widget: Locator, key: string) => widget.locator(`[data-text="${key}"]`).first().innerText();
const range = (widget: Locator, name: string) => widget.locator(`input[type="range"][name="${name}"]`);
const shownN = async (widget: Locator) => Number(await widget.locator('output[data-output="n"]').innerText());

async function open(page: Page, query = '', lang: keyof typeof PATH = 'en'): Promise<Locator> {
  await page.goto(`${PATH[lang]}${query}`);
  const widget = widgetOf(page);
  await waitLive(widget);
  return widget;
}

/** Opens "More settings" (C, γ and β, the data seed, the batchmates' draw). */
async function moreSettings(widget: Locator): Promise<void> {
  const fold = widget.locator('details.more-settings');
  if (!(await fold.evaluate((d) => (d as HTMLDetailsElement).open))) await fold.locator('summary').click();
}

/** Sets the batch size with the keyboard, one arrow key per stop (1, 2, 4, … 64) from where the slider is. */
async function setN(widget: Locator, n: (typeof N_STOPS)[number]): Promise<void> {
  const slider = range(widget, 'n');
  await slider.focus();
  const steps = N_STOPS.indexOf(n) - Number(await slider.inputValue());
  for (let i = 0; i < Math.abs(steps); i++) await slider.press(steps > 0 ? 'ArrowRight' : 'ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuetext', String(n));
}

/** Runs `act` and checks that the figure `figure` and the printed `key` both changed. */
async function expectChange(widget: Locator, figure: (typeof FIGURES)[number], key: string, act: () => Promise<unknown>): Promise<void> {
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
      await expect(widget).toHaveAttribute('data-widget', 'layernorm');
      for (const key of FIGURES) {
        const svg = widget.locator(`[data-figure="${key}"] > svg:visible`);
        await expect(svg).toHaveAttribute('role', 'img');
        await expect(svg).toHaveAttribute('aria-label', /\S{10}/);
      }
      await expect(widget.locator('[data-figure="bn"] > svg:visible')).toHaveAttribute('aria-label', /BatchNorm/);
      await expect(widget.locator('[data-figure="bnSample"] > svg:visible')).toHaveAttribute('aria-label', /BatchNorm/);
      await expect(widget.locator('[data-figure="lnSample"] > svg:visible')).toHaveAttribute('aria-label', /LayerNorm/);
      await expect(widget.locator('[data-text="bnChange"]')).toHaveText(/^\d+(\.\d+)?$/);
      await expect(widget.locator('[data-text="lnChange"]')).toHaveText(BIT_IDENTICAL[lang]);
      await expect(widget.locator('[data-text="lnTrainEval"]')).toHaveText(lang === 'en' ? 'identical' : '完全相同');
      await expect(widget.locator('[data-code]')).toContainText('ln = nn.LayerNorm(C)');
      await expect(widget.locator('[data-code]')).toContainText('# LayerNorm: 0.0');
      await expect(range(widget, 'pick')).toHaveValue('1');
      await expect(range(widget, 'n')).toHaveAttribute('aria-valuetext', '8');
      await expect(widget.locator('[data-figure="bn"] .column-stats-message:visible')).toHaveCount(0);
    });
  }

  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    test(`at ${viewport.width} px each figure shows the drawing made for its box, never shrunk (text stays ≥ 11 px)`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto(PATH.en);
      const widget = widgetOf(page);
      for (const key of FIGURES) {
        const box = widget.locator(`[data-figure="${key}"]`);
        await expect(box.locator('> svg:visible')).toHaveCount(1);
        const [drawn, shown] = await box.evaluate((b) => {
          const svg = [...b.querySelectorAll(':scope > svg')].find((s) => getComputedStyle(s).display !== 'none');
          return [Number(svg?.getAttribute('width')), b.clientWidth];
        });
        expect(drawn, key).toBeLessThanOrEqual(shown! + 1);
        expect(drawn, key).toBeGreaterThan(shown! * 0.6);
      }
    });
  }
});

test('opens on BatchNorm beside LayerNorm: both outputs, both chosen samples and “New batchmates” on one desktop screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const widget = await open(page);
  await widget.evaluate((w) => window.scrollBy({ top: w.getBoundingClientRect().top - 64, behavior: 'instant' }));
  const inView = async (locator: Locator) => {
    const box = await locator.boundingBox();
    return box !== null && box.y >= 0 && box.y + box.height <= 900;
  };
  expect(await inView(widget.locator('[data-action="newMates"]'))).toBe(true);
  for (const key of FIGURES) expect(await inView(widget.locator(`[data-figure="${key}"]`)), key).toBe(true);
  // Side by side: BatchNorm's column on the left, LayerNorm's on the right, at the same height.
  const [bn, ln] = await Promise.all([widget.locator('[data-figure="bn"]').boundingBox(), widget.locator('[data-figure="output"]').boundingBox()]);
  expect(ln!.x).toBeGreaterThan(bn!.x + bn!.width);
  expect(Math.abs(ln!.y - bn!.y)).toBeLessThan(2);
});

test('on a phone the batchmates’ buttons stay in view beside LayerNorm’s figure, below BatchNorm’s', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const widget = await open(page);
  const ln = widget.locator('[data-figure="output"]');
  await ln.evaluate((el) => window.scrollBy({ top: el.getBoundingClientRect().top - 844 / 2, behavior: 'instant' }));
  const button = await widget.locator('[data-action="newMates"]').boundingBox();
  expect(button!.y).toBeGreaterThanOrEqual(0);
  expect(button!.y + button!.height).toBeLessThan((await ln.boundingBox())!.y);
});

test('new batchmates move BatchNorm’s output of the chosen sample, never LayerNorm’s', async ({ page }) => {
  const widget = await open(page);
  for (let i = 0; i < 3; i++) {
    const [bn, bnSample, lnSample] = await Promise.all(['bn', 'bnSample', 'lnSample'].map((k) => figureMarkup(widget, k)));
    await widget.locator('[data-action="newMates"]').click();
    await expect.poll(() => figureMarkup(widget, 'bn')).not.toBe(bn);
    await expect.poll(() => figureMarkup(widget, 'bnSample')).not.toBe(bnSample);
    await settled(page);
    expect(await figureMarkup(widget, 'lnSample'), 'LayerNorm’s chosen sample is drawn exactly as before').toBe(lnSample);
    await expect(widget.locator('[data-text="bnChange"]')).toHaveText(/^\d+(\.\d+)?$/);
    await expect(widget.locator('[data-text="lnChange"]')).toHaveText(BIT_IDENTICAL.en);
  }
  await expect.poll(() => widgetParams(page, 'ln')['ln.mates']).toBe('4');
  await widget.locator('[data-action="originalMates"]').click();
  await expect(widget.locator('[data-text="bnChange"]')).toHaveText(BIT_IDENTICAL.en);
  await moreSettings(widget);
  await expect(range(widget, 'mates')).toHaveValue('0');
  await expectChange(widget, 'bn', 'bnChange', () => setRange(range(widget, 'mates'), 7));
  await expect(widget.locator('[data-text="lnChange"]')).toHaveText(BIT_IDENTICAL.en);
});

test('every control changes the figures and the printed numbers', async ({ page }) => {
  const widget = await open(page);
  await expectChange(widget, 'output', 'pickMean', () => setRange(range(widget, 'pick'), 3));
  await expect(widget.locator('[data-text="changeHeading"]')).toHaveText('Largest change of sample 3’s output');

  await expectChange(widget, 'bnSample', 'lnChange', () => widget.locator('select[name="scale"]').selectOption('10'));
  await expect(widget.locator('[data-text="lnChange"]')).toHaveText(/^\d\.\de−\d+$/);
  await expect(widget.locator('[data-text="lnNote"]')).toContainText('comes from ε = 1e−5 alone');
  // What ε = 0 would leave is rounding, stated as a bound (PyTorch prints 0 or 2.2e-16 where this page computes 4.4e−16).
  await expect(widget.locator('[data-text="lnNote"]')).toContainText('With ε = 0 it would be below 1e−14: floating-point rounding.');
  expect(await text(widget, 'lnNote')).not.toMatch(/e−1[5-9]/); // no digits of the page's own rounding

  await expectChange(widget, 'bn', 'bnChange', () => setN(widget, 16));

  await expectChange(widget, 'bnSample', 'bnChange', () => widget.locator('label.segment', { hasText: 'eval' }).click());
  await expect(widget.locator('[data-text="mode"]').first()).toHaveText('eval');
  await expect(widget.locator('[data-figure="bn"] .column-stats-source')).toHaveText('running statistics');
  await expect(widget.locator('[data-code]')).toContainText('bn.running_mean.copy_');
  await widget.locator('label.segment', { hasText: 'train' }).click();

  await moreSettings(widget);
  await expectChange(widget, 'output', 'bnChange', () => widget.locator('select[name="affine"]').selectOption('ramp'));
  await expect(widget.locator('[data-code]')).toContainText('gamma = torch.tensor([0.5, 0.7, 0.9, 1.1, 1.3, 1.5])');
  await expectChange(widget, 'output', 'pickVar', () => setRange(range(widget, 'c'), 10));
  await expectChange(widget, 'bn', 'pickMean', () => setRange(range(widget, 'seed'), 5));
});

test('N = 1: BatchNorm refuses in training with PyTorch’s message, LayerNorm works and is the same in eval', async ({ page }) => {
  const widget = await open(page);
  await setN(widget, 1);
  await expect(widget.locator('[data-figure="bn"] > svg')).toHaveAttribute('aria-label', new RegExp(REFUSAL.replace(/[()[\]]/g, '\\$&')));
  await expect(widget.locator('[data-figure="bn"] .column-stats-message')).toContainText('ValueError');
  await expect(widget.locator('[data-figure="bn"] svg.heatmap')).toHaveCount(0);
  await expect(widget.locator('[data-figure="bnSample"] [data-panel="bn"]')).toContainText('ValueError');
  await expect(widget.locator('[data-text="bnChange"]')).toHaveText('refused in training (N = 1)');
  await expect(widget.locator('[data-figure="lnSample"] [data-panel="ln"] .sample-outputs-after')).toHaveAttribute('d', /^(M[^M]+){6}$/);
  await expect(widget.locator('[data-figure="output"] svg.heatmap')).toHaveCount(1);
  await expect(widget.locator('[data-text="lnChange"]')).toHaveText(BIT_IDENTICAL.en);
  await expect(widget.locator('[data-text="lnTrainEval"]')).toHaveText('identical');
  await expect(range(widget, 'pick')).toHaveAttribute('max', '1');
  await expect(widget.locator('[data-code]')).toContainText(`# bn(x1) raises ${REFUSAL}`);
  // The page-level message stays for real failures: the refusal belongs to BatchNorm's figures only.
  await expect(widget.locator('[data-message]')).toBeHidden();

  await widget.locator('label.segment', { hasText: 'eval' }).click();
  await expect(widget.locator('[data-figure="bn"] .column-stats-message')).toHaveCount(0);
  await expect(widget.locator('[data-figure="bn"] svg.heatmap')).toHaveCount(1);
  await expect(widget.locator('[data-figure="bnSample"] [data-panel="bn"] .sample-outputs-after')).toHaveAttribute('d', /^(M[^M]+){6}$/);
  await expect(widget.locator('[data-text="lnTrainEval"]')).toHaveText('identical');
});

test('at N = 64, C = 16 the statistics are bars: LayerNorm’s one per row, the chosen row’s printed; BatchNorm’s one per column', async ({ page }) => {
  const widget = await open(page, '?ln.n=64&ln.c=16&ln.pick=40');
  await settled(page);
  /** The bars of one figure's μ (each bar is `M x,y h w v h z`). */
  const bars = (figure: string, column: string) =>
    widget.locator(`[data-figure="${figure}"] .${column} path[fill]:not([fill="none"])`).evaluateAll((paths) => paths.map((p) => ((p.getAttribute('d') ?? '').match(/M/g) ?? []).length).reduce((a, b) => a + b, 0));
  expect(await bars('output', 'row-stats-mean')).toBe(64);
  await expect(widget.locator('[data-figure="output"] .row-stats-mean text').last()).toHaveText(await text(widget, 'pickMean'));
  expect(await bars('bn', 'column-stats-mean')).toBe(16);
  expect(await bars('bn', 'column-stats-var')).toBe(16);
});

test('the chosen-sample slider follows the batch size', async ({ page }) => {
  const widget = await open(page, '?ln.n=20&ln.pick=15');
  // A link may carry a batch size between the slider's stops: it is kept, and the slider sits at the nearest stop.
  expect(await shownN(widget)).toBe(20);
  await expect(range(widget, 'pick')).toHaveAttribute('max', '20');
  await expect(range(widget, 'pick')).toHaveValue('15');
  await setN(widget, 4);
  await expect(range(widget, 'pick')).toHaveAttribute('max', '4');
  await expect(range(widget, 'pick')).toHaveValue('4');
  await expect.poll(() => widgetParams(page, 'ln')['ln.pick']).toBe('4');
  await expect(widget.locator('[data-text="pickLabel"]')).toHaveText('Sample 4’s own statistics: ');
});

test('the URL follows the state, and a fresh page on it shows the same view in both languages', async ({ page }) => {
  const widget = await open(page);
  await setRange(range(widget, 'pick'), 2);
  await widget.locator('select[name="scale"]').selectOption('0.5');
  await moreSettings(widget);
  await widget.locator('select[name="affine"]').selectOption('random');
  await setRange(range(widget, 'mates'), 3);
  await setN(widget, 32);
  await expect.poll(() => widgetParams(page, 'ln')).toMatchObject({ 'ln.pick': '2', 'ln.scale': '0.5', 'ln.affine': 'random', 'ln.mates': '3', 'ln.n': '32' });
  await settled(page);
  const numbers = await Promise.all(['bnChange', 'pickMean', 'pickVar', 'bnTrainEval'].map((k) => text(widget, k)));
  const figures = await Promise.all(FIGURES.map((k) => figureMarkup(widget, k)));
  const query = new URL(page.url()).search;

  const fresh = await open(page, query);
  await expect(range(fresh, 'pick')).toHaveValue('2');
  await expect(range(fresh, 'n')).toHaveAttribute('aria-valuetext', '32');
  await expect(fresh.locator('select[name="scale"]')).toHaveValue('0.5');
  await expect(fresh.locator('select[name="affine"]')).toHaveValue('random');
  expect(await Promise.all(['bnChange', 'pickMean', 'pickVar', 'bnTrainEval'].map((k) => text(fresh, k)))).toEqual(numbers);
  expect(await Promise.all(FIGURES.map((k) => figureMarkup(fresh, k)))).toEqual(figures);

  const zh = await open(page, query, 'zh');
  await expect(range(zh, 'mates')).toHaveValue('3');
  await expect(zh.locator('[data-text="bnChange"]')).toHaveText(numbers[0] ?? '');
  await expect(zh.locator('[data-text="changeHeading"]')).toHaveText('样本 2 输出的最大变化量');
  await expect(zh.locator('[data-text="lnNote"]')).toContainText('ε = 1e−5');
  await expect(zh.locator('[data-text="lnNote"]')).toContainText('若 ε = 0，变化小于 1e−14，只是浮点舍入误差。');
});

test('the copy-link button carries the query and the widget anchor', async ({ page }) => {
  await expectCopiedLink(await open(page, '?ln.n=5&ln.mode=eval'), ['ln.n=5', 'ln.mode=eval']);
});

test.describe('hostile query strings are harmless', () => {
  const queries = [
    '?ln.n=-3&ln.c=1e9&ln.pick=abc&ln.mates=-1',
    '?ln.scale=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&ln.mode=%3Cscript%3E&ln.affine=__proto__',
    '?ln.n=1e400&ln.seed=NaN&ln.pick=Infinity&ln.c=0x10',
    '?ln.n=64&ln.c=16&ln.pick=64&ln.scale=10&ln.mode=eval&ln.mates=100&ln.seed=100',
    '?ln.n=1&ln.n=64&ln.pick=%00&ln.mates=5.5',
  ];
  for (const query of queries) {
    test(query, async ({ page }) => {
      const widget = await open(page, query);
      await expect(widget.locator('img, script:not([type]), [onerror]')).toHaveCount(0);
      const shown = await widget.innerText();
      expect(shown).not.toMatch(/NaN|Infinity|undefined/);
      const n = await shownN(widget);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(64);
      await expect.poll(async () => Number(await range(widget, 'pick').inputValue())).toBeLessThanOrEqual(n);
      expect(['0.1', '0.2', '0.5', '1', '2', '5', '10']).toContain(await widget.locator('select[name="scale"]').inputValue());
      await expect(widget.locator('input[name="mode"]:checked')).toHaveCount(1);
      // The first input writes a clean, clamped query.
      await widget.locator('[data-action="newMates"]').click();
      await expect.poll(() => widgetParams(page, 'ln')['ln.n']).toBe(String(n));
      expect(['train', 'eval']).toContain((await flushedParams(page, 'ln'))['ln.mode']);
    });
  }
});

test('works with the keyboard alone', async ({ page }) => {
  const widget = await open(page);
  await widget.locator('[data-action="newMates"]').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => widgetParams(page, 'ln')['ln.mates']).toBe('2');
  await page.keyboard.press('Tab'); // "Back to original"
  await expect(widget.locator('[data-action="originalMates"]')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(widget.locator('[data-text="bnChange"]')).toHaveText(BIT_IDENTICAL.en);
  await page.keyboard.press('Tab'); // the chosen sample
  await expect(range(widget, 'pick')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(range(widget, 'pick')).toHaveValue('2');
  await expect(widget.locator('[data-text="pickLabel"]')).toHaveText('Sample 2’s own statistics: ');
  await page.keyboard.press('Tab'); // the batch size: one key, one stop
  await page.keyboard.press('ArrowRight');
  await expect(range(widget, 'n')).toHaveAttribute('aria-valuetext', '16');
  await page.keyboard.press('Tab'); // the scale select
  await expect(widget.locator('select[name="scale"]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(widget.locator('select[name="scale"]')).toHaveValue('2');
  await page.keyboard.press('Tab'); // train / eval
  await expect(widget.locator('input[name="mode"][value="train"]')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(widget.locator('input[name="mode"][value="eval"]')).toBeChecked();
  await expect(widget.locator('[data-text="mode"]').first()).toHaveText('eval');
  await page.keyboard.press('Tab'); // "More settings" opens from the keyboard
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(range(widget, 'c')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => widgetParams(page, 'ln')['ln.c']).toBe('7');
});

test('axe finds nothing in light and dark, with figures and with the N = 1 refusal', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page);
  await moreSettings(widgetOf(page));
  await expectNoAxeViolations(page, '#widget-layernorm');
  await open(page, '?ln.n=1&ln.scale=0.1', 'zh');
  await expectNoAxeViolations(page, '#widget-layernorm');
});
