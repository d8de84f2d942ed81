// `astro preview` of the built site on a port of its own, for the scripts that measure it (benchmarks, Lighthouse).
import { spawn } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

// Astro's own command, not npx (killing npx would leave astro's process behind), on the project's Node (the
// `node` dev dependency in node_modules/.bin, first on the PATH, as under npm run).
const BIN = fileURLToPath(new URL('../node_modules/.bin', import.meta.url));
const ASTRO = join(BIN, 'astro');

/** Starts the preview server and waits until it answers; `stop()` ends it. */
export async function startPreview(port) {
  const base = `http://127.0.0.1:${port}`;
  // --ignore-lock keeps it in the foreground (it backgrounds itself when it thinks an agent runs it).
  // E2E_OUT_DIR: another build folder than dist/, as for the end-to-end tests.
  const outDir = process.env.E2E_OUT_DIR ? ['--outDir', process.env.E2E_OUT_DIR] : [];
  const server = spawn(ASTRO, ['preview', '--port', String(port), '--host', '127.0.0.1', '--ignore-lock', ...outDir], {
    stdio: 'ignore',
    env: { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}` },
  });
  for (let i = 0; i < 60; i++) {
    try {
      if ((await fetch(`${base}/en/`)).ok) return { base, stop: () => server.kill() };
    } catch {
      await sleep(500);
    }
  }
  server.kill();
  throw new Error(`astro preview did not answer on ${base}: run npm run build first`);
}
