// Browser side of every widget: URL → state → model → charts → DOM, one redraw per frame.
import type { Schema, StateCodec, StateOf } from '../lib/url-state';
import type { Lang } from '../i18n/sections';
import { isLang } from '../i18n/sections';
import { asAccessibleImage } from '../charts/a11y';
import { copyLink } from '../scripts/clipboard';
import { FLUSH_EVENT } from '../scripts/events';
import type { FigureRenderer, WidgetView } from './view';
import { patchFigure, VirtualElement, virtualDocument } from '../charts/virtual-svg';
import { writePrintParams } from './print-params';

export interface WidgetSpec<S extends Schema, F> {
  readonly codec: StateCodec<S>;
  /** The widget's pure model: state → everything shown. */
  readonly compute: (state: StateOf<S>, lang: Lang) => WidgetView<F>;
  readonly figures: FigureRenderer<F>;
  /** Buttons `data-action="<name>"`: each returns the state change it makes. */
  readonly actions?: Readonly<Record<string, (state: StateOf<S>) => Partial<StateOf<S>>>>;
  /** Widest a figure is drawn; the server draws at this width. */
  readonly maxWidth?: number;
}

export interface WidgetHandle<S extends Schema> {
  readonly state: () => StateOf<S>;
  readonly update: (change: Partial<StateOf<S>>) => void;
  /** Computes and draws the same state again: what a pending view waited for has arrived. */
  readonly refresh: () => void;
}

type Control = HTMLInputElement | HTMLSelectElement;

/** How long the URL waits for more input before it is rewritten, and before a refused write is tried again. */
const URL_DELAY_MS = 250;
/** A frame's share of figure drawing: past it, the remaining figures wait for the next frame. */
const FRAME_SHARE_MS = 6;
const URL_RETRY_MS = 2000;
/** Longest an off-screen figure waits for idle time before it is drawn anyway. */
const IDLE_TIMEOUT_MS = 500;

/** A log-spaced slider's stops (`data-stops="1,2,4,8"`): its input runs over their positions 0…n − 1. */
function stopsOf(input: HTMLInputElement): number[] {
  return (input.dataset.stops ?? '').split(',').map(Number);
}

/** The position of the stop nearest `value` (ties go to the lower stop). */
export function nearestStop(stops: readonly number[], value: number): number {
  let best = 0;
  for (let i = 1; i < stops.length; i++) if (Math.abs(stops[i]! - value) < Math.abs(stops[best]! - value)) best = i;
  return best;
}

/** requestIdleCallback, or (Safari) a short timeout with a small budget. */
function whenIdle(callback: (deadline: IdleDeadline) => void): void {
  if (typeof window.requestIdleCallback === 'function') {
    window.requestIdleCallback(callback, { timeout: IDLE_TIMEOUT_MS });
    return;
  }
  setTimeout(() => {
    const start = performance.now();
    callback({ didTimeout: true, timeRemaining: () => Math.max(0, 6 - (performance.now() - start)) });
  }, 50);
}

/** Wires a server-rendered widget root to its model; returns a handle for widget-specific extras. */
export function mountWidget<S extends Schema, F>(root: HTMLElement, spec: WidgetSpec<S, F>): WidgetHandle<S> {
  const lang: Lang = isLang(document.documentElement.lang.slice(0, 2)) ? (document.documentElement.lang.slice(0, 2) as Lang) : 'zh';
  const { codec } = spec;
  // Controls may sit in several forms: the main bar, a group beside the figure it drives, a "more settings" fold.
  const forms = [...root.querySelectorAll<HTMLFormElement>('form[data-controls]')];
  const keys = Object.keys(codec.schema) as (keyof S & string)[];
  let state = codec.parse(new URLSearchParams(location.search));
  let queued = false;
  const numberFormat = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: 3 });

  // The markup is fixed: each key's controls and printed values are found once (an input event writes them all).
  const controls = new Map<string, Control[]>(
    keys.map((key) => [key, forms.flatMap((form) => [...form.querySelectorAll<Control>(`[name="${CSS.escape(key)}"]`)])]),
  );
  const outputs = new Map<string, HTMLOutputElement[]>(
    keys.map((key) => [key, [...root.querySelectorAll<HTMLOutputElement>(`output[data-output="${CSS.escape(key)}"]`)]]),
  );
  const controlsFor = (key: string): Control[] => controls.get(key) ?? [];

  function showState(): void {
    for (const key of keys) {
      const value = state[key];
      for (const control of controlsFor(key)) {
        if (control instanceof HTMLInputElement && control.type === 'checkbox') control.checked = value === true;
        else if (control instanceof HTMLInputElement && control.type === 'radio') control.checked = control.value === String(value);
        else if (control instanceof HTMLInputElement && control.dataset.stops) {
          // A slider over log-spaced stops shows the stop nearest the value (a link may carry a value between stops).
          const position = String(nearestStop(stopsOf(control), Number(value)));
          if (control.value !== position) control.value = position;
          // Assistive technology reads the value, not the stop's position.
          const spoken = numberFormat.format(Number(value));
          if (control.getAttribute('aria-valuetext') !== spoken) control.setAttribute('aria-valuetext', spoken);
        } else if (control.value !== String(value)) control.value = String(value);
      }
      for (const out of outputs.get(key) ?? []) {
        const select = controlsFor(key).find((c): c is HTMLSelectElement => c instanceof HTMLSelectElement);
        const shown = select
          ? (select.selectedOptions[0]?.textContent ?? String(value))
          : typeof value === 'number'
            ? numberFormat.format(value)
            : String(value);
        if (out.textContent !== shown) out.textContent = shown;
      }
    }
  }

  function readControls(): Partial<Record<keyof S, unknown>> {
    const raw: Partial<Record<keyof S, unknown>> = { ...state };
    for (const key of keys) {
      for (const control of controlsFor(key)) {
        if (control instanceof HTMLInputElement && control.type === 'checkbox') raw[key] = control.checked;
        else if (control instanceof HTMLInputElement && control.type === 'radio') {
          if (control.checked) raw[key] = control.value;
        } else if (control instanceof HTMLInputElement && control.dataset.stops) {
          const stops = stopsOf(control);
          const stop = stops[control.valueAsNumber];
          // The slider did not move from the stop nearest a value between stops: the value stays.
          if (stop !== undefined && nearestStop(stops, Number(state[key])) !== control.valueAsNumber) raw[key] = stop;
        } else if (control instanceof HTMLInputElement && (control.type === 'range' || control.type === 'number')) {
          raw[key] = control.valueAsNumber;
        } else raw[key] = control.value;
      }
    }
    return raw;
  }

  // The URL follows the state, but not on every input event: a dragged slider fires dozens per second, and
  // browsers limit history.replaceState (Safari throws after 100 calls in 30 s). Writes wait URL_DELAY_MS and
  // coalesce; a refused write is retried; anything that reads the URL first dispatches FLUSH_EVENT.
  let urlTimer: ReturnType<typeof setTimeout> | undefined;

  function writeUrl(): void {
    clearTimeout(urlTimer);
    urlTimer = undefined;
    const params = new URLSearchParams(location.search);
    codec.write(params, state);
    const query = params.toString();
    try {
      history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    } catch {
      urlTimer = setTimeout(writeUrl, URL_RETRY_MS);
    }
  }

  function scheduleUrl(): void {
    urlTimer ??= setTimeout(writeUrl, URL_DELAY_MS);
  }

  addEventListener(FLUSH_EVENT, () => {
    if (urlTimer !== undefined) writeUrl();
  });
  addEventListener('pagehide', () => {
    if (urlTimer !== undefined) writeUrl();
  });

  // The widget's markup is fixed: find its parts once. Each figure is drawn at its box's width, measured at mount
  // and then by a ResizeObserver: reading it during a redraw would force a layout of the page mid-frame.
  const textNodes = new Map<string, HTMLElement[]>();
  for (const el of root.querySelectorAll<HTMLElement>('[data-text]')) {
    const key = el.dataset.text ?? '';
    textNodes.set(key, [...(textNodes.get(key) ?? []), el]);
  }
  const code = root.querySelector<HTMLElement>('[data-code]');
  const message = root.querySelector<HTMLElement>('[data-message]');
  const boxes = [...root.querySelectorAll<HTMLElement>('[data-figure]')];
  // The server drew each figure twice, for a phone and for a desktop (figureMarkup): keep the one CSS shows.
  for (const box of boxes) {
    const drawings = [...box.children].filter((child) => child instanceof SVGSVGElement);
    if (drawings.length > 1) for (const hidden of drawings.filter((svg) => getComputedStyle(svg).display === 'none')) hidden.remove();
    // From now on the drawing follows the box's width, whichever it was drawn for.
    for (const svg of box.children) svg.removeAttribute('data-drawn-for');
  }
  const boxWidths = new Map<Element, number>(boxes.map((box) => [box, box.clientWidth || 640]));
  // Figures on screen are drawn at once; the others when the browser is idle, or as soon as they scroll into view
  // (a BatchNorm redraw touches six figures, of which a reader at the controls sees one or two).
  const onScreen = new Set<Element>();
  const visibility = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) onScreen.add(entry.target);
        else onScreen.delete(entry.target);
      }
      const current = job;
      const arrived = current?.deferred.filter((box) => onScreen.has(box)) ?? [];
      if (!current || arrived.length === 0) return;
      current.deferred = current.deferred.filter((box) => !onScreen.has(box));
      const idle = current.todo.length === 0;
      current.todo.push(...arrived);
      // Otherwise the redraw in progress takes them in its next frame.
      if (idle) drawFigures(current, performance.now());
    },
    { rootMargin: '64px' },
  );
  for (const box of boxes) visibility.observe(box);

  function render(): void {
    queued = false;
    const started = performance.now();
    const view = spec.compute(state, lang);
    for (const [key, value] of Object.entries(view.text)) {
      for (const el of textNodes.get(key) ?? []) {
        if (el.textContent !== value) el.textContent = value;
      }
    }
    // Unchanged text is left alone: setting it again would lay out the whole code block anew.
    if (code && code.textContent !== view.code) code.textContent = view.code;
    if (message) {
      if (message.textContent !== (view.message ?? '')) message.textContent = view.message ?? '';
      if (message.hidden !== (view.message === null)) message.hidden = view.message === null;
    }
    root.toggleAttribute('data-has-message', view.message !== null);
    // The printed page states the parameters in words (its controls are not printed).
    writePrintParams(root);
    const widthOf = (box: Element): number => Math.round(Math.min(spec.maxWidth ?? 640, Math.max(240, boxWidths.get(box) ?? 640)));
    // One renderer result per width in use (figures side by side are narrower than those across the widget).
    const byWidth = new Map<number, Readonly<Record<string, Element>>>();
    const drawnFor = (box: Element): Readonly<Record<string, Element>> => {
      const width = widthOf(box);
      let drawn = byWidth.get(width);
      if (!drawn) byWidth.set(width, (drawn = spec.figures(view.figures, { width, lang, document: virtualDocument })));
      return drawn;
    };
    // A figure whose data the model still waits for keeps its last drawing, marked stale (CSS dims it).
    const waiting = (box: HTMLElement): boolean => view.pending === true && view.waiting?.includes(box.dataset.figure ?? '') === true;
    for (const box of boxes) box.toggleAttribute('data-stale', waiting(box));
    const ready = boxes.filter((box) => !waiting(box));
    // Figures are built as plain objects (virtual-svg) and patched into the ones shown: only what changed is touched.
    job = {
      view,
      drawnFor,
      todo: ready.filter((box) => onScreen.has(box)),
      deferred: ready.filter((box) => !onScreen.has(box)),
      started,
      spent: 0,
      slices: 0,
      onScreenDone: false,
    };
    drawFigures(job, started);
  }

  interface DrawJob {
    readonly view: WidgetView<F>;
    /** The drawings at the width of a box: the renderer's figures are drawn when read. */
    readonly drawnFor: (box: Element) => Readonly<Record<string, Element>>;
    /** Figures on screen: drawn now, over a few frames when the redraw is heavy. */
    readonly todo: HTMLElement[];
    /** Figures off screen: drawn when the browser is idle, or when they scroll into view. */
    deferred: HTMLElement[];
    /** performance.now() when the redraw began. */
    readonly started: number;
    spent: number;
    slices: number;
    /** The figures on screen are all drawn (later ones come from scrolling or idle time). */
    onScreenDone: boolean;
  }
  let job: DrawJob | undefined;
  /** What each box shows: the figure (as the renderer gave it) and its description. */
  const shown = new WeakMap<Element, { figure: Element; description: string }>();
  /** Time and frames of the pending views that led to the one being drawn (one state change, several frames). */
  const carried = { ms: 0, slices: 0, longestSliceMs: 0 };

  /** Brings one box up to the job's view; false when it already showed it (nothing was touched). */
  function drawBox(current: DrawJob, box: HTMLElement): boolean {
    const key = box.dataset.figure ?? '';
    const figure = current.drawnFor(box)[key];
    if (!figure) return false;
    const description = current.view.descriptions[key] ?? '';
    const last = shown.get(box);
    if (last?.figure === figure) {
      // The renderer handed back the drawing shown (its data did not change): at most its words did.
      if (last.description === description) return false;
      asAccessibleImage(figure, description);
      if (figure instanceof VirtualElement) box.firstElementChild?.setAttribute('aria-label', description);
    } else {
      asAccessibleImage(figure, description);
      if (figure instanceof VirtualElement) patchFigure(box, figure, last?.figure instanceof VirtualElement ? last.figure : undefined);
      else if (box.firstChild !== figure || box.childNodes.length !== 1) box.replaceChildren(figure);
    }
    shown.set(box, { figure, description });
    return true;
  }

  function drawFigures(current: DrawJob, sliceStart: number): void {
    let drew = false;
    // Figures one at a time; when this frame's share is spent the rest wait for the next frame (a slow phone then
    // gets several short frames instead of one long task).
    while (current.todo.length > 0 && (!drew || performance.now() - sliceStart < FRAME_SHARE_MS)) {
      const box = current.todo.shift();
      if (box && drawBox(current, box)) drew = true;
    }
    const sliceMs = performance.now() - sliceStart;
    // The redraw's time is its frames until the figures on screen are drawn (not the ones scrolled to later).
    if (!current.onScreenDone) {
      current.spent += sliceMs;
      current.slices += 1;
      carried.longestSliceMs = Math.max(carried.longestSliceMs, sliceMs);
    }
    if (current.todo.length > 0) {
      root.setAttribute('data-drawing', '');
      requestAnimationFrame(() => {
        if (job === current) drawFigures(current, performance.now());
      });
      return;
    }
    if (!current.onScreenDone) {
      current.onScreenDone = true;
      // A model waiting for data it asked for (a worker's): the widget is still drawing until refresh() comes.
      if (current.view.pending === true) {
        carried.ms += current.spent;
        carried.slices += current.slices;
      } else {
        // Benchmarks and tests listen for this: the redraw's JavaScript time in all (what is on screen), its
        // frames, and the last frame's share.
        const detail = {
          ms: carried.ms + current.spent,
          slices: carried.slices + current.slices,
          longestSliceMs: carried.longestSliceMs,
          lastSliceMs: sliceMs,
        };
        carried.ms = 0;
        carried.slices = 0;
        carried.longestSliceMs = 0;
        root.dispatchEvent(new CustomEvent('widget-rendered', { detail, bubbles: true }));
      }
    }
    settle(current);
  }

  /** Milliseconds each box took to draw last time: an idle period too short for it waits for a longer one. */
  const cost = new WeakMap<Element, number>();
  let idleRequested = false;
  /** JavaScript time spent drawing off-screen figures since the last `widget-settled` (for the benchmark). */
  let idleMs = 0;

  function drawWhenIdle(deadline: IdleDeadline): void {
    idleRequested = false;
    const current = job;
    if (!current || current.todo.length > 0) return; // a redraw is under way: it asks again when done
    const started = performance.now();
    let drew = false;
    // Past IDLE_TIMEOUT_MS a figure is drawn even if no idle period seems long enough for it (its last drawing may
    // have been slow for reasons that are gone): one per callback, so the page still gets its frames.
    const overdue = deadline.didTimeout || performance.now() - current.started > IDLE_TIMEOUT_MS;
    while (current.deferred.length > 0) {
      const box = current.deferred[0]!;
      if (!(deadline.timeRemaining() > (cost.get(box) ?? 2) || (overdue && !drew))) break;
      current.deferred.shift();
      const start = performance.now();
      if (drawBox(current, box)) cost.set(box, performance.now() - start);
      drew = true;
    }
    idleMs += performance.now() - started;
    settle(current);
  }

  /** After a slice: draws what is left off screen when idle; the widget carries data-drawing until all is drawn. */
  function settle(current: DrawJob): void {
    if (job !== current) return;
    const done = current.todo.length === 0 && current.deferred.length === 0;
    root.toggleAttribute('data-drawing', !done || current.view.pending === true);
    if (!done) {
      if (current.todo.length === 0 && !idleRequested) {
        idleRequested = true;
        whenIdle(drawWhenIdle);
      }
      return;
    }
    if (current.view.pending === true) return;
    job = undefined;
    root.dispatchEvent(new CustomEvent('widget-settled', { detail: { idleMs }, bubbles: true }));
    idleMs = 0;
  }

  // Printing shows every figure: draw those still waiting for idle time.
  addEventListener('beforeprint', () => {
    const current = job;
    if (!current) return;
    for (const box of current.deferred.splice(0)) drawBox(current, box);
    settle(current);
  });

  function schedule(): void {
    if (queued) return;
    queued = true;
    requestAnimationFrame(render);
  }

  function update(change: Partial<StateOf<S>>): void {
    state = codec.clamp({ ...state, ...change });
    carried.ms = 0;
    carried.slices = 0;
    carried.longestSliceMs = 0;
    showState();
    scheduleUrl();
    schedule();
  }

  for (const form of forms) {
    form.addEventListener('input', () => update(codec.clamp(readControls())));
    form.addEventListener('change', () => update(codec.clamp(readControls())));
    form.addEventListener('submit', (event) => event.preventDefault());
  }

  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-action]')) {
    const action = spec.actions?.[button.dataset.action ?? ''];
    if (action) button.addEventListener('click', () => update(action(state)));
  }
  root.querySelector<HTMLButtonElement>('[data-reset]')?.addEventListener('click', () => update(codec.defaults));
  root.querySelector<HTMLButtonElement>('[data-copy-link]')?.addEventListener('click', () => {
    dispatchEvent(new Event(FLUSH_EVENT)); // the other widgets' pending state, too
    const params = new URLSearchParams(location.search);
    codec.write(params, state);
    const url = new URL(location.href);
    url.search = params.toString();
    url.hash = root.id;
    void copyLink(url.href);
  });
  document.addEventListener('themechange', schedule);
  const resized = new ResizeObserver((entries) => {
    // Layout is fresh when observers run: reading the widths here costs nothing.
    let changed = false;
    for (const { target } of entries) {
      const width = (target as HTMLElement).clientWidth;
      if (Math.abs(width - (boxWidths.get(target) ?? 0)) < 8) continue;
      boxWidths.set(target, width);
      changed = true;
    }
    if (changed) schedule();
  });
  for (const box of boxes) resized.observe(box);

  showState();
  render();
  return { state: () => state, update, refresh: schedule };
}
