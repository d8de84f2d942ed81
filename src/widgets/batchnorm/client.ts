// Browser side of the BatchNorm explorer: the shared runtime, "next batch" and "back to step 0" actions, a
// play/pause button that feeds one batch per tick (slower with reduced motion, paused out of view or in a hidden
// tab), the chosen-feature slider's maximum kept equal to C, and a Web Worker that draws a new seed's batches.
import { adoptStreamBlocks } from '../../lib/activation-stream';
import { mountWidget } from '../runtime';
import { codec, compute, drawStreamWith } from './model';
import { figures } from './figures';
import type { StreamReply, StreamRequest } from './stream-messages';

/** Milliseconds between batches while playing; slower when the reader prefers reduced motion. */
const TICK_MS = 400;
const REDUCED_TICK_MS = 1500;

export function mount(root: HTMLElement): void {
  const maxStep = codec.schema.step.max;
  const handle = mountWidget(root, {
    codec,
    compute,
    figures,
    actions: {
      next: (state) => ({ step: Math.min(maxStep, state.step + 1) }),
      restart: () => ({ step: 0 }),
    },
  });
  drawStreamInWorker(() => handle.refresh());

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
  button.addEventListener('click', () => (timer === undefined ? start() : stop()));
  // Pause when the widget leaves the viewport.
  new IntersectionObserver((entries) => {
    if (entries.some((e) => !e.isIntersecting)) stop();
  }).observe(root);
}

/**
 * A new seed's batches are drawn by a Web Worker (./stream-worker.ts), one request at a time: while it works,
 * a reader dragging the seed slider may pass several seeds, and only the latest is asked for next. If the
 * worker cannot start or fails, the batches are drawn on the page as before (one longer frame).
 */
function drawStreamInWorker(arrived: () => void): void {
  let worker: Worker | undefined;
  let asked: StreamRequest | undefined;
  let wanted: StreamRequest | undefined;
  const same = (a: StreamRequest | undefined, b: StreamRequest): boolean => a?.seed === b.seed && a.steps >= b.steps;
  const send = (): void => {
    if (asked || !wanted || !worker) return;
    asked = wanted;
    wanted = undefined;
    worker.postMessage(asked);
  };
  const giveUp = (): void => {
    worker?.terminate();
    worker = undefined;
    drawStreamWith(null);
    arrived();
  };
  drawStreamWith((seed, steps) => {
    const request = { seed, steps };
    if (same(asked, request)) return;
    if (!worker) {
      try {
        worker = new Worker(new URL('./stream-worker.ts', import.meta.url), { type: 'module' });
      } catch {
        giveUp();
        return;
      }
      worker.addEventListener('message', ({ data }: MessageEvent<StreamReply>) => {
        adoptStreamBlocks(data.seed, data.blocks);
        asked = undefined;
        send();
        arrived();
      });
      worker.addEventListener('error', giveUp);
    }
    wanted = request;
    send();
  });
}
