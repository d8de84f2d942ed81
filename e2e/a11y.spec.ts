// axe on every page in light and dark, after its widgets came alive (the static parts are covered too).
import { test } from './fixtures';
import { ALL_PAGES } from './pages';
import { expectNoAxeViolations } from './widget-helpers';

for (const { path } of ALL_PAGES) {
  test(`${path} has no axe violations in light and dark`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(path, { waitUntil: 'networkidle' });
    const widgets = page.locator('[data-widget]');
    for (let i = 0; i < (await widgets.count()); i++) await widgets.nth(i).scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle');
    await expectNoAxeViolations(page);
  });
}
