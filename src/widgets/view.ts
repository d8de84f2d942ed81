import type { Lang } from '../i18n/sections';

/**
 * Everything a widget shows for one state, computed by its pure model.
 * The server renders it once (default state); the browser re-renders it on every input.
 * Strings only: they reach the DOM through textContent, never as HTML.
 */
export interface WidgetView<F = unknown> {
  /** Printed numbers and labels, keyed; shown in elements with `data-text="<key>"`. */
  readonly text: Readonly<Record<string, string>>;
  /** Data for the figures, drawn by the widget's `figures` function into `data-figure="<key>"`. */
  readonly figures: F;
  /** Accessible descriptions of the figures, keyed like the figures. */
  readonly descriptions: Readonly<Record<string, string>>;
  /** The PyTorch code that computes the same thing for this state. */
  readonly code: string;
  /** A message shown instead of a result (e.g. PyTorch's refusal), or null. */
  readonly message: string | null;
  /** Part of the view waits for data the model asked for elsewhere (a Web Worker); the widget calls refresh() when it arrives. */
  readonly pending?: boolean;
  /** While pending, the figures whose data is not there yet: left as they are (dimmed after a moment), not redrawn. */
  readonly waiting?: readonly string[];
}

/** Options every chart function takes. */
export interface ChartOptions {
  readonly width: number;
  readonly document?: Document;
  readonly lang: Lang;
}

/** The widget's figures for one view: key → element. */
export type FigureRenderer<F> = (figures: F, options: ChartOptions) => Readonly<Record<string, Element>>;

/**
 * A renderer's result whose figures are drawn when first read. The runtime reads them one at a time, visible ones
 * first, and leaves the rest for the next frame when a frame's share of time is spent; the server reads them all.
 */
export function lazyFigures(draw: Readonly<Record<string, () => Element>>): Readonly<Record<string, Element>> {
  const figures: Record<string, Element> = {};
  for (const [key, drawOne] of Object.entries(draw)) {
    let element: Element | undefined;
    Object.defineProperty(figures, key, { enumerable: true, get: () => (element ??= drawOne()) });
  }
  return figures;
}
