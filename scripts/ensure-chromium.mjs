// Playwright cannot download its own browsers on every machine, so the end-to-end tests drive a
// system Chromium. When none is installed: as root on Debian/Ubuntu, install it; otherwise say how.
import { spawnSync } from 'node:child_process';
import { chromiumPath } from '../e2e/chromium.mjs';
import { aptInstall, canAptInstall } from './ensure-apt.mjs';

const HOW = 'sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk   (or set CHROMIUM_PATH to a Chromium/Chrome binary)';

let path = chromiumPath();
if (!path && !process.env.CHROMIUM_PATH && canAptInstall()) {
  console.log('No Chromium found: installing Debian\'s chromium and fonts-noto-cjk for the end-to-end tests…');
  aptInstall(['chromium', 'fonts-noto-cjk']);
  path = chromiumPath();
}
if (!path) {
  console.error(`No Chromium found for the end-to-end tests. Install one:\n  ${HOW}`);
  process.exit(1);
}
console.log(`end-to-end tests use ${path}`);

// e2e/print.spec.ts reads back the PDF it prints with poppler's pdftotext and pdftoppm.
const hasPoppler = () => spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
if (!hasPoppler() && canAptInstall()) {
  console.log('No pdftotext found: installing Debian\'s poppler-utils for the print test…');
  aptInstall(['poppler-utils']);
}
if (!hasPoppler()) {
  console.error('No pdftotext found for e2e/print.spec.ts. Install it:\n  sudo apt-get update && sudo apt-get install -y poppler-utils');
  process.exit(1);
}
