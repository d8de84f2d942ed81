/**
 * Observable Plot puts a <style> with its base rules into every chart it draws. The site's Content-Security-Policy
 * (src/csp/policy.mjs) refuses inline <style>, so a chart drawn at build time leaves it out and the page loads the same
 * rules from the stylesheet, src/styles/plot.css (plot-style.test.ts checks that copy is Plot's own, rule for rule).
 */
export function withoutStyleElements<T extends Element>(chart: T): T {
  for (const style of [...chart.querySelectorAll('style')]) style.remove();
  return chart;
}

/** The text of the <style> elements in a chart, each with its runs of white space made one space. */
export function styleTexts(chart: Element): string[] {
  return [...chart.querySelectorAll('style')].map((style) => normalizeCss(style.textContent ?? ''));
}

/** CSS with every run of white space made one space, ends trimmed: for comparing copies. */
export function normalizeCss(css: string): string {
  return css.replace(/\s+/g, ' ').trim();
}
