// Loads src/lib/lab (TypeScript) into a plain Node script: esbuild bundles it into a temporary module.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The lab's module (src/lib/lab/index.ts), bundled for Node. */
export async function loadLab() {
  const outfile = join(mkdtempSync(join(tmpdir(), 'lab-')), 'lab.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../src/lib/lab/index.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}
