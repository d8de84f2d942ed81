// Browser side of the training lab: the shared runtime, the runs precomputed at build time (read from the page),
// and Train / Stop. Train starts one Web Worker per chosen norm (./train-worker.ts), as many at once as the machine
// has cores to spare (one core stays with the page, so it keeps responding; the others wait their turn): each streams
// its loss curve and checkpoints into the results store, which the model reads, and shows its progress in a bar. The
// figures are redrawn at most every REDRAW_MS while runs stream in. Stop terminates the workers.
// Lab 2 trains with batch 2: the batch slider is off there, with the reason under it.
import { mountWidget, type WidgetHandle } from '../runtime';
import { isUnavailable, setButtonAvailable, setRangeEnabled } from '../../components/widget/enable';
import { fillTemplate } from '../../charts/format';
import { langFromPath } from '../../i18n';
import type { LabTask, NormKind } from '../../lib/lab';
import { batchOf, chosenNorms, codec, compute, seedsOf } from './model';
import { figures } from './figures';
import { labels } from './labels';
import { getResult, setResult, type RunResult } from './results';
import type { TrainReply, TrainRequest } from './train-messages';

/** Shortest time between two redraws while runs stream in. */
const REDRAW_MS = 400;

interface Run {
  readonly request: TrainRequest;
  readonly bar: HTMLProgressElement;
  worker: Worker | null;
  result: RunResult;
}

/** Workers training at once: every core but one (the page's), at least one. */
function parallelRuns(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, cores - 1);
}

export function mount(root: HTMLElement): void {
  const lang = langFromPath(location.pathname);
  const t = labels[lang];
  const data = root.querySelector<HTMLScriptElement>('script[data-lab-precomputed]');
  if (data?.textContent) {
    for (const run of JSON.parse(data.textContent) as RunResult[]) {
      if (!getResult(run.task, run.norm, run.batch, run.seed)) setResult(run);
    }
  }
  const handle: WidgetHandle<typeof codec.schema> = mountWidget(root, { codec, compute, figures, maxWidth: 900 });

  // The other seeds of the precomputed settings ("3 seeds"): fetched once, the first time they are asked for.
  let extraRuns: Promise<void> | null = null;
  const loadExtraRuns = (): void => {
    const url = data?.dataset.labRuns;
    if (extraRuns || !url || !handle.state().spread) return;
    extraRuns = fetch(url)
      .then((response) => (response.ok ? (response.json() as Promise<RunResult[]>) : []))
      .then((list) => {
        for (const run of list) if (!getResult(run.task, run.norm, run.batch, run.seed)) setResult(run);
        handle.refresh();
      })
      .catch(() => {
        extraRuns = null; // offline: the seeds not trained say so; the next change tries again
      });
  };

  const trainButton = root.querySelector<HTMLButtonElement>('button[data-train]');
  const stopButton = root.querySelector<HTMLButtonElement>('button[data-stop]');
  const runsList = root.querySelector<HTMLElement>('[data-runs]');
  const batchInput = root.querySelector<HTMLInputElement>('input[name="batch"]');
  let runs: Run[] = [];

  let timer: number | undefined;
  let last = 0;
  const redraw = (): void => {
    if (timer !== undefined) return;
    timer = window.setTimeout(
      () => {
        timer = undefined;
        last = performance.now();
        handle.refresh();
      },
      Math.max(0, last + REDRAW_MS - performance.now()),
    );
  };

  const busy = (): boolean => runs.some((r) => r.result.state === 'training' || r.result.state === 'waiting');
  const sync = (): void => {
    const state = handle.state();
    if (batchInput) setRangeEnabled(batchInput, state.task === 'sort');
    const training = busy();
    if (trainButton) setButtonAvailable(trainButton, !training && chosenNorms(state).length > 0, null);
    if (stopButton) setButtonAvailable(stopButton, training, null);
    if (!training && root.dataset.training === 'true') root.dataset.training = 'done';
  };

  const update = (run: Run, change: Partial<RunResult>): void => {
    run.result = { ...run.result, ...change };
    setResult(run.result);
    redraw();
  };

  /** Starts the waiting runs while there are cores to spare. */
  const pump = (): void => {
    let free = parallelRuns() - runs.filter((r) => r.result.state === 'training').length;
    for (const run of runs) {
      if (free <= 0) break;
      if (run.result.state !== 'waiting') continue;
      let worker: Worker;
      try {
        worker = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module' });
      } catch {
        update(run, { state: 'stopped' });
        continue;
      }
      free--;
      run.worker = worker;
      update(run, { state: 'training' });
      worker.addEventListener('message', ({ data: reply }: MessageEvent<TrainReply>) => {
        if (reply.kind === 'progress') {
          run.bar.value = reply.step / reply.totalSteps;
          update(run, {
            step: reply.step,
            totalSteps: reply.totalSteps,
            ema: [...run.result.ema, ...reply.ema],
            checkpoints: reply.checkpoint ? [...run.result.checkpoints, reply.checkpoint] : run.result.checkpoints,
            state: reply.status === 'diverged' ? 'diverged' : 'training',
          });
        } else {
          root.dataset.lastTrainMs = String(Math.round(reply.trainMs));
          end(run, { step: reply.step, report: reply.report, state: reply.status === 'diverged' ? 'diverged' : 'done' });
        }
      });
      worker.addEventListener('error', () => end(run, { state: 'stopped' }));
      worker.postMessage(run.request);
    }
    sync();
  };

  const end = (run: Run, change: Partial<RunResult>): void => {
    run.worker?.terminate();
    run.worker = null;
    update(run, change);
    pump();
  };

  const train = (task: LabTask, norms: readonly NormKind[], batch: number, seeds: readonly number[]): void => {
    if (!runsList) return;
    runsList.replaceChildren();
    const pairs = norms.flatMap((norm) => seeds.map((seed) => [norm, seed] as const));
    runs = pairs.map(([norm, seed]) => {
      const item = document.createElement('li');
      const label = document.createElement('span');
      const name = seeds.length > 1 ? `${t.norms[norm]} · ${fillTemplate(t.seedN, { seed })}` : t.norms[norm];
      label.textContent = name;
      const bar = document.createElement('progress');
      bar.max = 1;
      bar.value = 0;
      bar.setAttribute('aria-label', fillTemplate(t.progress, { norm: name }));
      item.append(label, bar);
      item.dataset.run = seeds.length > 1 ? `${norm}-${seed}` : norm;
      runsList.append(item);
      const result: RunResult = { task, norm, batch, seed, state: 'waiting', step: 0, totalSteps: task === 'sort' ? 1500 : 3000, ema: [], checkpoints: [], report: null };
      setResult(result);
      return { request: { task, norm, batch, seed }, bar, worker: null, result };
    });
    root.dataset.training = 'true';
    redraw();
    pump();
  };

  trainButton?.addEventListener('click', () => {
    if (isUnavailable(trainButton)) return;
    const state = handle.state();
    train(state.task, chosenNorms(state), batchOf(state), seedsOf(state));
  });
  stopButton?.addEventListener('click', () => {
    if (isUnavailable(stopButton)) return;
    for (const run of runs) {
      if (run.result.state !== 'training' && run.result.state !== 'waiting') continue;
      run.worker?.terminate();
      run.worker = null;
      update(run, { state: 'stopped' });
    }
    sync();
  });
  root.addEventListener('input', sync);
  root.addEventListener('change', sync);
  root.addEventListener('widget-rendered', () => {
    sync();
    loadExtraRuns();
  });
  sync();
  loadExtraRuns();
}
