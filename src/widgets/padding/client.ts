// Browser side of the padding widget: the shared runtime, plus a button that draws new batchmates.
import { mountWidget } from '../runtime';
import { codec, compute } from './model';
import { figures } from './figures';

export function mount(root: HTMLElement): void {
  mountWidget(root, {
    codec,
    compute,
    figures,
    actions: {
      newMates: (state) => ({ mates: state.mates >= codec.schema.mates.max ? codec.schema.mates.min : state.mates + 1 }),
    },
  });
}
