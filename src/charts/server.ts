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
