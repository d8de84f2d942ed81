// KaTeX as the reader sees it: scripts drawn smaller than their base (the rendered HTML and the CSS come from the same
// KaTeX), display math that never hides a part of itself on a phone, and no line that starts with the punctuation
// after an inline formula.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { ALL_PAGES } from './pages';

/** Pages whose prose has sub- or superscripts, so the size check cannot pass on a page without any. */
const PAGES_WITH_SCRIPTS = ['/normalization/', '/batchnorm/', '/layernorm/'];

interface Script {
  formula: string;
  text: string;
  size: number;
  baseSize: number;
}

test.describe('KaTeX scripts', () => {
  for (const { path } of ALL_PAGES) {
    test(`${path}: every sub- and superscript is smaller than its base`, async ({ page }) => {
      await page.goto(path);
      const scripts = await page.locator('main .katex-html .msupsub').evaluateAll((supsubs): Script[] => {
        const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
        // The glyphs of a script: elements holding text of their own (not the zero-width strut of `.vlist-s`).
        const glyphs = (root: Element) =>
          [...root.querySelectorAll('*')].filter((el) =>
            [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').replace(/\u200b/g, '').trim() !== ''),
          );
        return supsubs.flatMap((supsub) => {
          const base = supsub.previousElementSibling ?? supsub.parentElement!;
          const formula = supsub.closest('.katex')?.querySelector('annotation')?.textContent ?? '';
          return glyphs(supsub).map((glyph) => ({ formula, text: glyph.textContent ?? '', size: px(glyph), baseSize: px(base) }));
        });
      });
      if (PAGES_WITH_SCRIPTS.some((p) => path.endsWith(p))) expect(scripts.length, 'this page has scripts').toBeGreaterThan(0);
      // KaTeX draws a script at 70 % of its base, a script of a script at 50 %; full size means its CSS did not apply.
      const fullSize = scripts.filter((s) => !(s.size < 0.9 * s.baseSize));
      expect(
        fullSize.map((s) => `"${s.text}" in ${s.formula}: ${s.size}px, base ${s.baseSize}px`),
        'scripts drawn as large as their base',
      ).toEqual([]);
    });
  }
});

test.describe('display math on a phone', () => {
  for (const width of [390, 320]) {
    test.describe(`${width} px`, () => {
      test.use({ viewport: { width, height: 844 } });
      for (const { path } of ALL_PAGES) {
        test(`${path}: every display fits the column or scrolls as a focusable region with a cue`, async ({ page }) => {
          await page.goto(path, { waitUntil: 'networkidle' });
          await page.evaluate(() => document.fonts.ready);
          const displays = await page.locator('main .katex-display').evaluateAll((els) =>
            els.map((el) => {
              const style = getComputedStyle(el);
              return {
                formula: el.querySelector('annotation')?.textContent?.trim() ?? '',
                fits: el.scrollWidth <= el.clientWidth,
                clipped: el.scrollWidth > el.clientWidth && style.overflowX !== 'auto' && style.overflowX !== 'scroll',
                focusable: (el as HTMLElement).tabIndex === 0,
                named: ['group', 'region'].includes(el.getAttribute('role') ?? '') && (el.getAttribute('aria-label') ?? '').trim() !== '',
                cue: style.backgroundImage.includes('gradient'),
              };
            }),
          );
          const hidden = displays.filter((d) => d.clipped || (!d.fits && !(d.focusable && d.named && d.cue)));
          expect(hidden, 'displays wider than the column without a way to scroll them').toEqual([]);
          if (displays.some((d) => !d.fits)) {
            const results = await new AxeBuilder({ page }).include('main .katex-display').withRules(['scrollable-region-focusable']).analyze();
            expect(results.violations.flatMap((v) => v.nodes.map((n) => n.html.slice(0, 80)))).toEqual([]);
          }
        });

        test(`${path}: no line starts with the punctuation that follows an inline formula`, async ({ page }) => {
          await page.goto(path, { waitUntil: 'networkidle' });
          const orphans = await page.evaluate(async () => {
            await document.fonts.ready;
            for (const details of document.querySelectorAll('main details')) (details as HTMLDetailsElement).open = true;
            const punctuation = /^[,.;:!?)\]}%，。；：、！？）】》」』”’]/;
            return [...document.querySelectorAll('main .katex')]
              .filter((formula) => !formula.closest('.katex-display'))
              .flatMap((formula) => {
                const next = formula.nextSibling;
                if (next?.nodeType !== Node.TEXT_NODE || !punctuation.test(next.textContent ?? '')) return [];
                const range = document.createRange();
                range.setStart(next, 0);
                range.setEnd(next, 1);
                const mark = range.getClientRects()[0];
                const end = formula.querySelector('.katex-html')?.lastElementChild?.getBoundingClientRect();
                if (!mark || !end) return [];
                const middle = (mark.top + mark.bottom) / 2;
                if (middle >= end.top && middle <= end.bottom) return [];
                return [`"${next.textContent?.[0]}" after ${formula.querySelector('annotation')?.textContent}`];
              });
          });
          expect(orphans, 'punctuation wrapped away from its formula').toEqual([]);
        });
      }
    });
  }

  test('a display that scrolls is reached by the keyboard and scrolled with the arrow keys', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/en/normalization/');
    const display = page.locator('main .katex-display').first();
    // Narrow the display until it must scroll, whatever the formula.
    await display.evaluate((el) => {
      (el as HTMLElement).style.width = '6rem';
    });
    await display.focus();
    await expect(display).toBeFocused();
    await expect(display).toHaveAttribute('aria-label', /\S/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => display.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  });
});
