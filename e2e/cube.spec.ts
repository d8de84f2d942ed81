// The reduction cube on the built site: no-JS figure, every control (and only the ones that apply switched on), the
// cube in view beside its controls, URL round trip, hostile queries, keyboard, pointing at cells, axe.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectCopiedLink, expectNoAxeViolations, figureMarkup, setRange, settled, waitLive, widgetParams } from './widget-helpers';

// Many key presses per test, on a machine that may be busy: give each test room.
test.describe.configure({ timeout: 90_000 });

const PATH = { en: '/en/why-layernorm/', zh: '/zh/why-layernorm/' } as const;

const widgetOf = (page: Page) => page.locator('#widget-cube');
const text = (widget: Locator, key: string) => widget.locator(`[data-text="${key}"]`).first().innerText();
const range = (widget: Locator, name: string) => widget.locator(`input[type="range"][name="${name}"]`);

async function open(page: Page, query = '', lang: keyof typeof PATH = 'en'): Promise<Locator> {
  await page.goto(`${PATH[lang]}${query}`);
  const widget = widgetOf(page);
  await waitLive(widget);
  return widget;
}

/** Runs `act` and checks that both the figure and the printed `key` changed. */
async function expectChange(widget: Locator, key: string, act: () => Promise<unknown>): Promise<void> {
  await settled(widget.page()); // the previous step's redraw has landed
  const figure = await figureMarkup(widget, 'cube');
  const before = await text(widget, key);
  await act();
  await expect.poll(() => figureMarkup(widget, 'cube')).not.toBe(figure);
  await expect.poll(() => text(widget, key)).not.toBe(before);
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const lang of ['en', 'zh'] as const) {
    test(`shows the default figure, the numbers and the code (${lang})`, async ({ page }) => {
      await page.goto(PATH[lang]);
      const widget = widgetOf(page);
      await expect(widget).toHaveAttribute('data-widget', 'cube');
      // Drawn for a phone and for a desktop: the box shows the one that fits it.
      const svg = widget.locator('[data-figure="cube"] > svg:visible');
      await expect(svg).toHaveCount(1);
      await expect(svg).toHaveAttribute('role', 'img');
      await expect(svg).toHaveAttribute('aria-label', /LayerNorm/);
      expect(await svg.locator('polygon').count()).toBeGreaterThan(10);
      await expect(widget.locator('[data-text="groups"]')).toHaveText(lang === 'en' ? '18 groups (B·T) × 8 values (D)' : '18 组（B·T）× 每组 8 个值（D）');
      await expect(widget.locator('[data-text="call"]')).toHaveText('nn.LayerNorm(8)(x)');
      await expect(widget.locator('[data-code]')).toContainText('nn.LayerNorm(D, dtype=torch.float64)');
      await expect(range(widget, 'B')).toHaveValue('3');
      // The site's term for a token, in the control and in the note.
      await expect(widget.locator('label.segment', { hasText: lang === 'en' ? 'tokens' : 'token' }).first()).toBeVisible();
      await expect(widget.locator('[data-text="note"]')).toContainText(lang === 'en' ? 'One mean and variance per token' : '每个 token 一个均值、一个方差');
      await expect(widget).not.toContainText('词元');
    });
  }
});

test('a control that does not apply is switched off, with the reason when it is not obvious', async ({ page }) => {
  const widget = await open(page);
  // Tokens: T on, H and W hidden and off; G off (not GroupNorm), its reason shown as its description.
  await expect(range(widget, 'T')).toBeEnabled();
  for (const name of ['H', 'W']) await expect(range(widget, name)).toBeDisabled();
  const g = range(widget, 'G');
  await expect(g).toBeDisabled();
  await expect(widget.locator('#cube-g-hint')).toBeVisible();
  await expect(g).toHaveAttribute('aria-describedby', 'cube-g-hint');
  await widget.locator('select[name="norm"]').selectOption('gn');
  await expect(g).toBeEnabled();
  await expect(widget.locator('#cube-g-hint')).toBeHidden();
  // A batch of one leaves one sequence to choose from: the cell's b slider is off until B grows again.
  await setRange(range(widget, 'B'), 1);
  await expect(range(widget, 'b')).toBeDisabled();
  await setRange(range(widget, 'B'), 2);
  await expect(range(widget, 'b')).toBeEnabled();
  // Images: H and W on, T hidden and off.
  await widget.locator('label.segment', { hasText: 'images' }).click();
  for (const name of ['H', 'W']) await expect(range(widget, name)).toBeEnabled();
  await expect(range(widget, 'T')).toBeDisabled();
});

test('the cube stays in view beside the controls that shape it, on a phone too', async ({ page }) => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
    await page.setViewportSize(viewport);
    const widget = await open(page);
    for (const name of ['B', 'D', 'b', 'd']) {
      const control = range(widget, name);
      await control.evaluate((el) => {
        const box = el.getBoundingClientRect();
        window.scrollBy({ top: box.top + box.height / 2 - window.innerHeight / 2, behavior: 'instant' });
      });
      const cube = await widget.locator('[data-figure="cube"]').boundingBox();
      expect(cube, `${viewport.width} ${name}`).not.toBeNull();
      // Wholly on screen, below the site header.
      expect(cube?.y ?? 0, `${viewport.width} ${name}`).toBeGreaterThanOrEqual(50);
      expect((cube?.y ?? 0) + (cube?.height ?? 0), `${viewport.width} ${name}`).toBeLessThanOrEqual(viewport.height);
    }
  }
});

test('every control changes the figure and the printed numbers', async ({ page }) => {
  const widget = await open(page);
  await expectChange(widget, 'groups', () => widget.locator('select[name="norm"]').selectOption('bn'));
  await expect(widget.locator('[data-text="call"]')).toHaveText('nn.BatchNorm1d(8)(x.permute(0, 2, 1)).permute(0, 2, 1)');
  await expectChange(widget, 'groups', () => setRange(range(widget, 'B'), 5));
  await expectChange(widget, 'groups', () => setRange(range(widget, 'T'), 9));
  await expectChange(widget, 'groups', () => setRange(range(widget, 'D'), 12));
  await expect(widget.locator('[data-text="groups"]')).toHaveText('12 groups (D) × 45 values (B·T)');
  await expectChange(widget, 'members', () => setRange(range(widget, 'd'), 7));
  await expectChange(widget, 'cell', () => setRange(range(widget, 'b'), 4));
  await expectChange(widget, 'cell', () => setRange(range(widget, 't'), 8));

  await expect(range(widget, 'G')).toBeDisabled(); // only GroupNorm has groups
  await widget.locator('select[name="norm"]').selectOption('gn');
  await expect(range(widget, 'G')).toBeEnabled();
  await expectChange(widget, 'groups', () => setRange(range(widget, 'G'), 6));
  await expect(widget.locator('[data-text="groups"]')).toHaveText('30 groups (B·G) × 18 values (T·D/G)');

  await expectChange(widget, 'groups', () => widget.locator('label.segment', { hasText: 'images' }).click());
  await expect(range(widget, 'T')).toBeHidden();
  await expect(range(widget, 'T')).toBeDisabled();
  await expect(widget.locator('label:has(input[name="D"]) .control-label')).toHaveText('C (channels)');
  await expectChange(widget, 'groups', () => setRange(range(widget, 'H'), 3));
  await expectChange(widget, 'groups', () => setRange(range(widget, 'W'), 1));
  await expect(widget.locator('[data-text="shape"], [data-text="groupsHeading"]').first()).toContainText('(N, C, H, W) = (5, 12, 3, 1)');
  for (const [norm, call] of [['in', 'nn.InstanceNorm2d(12)(x)'], ['ln', 'nn.LayerNorm([12, 3, 1])(x)'], ['rms', 'nn.RMSNorm([12, 3, 1])(x)']] as const) {
    await widget.locator('select[name="norm"]').selectOption(norm);
    await expect(widget.locator('[data-text="call"]')).toHaveText(call);
  }
});

test('the URL follows the state, and a fresh page on it shows the same view in both languages', async ({ page }) => {
  const widget = await open(page);
  await widget.locator('select[name="norm"]').selectOption('in');
  await setRange(range(widget, 'T'), 4);
  await setRange(range(widget, 'd'), 6);
  await expect.poll(() => widgetParams(page, 'cube')).toMatchObject({ 'cube.norm': 'in', 'cube.T': '4', 'cube.d': '6' });
  await settled(page);
  const groups = await text(widget, 'groups');
  const figure = await figureMarkup(widget, 'cube');
  const query = new URL(page.url()).search;

  const fresh = await open(page, query);
  await expect(fresh.locator('select[name="norm"]')).toHaveValue('in');
  await expect(range(fresh, 'T')).toHaveValue('4');
  await expect(range(fresh, 'd')).toHaveValue('6');
  await expect(fresh.locator('[data-text="groups"]')).toHaveText(groups);
  expect(await figureMarkup(fresh, 'cube')).toBe(figure);

  const zh = await open(page, query, 'zh');
  await expect(zh.locator('[data-text="groups"]')).toHaveText('24 组（B·D）× 每组 4 个值（T）');
  await expect(zh.locator('[data-text="cell"]')).toHaveText('(b, t, d) = (0, 2, 6)');
});

test('the copy-link button carries the query and the widget anchor', async ({ page }) => {
  await expectCopiedLink(await open(page, '?cube.norm=bn&cube.B=2'), ['cube.norm=bn', 'cube.B=2']);
});

test.describe('hostile query strings are harmless', () => {
  for (const query of [
    '?cube.norm=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&cube.B=1e400&cube.T=-3&cube.D=NaN',
    '?cube.layout=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&cube.G=0x10&cube.b=99999&cube.t=-1&cube.d=1.5e3',
    '?cube.norm=gn&cube.D=16&cube.G=5&cube.b=7&cube.B=2',
    '?cube.B=&cube.T=%20&cube.D=12abc&cube.H=Infinity&cube.W=-0',
  ]) {
    test(query, async ({ page }) => {
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs += 1;
        void d.dismiss();
      });
      const widget = await open(page, query);
      await expect(widget.locator('[data-text="groups"]')).toHaveText(/^\d+ groups/);
      await expect(widget.locator('img, script', { hasText: /alert/ })).toHaveCount(0);
      const shown = await widget.innerText();
      expect(shown).not.toMatch(/NaN|Infinity|undefined|<img|<script/);
      expect(dialogs).toBe(0);
      // The clean values are written back (a moment after load: the runtime coalesces URL writes).
      await expect.poll(() => Object.values(widgetParams(page, 'cube')).filter((v) => !/^[a-z0-9]+$/.test(v))).toEqual([]);
    });
  }

  test('G that does not divide D snaps to a divisor, and the cell to the cube', async ({ page }) => {
    const widget = await open(page, '?cube.norm=gn&cube.D=16&cube.G=5&cube.b=7&cube.B=2');
    await expect(range(widget, 'G')).toHaveValue('4');
    await expect(range(widget, 'b')).toHaveValue('1');
    await expect.poll(() => widgetParams(page, 'cube')).toMatchObject({ 'cube.G': '4', 'cube.b': '1' });
  });
});

test('works with the keyboard alone, and G steps between divisors of D', async ({ page }) => {
  const widget = await open(page, '?cube.norm=gn&cube.D=16&cube.G=4');
  const g = range(widget, 'G');
  await g.focus();
  await page.keyboard.press('ArrowRight');
  await expect(g).toHaveValue('8');
  await page.keyboard.press('ArrowLeft');
  await expect(g).toHaveValue('4');
  await page.keyboard.press('ArrowLeft');
  await expect(g).toHaveValue('2');
  await expect(widget.locator('[data-text="groups"]')).toHaveText('6 groups (B·G) × 48 values (T·D/G)');

  // Tab from the norm menu reaches the sizes; arrows move the selected cell.
  await widget.locator('select[name="norm"]').focus();
  await page.keyboard.press('Tab');
  await expect(range(widget, 'B')).toBeFocused();
  const d = range(widget, 'd');
  await d.focus();
  await page.keyboard.press('End');
  await expect(widget.locator('[data-text="cell"]')).toHaveText('(b, t, d) = (0, 2, 15)');
  await page.keyboard.press('ArrowLeft');
  await expect(widget.locator('[data-text="cell"]')).toHaveText('(b, t, d) = (0, 2, 14)');
  // Shrinking D keeps the cell inside the cube.
  await setRange(range(widget, 'D'), 6);
  await expect(widget.locator('[data-text="cell"]')).toHaveText('(b, t, d) = (0, 2, 5)');
  await expect(g).toHaveValue('2');
});

test('pointing at a cell of the figure selects it and highlights its group', async ({ page }) => {
  const widget = await open(page, '?cube.norm=ln&cube.B=3&cube.T=6&cube.D=8');
  const box = widget.locator('[data-figure="cube"] svg');
  const bounds = await box.boundingBox();
  if (!bounds) throw new Error('no figure');
  // The front face's lower-left cell sits just above the "0" tick of the feature axis.
  const scale = bounds.width / Number((await box.getAttribute('viewBox'))?.split(' ')[2]);
  const tick = await widget.locator('[data-figure="cube"] text', { hasText: /^5$/ }).first().boundingBox();
  if (!tick) throw new Error('no tick');
  await page.mouse.move(tick.x + tick.width + 20 * scale, tick.y + tick.height / 2);
  await expect(widget.locator('[data-text="cell"]')).toHaveText('(b, t, d) = (0, 5, 0)');
  await expect(widget.locator('[data-text="members"]')).toHaveText('b = 0, t = 5, d = 0…7');
  await expect(range(widget, 't')).toHaveValue('5');
});

test('shows PyTorch’s refusal for a batch of one token', async ({ page }) => {
  const widget = await open(page, '?cube.norm=bn&cube.B=1&cube.T=1');
  await expect(widget.locator('[data-message]')).toBeVisible();
  await expect(widget.locator('[data-message]')).toHaveText('ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 8, 1])');
  await setRange(range(widget, 'T'), 2);
  await expect(widget.locator('[data-message]')).toBeHidden();
});

test('axe finds nothing in light and dark, in both layouts', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  await expectNoAxeViolations(page, '#widget-cube');
  await open(page, '?cube.layout=images&cube.norm=gn', 'zh');
  await expectNoAxeViolations(page, '#widget-cube');
});
