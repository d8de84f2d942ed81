// Browser side of the min-max vs z-score widget: the shared runtime does the wiring; here the outlier's slider and
// the comparison of the other points follow the outlier switch (off: the slider is disabled, its reason shown).
import { mountWidget } from '../runtime';
import { setRangeEnabled } from '../../components/widget/enable';
import { codec, compute } from './model';
import { figures } from './figures';

export function mount(root: HTMLElement): void {
  const handle = mountWidget(root, { codec, compute, figures });
  const size = root.querySelector<HTMLInputElement>('input[name="size"]');
  const outlierOnly = [...root.querySelectorAll<HTMLElement>('[data-outlier-only]')];
  const sync = (): void => {
    const on = handle.state().outlier;
    if (size) setRangeEnabled(size, on);
    for (const el of outlierOnly) if (el.hidden === on) el.hidden = !on;
  };
  // After the runtime has read the controls (its listeners sit on the form, inside the root), and after any redraw
  // (reset, a restored URL).
  root.addEventListener('input', sync);
  root.addEventListener('change', sync);
  root.addEventListener('widget-rendered', sync);
  sync();
}
