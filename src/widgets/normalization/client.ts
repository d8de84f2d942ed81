// Browser side of the min-max vs z-score widget: the shared runtime does all the wiring.
import { mountWidget } from '../runtime';
import { codec, compute } from './model';
import { figures } from './figures';

export function mount(root: HTMLElement): void {
  mountWidget(root, { codec, compute, figures });
}
