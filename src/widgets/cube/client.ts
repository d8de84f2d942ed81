// Browser side of the reduction cube: the shared runtime, plus what is particular to the cube — the cell sliders'
// ranges follow the sizes, G moves between divisors of D, the controls and labels follow the layout (a control that
// does not apply is hidden or switched off, never left to do nothing), and pointing at a cell of the figure selects it.
import { cellAt, cubeGeometry } from '../../charts/cube';
import { validGroupCount, validGroupCountAbove } from '../../lib/reduction';
import { isLang, type Lang } from '../../i18n/sections';
import { setRangeEnabled } from '../../components/widget/enable';
import { mountWidget } from '../runtime';
import { codec, compute, constrain, cubeSize, MAX, type CubeState } from './model';
import { figures } from './figures';
import { labels } from './labels';

type Names = 'B' | 'T' | 'H' | 'W' | 'D' | 'G' | 'b' | 't' | 'd';

export function mount(root: HTMLElement): void {
  const box = root.querySelector<HTMLElement>('[data-figure="cube"]');
  const input = (name: Names) => root.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  const pageLang = document.documentElement.lang.slice(0, 2);
  const t = labels[isLang(pageLang) ? (pageLang as Lang) : 'zh'];

  // Open every slider's range before the runtime writes the URL's state into them, so no value is cut short.
  for (const [name, max] of [['b', MAX.B - 1], ['t', MAX.H * MAX.W - 1], ['d', MAX.D - 1], ['G', MAX.D]] as const) {
    input(name)?.setAttribute('max', String(max));
  }

  const setMax = (name: Names, max: number, value?: number) => {
    const el = input(name);
    if (!el) return;
    if (el.max !== String(max)) el.max = String(max);
    if (value !== undefined && el.value !== String(value)) el.value = String(value);
  };

  const setLabel = (name: Names, text: string) => {
    const label = input(name)?.closest('label')?.querySelector('.control-label');
    if (label && label.textContent !== text) label.textContent = text;
  };

  /** The controls that only make sense for some states, the sliders' ranges and the labels, from the state. */
  const sync = (state: CubeState) => {
    const tokens = state.layout === 'tokens';
    // A size of the other layout is hidden, and off so that no keyboard reaches it; G is shown but off, with its
    // reason, unless the norm is GroupNorm; a cell slider with one position to choose from is off.
    for (const el of root.querySelectorAll<HTMLElement>('[data-show]')) {
      const shown = el.dataset.show === state.layout;
      el.hidden = !shown;
      for (const control of el.querySelectorAll('input')) control.disabled = !shown;
    }
    const g = input('G');
    if (g) setRangeEnabled(g, state.norm === 'gn');
    const cube = root.querySelector<HTMLElement>('[data-cube]');
    if (cube) cube.dataset.norm = state.norm;
    const size = cubeSize(state);
    setMax('b', size.batch - 1, state.b);
    setMax('t', size.positions - 1, state.t);
    setMax('d', size.features - 1, state.d);
    for (const [name, n] of [['b', size.batch], ['t', size.positions], ['d', size.features]] as const) {
      const el = input(name);
      if (el && el.disabled !== n < 2) el.disabled = n < 2;
    }
    setMax('G', state.D, state.G);
    setLabel('B', tokens ? t.sizeBTokens : t.sizeBImages);
    setLabel('D', tokens ? t.sizeDTokens : t.sizeDImages);
    setLabel('b', tokens ? t.cellBTokens : t.cellBImages);
    setLabel('t', tokens ? t.cellTTokens : t.cellTImages);
    setLabel('d', tokens ? t.cellDTokens : t.cellDImages);
  };

  // Before the runtime reads an input: keep the cell inside the new sizes (a slider clamps to its max) and keep G a
  // divisor of D. Moving G up snaps up (4 → 5 becomes 8 for D = 16), down snaps down; changing D keeps the G the
  // reader last chose wherever it divides D, so passing D through a prime does not lose it.
  const initial = constrain(codec.parse(new URLSearchParams(location.search)));
  let lastG = initial.G;
  let wantedG = initial.G;
  const beforeRuntime = (event: Event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement)) return;
    const value = (name: Names) => Number(input(name)?.value ?? 1);
    const layout = root.querySelector<HTMLInputElement>('input[name="layout"]:checked')?.value ?? 'tokens';
    const features = value('D');
    const g = input('G');
    if (g) {
      g.max = String(features);
      let next: number;
      if (target.name === 'G') {
        const raw = value('G');
        next = raw > lastG ? validGroupCountAbove(raw, features) : validGroupCount(raw, features);
        wantedG = next;
      } else {
        next = validGroupCount(wantedG, features);
      }
      g.value = String(next);
      lastG = next;
    }
    setMax('b', value('B') - 1);
    setMax('t', (layout === 'tokens' ? value('T') : value('H') * value('W')) - 1);
    setMax('d', features - 1);
  };
  // On the root, in the capture phase: before the runtime's listeners on each of the widget's forms.
  root.addEventListener('input', beforeRuntime, { capture: true });
  root.addEventListener('change', beforeRuntime, { capture: true });

  const handle = mountWidget(root, { codec, compute, figures });
  root.addEventListener('widget-rendered', () => {
    sync(handle.state());
    lastG = handle.state().G;
  });
  root.querySelector('[data-reset]')?.addEventListener('click', () => {
    wantedG = codec.defaults.G;
  });
  // A link that carries this widget's state: show it made consistent, and write the clean values back.
  const params = new URLSearchParams(location.search);
  if ([...params.keys()].some((key) => key.startsWith(`${codec.namespace}.`))) handle.update(constrain(handle.state()));
  sync(handle.state());

  // Pointing at the figure selects the surface cell under the pointer (hover with a mouse, tap on a touch screen).
  const select = (event: PointerEvent) => {
    if (event.type === 'pointermove' && event.pointerType !== 'mouse') return;
    const svg = box?.querySelector('svg');
    if (!svg) return;
    const state = handle.state();
    const viewWidth = svg.viewBox.baseVal.width;
    const rect = svg.getBoundingClientRect();
    if (!viewWidth || rect.width === 0) return;
    const scale = viewWidth / rect.width;
    const cell = cellAt(cubeGeometry(cubeSize(state), viewWidth), (event.clientX - rect.left) * scale, (event.clientY - rect.top) * scale);
    if (!cell || (cell.batch === state.b && cell.position === state.t && cell.feature === state.d)) return;
    handle.update({ b: cell.batch, t: cell.position, d: cell.feature });
  };
  box?.addEventListener('pointermove', select);
  box?.addEventListener('pointerdown', select);
}
