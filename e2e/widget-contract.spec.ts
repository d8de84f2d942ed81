// What the widget contract promises for every widget, checked on every widget of every page, on a desktop and on a
// phone (a widget's own spec holds only its own claims):
// - it comes alive without moving: every figure keeps its box (point 1);
// - control beside effect (point 8): every control, scrolled to mid-screen and changed as a reader changes it,
//   redraws a figure that is visibly on screen — a substantial part of it, not a sliver.
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures';
import { ALL_PAGES } from './pages';
import { settled, waitLive } from './widget-helpers';

const SIZES = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

/** A figure counts as seen when half of it is visible, or when its visible part fills a third of the screen. */
const MIN_FRACTION_OF_FIGURE = 0.5;
const MIN_FRACTION_OF_SCREEN = 1 / 3;

/** One control as a reader meets it: a range, a select, a checkbox, a radio group or an action button. */
interface Control {
  readonly label: string;
  readonly locator: Locator;
  readonly kind: 'range' | 'select' | 'checkbox' | 'radio' | 'button';
}

async function controlsOf(widget: Locator): Promise<Control[]> {
  const found: Control[] = [];
  const seenRadioGroups = new Set<string>();
  const candidates = widget.locator('form[data-controls] :is(input, select), button[data-action]');
  for (const locator of await candidates.all()) {
    const info = await locator.evaluate((el) => ({
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') ?? '',
      name: el.getAttribute('name') ?? el.getAttribute('data-action') ?? '',
      text: (el.textContent ?? '').trim(),
    }));
    if (info.tag === 'button') found.push({ label: `button "${info.text}"`, locator, kind: 'button' });
    else if (info.tag === 'select') found.push({ label: `select ${info.name}`, locator, kind: 'select' });
    else if (info.type === 'range') found.push({ label: `range ${info.name}`, locator, kind: 'range' });
    else if (info.type === 'checkbox') found.push({ label: `checkbox ${info.name}`, locator, kind: 'checkbox' });
    else if (info.type === 'radio' && !seenRadioGroups.has(info.name)) {
      seenRadioGroups.add(info.name);
      found.push({ label: `radio group ${info.name}`, locator, kind: 'radio' });
    }
  }
  return found;
}

/** Opens any closed fold (`<details>`) that holds the control, as a reader would to reach it. */
async function reveal(control: Locator): Promise<void> {
  await control.evaluate((el) => {
    for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
  });
}

/** Scrolls the page so that the control's centre sits at the middle of the screen (as far as the page allows). */
async function centre(control: Locator): Promise<void> {
  await control.evaluate((el) => {
    const box = el.getBoundingClientRect();
    window.scrollBy({ top: box.top + box.height / 2 - window.innerHeight / 2, behavior: 'instant' });
  });
}

/** Changes the control once, with the keyboard where a reader can. */
async function change(control: Control): Promise<void> {
  const { locator } = control;
  switch (control.kind) {
    case 'range': {
      const [value, min] = await locator.evaluate((el) => [Number((el as HTMLInputElement).value), Number((el as HTMLInputElement).min)]);
      await locator.focus();
      await locator.press(value! > min! ? 'ArrowLeft' : 'ArrowRight');
      return;
    }
    case 'select': {
      const next = await locator.evaluate((el) => {
        const select = el as HTMLSelectElement;
        return select.options[(select.selectedIndex + 1) % select.options.length]!.value;
      });
      await locator.selectOption(next);
      return;
    }
    case 'checkbox':
      await locator.focus();
      await locator.press('Space');
      return;
    case 'radio': {
      const name = await locator.getAttribute('name');
      const group = locator.locator(`xpath=ancestor::form[1]//input[@type="radio"][@name="${name}"]`);
      const options = await group.all();
      for (const option of options) {
        if (!(await option.isChecked())) {
          await option.focus();
          await option.press('Space');
          return;
        }
      }
      return;
    }
    case 'button':
      await locator.focus();
      await locator.press('Enter');
      return;
  }
}

/** Every figure's markup, keyed by data-figure. */
async function figures(widget: Locator): Promise<Record<string, string>> {
  return widget.evaluate((root) =>
    Object.fromEntries([...root.querySelectorAll<HTMLElement>('[data-figure]')].map((f) => [f.dataset.figure!, f.innerHTML])),
  );
}

/** How much of each named figure the reader sees: sampled points of its box that are on screen and not covered. */
async function visibility(widget: Locator, keys: readonly string[]): Promise<Record<string, { ofFigure: number; ofScreen: number }>> {
  return widget.evaluate((root, names) => {
    const out: Record<string, { ofFigure: number; ofScreen: number }> = {};
    const steps = 24;
    for (const name of names) {
      const figure = root.querySelector<HTMLElement>(`[data-figure="${name}"]`)!;
      const box = figure.getBoundingClientRect();
      let seen = 0;
      const seenRows = new Set<number>();
      for (let i = 0; i < steps; i++) {
        for (let j = 0; j < steps; j++) {
          const x = box.left + ((j + 0.5) / steps) * box.width;
          const y = box.top + ((i + 0.5) / steps) * box.height;
          if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) continue;
          const hit = document.elementFromPoint(x, y);
          if (hit && figure.contains(hit)) {
            seen++;
            seenRows.add(i);
          }
        }
      }
      out[name] = { ofFigure: seen / (steps * steps), ofScreen: ((seenRows.size / steps) * box.height) / window.innerHeight };
    }
    return out;
  }, keys);
}

// One page per section: the layout is the same in both languages, but the words differ in length, so both run.
const PAGES_WITH_WIDGETS = ALL_PAGES.filter((p) => p.section !== 'overview');

/** Each figure's box on the page (not in the window: coming alive may scroll). */
async function figureBoxes(widget: Locator): Promise<{ key: string; y: number; height: number; width: number }[]> {
  return widget.evaluate((root) =>
    [...root.querySelectorAll<HTMLElement>('[data-figure]')].map((f) => {
      const box = f.getBoundingClientRect();
      return { key: f.dataset.figure!, y: box.top + scrollY, height: box.height, width: box.width };
    }),
  );
}

for (const [size, viewport] of Object.entries(SIZES)) {
  test.describe(`${size} ${viewport.width} × ${viewport.height}`, () => {
    test.use({ viewport });
    for (const { path } of PAGES_WITH_WIDGETS.filter((p) => p.lang === 'en')) {
      test(`${path}: every widget comes alive without moving`, async ({ page }) => {
        await page.goto(path);
        for (const widget of await page.locator('[data-widget]').all()) {
          const id = await widget.getAttribute('id');
          await widget.evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }));
          const before = await figureBoxes(widget);
          await waitLive(widget);
          const after = await figureBoxes(widget);
          expect(after.map((b) => b.key)).toEqual(before.map((b) => b.key));
          after.forEach((box, i) => {
            for (const side of ['y', 'height', 'width'] as const) {
              expect(Math.abs(box[side] - before[i]![side]), `${id} ${box.key}: ${side}`).toBeLessThan(1);
            }
          });
        }
      });
    }
    for (const { path } of PAGES_WITH_WIDGETS) {
      test(`${path}: every control changes a figure that is on screen`, async ({ page }) => {
        test.setTimeout(120_000);
        await page.goto(path);
        const misses: string[] = [];
        for (const widget of await page.locator('[data-widget]').all()) {
          await waitLive(widget);
          const id = await widget.getAttribute('id');
          for (const control of await controlsOf(widget)) {
            if (await control.locator.isDisabled()) continue;
            await reveal(control.locator);
            await centre(control.locator);
            await settled(page);
            const before = await figures(widget);
            await change(control);
            await settled(page);
            const after = await figures(widget);
            const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
            if (changed.length === 0) {
              misses.push(`${id} ${control.label}: changes no figure`);
              continue;
            }
            const seen = await visibility(widget, changed);
            const ok = changed.some((k) => seen[k]!.ofFigure >= MIN_FRACTION_OF_FIGURE || seen[k]!.ofScreen >= MIN_FRACTION_OF_SCREEN);
            if (!ok) {
              const detail = changed.map((k) => `${k} ${(seen[k]!.ofFigure * 100).toFixed(0)} %`).join(', ');
              misses.push(`${id} ${control.label}: the figures it changes are out of view (${detail})`);
            }
          }
        }
        expect(misses).toEqual([]);
      });
    }
  });
}
