// The site on a phone: the header's title is whole, the contents are reachable from anywhere on a long page,
// and each language draws its text with its own fonts.
import { test, expect } from './fixtures';
import { ALL_PAGES } from './pages';

for (const width of [360, 390]) {
  test(`the site title is not cut off at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const { path } of ALL_PAGES) {
      await page.goto(path);
      const brand = page.locator('.brand');
      const box = await brand.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)) }));
      expect(box.scroll, `${path}: the title overflows its box`).toBeLessThanOrEqual(box.client);
      expect(box.lines, `${path}: the title takes more than two lines`).toBeLessThanOrEqual(2);
      await expect(brand).toHaveText(/LayerNorm.*BatchNorm/); // whole, not shortened to an ellipsis
    }
  });
}

test('a phone reader deep in a long page gets back to the contents in one tap', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/en/batchnorm/');
  const button = page.locator('[data-to-contents]');
  await expect(button).toBeHidden(); // near the top the contents are right there
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight * 0.6));
  await expect(button).toBeHidden(); // scrolling down, the reader reads: nothing sits over the text
  await page.mouse.wheel(0, -200);
  await expect(button).toBeVisible(); // scrolling back up, they may be looking for their way
  await button.click();
  const contents = page.locator('#contents');
  await expect(contents.locator('details')).toHaveAttribute('open', '');
  await expect(contents.locator('a[aria-current="page"]')).toBeInViewport();
});

test('the button is not there on a desktop, where the contents stay beside the article', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/en/batchnorm/');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight * 0.6));
  await expect(page.locator('[data-to-contents]')).toBeHidden();
});

test('English pages name a Latin font first, Chinese pages a CJK font first', async ({ page }) => {
  const first = async (path: string) => {
    await page.goto(path);
    return page.locator('main p').first().evaluate((p) => getComputedStyle(p).fontFamily.split(',')[0]!.trim());
  };
  // WebKitGTK does not resolve system-ui: the next family must already be a Latin one on English pages.
  const secondEn = await (async () => {
    await page.goto('/en/');
    return page.locator('main p').first().evaluate((p) => getComputedStyle(p).fontFamily.split(',')[1]!.trim());
  })();
  expect(await first('/en/')).toBe('system-ui');
  expect(secondEn).not.toMatch(/CJK|SC|YaHei|PingFang/);
  expect(await first('/zh/')).toMatch(/PingFang SC|CJK/);
});
