// The line a printed widget shows in place of its controls ("Parameters: Batch size N: 8 · Mode: train · …"), read
// from the controls themselves: their labels and the values they show. It works the same for a widget whose code has
// not loaded (its controls show the server's default state) and for a live one (the runtime keeps them in step with
// its state), with no per-widget code. Screen CSS hides the line; print.css shows it and hides the controls.

type Lang = 'zh' | 'en';

const WORDS: Readonly<Record<Lang, { on: string; off: string; none: string; colon: string; list: string }>> = {
  en: { on: 'on', off: 'off', none: 'none', colon: ': ', list: ', ' },
  zh: { on: '开', off: '关', none: '无', colon: '：', list: '、' },
};

/** A separator between phrases that reads the same in both languages. */
const SEPARATOR = ' · ';

const squash = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** Whether a control says nothing about the current state: switched off, or hidden with its part of the widget. */
function inactive(control: HTMLInputElement | HTMLSelectElement): boolean {
  return control.hasAttribute('disabled') || control.closest('[hidden]') !== null;
}

/**
 * One "label: value" phrase per control in the widget's forms, in reading order: a slider's shown value (with its
 * unit), a drop-down's chosen option, a radio group's chosen choice, a checkbox on or off; checkboxes in a group of
 * their own (a fieldset) as the group's name and the boxes ticked. Disabled and hidden controls are left out.
 */
export function describeControls(root: ParentNode, lang: Lang): string[] {
  const words = WORDS[lang];
  const phrases: string[] = [];
  const phrase = (label: string, value: string) => {
    // A label that ends in its own sign ("k =") takes the value after a space, not after a colon.
    if (label && value) phrases.push(/[=＝:：]$/.test(label) ? `${label} ${value}` : `${label}${words.colon}${value}`);
  };
  const groups = new Set<Element>();
  // Read through selectors and attributes only (`:checked` follows the live state), so that a Node DOM can run it too.
  for (const control of root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('form[data-controls] :is(input, select)')) {
    if (inactive(control)) continue;
    const wrapper = control.closest('.control');
    const type = control.tagName === 'SELECT' ? 'select' : (control.getAttribute('type') ?? 'text');
    if (type === 'select') {
      phrase(squash(wrapper?.querySelector('.control-label')?.textContent), squash(control.querySelector('option:checked')?.textContent));
    } else if (type === 'radio' || (type === 'checkbox' && control.closest('fieldset') !== null)) {
      // A group is described once, at its first control.
      const group = control.closest('fieldset');
      if (!group || groups.has(group)) continue;
      groups.add(group);
      const chosen = [...group.querySelectorAll<HTMLInputElement>('input:checked')]
        .filter((input) => !inactive(input))
        .map((input) => squash(input.closest('label')?.textContent));
      phrase(squash(group.querySelector('legend')?.textContent), chosen.length > 0 ? chosen.join(words.list) : words.none);
    } else if (type === 'checkbox') {
      phrase(squash(wrapper?.querySelector('.control-label')?.textContent), control.matches(':checked') ? words.on : words.off);
    } else {
      phrase(squash(wrapper?.querySelector('.control-label')?.textContent), squash(wrapper?.querySelector('.control-value')?.textContent ?? control.value));
    }
  }
  return phrases;
}

/** Writes the widget's parameters into its `[data-print-params]` line (only when they changed). */
export function writePrintParams(root: HTMLElement): void {
  const line = root.querySelector<HTMLElement>('[data-print-params]');
  if (!line) return;
  const lang: Lang = (root.closest('[lang]')?.getAttribute('lang') ?? 'zh').startsWith('en') ? 'en' : 'zh';
  const phrases = describeControls(root, lang);
  const text = phrases.length > 0 ? `${line.dataset.printParams ?? ''}${phrases.join(SEPARATOR)}` : '';
  if (line.textContent !== text) line.textContent = text;
}

/**
 * Every widget on the page states its parameters now, and again just before printing (a widget's own code may have
 * switched a control off since). Closed code and data folds (`.widget-code`) print open: they are opened for the
 * print and closed again after it (print.css opens them too, where the browser lets CSS do it).
 */
export function startPrintParams(): void {
  const widgets = () => document.querySelectorAll<HTMLElement>('.widget');
  for (const widget of widgets()) writePrintParams(widget);
  let opened: HTMLDetailsElement[] = [];
  addEventListener('beforeprint', () => {
    for (const widget of widgets()) writePrintParams(widget);
    opened = [...document.querySelectorAll<HTMLDetailsElement>('details.widget-code:not([open])')];
    for (const details of opened) details.open = true;
  });
  addEventListener('afterprint', () => {
    for (const details of opened) details.open = false;
    opened = [];
  });
}
