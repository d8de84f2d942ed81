// Writes `build-id.txt` (a random id per build) into the built site, so a test run can check that the
// server it talks to serves this very build and not an older one left running on the same port.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';

export const BUILD_ID_FILE = 'build-id.txt';

/** Astro integration: one fresh id per `astro build`, written beside the pages. */
export default function buildId() {
  return {
    name: 'build-id',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        await writeFile(new URL(BUILD_ID_FILE, dir), `${randomUUID()}\n`);
      },
    },
  };
}
