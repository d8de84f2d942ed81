// Browser side of the LayerNorm explorer: the shared runtime, two buttons for the batchmates, and the
// "chosen sample" slider's maximum kept equal to the batch size.
import { mountWidget } from '../runtime';
import { codec, compute } from './model';
import { figures } from './figures';

export function mount(root: HTMLElement): void {
  const handle = mountWidget(root, {
    codec,
    compute,
    figures,
    actions: {
      newMates: (state) => ({ mates: state.mates >= codec.schema.mates.max ? 1 : state.mates + 1 }),
      originalMates: () => ({ mates: 0 }),
    },
  });
  const pick = root.querySelector<HTMLInputElement>('input[name="pick"]');
  const sync = (): void => {
    const { n, pick: chosen } = handle.state();
    if (pick && pick.max !== String(n)) {
      pick.max = String(n);
      pick.value = String(Math.min(chosen, n));
    }
    if (chosen > n) handle.update({ pick: n });
  };
  // At once when N changes (the runtime has already read the input: its listener sits on the form, inside the
  // root), so a key pressed on the chosen-sample slider right after meets its new maximum; and after any redraw
  // (reset, a link).
  root.addEventListener('input', sync);
  root.addEventListener('change', sync);
  root.addEventListener('widget-rendered', sync);
  sync();
}
