// Browser side of the padding widget: the shared runtime, plus a button that draws new batchmates.
import { mountWidget } from '../runtime';
import { codec, compute } from './model';
import { figures, MAX_WIDTH } from './figures';

export function mount(root: HTMLElement): void {
  mountWidget(root, {
    codec,
    compute,
    figures,
    // The batch heatmap spans a desktop's widget: drawn at its box's width, not stretched from 640 px.
    maxWidth: MAX_WIDTH,
    actions: {
      newMates: (state) => ({ mates: state.mates >= codec.schema.mates.max ? codec.schema.mates.min : state.mates + 1 }),
    },
  });
}
