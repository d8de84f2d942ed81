// `astro preview` of the built site on a port of its own, for the scripts that measure it (benchmarks, Lighthouse).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

/** Astro's own entry, run by this Node: through npx, killing the server would leave astro's process behind. */
const ASTRO = fileURLToPath(new URL('../node_modules/astro/bin/astro.mjs', import.meta.url));

/** Starts the preview server and waits until it answers; `stop()` ends it. */
export async function startPreview(port) {
  const base = `http://127.0.0.1:${port}`;
  // --ignore-lock keeps it in the foreground (it backgrounds itself when it thinks an agent runs it).
  const server = spawn(process.execPath, [ASTRO, 'preview', '--port', String(port), '--host', '127.0.0.1', '--ignore-lock'], { stdio: 'ignore' });
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
