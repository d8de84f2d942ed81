// Browser side of the BatchNorm explorer: the shared runtime, "next batch" and "back to step 0" actions, a
// play/pause button that feeds one batch per tick (slower with reduced motion, paused out of view or in a hidden
// tab), both unavailable in eval mode (which feeds nothing; the reason is shown beside them), the chosen-feature
// slider's maximum kept equal to C, and a Web Worker that draws a new seed's batches.
import { adoptStreamBlocks } from '../../lib/activation-stream';
import { mountWidget, type WidgetHandle } from '../runtime';
import { isUnavailable, setButtonAvailable } from '../../components/widget/enable';
import { codec, compute, drawStreamWith, tooLongHere } from './model';
import { figures } from './figures';
import type { StreamReply, StreamRequest } from './stream-messages';

/** Milliseconds between batches while playing; slower when the reader prefers reduced motion. */
const TICK_MS = 400;
const REDUCED_TICK_MS = 1500;

export function mount(root: HTMLElement): void {
  const maxStep = codec.schema.step.max;
  // The worker is in place before the first redraw: a shared link at 200 batches is replayed off the page too.
  let handle: WidgetHandle<typeof codec.schema> | undefined;
  const drawAhead = drawStreamInWorker(
    () => handle?.refresh(),
    () => handle?.state() ?? codec.parse(new URLSearchParams(location.search)),
  );
  root.addEventListener('widget-rendered', drawAhead);
  handle = mountWidget(root, {
    codec,
    compute,
    figures,
    actions: {
      // Eval mode feeds no batch: the button is marked unavailable, and does nothing if pressed.
      next: (state) => (state.mode === 'eval' ? {} : { step: Math.min(maxStep, state.step + 1) }),
      restart: () => ({ step: 0 }),
    },
  });

  const featureInput = root.querySelector<HTMLInputElement>('input[name="f"]');
  const syncFeature = (): void => {
    const { c, f } = handle.state();
    if (featureInput && featureInput.max !== String(c)) {
      featureInput.max = String(c);
      featureInput.value = String(Math.min(f, c));
    }
    if (f > c) handle.update({ f: c });
  };
  // At once when C changes (the runtime has already read the input: its listener sits on the form, inside the
  // root), so a key pressed on the feature slider right after meets its new maximum; and after any redraw.
  root.addEventListener('input', syncFeature);
  root.addEventListener('change', syncFeature);
  root.addEventListener('widget-rendered', syncFeature);
  syncFeature();

  const button = root.querySelector<HTMLButtonElement>('button[data-play]');
  if (!button) return;
  const next = root.querySelector<HTMLButtonElement>('button[data-action="next"]');
  const reason = root.querySelector<HTMLElement>('[data-text="toolbarNote"]');
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)');
  let timer: number | undefined;

  const setPlaying = (playing: boolean): void => {
    button.setAttribute('aria-pressed', String(playing));
    button.textContent = (playing ? button.dataset.labelPause : button.dataset.labelPlay) ?? button.textContent;
  };
  const stop = (): void => {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
    setPlaying(false);
  };
  const tick = (): void => {
    if (document.hidden) return;
    const { step } = handle.state();
    if (step >= maxStep) stop();
    else handle.update({ step: step + 1 });
  };
  const start = (): void => {
    if (handle.state().step >= maxStep) handle.update({ step: 0 });
    timer = window.setInterval(tick, reduced.matches ? REDUCED_TICK_MS : TICK_MS);
    setPlaying(true);
  };
  button.addEventListener('click', () => {
    if (isUnavailable(button)) return;
    if (timer === undefined) start();
    else stop();
  });
  // Eval mode feeds no batches: Next batch and Play are unavailable (and playing stops), with the reason shown.
  const syncMode = (): void => {
    const feeding = handle.state().mode === 'train';
    if (!feeding && timer !== undefined) stop();
    for (const b of [next, button]) if (b) setButtonAvailable(b, feeding, reason);
  };
  root.addEventListener('input', syncMode);
  root.addEventListener('change', syncMode);
  root.addEventListener('widget-rendered', syncMode);
  syncMode();
  // Pause when the widget leaves the viewport.
  new IntersectionObserver((entries) => {
    if (entries.some((e) => !e.isIntersecting)) stop();
  }).observe(root);
}

/**
 * A new seed's batches are drawn by a Web Worker (./stream-worker.ts), one request at a time: while it works,
 * a reader dragging the seed slider may pass several seeds, and only the latest is asked for next. When it has
 * nothing to do, it draws the seeds next to the current one ahead of time (a reader stepping the slider with the
 * arrow keys, or dragging it, meets seeds already drawn: one frame, no wait). If the worker cannot start or
 * fails, the batches are drawn on the page as before (one longer frame).
 */
function drawStreamInWorker(arrived: () => void, current: () => { seed: number; step: number; n: number }): () => void {
  let worker: Worker | undefined;
  let asked: (StreamRequest & { ahead: boolean }) | undefined;
  let wanted: StreamRequest | undefined;
  const covers = (a: StreamRequest | undefined, b: StreamRequest): boolean => a?.seed === b.seed && a.steps >= b.steps;
  const send = (): void => {
    if (asked || !worker) return;
    if (wanted) {
      asked = { ...wanted, ahead: false };
      wanted = undefined;
    } else {
      // Idle: a neighbouring seed, as far as the current step, if moving to it would need the worker.
      const { seed, step, n } = current();
      const [min, max] = [codec.schema.seed.min, codec.schema.seed.max];
      const next = [seed + 1, seed - 1].find((s) => s >= min && s <= max && tooLongHere(s, step, n));
      if (next === undefined) return;
      asked = { seed: next, steps: step, ahead: true };
    }
    worker.postMessage({ seed: asked.seed, steps: asked.steps } satisfies StreamRequest);
  };
  const giveUp = (): void => {
    worker?.terminate();
    worker = undefined;
    drawStreamWith(null);
    arrived();
  };
  drawStreamWith((seed, steps) => {
    const request = { seed, steps };
    if (covers(asked, request)) {
      // Already on its way (perhaps drawn ahead): the answer will redraw.
      if (asked) asked.ahead = false;
      return true;
    }
    if (!worker) {
      try {
        worker = new Worker(new URL('./stream-worker.ts', import.meta.url), { type: 'module' });
      } catch {
        // No worker here: this redraw draws the batches itself, and so will every later one.
        drawStreamWith(null);
        return false;
      }
      worker.addEventListener('message', ({ data }: MessageEvent<StreamReply>) => {
        adoptStreamBlocks(data.seed, data.blocks);
        const wasAhead = asked?.ahead === true;
        asked = undefined;
        if (!wasAhead) arrived();
        // (After a redraw, which may ask for something else first.)
        queueMicrotask(send);
      });
      worker.addEventListener('error', giveUp);
    }
    wanted = request;
    send();
    return true;
  });
  // After each redraw the worker, if it was ever needed, may draw ahead.
  return send;
}
