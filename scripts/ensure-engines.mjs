// The browser engines `npm run test:engines` drives besides Chromium: Debian's Firefox ESR, and WebKitGTK's
// WebDriver with an X server to draw in. When one is missing: as root on Debian/Ubuntu, install it; otherwise say how.
import { firefoxPath } from './engines/firefox.mjs';
import { hasDisplay, webkitDriverPath } from './engines/webkit.mjs';
import { aptInstall, canAptInstall } from './ensure-apt.mjs';

const missing = () => [
  ...(firefoxPath() ? [] : ['firefox-esr']),
  ...(webkitDriverPath() ? [] : ['webkit2gtk-driver']),
  ...(hasDisplay() ? [] : ['xvfb']),
];

let packages = missing();
// A path set by hand that does not exist is not fixed by installing Debian's package.
const overridden = Boolean(process.env.FIREFOX_PATH || process.env.WEBKIT_DRIVER_PATH);
if (packages.length > 0 && !overridden && canAptInstall()) {
  console.log(`Installing ${packages.join(', ')} for the engine tests…`);
  aptInstall(packages);
  packages = missing();
}
if (packages.length > 0) {
  console.error(
    `The engine tests need ${packages.join(', ')}. Install them:\n  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}` +
      (overridden ? '\n  (or fix FIREFOX_PATH / WEBKIT_DRIVER_PATH)' : ''),
  );
  process.exit(1);
}
console.log(`engine tests use ${firefoxPath()} and ${webkitDriverPath()}`);
