// Refuses to test a server that does not serve this checkout's own build: a preview server left running
// on the port (by an earlier run, another clone or another build) would otherwise be reused silently.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { BUILD_ID_FILE } from '../src/integrations/build-id.mjs';

export default async function globalSetup(config: FullConfig): Promise<void> {
  const outDir = resolve(process.env.E2E_OUT_DIR ?? 'dist');
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  let expected: string;
  try {
    expected = readFileSync(resolve(outDir, BUILD_ID_FILE), 'utf8').trim();
  } catch {
    throw new Error(`${outDir}/${BUILD_ID_FILE} is missing: run \`npm run build\` before the end-to-end tests`);
  }
  const response = await fetch(new URL(`/${BUILD_ID_FILE}`, baseURL));
  const served = response.ok ? (await response.text()).trim() : `HTTP ${response.status}`;
  if (served !== expected) {
    throw new Error(
      `The server at ${baseURL} does not serve ${outDir} (its build id: ${served}; this build's: ${expected}).\n` +
        `Another preview server is probably still running on that port: stop it (e.g. \`pkill -f "astro preview"\`) ` +
        'or choose another port with E2E_PORT=…',
    );
  }
}
