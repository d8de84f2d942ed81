// The built site for the engine tests: `astro preview` of a build folder on a port of its own, after checking that
// whatever answers there serves this very build (its build-id.txt), as e2e/global-setup.ts does for Playwright.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { BUILD_ID_FILE } from '../../src/integrations/build-id.mjs';

const BIN = fileURLToPath(new URL('../../node_modules/.bin', import.meta.url));

/** The build id written into `outDir` by the last build, or an error saying how to make one. */
export function buildIdOf(outDir) {
  try {
    return readFileSync(resolve(outDir, BUILD_ID_FILE), 'utf8').trim();
  } catch {
    throw new Error(`${resolve(outDir)}/${BUILD_ID_FILE} is missing: run \`npm run build\` (or astro build --outDir …) first`);
  }
}

async function servedId(base) {
  try {
    const response = await fetch(`${base}/${BUILD_ID_FILE}`);
    return response.ok ? (await response.text()).trim() : `HTTP ${response.status}`;
  } catch {
    return null; // nothing answers
  }
}

/**
 * Serves `outDir` on `port` (or reuses a server already serving that build there); refuses a server that serves
 * another build. `stop()` ends the server it started.
 */
export async function serveBuild(outDir, port) {
  const base = `http://127.0.0.1:${port}`;
  const expected = buildIdOf(outDir);
  const already = await servedId(base);
  if (already === expected) return { base, stop: () => {}, reused: true };
  if (already !== null) {
    throw new Error(
      `The server at ${base} does not serve ${resolve(outDir)} (its build id: ${already}; this build's: ${expected}).\n` +
        'Another preview server is probably still running on that port: stop it, or choose another port with ENGINES_PORT=…',
    );
  }
  // Astro's own binary (not npx: stopping npx would leave astro running); --ignore-lock keeps it in the foreground.
  const server = spawn(join(BIN, 'astro'), ['preview', '--outDir', resolve(outDir), '--port', String(port), '--host', '127.0.0.1', '--ignore-lock'], {
    stdio: 'ignore',
    env: { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}` },
  });
  for (let i = 0; i < 120; i++) {
    const id = await servedId(base);
    if (id === expected) return { base, stop: () => server.kill(), reused: false };
    if (id !== null) {
      server.kill();
      throw new Error(`${base} answers with build ${id}, not ${expected}`);
    }
    if (server.exitCode !== null) break;
    await sleep(500);
  }
  server.kill();
  throw new Error(`astro preview of ${resolve(outDir)} did not answer on ${base}`);
}
