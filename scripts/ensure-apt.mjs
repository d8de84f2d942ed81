// Shared by the ensure-* scripts: what a fresh Debian/Ubuntu machine lacks is installed with apt-get when these
// scripts run as root; otherwise they stop and print the command.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Whether this process can install Debian packages itself: root, with apt-get. */
export function canAptInstall() {
  return typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/usr/bin/apt-get');
}

/** `apt-get update`, then `apt-get install -y --no-install-recommends <packages>`, non-interactive. */
export function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}
