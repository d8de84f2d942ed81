import { asAccessibleImage } from './a11y';
import { serverDocument } from './server-document';
import type { FigureRenderer, WidgetView } from '../widgets/view';
import type { Lang } from '../i18n/sections';

/** Draws a widget's figures at build time and returns their SVG markup, keyed like the figures. */
export function figureMarkup<F>(renderer: FigureRenderer<F>, view: WidgetView<F>, lang: Lang, width = 640): Record<string, string> {
  const document = serverDocument();
  const drawn = renderer(view.figures, { width, lang, document });
  const markup: Record<string, string> = {};
  for (const [key, element] of Object.entries(drawn)) {
    markup[key] = asAccessibleImage(element, view.descriptions[key] ?? '').outerHTML;
  }
  return markup;
}
