import { defineConfig, devices } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from './e2e/chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4329);
// E2E_OUT_DIR serves another build folder (several builds side by side); --ignore-lock keeps preview in the foreground.
const OUT_DIR = process.env.E2E_OUT_DIR;
const executablePath = chromiumPath();

// End-to-end tests run against the built site (`astro build` first), served by `astro preview`.
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'off',
    launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined } },
  ],
  // Checks that the server answering on PORT serves this build (see e2e/global-setup.ts).
  globalSetup: './e2e/global-setup.ts',
  webServer: {
    // Astro's own binary, not npx: stopping npx could leave `astro preview` serving this build after the run.
    command: `node_modules/.bin/astro preview --port ${PORT} --host 127.0.0.1 --ignore-lock${OUT_DIR ? ` --outDir ${OUT_DIR}` : ''}`,
    url: `http://127.0.0.1:${PORT}/zh/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
