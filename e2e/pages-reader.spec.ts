// Pages lead with the answer and stay readable on a phone: the overview opens on a figure linked to section 4, the
// why-layernorm page on its four reasons, every section ends with takeaways, every prediction opens its widget in the
// state it names; tables and inline code fit a phone's column (or scroll in a focusable region), and the published
// batch-size chart keeps its text readable without JavaScript.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ALL_PAGES, LANGS, SECTIONS, pathOf } from './pages';
import { expectNoAxeViolations, flushedParams, waitLive } from './widget-helpers';
import AxeBuilder from '@axe-core/playwright';

const PHONE = { width: 390, height: 844 } as const;
const SMALL_PHONE = { width: 320, height: 700 } as const;
const DESKTOP = { width: 1280, height: 900 } as const;

test.describe('the overview opens on a figure', () => {
  for (const lang of LANGS) {
    test(`${lang}: the cube figure comes before the first heading, drawn without JavaScript, and links to section 4`, async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
      const page = await context.newPage();
      await page.goto(pathOf(lang, 'overview'));
      const figure = page.locator('#figure-overview');
      await expect(figure).toBeVisible();
      const before = await figure.evaluate((f) => {
        const h2 = document.querySelector('.article h2');
        return h2 !== null && Boolean(f.compareDocumentPosition(h2) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      expect(before, 'the figure precedes the first ## heading').toBe(true);
      // One cube per norm, each shown in the drawing that fits the box (the phone's here).
      await expect(figure.locator('[data-figure="cube"] > svg:visible')).toHaveCount(2);
      await expect(figure.locator('[data-figure="cube"] > svg[data-drawn-for="phone"]:visible')).toHaveCount(2);
      const hrefs = await figure.locator('a[href*="why-layernorm"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(hrefs).toEqual([
        `/${lang}/why-layernorm/?cube.norm=bn#widget-cube`,
        `/${lang}/why-layernorm/#widget-cube`,
        `/${lang}/why-layernorm/#widget-cube`, // the caption's
      ]);
      await expect(figure.locator('figcaption')).not.toBeEmpty();
      await context.close();
    });

    test(`${lang}: BatchNorm's link opens section 4's cube on BatchNorm, in view`, async ({ page }) => {
      await page.setViewportSize(DESKTOP);
      await page.goto(pathOf(lang, 'overview'));
      await expect(page.locator('#figure-overview [data-figure="cube"] > svg:visible')).toHaveCount(2);
      await page.locator('#figure-overview [data-overview-link="bn"]').click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/why-layernorm/\\?cube\\.norm=bn#widget-cube$`));
      const cube = page.locator('#widget-cube');
      await waitLive(cube);
      await expect(cube.locator('select[name="norm"]')).toHaveValue('bn');
    });
  }
});

test.describe('why-layernorm answers first', () => {
  for (const lang of LANGS) {
    test(`${lang}: the short answer comes before the thesis, its four reasons linking to parts of the page`, async ({ page }) => {
      await page.goto(pathOf(lang, 'why-layernorm'));
      const ids = await page.locator('.article h2[id]').evaluateAll((hs) => hs.map((h) => h.id));
      expect(ids.indexOf('short-answer')).toBe(0);
      expect(ids.indexOf('thesis')).toBe(1);
      const reasons = page.locator('#short-answer ~ ol').first().locator(':scope > li');
      await expect(reasons).toHaveCount(4);
      for (let i = 0; i < 4; i++) {
        const targets = await reasons.nth(i).locator('a[href^="#"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!.slice(1)));
        expect(targets.length, `reason ${i + 1} links to what shows it`).toBeGreaterThan(0);
        for (const id of targets) expect(await page.locator(`[id="${id}"]`).count(), `#${id} exists`).toBe(1);
      }
      const widgetTargets = await reasons.locator('a[href^="#widget-"]').count();
      expect(widgetTargets, 'the reasons a widget shows link to it').toBeGreaterThanOrEqual(2);
    });
  }
});

test('every section ends with two or three takeaways, before its references', async ({ page }) => {
  for (const { path, section } of ALL_PAGES.filter((p) => p.section !== 'overview')) {
    await page.goto(path);
    const takeaways = page.locator('.takeaways');
    await expect(takeaways, path).toHaveCount(1);
    const items = await takeaways.locator('li').count();
    expect(items, `${path}: takeaways`).toBeGreaterThanOrEqual(2);
    expect(items, `${path}: takeaways`).toBeLessThanOrEqual(3);
    await expect(takeaways).toHaveAccessibleName(/.+/);
    const placed = await takeaways.evaluate((t) => {
      const references = document.getElementById('references');
      const widgets = [...document.querySelectorAll('.article [data-widget]')];
      const follows = (a: Node, b: Node) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
      return { beforeReferences: references !== null && follows(t, references), afterWidgets: widgets.every((w) => follows(w, t)) };
    });
    expect(placed, `${path} (${section})`).toEqual({ beforeReferences: true, afterWidgets: true });
  }
});

/** The widget control that shows `key`, and what it reads: a range's output, a select's value, the checked radio. */
async function controlValue(page: Page, widgetId: string, key: string): Promise<string | null> {
  return page.locator(`#${widgetId}`).evaluate((root, name) => {
    const output = root.querySelector(`output[data-output="${name}"]`);
    if (output) return (output.textContent ?? '').replace(/[,\s\u00a0]/g, '');
    const select = root.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
    if (select) return select.value;
    const radio = root.querySelector<HTMLInputElement>(`input[type="radio"][name="${name}"]:checked`);
    if (radio) return radio.value;
    const box = root.querySelector<HTMLInputElement>(`input[type="checkbox"][name="${name}"]`);
    if (box) return box.checked ? '1' : '0';
    return null;
  }, key);
}

test.describe('"set the widget to this" opens the widget in the question’s state', () => {
  for (const { path } of ALL_PAGES.filter((p) => p.section !== 'overview')) {
    test(`${path}`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize(DESKTOP);
      await page.goto(path);
      const links = page.locator('.predict a[data-predict-set]');
      const count = await links.count();
      expect(count, 'every prediction can be checked').toBe(await page.locator('.predict').count());
      for (let i = 0; i < count; i++) {
        await page.goto(path);
        const link = page.locator('.predict a[data-predict-set]').nth(i);
        const href = (await link.getAttribute('href'))!;
        const [query, widgetId] = href.slice(1).split('#') as [string, string];
        expect(widgetId).toMatch(/^widget-/);
        await link.click();
        // The page opens on the link (a widget may later write its whole state back: every asked value stays).
        await expect(page).toHaveURL(new RegExp(`#${widgetId}$`));
        const opened = new URL(page.url()).searchParams;
        for (const [key, value] of new URLSearchParams(query)) expect(opened.get(key), key).toBe(value);
        const widget = page.locator(`#${widgetId}`);
        // The browser scrolls to the widget (smoothly, unless the reader asks for less motion): its top comes to rest
        // just under the site header.
        await expect(widget).toBeInViewport();
        await expect.poll(() => widget.evaluate((w) => Math.round(w.getBoundingClientRect().top)), { message: `${widgetId} is scrolled to` }).toBeLessThan(160);
        expect(await widget.evaluate((w) => w.getBoundingClientRect().top)).toBeGreaterThanOrEqual(-1);
        await waitLive(widget);
        const asked = new URLSearchParams(query);
        const namespace = [...asked.keys()][0]!.split('.')[0]!;
        const kept = await flushedParams(page, namespace);
        let checked = 0;
        for (const [name, value] of asked) {
          expect(kept[name], `${name} in the URL after the widget read it`).toBe(value);
          const shown = await controlValue(page, widgetId, name.slice(namespace.length + 1));
          if (shown === null) continue;
          checked++;
          expect(Number.isNaN(Number(value)) ? shown : Number(shown), `${widgetId}: ${name}`).toBe(Number.isNaN(Number(value)) ? value : Number(value));
        }
        expect(checked, `${widgetId}: the state shows in its controls`).toBeGreaterThan(0);
      }
    });
  }

  test('without JavaScript the link still opens the page on the widget', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const page = await context.newPage();
    await page.goto('/en/why-layernorm/');
    await page.locator('.predict a[data-predict-set="widget-cube"]').click();
    await expect(page).toHaveURL(/\?cube\.norm=ln&cube\.B=4&cube\.T=12&cube\.D=16#widget-cube$/);
    await expect(page.locator('#widget-cube')).toBeInViewport();
    await context.close();
  });
});

/**
 * What overflows the article's column at this width, outside the regions that scroll on purpose (display math,
 * tables, code blocks: each focusable) and outside the widgets (their own tests): tables, inline code and inline math;
 * and inline code broken into lines narrower than a few characters.
 */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const article = document.querySelector('main.article')!;
    const right = article.getBoundingClientRect().right + 0.5;
    const problems: string[] = [];
    if (document.scrollingElement!.scrollWidth > window.innerWidth) problems.push(`the page scrolls sideways (${document.scrollingElement!.scrollWidth} px)`);
    const inScroller = (el: Element) => el.closest('.table-scroll, .katex-display, pre, [data-widget]') !== null;
    for (const el of article.querySelectorAll('table, :not(pre) > code, .katex')) {
      if (el.closest('[data-widget]') || el.closest('.katex-display')) continue;
      const box = el.getBoundingClientRect();
      if (box.right > right && !inScroller(el)) problems.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').slice(0, 40)}" overflows by ${Math.round(box.right - right)} px`);
      if (el.tagName === 'CODE') {
        const lines = [...el.getClientRects()].filter((r) => r.width > 0);
        const text = el.textContent ?? '';
        if (lines.length > 1 && text.length <= 24) problems.push(`short code "${text}" breaks across lines`);
        for (const line of lines) if (lines.length > 1 && line.width < 30) problems.push(`code "${text.slice(0, 40)}" has a ${Math.round(line.width)} px line`);
      }
    }
    for (const region of article.querySelectorAll<HTMLElement>('.table-scroll')) {
      if (region.tabIndex !== 0 || region.getAttribute('role') !== 'region' || !region.getAttribute('aria-label')) problems.push('a table region is not a named focusable region');
    }
    return problems;
  });
}

for (const viewport of [PHONE, SMALL_PHONE]) {
  test(`tables and inline code fit the column at ${viewport.width} px, or scroll in a focusable region`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(viewport);
    for (const { path } of ALL_PAGES) {
      await page.goto(path);
      expect(await overflowing(page), path).toEqual([]);
    }
  });

  test(`axe: every region that scrolls at ${viewport.width} px can be reached with the keyboard, widgets included`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(viewport);
    for (const { path } of ALL_PAGES) {
      await page.goto(path, { waitUntil: 'networkidle' });
      const widgets = page.locator('[data-widget]');
      for (let i = 0; i < (await widgets.count()); i++) await widgets.nth(i).scrollIntoViewIfNeeded();
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).withRules(['scrollable-region-focusable']).analyze();
      expect(results.violations.map((v) => v.nodes.map((n) => n.target.join(' '))), path).toEqual([]);
    }
  });
}

test('the wide tables become stacked rows on a phone, each cell named by its column', async ({ page }) => {
  await page.setViewportSize(PHONE);
  for (const lang of LANGS) {
    await page.goto(pathOf(lang, 'why-layernorm'));
    const table = page.locator('#reduction-axes ~ .table-scroll').first();
    await expect(table).toHaveClass(/table-stack/);
    const box = await table.boundingBox();
    expect(box!.height, 'no longer 1,800 px of one character per line').toBeLessThan(1100);
    expect(await table.evaluate((t) => t.scrollWidth <= t.clientWidth + 1), 'nothing hidden sideways').toBe(true);
    const statistic = table.locator('td[data-label]').filter({ hasText: 'x.mean(dim=(0, 1))' });
    await expect(statistic).toHaveCount(1);
    await expect(statistic.locator('code')).toHaveCSS('white-space', 'nowrap');
  }
});

for (const lang of LANGS) {
  test(`${lang}: axe finds nothing on any page at 390 px, light and dark`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(PHONE);
    for (const section of SECTIONS) {
      await page.goto(pathOf(lang, section), { waitUntil: 'networkidle' });
      const widgets = page.locator('[data-widget]');
      for (let i = 0; i < (await widgets.count()); i++) await widgets.nth(i).scrollIntoViewIfNeeded();
      await page.waitForLoadState('networkidle');
      await expectNoAxeViolations(page);
    }
  });
}

test.describe('the batch-size chart without JavaScript', () => {
  for (const lang of LANGS) {
    for (const viewport of [PHONE, DESKTOP]) {
      test(`${lang} at ${viewport.width} px: one drawing shown, text ≥ 11 CSS px, no label over another`, async ({ browser }) => {
        const context = await browser.newContext({ javaScriptEnabled: false, viewport });
        const page = await context.newPage();
        await page.goto(pathOf(lang, 'batchnorm'));
        const svg = page.locator('#figure-batch-size [data-figure] > svg:visible');
        await expect(svg).toHaveCount(1);
        await svg.scrollIntoViewIfNeeded();
        const report = await svg.evaluate((s) => {
          const frame = s.getBoundingClientRect();
          const scale = frame.width / (s as SVGSVGElement).viewBox.baseVal.width;
          const texts = [...s.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim() !== '');
          const boxes = texts.map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect(), px: parseFloat(getComputedStyle(t).fontSize) * scale }));
          const overlaps: string[] = [];
          boxes.forEach((a, i) =>
            boxes.slice(i + 1).forEach((b) => {
              const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
              const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
              if (x > 0.5 && y > 0.5) overlaps.push(`${a.text} × ${b.text}`);
            }),
          );
          const outside = boxes.filter(({ box }) => box.left < frame.left - 1 || box.right > frame.right + 1 || box.top < frame.top - 1 || box.bottom > frame.bottom + 1).map((b) => b.text);
          return { smallest: Math.min(...boxes.map((b) => b.px)), overlaps, outside, labels: boxes.map((b) => b.text) };
        });
        expect(report.smallest).toBeGreaterThanOrEqual(11);
        expect(report.overlaps).toEqual([]);
        expect(report.outside).toEqual([]);
        expect(report.labels).toContain(lang === 'zh' ? '24.0%' : '24.0\u00a0%');
        expect(report.labels).toEqual(expect.arrayContaining(['BatchNorm', 'GroupNorm']));
        await context.close();
      });
    }
  }
});
