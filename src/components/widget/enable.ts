// Switching a control off with its reason in view: a Range drawn with `disabledHint` (Range.astro) or a button whose
// reason is some text on the page. Browser side; the widget's client calls these when its state changes.

/**
 * Enables or disables a slider drawn by Range.astro and shows its hint (the reason) only while it is off. A disabled
 * input leaves the tab order, so the reason is visible text under it and also its description (aria-describedby)
 * for a screen reader that reaches it.
 */
export function setRangeEnabled(input: HTMLInputElement, enabled: boolean): void {
  const hint = input.closest('label')?.querySelector<HTMLElement>('.control-hint') ?? null;
  if (input.disabled === !enabled && (hint === null || hint.hidden === enabled)) return;
  input.disabled = !enabled;
  if (hint) {
    hint.hidden = enabled;
    if (enabled) input.removeAttribute('aria-describedby');
    else input.setAttribute('aria-describedby', hint.id);
  }
}

/**
 * Marks a button unavailable (aria-disabled, so it stays in the tab order and a keyboard or screen-reader user
 * still finds it, with `reason`'s id as its description) or available again. Its click handler must check
 * `isUnavailable` (or its action must do nothing in that state): aria-disabled does not stop clicks.
 */
export function setButtonAvailable(button: HTMLButtonElement, available: boolean, reason: HTMLElement | null): void {
  if (available) {
    button.removeAttribute('aria-disabled');
    button.removeAttribute('aria-describedby');
  } else {
    button.setAttribute('aria-disabled', 'true');
    if (reason?.id) button.setAttribute('aria-describedby', reason.id);
  }
}

/** Whether setButtonAvailable marked the button unavailable. */
export function isUnavailable(button: HTMLButtonElement): boolean {
  return button.getAttribute('aria-disabled') === 'true';
}
