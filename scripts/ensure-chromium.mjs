// Playwright cannot download its own browsers on every machine, so the end-to-end tests drive a
// system Chromium. When none is installed: as root on Debian/Ubuntu, install it; otherwise say how.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from '../e2e/chromium.mjs';

const HOW = 'sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk   (or set CHROMIUM_PATH to a Chromium/Chrome binary)';

let path = chromiumPath();
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!path && !process.env.CHROMIUM_PATH && isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('No Chromium found: installing Debian\'s chromium and fonts-noto-cjk for the end-to-end tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], { stdio: 'inherit', env });
  path = chromiumPath();
}
if (!path) {
  console.error(`No Chromium found for the end-to-end tests. Install one:\n  ${HOW}`);
  process.exit(1);
}
console.log(`end-to-end tests use ${path}`);
