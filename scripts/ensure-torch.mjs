// The unit tests run every widget's PyTorch snippet (src/widgets/snippets.test.ts) on Debian's PyTorch, 1.13: the
// oldest version the snippets promise to run on. When /usr/bin/python3 cannot import torch: as root on
// Debian/Ubuntu, install python3-torch; otherwise say how. No test is skipped for want of it.
import { spawnSync } from 'node:child_process';
import { aptInstall, canAptInstall } from './ensure-apt.mjs';

const python = process.env.TORCH_PYTHON ?? '/usr/bin/python3';
const HOW = 'sudo apt-get update && sudo apt-get install -y --no-install-recommends python3-torch   (or set TORCH_PYTHON to a Python with PyTorch)';

/** The PyTorch version `python` imports, or null. */
function torchVersion() {
  const run = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : null;
}

let version = torchVersion();
if (version === null && !process.env.TORCH_PYTHON && canAptInstall()) {
  console.log('No PyTorch for /usr/bin/python3: installing Debian’s python3-torch for the snippet tests…');
  aptInstall(['python3-torch']);
  version = torchVersion();
}
if (version === null) {
  console.error(`No PyTorch found for ${python}: the unit tests run every widget’s PyTorch snippet with it. Install it:\n  ${HOW}`);
  process.exit(1);
}
console.log(`snippet tests use PyTorch ${version} (${python})`);
