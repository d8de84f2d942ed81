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
}

/** Options every chart function takes. */
export interface ChartOptions {
  readonly width: number;
  readonly document?: Document;
  readonly lang: Lang;
}

/** The widget's figures for one view: key → element. */
export type FigureRenderer<F> = (figures: F, options: ChartOptions) => Readonly<Record<string, Element>>;
