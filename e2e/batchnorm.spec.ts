// The BatchNorm explorer on the built site: no-JS figures, the first screen (Play beside the running curve), every
// control, next batch and play/pause (reduced motion, out of view), N over its stops, N = 1 in training, the feature
// slider following C, URL round trip in both languages, hostile queries, keyboard, axe, and the redraw time.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectCopiedLink, expectNoAxeViolations, figureMarkup, setRange, settled, waitLive, flushedParams, widgetParams } from './widget-helpers';

const N_STOPS = [1, 2, 4, 8, 16, 32, 64] as const;

const PATH = { en: '/en/batchnorm/', zh: '/zh/batchnorm/' } as const;
const FIGURES = ['input', 'inputStats', 'output', 'outputStats', 'running', 'spread'] as const;
const NUMBERS = ['batchMean', 'batchVar', 'popMean', 'runMean', 'runVar', 'outMean', 'outStd', 'share', 'deviation'] as const;
const refusal = (c: number) => `ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, ${c}])`;

const widgetOf = (page: Page) => page.locator('#widget-batchnorm');
const text = (widget: Locator, key: string) => widget.locator(`[data-text="${key}"]`).first().innerText();
const range = (widget: Locator, name: string) => widget.locator(`input[type="range"][name="${name}"]`);
const numbers = (widget: Locator) => Promise.all(NUMBERS.map((k) => text(widget, k)));

async function open(page: Page, query = '', lang: keyof typeof PATH = 'en'): Promise<Locator> {
  await page.goto(`${PATH[lang]}${query}`);
  const widget = widgetOf(page);
  await waitLive(widget);
  return widget;
}

/** The batch size shown beside its slider (the slider itself moves over stops: 1, 2, 4, … 64). */
const shownN = async (widget: Locator) => Number(await widget.locator('output[data-output="n"]').innerText());

/** Moves the batch-size slider to the stop of N (a drag to it). */
async function slideN(widget: Locator, n: (typeof N_STOPS)[number]): Promise<void> {
  await slide(range(widget, 'n'), N_STOPS.indexOf(n));
  await expect(widget.locator('output[data-output="n"]')).toHaveText(String(n));
}

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

/** Runs `act` and checks that the figure and the printed `key` both changed. */
async function expectChange(widget: Locator, figure: (typeof FIGURES)[number], key: string, act: () => Promise<void>): Promise<void> {
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
    test(`shows the default batch, its statistics, the output and the code (${lang})`, async ({ page }) => {
      await page.goto(PATH[lang]);
      const widget = widgetOf(page);
      await expect(widget).toHaveAttribute('data-widget', 'batchnorm');
      for (const key of FIGURES) {
        // Drawn for a phone and for a desktop; the box shows the one that fits its width.
        for (const at of ['phone', 'desktop']) {
          const svg = widget.locator(`[data-figure="${key}"] > svg[data-drawn-for="${at}"]`);
          await expect(svg).toHaveAttribute('role', 'img');
          await expect(svg).toHaveAttribute('aria-label', /.{30}/);
        }
        await expect(widget.locator(`[data-figure="${key}"] > svg:visible`)).toHaveCount(1);
      }
      // an 8 × 4 heatmap prints its values, in the drawing shown and in the other one
      await expect(widget.locator('[data-figure="input"] > svg:visible .heatmap-values text')).toHaveCount(32);
      await expect(widget.locator('[data-figure="input"] > svg .heatmap-values text')).toHaveCount(64);
      await expect(widget.locator('[data-figure="input"] > svg:visible .heatmap-highlight-column')).toHaveCount(1);
      // the batch size slider sits on its stop (8 is the fourth of 1, 2, 4, 8, …) and shows the value
      await expect(range(widget, 'n')).toHaveValue('3');
      await expect(widget.locator('output[data-output="n"]')).toHaveText('8');
      await expect(widget.locator('[data-text="popMean"]')).toHaveText('5');
      await expect(widget.locator('[data-text="outMean"]')).toHaveText('0');
      await expect(widget.locator('[data-text="outStd"]')).toHaveText('1');
      await expect(widget.locator('[data-text="batchMean"]')).toHaveText(/^−?\d+\.\d+$/);
      await expect(widget.locator('[data-code]')).toContainText('bn = nn.BatchNorm1d(4, eps=1e-5, momentum=0.1, dtype=torch.float64)');
      await expect(widget.locator('[data-message]')).toBeHidden();
    });
  }
});

test('every control changes the figures and the printed numbers', async ({ page }) => {
  test.setTimeout(60_000);
  const widget = await open(page, '?bn.step=5');
  await expectChange(widget, 'input', 'batchMean', () => slideN(widget, 16));
  await expectChange(widget, 'inputStats', 'batchMean', () => setRange(range(widget, 'f'), 4));
  await expect(widget.locator('[data-text="feature"]')).toHaveText('feature 4');
  await expectChange(widget, 'output', 'outMean', () => slide(range(widget, 'beta'), 2.5));
  await expect(widget.locator('[data-text="outMean"]')).toHaveText('2.5');
  await expectChange(widget, 'outputStats', 'outStd', () => slide(range(widget, 'gamma'), -1.5));
  await expect(widget.locator('[data-text="outStd"]')).toHaveText(/^1\.[45]\d*$/);
  await expect(widget.locator('[data-code]')).toContainText('bn.weight[3] = -1.5');
  await expectChange(widget, 'running', 'runMean', () => slide(range(widget, 'momentum'), 0.5));
  await expectChange(widget, 'input', 'batchMean', async () => {
    await widget.locator('.more-settings summary').click(); // the seed is folded under "More settings"
    await setRange(range(widget, 'seed'), 3);
  });
  await expectChange(widget, 'input', 'inputTitle', () => slide(range(widget, 'c'), 12));
  await expectChange(widget, 'running', 'runMean', () => slide(range(widget, 'step'), 40));
  await expectChange(widget, 'output', 'outMean', () => widget.locator('label.segment', { hasText: 'eval' }).click());
  await expect(widget.locator('[data-text="runMean"]')).toContainText('eval does not update it');
  await expect(widget.locator('[data-code]')).toContainText('bn.eval()');
});

test('"next batch" feeds one batch: the running statistics take one step towards the population', async ({ page }) => {
  const widget = await open(page, '?bn.n=4&bn.momentum=0.1');
  await expect(widget.locator('[data-text="runMean"]')).toHaveText(/^0 → /);
  const after = (await text(widget, 'runMean')).split(' → ')[1]?.split(' ')[0] ?? '';
  await expectChange(widget, 'input', 'batchMean', () => widget.locator('[data-action="next"]').click());
  await expect.poll(() => widgetParams(page, 'bn')['bn.step']).toBe('1');
  await expect(range(widget, 'step')).toHaveValue('1');
  // step 1 starts where the training pass of step 0 left the buffers
  await expect(widget.locator('[data-text="runMean"]')).toHaveText(new RegExp(`^${after.replace(/[.]/g, '\\.')} → `));
  await expect(widget.locator('[data-text="inputTitle"]')).toContainText('batch 1 of the stream');
  await slide(range(widget, 'step'), 22);
  // (1 − 0.1)^22 = 0.0985, typeset: the exponent is a superscript.
  await expect(widget.locator('sup[data-text="shareK"]')).toHaveText('22');
  await expect(widget.locator('[data-text="shareM"]')).toHaveText('0.1');
  await expect(widget.locator('[data-text="share"]')).toHaveText('0.0985');
  await expect(widget.locator('[data-text="shareNote"]')).toHaveText('90.2\u00a0% of the way to the population value');
  await widget.locator('[data-action="restart"]').click();
  await expect(range(widget, 'step')).toHaveValue('0');
  await expect(widget.locator('[data-text="runMean"]')).toHaveText(/^0 → /);
});

test('play feeds batches until paused; it pauses when the widget leaves the viewport', async ({ page }) => {
  const widget = await open(page);
  const play = widget.locator('button[data-play]');
  await play.click();
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await expect(play).toHaveText('Pause');
  await expect.poll(async () => Number(await range(widget, 'step').inputValue()), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  await play.click();
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  const stopped = await range(widget, 'step').inputValue();
  await page.waitForTimeout(1200);
  await expect(range(widget, 'step')).toHaveValue(stopped);

  await play.click();
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(play).toHaveAttribute('aria-pressed', 'false');
});

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('nothing plays by itself, and play steps slowly', async ({ page }) => {
    const widget = await open(page);
    await page.waitForTimeout(1000);
    await expect(range(widget, 'step')).toHaveValue('0');
    // Record when the step changes, in the page (no polling delay).
    await page.evaluate(() => {
      const times: number[] = [];
      (window as unknown as { stepTimes: number[] }).stepTimes = times;
      const input = document.querySelector<HTMLInputElement>('#widget-batchnorm input[name="step"]')!;
      let last = input.value;
      const watch = (): void => {
        if (input.value !== last) {
          last = input.value;
          times.push(performance.now());
        }
        if (times.length < 3) requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    });
    await widget.locator('button[data-play]').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { stepTimes: number[] }).stepTimes.length), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    const [, second = 0, third = 0] = await page.evaluate(() => (window as unknown as { stepTimes: number[] }).stepTimes);
    expect(third - second).toBeGreaterThan(1000);
    await widget.locator('button[data-play]').click();
    await expect(widget.locator('button[data-play]')).toHaveAttribute('aria-pressed', 'false');
  });
});

test('N = 1 in training shows PyTorch’s refusal as a message, and eval mode works', async ({ page }) => {
  const widget = await open(page, '?bn.step=3');
  await setRange(range(widget, 'n'), 0); // the first stop: N = 1
  await expect(widget.locator('output[data-output="n"]')).toHaveText('1');
  await expect(widget.locator('[data-message]')).toBeVisible();
  await expect(widget.locator('[data-message]')).toHaveText(refusal(4));
  await expect(widget.locator('[data-text="outMean"]')).toHaveText('—');
  await expect(widget.locator('[data-figure="output"] .heatmap-masked')).toHaveCount(1);
  await expect(widget.locator('[data-code]')).toContainText(`# ${refusal(4)}`);
  expect(await widget.innerText()).not.toMatch(/NaN|Infinity/);

  // No step was an update: the weight readout agrees with the flat running curves.
  await expect(widget.locator('[data-text="shareK"]')).toHaveText('0');
  await expect(widget.locator('[data-text="share"]')).toHaveText('1');
  await expect(widget.locator('[data-text="shareNote"]')).toHaveText('no update: at N\u00a0=\u00a01 PyTorch refused every training step (3 so far)');

  await widget.locator('label.segment', { hasText: 'eval' }).click();
  await expect(widget.locator('[data-message]')).toBeHidden();
  await expect(widget.locator('[data-text="outMean"]')).toHaveText(/^−?\d/);
  await expect(widget.locator('[data-text="oneSampleNote"]')).toContainText('never left their initial values');
  await expect(widget.locator('[data-text="shareK"]')).toHaveText('0');
});

test('eval mode feeds nothing: Next batch and Play are unavailable, with the reason beside them', async ({ page }) => {
  const widget = await open(page, '?bn.step=5');
  const next = widget.locator('[data-action="next"]');
  const play = widget.locator('button[data-play]');
  const note = widget.locator('[data-text="toolbarNote"]');
  await play.click();
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await widget.locator('label.segment', { hasText: 'eval' }).click();
  // Playing stops, both buttons say they are unavailable and why (still focusable, so a keyboard user finds them).
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  for (const button of [next, play]) {
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toHaveAttribute('aria-describedby', (await note.getAttribute('id')) ?? 'missing');
  }
  await expect(note).toBeVisible();
  await expect(note).toContainText('Eval mode feeds no batches');
  await settled(page);
  const step = await range(widget, 'step').inputValue();
  const running = await text(widget, 'runMean');
  // (force: Playwright, like a reader's tools, treats aria-disabled buttons as disabled; a mouse still clicks them)
  await next.click({ force: true });
  await play.click({ force: true });
  await page.waitForTimeout(1000);
  await expect(range(widget, 'step')).toHaveValue(step);
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  expect(await text(widget, 'runMean')).toBe(running);
  expect(running).toContain('eval does not update it');
  // "after 1 batch", not "after 1 batches".
  await slide(range(widget, 'step'), 1);
  await expect(widget.locator('[data-text="modeNote"]')).toHaveText('eval: each column is normalized with the running mean and variance after 1 batch');
  // Back in training both buttons work again.
  await widget.locator('label.segment', { hasText: 'train' }).click();
  for (const button of [next, play]) await expect(button).not.toHaveAttribute('aria-disabled', /.*/);
  await expect(note).toContainText('Play feeds one batch per step');
  await next.click();
  await expect(range(widget, 'step')).toHaveValue('2');
});

test('labels are typeset: μ with a subscript B, σ with a stacked 2 and B, and Chinese punctuation in zh', async ({ page }) => {
  const en = await open(page);
  await expect(en.locator('.bn-readouts dt').first()).toHaveText('feature 2: batch mean μB');
  await expect(en.locator('.bn-readouts dt').first().locator('sub')).toHaveText('B');
  await expect(en.locator('.bn-readouts dt').nth(1).locator('.notation-stack sup')).toHaveText('2');
  await expect(en.locator('.bn-readouts dt').nth(1).locator('.notation-stack sub')).toHaveText('B');
  await expect(en.locator('[data-figure="spread"] .spread-y-label tspan').first()).toHaveText('B');
  expect(await en.innerText()).not.toMatch(/μ_B|σ²_B|_\{|\^\{|\)\^/);
  // A subscript is drawn smaller than its base.
  const sizes = await en.locator('.bn-readouts dt').first().evaluate((dt) => [getComputedStyle(dt).fontSize, getComputedStyle(dt.querySelector('sub')!).fontSize].map(Number.parseFloat));
  expect(sizes[1]!).toBeLessThan(sizes[0]! * 0.9);

  const zh = await open(page, '?bn.step=22', 'zh');
  await expect(zh.locator('.bn-readouts dt').first()).toHaveText('特征 2：批均值 μB');
  await expect(zh.locator('[data-text="shareNote"]')).toHaveText('已走完从初始值到总体值的 90.2%');
  await expect(zh.locator('[data-text="runningTitle"]')).toHaveText('特征 2 的滑动平均统计量');
  const all = await zh.innerText();
  expect(all).not.toMatch(/运行(统计量|均值|方差)|[\u4e00-\u9fff]: | %/);
});

test('the chosen-feature slider follows the number of features', async ({ page }) => {
  const widget = await open(page, '?bn.c=12&bn.f=10');
  await expect(range(widget, 'f')).toHaveAttribute('max', '12');
  await expect(range(widget, 'f')).toHaveValue('10');
  await slide(range(widget, 'c'), 5);
  await expect(range(widget, 'f')).toHaveAttribute('max', '5');
  await expect(range(widget, 'f')).toHaveValue('5');
  await expect.poll(() => widgetParams(page, 'bn')['bn.f']).toBe('5');
  await expect(widget.locator('[data-text="feature"]')).toHaveText('feature 5');
});

test('the URL follows the state, and a fresh page on it shows the same view in both languages', async ({ page }) => {
  test.setTimeout(90_000);
  const widget = await open(page);
  await slideN(widget, 32);
  await slide(range(widget, 'c'), 7);
  await setRange(range(widget, 'f'), 3);
  await slide(range(widget, 'gamma'), 2);
  await slide(range(widget, 'beta'), -1);
  await slide(range(widget, 'momentum'), 0.2);
  await widget.locator('.more-settings summary').click();
  await setRange(range(widget, 'seed'), 6);
  await slide(range(widget, 'step'), 33);
  await widget.locator('label.segment', { hasText: 'eval' }).click();
  await expect.poll(() => widgetParams(page, 'bn')).toEqual({
    'bn.n': '32',
    'bn.c': '7',
    'bn.f': '3',
    'bn.gamma': '2',
    'bn.beta': '-1',
    'bn.momentum': '0.2',
    'bn.seed': '6',
    'bn.mode': 'eval',
    'bn.step': '33',
  });
  await settled(page);
  const shown = await numbers(widget);
  const figures = await Promise.all(FIGURES.map((k) => figureMarkup(widget, k)));
  const query = new URL(page.url()).search;

  const fresh = await open(page, query);
  await expect(range(fresh, 'step')).toHaveValue('33');
  await expect(fresh.locator('input[name="mode"][value="eval"]')).toBeChecked();
  expect(await numbers(fresh)).toEqual(shown);
  expect(await Promise.all(FIGURES.map((k) => figureMarkup(fresh, k)))).toEqual(figures);

  const zh = await open(page, query, 'zh');
  await expect(range(zh, 'n')).toHaveValue('5');
  await expect(zh.locator('output[data-output="n"]')).toHaveText('32');
  for (const key of ['batchMean', 'batchVar', 'popMean', 'outMean', 'outStd'] as const) {
    await expect(zh.locator(`[data-text="${key}"]`)).toHaveText(shown[NUMBERS.indexOf(key)] ?? '');
  }
  await expect(zh.locator('[data-text="feature"]')).toHaveText('特征 3');
});

test('the copy-link button carries the query and the widget anchor', async ({ page }) => {
  await expectCopiedLink(await open(page, '?bn.n=5&bn.mode=eval'), ['bn.n=5', 'bn.mode=eval']);
});

test.describe('hostile query strings are harmless', () => {
  const queries = [
    '?bn.n=-3&bn.c=1e9&bn.f=abc&bn.step=-1&bn.momentum=0',
    '?bn.mode=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&bn.gamma=%3Cscript%3E&bn.seed=__proto__',
    '?bn.n=1e400&bn.seed=NaN&bn.step=Infinity&bn.c=0x10&bn.beta=1e-400',
    '?bn.n=64&bn.c=16&bn.f=16&bn.gamma=3&bn.beta=-5&bn.momentum=1&bn.seed=100&bn.step=200&bn.mode=eval',
    '?bn.n=1&bn.n=64&bn.f=%00&bn.step=5.5&bn.mode=train',
  ];
  for (const query of queries) {
    test(query, async ({ page }) => {
      const widget = await open(page, query);
      await expect(widget.locator('img, script:not([type]), [onerror]')).toHaveCount(0);
      expect(await widget.innerText()).not.toMatch(/NaN|Infinity|undefined/);
      const n = await shownN(widget);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(64);
      const step = Number(await range(widget, 'step').inputValue());
      expect(step).toBeGreaterThanOrEqual(0);
      expect(step).toBeLessThanOrEqual(200);
      await expect.poll(async () => Number(await range(widget, 'f').inputValue())).toBeLessThanOrEqual(Number(await range(widget, 'c').inputValue()));
      await expect(widget.locator('input[name="mode"]:checked')).toHaveCount(1);
      // The first input writes a clean, clamped query.
      await widget.locator('[data-action="restart"]').click();
      await expect.poll(() => widgetParams(page, 'bn')['bn.n']).toBe(String(n));
      expect(['train', 'eval']).toContain((await flushedParams(page, 'bn'))['bn.mode']);
    });
  }
});

for (const worker of [true, false]) {
  test(`a new seed at 200 batches is drawn ${worker ? 'by a Web Worker' : 'on the page when workers are unavailable'}, then shows what a fresh page shows`, async ({ page }) => {
    const started: string[] = [];
    page.on('worker', (w) => started.push(w.url()));
    if (!worker) {
      await page.addInitScript(() => {
        (window as unknown as { Worker: unknown }).Worker = function Refused() {
          throw new Error('workers refused here');
        };
      });
    } else {
      // The worker's replies can be held back (window.holdWorker): meanwhile the widget shows the new batch and waits.
      await page.addInitScript(() => {
        const w = window as unknown as { holdWorker: Promise<void> | null };
        w.holdWorker = null;
        const native = Worker.prototype.addEventListener;
        Worker.prototype.addEventListener = function (this: Worker, type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) {
          const held = type === 'message' && typeof listener === 'function'
            ? (event: Event) => void (w.holdWorker ?? Promise.resolve()).then(() => listener.call(this, event))
            : listener;
          native.call(this, type, held, options);
        } as typeof Worker.prototype.addEventListener;
      });
    }
    const query = '?bn.n=64&bn.c=16&bn.step=200&bn.mode=eval&bn.seed=40';
    const widget = await open(page, query);
    await settled(page);
    if (worker) {
      await page.evaluate(() => {
        const w = window as unknown as { holdWorker: Promise<void> | null; release: () => void };
        w.holdWorker = new Promise((resolve) => (w.release = resolve));
      });
    }
    const batchMeanBefore = await widget.locator('[data-text="batchMean"]').textContent();
    await widget.locator('.more-settings summary').click();
    await range(widget, 'seed').focus();
    await page.keyboard.press('End'); // seed 100: 200 batches nobody has drawn yet (41 and 39 are drawn ahead)
    if (worker) {
      await expect(widget.locator('[data-text="runMean"]')).toHaveText('…');
      await expect(widget.locator('[data-text="batchMean"]')).not.toHaveText(batchMeanBefore ?? '');
      for (const key of ['output', 'outputStats', 'running', 'spread']) await expect(widget.locator(`[data-figure="${key}"]`)).toHaveAttribute('data-stale', '');
      await expect(widget.locator('[data-figure="input"]')).not.toHaveAttribute('data-stale', '');
      await expect(widget.locator('[data-message]')).toBeHidden();
      await expect(widget).toHaveAttribute('data-drawing', '');
      await page.evaluate(() => (window as unknown as { release: () => void }).release());
    }
    await settled(page);
    await expect(widget.locator('[data-stale]')).toHaveCount(0);
    await expect(widget).not.toHaveAttribute('data-drawing', '');
    await expect(widget.locator('[data-message]')).toBeHidden();
    const shown = await numbers(widget);
    expect(shown.join(' ')).not.toMatch(/replaying|NaN/);
    const running = await figureMarkup(widget, 'running');
    const fresh = await open(page, query.replace('seed=40', 'seed=100'));
    await settled(page);
    expect(await numbers(fresh)).toEqual(shown);
    expect(await figureMarkup(fresh, 'running')).toBe(running);
    expect(started.some((url) => url.includes('stream-worker'))).toBe(worker);
  });
}

test('the seeds next to the current one are drawn ahead: stepping the seed at 200 batches needs no wait', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { asked: string[]; shown: string[] };
    w.asked = [];
    const native = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, transfer?: Transferable[]) {
      w.asked.push(JSON.stringify(message));
      return native.call(this, message, { transfer: transfer ?? [] });
    } as typeof Worker.prototype.postMessage;
  });
  const widget = await open(page, '?bn.n=64&bn.c=16&bn.step=200&bn.seed=50');
  await settled(page);
  // The page asked for seed 50, then the worker drew 51 and 49 on its own.
  await expect.poll(() => page.evaluate(() => (window as unknown as { asked: string[] }).asked)).toEqual([
    JSON.stringify({ seed: 50, steps: 200 }),
    JSON.stringify({ seed: 51, steps: 200 }),
    JSON.stringify({ seed: 49, steps: 200 }),
  ]);
  await page.waitForTimeout(300); // the last one's answer
  await widget.locator('[data-text="runMean"]').evaluate((el) => {
    const w = window as unknown as { shown: string[] };
    w.shown = [];
    new MutationObserver(() => w.shown.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await widget.locator('.more-settings summary').click();
  await range(widget, 'seed').focus();
  await page.keyboard.press('ArrowRight');
  await settled(page);
  const shown = await page.evaluate(() => (window as unknown as { shown: string[] }).shown);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.join(' ')).not.toContain('…');
  // Seed 51 was not asked for again; its neighbour 52 is drawn ahead next.
  await expect.poll(() => page.evaluate(() => (window as unknown as { asked: string[] }).asked.slice(3))).toEqual([JSON.stringify({ seed: 52, steps: 200 })]);
  const stepped = await numbers(widget);
  const fresh = await open(page, '?bn.n=64&bn.c=16&bn.step=200&bn.seed=51');
  await settled(page);
  expect(await numbers(fresh)).toEqual(stepped);
});

test('figures off screen wait for idle time or for the reader to scroll to them, then equal a fresh page', async ({ page }) => {
  // While `holdIdle` is set, idle callbacks are kept back: what is off screen then waits for the reader.
  await page.addInitScript(() => {
    const w = window as unknown as { holdIdle: boolean; held: IdleRequestCallback[] };
    w.holdIdle = false;
    w.held = [];
    const native = window.requestIdleCallback.bind(window);
    window.requestIdleCallback = (callback, options) => {
      if (!w.holdIdle) return native(callback, options);
      w.held.push(callback);
      return 0;
    };
  });
  const hold = (on: boolean) => page.evaluate((value) => {
    (window as unknown as { holdIdle: boolean }).holdIdle = value;
  }, on);
  const widget = await open(page, '?bn.n=64&bn.c=8&bn.step=20');
  await settled(page);
  const all = () => Promise.all(FIGURES.map((key) => figureMarkup(widget, key)));
  // The reader looks at the batch (the heatmaps and their strips); the spread chart is far above.
  // The runtime learns what is on screen from an IntersectionObserver, whose news arrives a frame later: wait for
  // it, or a redraw right after the scroll may still count the spread chart as on screen (seen once in CI).
  const atBatch = async () => {
    await widget.locator('[data-figure="outputStats"]').evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
    await page.evaluate(async () => {
      for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  };
  await atBatch();
  const before = await all();
  await hold(true);
  await slideN(widget, 32); // all six figures change
  await expect.poll(() => figureMarkup(widget, 'input')).not.toBe(before[0]);
  await expect(widget).toHaveAttribute('data-drawing', '');
  expect(await figureMarkup(widget, 'spread')).toBe(before[5]);
  await widget.locator('[data-figure="spread"]').evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
  await expect.poll(() => figureMarkup(widget, 'spread')).not.toBe(before[5]);
  await page.evaluate(() => {
    const w = window as unknown as { holdIdle: boolean; held: IdleRequestCallback[] };
    w.holdIdle = false;
    for (const callback of w.held.splice(0)) callback({ didTimeout: true, timeRemaining: () => 50 });
  });
  await settled(page);
  await expect(widget).not.toHaveAttribute('data-drawing', '');
  const stepped = await all();
  // Printing draws whatever still waits for idle time.
  await atBatch();
  await hold(true);
  await slideN(widget, 16);
  await expect.poll(() => figureMarkup(widget, 'input')).not.toBe(stepped[0]);
  expect(await figureMarkup(widget, 'spread')).toBe(stepped[5]);
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await expect(widget).not.toHaveAttribute('data-drawing', '');
  const printed = await all();
  expect(printed[5]).not.toBe(stepped[5]);

  for (const [query, shown] of [['?bn.n=32&bn.c=8&bn.step=20', stepped], ['?bn.n=16&bn.c=8&bn.step=20', printed]] as const) {
    const fresh = await open(page, query);
    await settled(page);
    expect(await Promise.all(FIGURES.map((key) => figureMarkup(fresh, key)))).toEqual(shown);
  }
});

test('a figure that once took longer than any idle period is still drawn (no endless wait for idle time)', async ({ page }) => {
  // While `slowSvg` is set, every SVG attribute write busy-waits: each figure's drawing takes over 50 ms, longer
  // than the longest idle period a browser grants.
  await page.addInitScript(() => {
    const w = window as unknown as { slowSvg: boolean };
    w.slowSvg = false;
    const native = SVGElement.prototype.setAttribute;
    SVGElement.prototype.setAttribute = function (this: SVGElement, name: string, value: string) {
      if (w.slowSvg) for (const until = performance.now() + 3; performance.now() < until; );
      native.call(this, name, value);
    };
  });
  const widget = await open(page, '?bn.n=64&bn.c=8&bn.step=20');
  await widget.locator('[data-figure="input"]').evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
  await page.evaluate(() => ((window as unknown as { slowSvg: boolean }).slowSvg = true));
  await slideN(widget, 32);
  await settled(page); // the redraw has begun (and, when it ends within 600 frames, ended)
  await expect(widget).not.toHaveAttribute('data-drawing', '', { timeout: 20_000 });
  await page.evaluate(() => ((window as unknown as { slowSvg: boolean }).slowSvg = false));
  const spread = await figureMarkup(widget, 'spread');
  await slideN(widget, 16);
  await settled(page);
  await expect(widget).not.toHaveAttribute('data-drawing', '', { timeout: 5_000 });
  expect(await figureMarkup(widget, 'spread')).not.toBe(spread);
});

test('works with the keyboard alone, in the order the controls are read', async ({ page }) => {
  const widget = await open(page);
  const next = widget.locator('[data-action="next"]');
  const play = widget.locator('button[data-play]');
  // The feeding bar first: Next batch, Play, Back to step 0, the step.
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(range(widget, 'step')).toHaveValue('1');
  await page.keyboard.press('Tab'); // Play
  await expect(play).toBeFocused();
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Tab'); // Back to step 0
  await page.keyboard.press('Enter');
  await expect(range(widget, 'step')).toHaveValue('0');
  await page.keyboard.press('Tab'); // the step
  await page.keyboard.press('ArrowRight');
  await expect(range(widget, 'step')).toHaveValue('1');
  // Under the running curve: momentum, then the mode.
  await page.keyboard.press('Tab');
  await expect(range(widget, 'momentum')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(range(widget, 'momentum')).toHaveValue('0.11');
  await page.keyboard.press('Tab');
  await expect(widget.locator('input[name="mode"][value="train"]')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(widget.locator('input[name="mode"][value="eval"]')).toBeChecked();
  // Eval by keyboard: back up to the buttons; they stay reachable, say they are unavailable, and feed nothing.
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+Tab');
  await expect(next).toBeFocused();
  await expect(next).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  await page.waitForTimeout(600);
  await expect(range(widget, 'step')).toHaveValue('1');
  // The batch: N moves from stop to stop, then C, the chosen feature, the folded seed, γ and β.
  const n = range(widget, 'n');
  await n.focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget.locator('output[data-output="n"]')).toHaveText('16');
  await expect(n).toHaveAttribute('aria-valuetext', '16');
  await page.keyboard.press('Tab'); // C
  await page.keyboard.press('ArrowRight');
  await expect(range(widget, 'c')).toHaveValue('5');
  await page.keyboard.press('Tab'); // chosen feature
  await page.keyboard.press('End');
  await expect(range(widget, 'f')).toHaveValue('5');
  await expect(widget.locator('[data-text="feature"]')).toHaveText('feature 5');
  await page.keyboard.press('Tab'); // "More settings"
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab'); // the data seed
  await expect(range(widget, 'seed')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(range(widget, 'seed')).toHaveValue('2');
  await page.keyboard.press('Tab'); // γ
  await expect(range(widget, 'gamma')).toBeFocused();
  await page.keyboard.press('Tab'); // β
  await page.keyboard.press('ArrowRight');
  await expect(widget.locator('output[data-output="beta"]')).toHaveText('0.1');
});

test('the batch size moves over 1, 2, 4 … 64, and a link with any N still opens on that N', async ({ page }) => {
  const widget = await open(page, '?bn.n=24');
  const n = range(widget, 'n');
  // 24 lies between the stops 16 and 32: the slider sits on the nearer one (16, the lower on a tie), the value stays.
  await expect(widget.locator('output[data-output="n"]')).toHaveText('24');
  await expect(n).toHaveValue(String(N_STOPS.indexOf(16)));
  await expect(n).toHaveAttribute('aria-valuetext', '24');
  await expect(widget.locator('[data-text="inputTitle"]')).toContainText('shape (24, 4)');
  await expect.poll(() => flushedParams(page, 'bn')).toMatchObject({ 'bn.n': '24' });
  // One step right from there: the next stop.
  await n.focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget.locator('output[data-output="n"]')).toHaveText('32');
  await expect.poll(() => widgetParams(page, 'bn')['bn.n']).toBe('32');
  // Every stop, Home to End.
  await page.keyboard.press('Home');
  const seen = [await shownN(widget)];
  for (let i = 1; i < N_STOPS.length; i++) {
    await page.keyboard.press('ArrowRight');
    seen.push(await shownN(widget));
  }
  expect(seen).toEqual([...N_STOPS]);
});

for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
  test(`the first screen (${viewport.width} × ${viewport.height}) shows Play and the running statistics together`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const widget = await open(page);
    // The reader has scrolled the widget's top to just under the site header.
    await widget.evaluate((el) => {
      const header = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
      window.scrollBy({ top: el.getBoundingClientRect().top - header - 8, behavior: 'instant' });
    });
    for (const part of ['button[data-play]', '[data-action="next"]', '[data-action="restart"]', '[data-figure="running"]']) {
      await expect(widget.locator(part)).toBeInViewport({ ratio: 1 });
    }
    if (viewport.width > 1000) {
      await expect(widget.locator('[data-figure="spread"]')).toBeInViewport({ ratio: 1 });
      // The feeding bar stays in view (sticky) while the reader scrolls down to the output.
      await widget.locator('[data-figure="outputStats"]').evaluate((el) => el.scrollIntoView({ block: 'end', behavior: 'instant' }));
      await expect(widget.locator('button[data-play]')).toBeInViewport({ ratio: 1 });
      await expect(widget.locator('[data-figure="output"]')).toBeInViewport({ ratio: 0.5 });
    }
  });
}

test('axe finds nothing in light and dark, with figures and with the N = 1 refusal', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page, '?bn.step=20');
  await expectNoAxeViolations(page, '#widget-batchnorm');
  await open(page, '?bn.n=1&bn.c=16', 'zh');
  await expectNoAxeViolations(page, '#widget-batchnorm');
});
