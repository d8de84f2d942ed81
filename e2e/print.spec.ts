// Printing a section gives a clean handout: the page printed to PDF from the dark theme has no controls, no dark
// colours, no folded summary left without its content, no page left mostly empty before the last; each widget states
// its parameters (its current state) in a line of text. The PDF is read back with poppler-utils (pdftotext for its
// text, pdftoppm for its pixels); the browser's print styles are also checked directly (emulateMedia('print')).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { setRange, settled, waitLive } from './widget-helpers';

const POPPLER = ['/usr/bin/pdftotext', '/usr/bin/pdftoppm'];
const HOW = 'apt-get install -y poppler-utils';

interface Case {
  readonly path: string;
  readonly format: 'A4' | 'Letter';
  readonly widget: string;
  /** Moves the widget away from its defaults, as a reader does. */
  readonly play: (page: Page) => Promise<void>;
  /** Phrases the printed parameters line must hold after `play` (labels as the widget's labels.ts writes them). */
  readonly params: readonly string[];
  /** A phrase it must not hold: a control that does not apply in this state, or an old value. */
  readonly notParams: readonly string[];
  /** A readout that must still print (one inside a controls form, if the widget has one). */
  readonly readout: string;
  /** Text that only controls show (button labels, fold summaries): never in the PDF beyond the prose's own uses. */
  readonly controlText: readonly string[];
}

const CASES: readonly Case[] = [
  {
    path: '/en/batchnorm/',
    format: 'A4',
    widget: '#widget-batchnorm',
    play: async (page) => {
      const widget = page.locator('#widget-batchnorm');
      await setRange(widget.locator('input[name="n"]'), 2); // a slider over the stops 1, 2, 4, 8, …: position 2 is N = 4
      await widget.locator('label.segment', { hasText: 'bn.eval()' }).click();
    },
    params: ['Batch size N: 4', 'Mode: bn.eval()', 'momentum: 0.1'],
    notParams: ['Batch size N: 8'],
    readout: '[data-text="runMean"]',
    controlText: ['Next batch', 'Play', 'Back to step 0', 'Copy a link to this view', 'Reset', 'More settings', 'Show the answer'],
  },
  {
    path: '/zh/layernorm/',
    format: 'Letter',
    widget: '#widget-layernorm',
    play: async (page) => {
      const widget = page.locator('#widget-layernorm');
      await setRange(widget.locator('input[name="n"]'), 4); // the stops 1, 2, 4, 8, 16, …: position 4 is N = 16
      await widget.locator('label.segment', { hasText: '推理' }).click();
    },
    params: ['批大小 N：16', '模式：推理'],
    notParams: ['批大小 N：8'],
    // LayerNorm's live change readout sits in the batchmates bar, beside its buttons.
    readout: '[data-text="changeHeading"]',
    controlText: ['换一批同批样本', '恢复原来的', '复制当前视图的链接', '恢复默认', '更多设置', '显示答案'],
  },
];

/** Relative luminance (0 black … 1 white) of a computed CSS colour `rgb(r, g, b)` / `rgba(…)`. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255);
  const lin = (c = 0) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Occurrences of `needle` in `text`, whitespace squashed in both. */
function count(text: string, needle: string): number {
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  return squash(text).split(squash(needle)).length - 1;
}

/** Each page of the PDF as 8-bit grey pixels at `dpi` (pdftoppm -gray, binary PGM). */
function pagesAsGrey(pdf: string, dir: string, dpi: number): { width: number; height: number; pixels: Uint8Array }[] {
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), pdf, join(dir, 'page')]);
  const files = execFileSync('ls', [dir]).toString().split('\n').filter((f) => f.startsWith('page') && f.endsWith('.pgm')).sort();
  return files.map((file) => {
    const data = readFileSync(join(dir, file));
    // Header: "P5\n<width> <height>\n255\n", then the pixels.
    const header = data.subarray(0, 32).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
    if (!header) throw new Error(`${file}: not a binary PGM`);
    const [, w, h] = header;
    return { width: Number(w), height: Number(h), pixels: data.subarray(header[0].length) };
  });
}

test.describe('printing a section', () => {
  test.beforeAll(() => {
    const missing = POPPLER.filter((p) => !existsSync(p));
    expect(missing, `the print test reads the PDF with poppler-utils: ${HOW}`).toEqual([]);
  });

  for (const c of CASES) {
    test(`${c.path} prints from the dark theme as a clean ${c.format} handout with its parameters`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(c.path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      const widget = page.locator(c.widget);
      await waitLive(widget);
      await c.play(page);
      await settled(page);
      const line = widget.locator('[data-print-params]');

      // On screen the line is not shown. (Soft checks from here: a failing print reports everything it got wrong.)
      await expect.soft(line).toBeHidden();

      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      // The parameters line states the current state.
      await expect.soft(line).toBeVisible();
      const stated = (await line.count()) > 0 ? (await line.innerText()).replace(/\s+/g, ' ') : '';
      for (const phrase of c.params) expect.soft(stated).toContain(phrase);
      for (const phrase of c.notParams) expect.soft(stated).not.toContain(phrase);
      await expect.soft(widget.locator(c.readout)).toBeVisible();

      // No control, button, toolbar or floating button is printed; a folded summary prints only with its content.
      const printed = await page.evaluate(() => {
        const shown = (el: Element) => el.checkVisibility({ contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true });
        const controls = [...document.querySelectorAll('input, select, button, progress, .to-contents, .toast.visible')]
          .filter(shown)
          .map((el) => el.outerHTML.slice(0, 100));
        const dangling = [...document.querySelectorAll('summary')]
          .filter((summary) => shown(summary))
          .filter((summary) => {
            const content = [...(summary.parentElement?.children ?? [])].filter((el) => el !== summary);
            return content.length === 0 || !content.every(shown);
          })
          .map((summary) => summary.textContent?.trim() ?? '');
        const colour = (selector: string, property: 'color' | 'backgroundColor' | 'fill') => {
          const el = document.querySelector(selector);
          return el ? getComputedStyle(el)[property] : 'missing';
        };
        return {
          controls,
          dangling,
          colours: {
            html: colour('html', 'backgroundColor'),
            bodyText: colour('body', 'color'),
            widget: colour('.widget', 'backgroundColor'),
            widgetText: colour('.widget', 'color'),
            note: colour('.note, .predict', 'backgroundColor'),
            inlineCode: colour(':not(pre) > code', 'backgroundColor'),
            figureText: colour('[data-figure] svg text', 'fill'),
          },
        };
      });
      expect.soft(printed.controls, 'controls printed').toEqual([]);
      expect.soft(printed.dangling, 'summaries printed without their content').toEqual([]);
      for (const [what, css] of Object.entries(printed.colours)) {
        expect(css, `${what} colour`).not.toBe('missing');
        const dark = what === 'bodyText' || what === 'widgetText' || what === 'figureText';
        if (dark) expect.soft(luminance(css), `${what} ${css} is dark ink`).toBeLessThan(0.15);
        // A transparent background shows the paper.
        else if (!/rgba\(.*,\s*0\)$/.test(css)) expect.soft(luminance(css), `${what} ${css} is light`).toBeGreaterThan(0.75);
      }
      // The page's own uses of the controls' words without its controls (prose such as 'press "Next batch"'), to tell
      // them from printed buttons.
      const prose = await page.evaluate(() => {
        const article = document.querySelector('main')!.cloneNode(true) as HTMLElement;
        for (const el of article.querySelectorAll('form[data-controls], .widget-actions, .more-settings, button, summary, script, style')) el.remove();
        return article.textContent ?? '';
      });
      // The widget's PyTorch code is folded: its longest line, and how often the page shows it outside the folds.
      const fold = await widget.evaluate((root) => {
        const lines = (root.querySelector('[data-code]')?.textContent ?? '').split('\n').map((l) => l.trim());
        const longest = lines.reduce((a, b) => (b.length > a.length ? b : a), '');
        const article = document.querySelector('main')!.cloneNode(true) as HTMLElement;
        for (const el of article.querySelectorAll('details')) el.remove();
        return { longest, outside: (article.textContent ?? '').split(longest).length - 1 };
      });
      expect(fold.longest.length).toBeGreaterThan(20);

      // The PDF itself, printed as a reader prints (beforeprint, print media, the paper size), backgrounds on.
      await page.emulateMedia({ media: null, colorScheme: 'dark' });
      const dir = mkdtempSync(join(tmpdir(), 'print-spec-'));
      try {
        const pdf = join(dir, 'page.pdf');
        await page.pdf({ path: pdf, format: c.format, printBackground: true });
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-']).toString('utf8');
        for (const phrase of c.params) expect.soft(count(text, phrase), `"${phrase}" in the PDF`).toBeGreaterThan(0);
        expect.soft(count(text, fold.longest), `the PyTorch code prints open ("${fold.longest}")`).toBeGreaterThan(fold.outside);
        for (const words of c.controlText) {
          expect.soft(count(text, words), `"${words}" printed beyond the prose`).toBeLessThanOrEqual(count(prose, words));
        }
        expect.soft(text, 'a fold marker printed').not.toMatch(/[▸▶►]/);

        // Light paper: every page is mostly white (the dark theme's backgrounds would make it grey), and every page
        // but the last is used down to at least half its height (no widget pushed whole onto the next page).
        const pages = pagesAsGrey(pdf, dir, 24);
        expect(pages.length).toBeGreaterThan(1);
        pages.forEach(({ width, height, pixels }, i) => {
          let sum = 0;
          let lowestInk = 0;
          // The page number sits in the bottom margin (print.css: 18 mm, 6–7 % of the height): ink above it is content.
          const contentBottom = Math.floor(height * 0.92);
          for (let y = 0; y < height; y++) {
            for (let x = 0; x < width; x++) {
              const v = pixels[y * width + x]!;
              sum += v;
              if (v < 200 && y < contentBottom) lowestInk = y;
            }
          }
          const mean = sum / (width * height * 255);
          expect.soft(mean, `page ${i + 1}: mean brightness`).toBeGreaterThan(0.8);
          if (i < pages.length - 1) expect.soft(lowestInk / height, `page ${i + 1}: filled down to`).toBeGreaterThan(0.5);
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
