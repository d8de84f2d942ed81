// Browser side of the decoding widget: the shared runtime, plus buttons that step the decoding.
import { mountWidget } from '../runtime';
import { codec, compute, T } from './model';
import { figures } from './figures';

export function mount(root: HTMLElement): void {
  mountWidget(root, {
    codec,
    compute,
    figures,
    actions: {
      next: (state) => ({ token: state.token >= T ? 1 : state.token + 1 }),
      restart: () => ({ token: 0 }),
    },
  });
}
