// Events the page script and the widget runtime share (a module of its own, so neither bundles the other).

/** Dispatched on window by code about to read location.search (the language switch): widgets write pending state first. */
export const FLUSH_EVENT = 'widget-state-flush';
