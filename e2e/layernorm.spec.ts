// The LayerNorm explorer on the built site: no-JS figures, every control, the batchmates experiment, N = 1,
// train/eval, URL round trip, hostile queries, keyboard, axe, and the redraw time.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectCopiedLink, expectNoAxeViolations, figureMarkup, setRange, settled, waitLive, flushedParams, widgetParams } from './widget-helpers';

const PATH = { en: '/en/layernorm/', zh: '/zh/layernorm/' } as const;
const FIGURES = ['input', 'output', 'compare'] as const;
const BIT_IDENTICAL = { en: '0 (bit-identical)', zh: '0（逐位相同）' } as const;
const REFUSAL = 'ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 6])';

const widgetOf = (page: Page) => page.locator('#widget-layernorm');
const text = (widget: Locator, key: string) => widget.locator(`[data-text="${key}"]`).first().innerText();
const range = (widget: Locator, name: string) => widget.locator(`input[type="range"][name="${name}"]`);

async function open(page: Page, query = '', lang: keyof typeof PATH = 'en'): Promise<Locator> {
  await page.goto(`${PATH[lang]}${query}`);
  const widget = widgetOf(page);
  await waitLive(widget);
  return widget;
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
        const svg = widget.locator(`[data-figure="${key}"] > svg`);
        await expect(svg).toHaveAttribute('role', 'img');
        await expect(svg).toHaveAttribute('aria-label', /\S{10}/);
      }
      await expect(widget.locator('[data-figure="compare"] > svg')).toHaveAttribute('aria-label', /BatchNorm.*LayerNorm/);
      await expect(widget.locator('[data-text="bnChange"]')).toHaveText(/^\d+(\.\d+)?$/);
      await expect(widget.locator('[data-text="lnChange"]')).toHaveText(BIT_IDENTICAL[lang]);
      await expect(widget.locator('[data-text="lnTrainEval"]')).toHaveText(lang === 'en' ? 'identical' : '完全相同');
      await expect(widget.locator('[data-code]')).toContainText('ln = nn.LayerNorm(C)');
      await expect(widget.locator('[data-code]')).toContainText('# LayerNorm: 0.0');
      await expect(range(widget, 'pick')).toHaveValue('1');
      await expect(widget.locator('.ln-bn-error')).toBeHidden();
    });
  }
});

test('comes alive without moving: every figure keeps its box', async ({ page }) => {
  await page.goto(PATH.en);
  const widget = widgetOf(page);
  const boxes = async () => Promise.all(FIGURES.map((key) => widget.locator(`[data-figure="${key}"]`).boundingBox()));
  await widget.locator('[data-figure="input"]').scrollIntoViewIfNeeded();
  const before = await boxes();
  await waitLive(widget);
  const after = await boxes();
  FIGURES.forEach((key, i) => {
    expect(Math.abs((after[i]?.height ?? 0) - (before[i]?.height ?? 0)), key).toBeLessThan(1);
    expect(Math.abs((after[i]?.y ?? 0) - (before[i]?.y ?? 0)), key).toBeLessThan(1);
  });
});

test('re-seeding the batchmates moves BatchNorm, never LayerNorm', async ({ page }) => {
  const widget = await open(page);
  for (let i = 0; i < 3; i++) {
    const input = await figureMarkup(widget, 'input');
    await widget.locator('[data-action="newMates"]').click();
    await expect.poll(() => figureMarkup(widget, 'input')).not.toBe(input);
    await expect(widget.locator('[data-text="bnChange"]')).toHaveText(/^\d+(\.\d+)?$/);
    await expect(widget.locator('[data-text="lnChange"]')).toHaveText(BIT_IDENTICAL.en);
  }
  await expect.poll(() => widgetParams(page, 'ln')['ln.mates']).toBe('4');
  await widget.locator('[data-action="originalMates"]').click();
  await expect(widget.locator('[data-text="bnChange"]')).toHaveText(BIT_IDENTICAL.en);
  await expect(range(widget, 'mates')).toHaveValue('0');
  await expectChange(widget, 'input', 'bnChange', () => setRange(range(widget, 'mates'), 7));
  await expect(widget.locator('[data-text="lnChange"]')).toHaveText(BIT_IDENTICAL.en);
});

test('every control changes the figures and the printed numbers', async ({ page }) => {
  const widget = await open(page);
  await expectChange(widget, 'input', 'pickMean', () => setRange(range(widget, 'pick'), 3));
  await expect(widget.locator('[data-text="changeHeading"]')).toHaveText('Largest change of sample 3’s output');

  await expectChange(widget, 'compare', 'lnChange', () => widget.locator('select[name="scale"]').selectOption('10'));
  await expect(widget.locator('[data-text="lnChange"]')).toHaveText(/^\d\.\de−\d+$/);
  await expect(widget.locator('[data-text="lnNote"]')).toContainText('comes from ε = 1e−5 alone');
  // What ε = 0 would leave is rounding, stated as a bound (PyTorch prints 0 or 2.2e-16 where this page computes 4.4e−16).
  await expect(widget.locator('[data-text="lnNote"]')).toContainText('With ε = 0 it would be below 1e−14: floating-point rounding.');
  expect(await text(widget, 'lnNote')).not.toMatch(/e−1[5-9]/); // no digits of the page's own rounding

  await expectChange(widget, 'output', 'bnChange', () => widget.locator('select[name="affine"]').selectOption('ramp'));
  await expect(widget.locator('[data-code]')).toContainText('gamma = torch.tensor([0.5, 0.7, 0.9, 1.1, 1.3, 1.5])');

  await expectChange(widget, 'input', 'pickVar', () => setRange(range(widget, 'c'), 10));
  await expectChange(widget, 'input', 'pickMean', () => setRange(range(widget, 'seed'), 5));
  await expectChange(widget, 'input', 'bnChange', () => setRange(range(widget, 'n'), 12));

  await expectChange(widget, 'compare', 'bnChange', () => widget.locator('label.segment', { hasText: 'eval' }).click());
  await expect(widget.locator('[data-text="mode"]').first()).toHaveText('eval');
  await expect(widget.locator('[data-code]')).toContainText('bn.running_mean.copy_');
});

test('N = 1: BatchNorm refuses in training with PyTorch’s message, LayerNorm works and is the same in eval', async ({ page }) => {
  const widget = await open(page);
  await setRange(range(widget, 'n'), 1);
  await expect(widget.locator('[data-text="bnError"]')).toHaveText(REFUSAL);
  await expect(widget.locator('.ln-bn-error')).toBeVisible();
  await expect(widget.locator('[data-figure="compare"] [data-panel="bn"]')).toContainText('ValueError');
  await expect(widget.locator('[data-figure="compare"] [data-panel="ln"] .sample-outputs-after')).toHaveAttribute('d', /^(M[^M]+){6}$/);
  await expect(widget.locator('[data-text="lnChange"]')).toHaveText(BIT_IDENTICAL.en);
  await expect(widget.locator('[data-text="lnTrainEval"]')).toHaveText('identical');
  await expect(range(widget, 'pick')).toHaveAttribute('max', '1');
  await expect(widget.locator('[data-code]')).toContainText(`# bn(x1) raises ${REFUSAL}`);
  // The page-level message stays for real failures: the refusal belongs to the BatchNorm panel only.
  await expect(widget.locator('[data-message]')).toBeHidden();

  await widget.locator('label.segment', { hasText: 'eval' }).click();
  await expect(widget.locator('.ln-bn-error')).toBeHidden();
  await expect(widget.locator('[data-figure="compare"] [data-panel="bn"] .sample-outputs-after')).toHaveAttribute('d', /^(M[^M]+){6}$/);
  await expect(widget.locator('[data-text="lnTrainEval"]')).toHaveText('identical');
});

test('at N = 64 the output’s row means are rounding noise and drawn as zero, the input’s at their scale', async ({ page }) => {
  const widget = await open(page, '?ln.n=64&ln.c=16&ln.pick=40');
  /** The bar widths of one figure's μ column (each bar is `M a,y h w v … z`). */
  const widths = async (figure: 'input' | 'output') =>
    widget.locator(`[data-figure="${figure}"] .row-stats-mean path[fill]`).evaluateAll((paths) =>
      paths.flatMap((p) => [...(p.getAttribute('d') ?? '').matchAll(/M[^h]*h([-\d.]+)/g)].map((m) => Number(m[1]))),
    );
  await settled(page);
  const output = await widths('output');
  expect(output).toHaveLength(64);
  expect(Math.max(...output), 'every μ bar of the LayerNorm output stays a 1 px tick').toBe(1);
  await expect(widget.locator('[data-figure="output"] .row-stats-mean text').last()).toHaveText('0');
  expect(Math.max(...(await widths('input'))), 'the input’s real row means fill the column').toBeGreaterThan(10);
});

test('the chosen-sample slider follows the batch size', async ({ page }) => {
  const widget = await open(page, '?ln.n=20&ln.pick=15');
  await expect(range(widget, 'pick')).toHaveAttribute('max', '20');
  await expect(range(widget, 'pick')).toHaveValue('15');
  await setRange(range(widget, 'n'), 4);
  await expect(range(widget, 'pick')).toHaveAttribute('max', '4');
  await expect(range(widget, 'pick')).toHaveValue('4');
  await expect.poll(() => widgetParams(page, 'ln')['ln.pick']).toBe('4');
  await expect(widget.locator('[data-text="pickLabel"]')).toHaveText('Sample 4’s own statistics: ');
});

test('the URL follows the state, and a fresh page on it shows the same view in both languages', async ({ page }) => {
  const widget = await open(page);
  await setRange(range(widget, 'pick'), 2);
  await widget.locator('select[name="scale"]').selectOption('0.5');
  await widget.locator('select[name="affine"]').selectOption('random');
  await setRange(range(widget, 'mates'), 3);
  await expect.poll(() => widgetParams(page, 'ln')).toMatchObject({ 'ln.pick': '2', 'ln.scale': '0.5', 'ln.affine': 'random', 'ln.mates': '3' });
  await settled(page);
  const numbers = await Promise.all(['bnChange', 'pickMean', 'pickVar', 'bnTrainEval'].map((k) => text(widget, k)));
  const figures = await Promise.all(FIGURES.map((k) => figureMarkup(widget, k)));
  const query = new URL(page.url()).search;

  const fresh = await open(page, query);
  await expect(range(fresh, 'pick')).toHaveValue('2');
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
      const n = Number(await range(widget, 'n').inputValue());
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
  const pick = range(widget, 'pick');
  await pick.focus();
  await page.keyboard.press('ArrowRight');
  await expect(pick).toHaveValue('2');
  await expect(widget.locator('[data-text="pickLabel"]')).toHaveText('Sample 2’s own statistics: ');
  await page.keyboard.press('Tab'); // the batchmates slider
  await page.keyboard.press('ArrowRight');
  await expect(range(widget, 'mates')).toHaveValue('2');
  await page.keyboard.press('Tab'); // "New batchmates"
  await expect(widget.locator('[data-action="newMates"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(range(widget, 'mates')).toHaveValue('3');
  await page.keyboard.press('Tab'); // "Original batchmates"
  await page.keyboard.press('Space');
  await expect(range(widget, 'mates')).toHaveValue('0');
  await expect(widget.locator('[data-text="bnChange"]')).toHaveText(BIT_IDENTICAL.en);
  await page.keyboard.press('Tab'); // the scale select
  await expect(widget.locator('select[name="scale"]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(widget.locator('select[name="scale"]')).toHaveValue('2');
  await widget.locator('input[name="mode"][value="train"]').focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget.locator('input[name="mode"][value="eval"]')).toBeChecked();
  await expect(widget.locator('[data-text="mode"]').first()).toHaveText('eval');
});

test('axe finds nothing in light and dark, with figures and with the N = 1 refusal', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page);
  await expectNoAxeViolations(page, '#widget-layernorm');
  await open(page, '?ln.n=1&ln.scale=0.1', 'zh');
  await expectNoAxeViolations(page, '#widget-layernorm');
});
