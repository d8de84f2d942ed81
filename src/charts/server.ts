import { asAccessibleImage } from './a11y';
import type { FigureRenderer, WidgetView } from '../widgets/view';
import { virtualDocument } from './virtual-svg';
import type { Lang } from '../i18n/sections';

/**
 * Draws a widget's figures at build time and returns their SVG markup, keyed like the figures. They are drawn as
 * the browser draws them (../widgets/virtual-svg), so that its first redraw patches them instead of replacing them.
 */
export function figureMarkup<F>(renderer: FigureRenderer<F>, view: WidgetView<F>, lang: Lang, width = 640): Record<string, string> {
  const drawn = renderer(view.figures, { width, lang, document: virtualDocument });
  const markup: Record<string, string> = {};
  for (const [key, element] of Object.entries(drawn)) {
    markup[key] = asAccessibleImage(element, view.descriptions[key] ?? '').outerHTML;
  }
  return markup;
}

/** Width of the phone drawing: a figure box on a 360–390 px screen is 294–324 px wide (text at 11–12 CSS px). */
export const PHONE_FIGURE_WIDTH = 300;
/**
 * Figure boxes narrower than this show the phone drawing (widgets.css, a container query on the box): a phone's
 * box is at most ~396 px (a 428 px screen), one figure of a desktop pair ~430 px.
 */
export const PHONE_BOX_MAX = 400;

/**
 * The figures as a page serves them: each drawn for a phone and for a desktop (`desktop[key]`, default 640 px),
 * both in the markup, and CSS shows the one that fits the box, so that text keeps its size without JavaScript.
 * The browser keeps the one shown and redraws it at the box's own width (../widgets/runtime).
 */
export function pageFigureMarkup<F>(
  renderer: FigureRenderer<F>,
  view: WidgetView<F>,
  lang: Lang,
  desktop: Readonly<Record<string, number>> = {},
): Record<string, string> {
  const phone = figureMarkup(renderer, view, lang, PHONE_FIGURE_WIDTH);
  const wide = new Map<number, Record<string, string>>();
  const markup: Record<string, string> = {};
  for (const key of Object.keys(phone)) {
    const width = desktop[key] ?? 640;
    if (!wide.has(width)) wide.set(width, figureMarkup(renderer, view, lang, width));
    const classed = (svg: string, at: 'phone' | 'desktop') => svg.replace(/^<svg /, `<svg data-drawn-for="${at}" `);
    markup[key] = classed(phone[key]!, 'phone') + classed(wide.get(width)![key]!, 'desktop');
  }
  return markup;
}
