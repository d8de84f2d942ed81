// The Nu HTML Checker (npm vnu-jar) over every page of the built site (`npm run test:html`, after `npm run build`):
// one Java run for all pages; each error printed as file:line:column; exits 1 on any error.
// Usage: node scripts/check-html.mjs [dir=dist] [--warnings]  (--warnings also prints the checker's warnings).
// vnu.jar needs a Java runtime (8 or later): as root on Debian/Ubuntu this installs default-jre-headless; otherwise
// it stops and prints the command.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { listFiles } from './link-check.mjs';
import { aptInstall, canAptInstall } from './ensure-apt.mjs';

const HOW = 'sudo apt-get update && sudo apt-get install -y default-jre-headless   (or put any Java ≥ 8 on the PATH, or set JAVA_HOME)';

const args = process.argv.slice(2);
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? 'dist');
const warnings = args.includes('--warnings');

/** The java command: $JAVA_HOME/bin/java, else java on the PATH; null when neither runs. */
function findJava() {
  const candidates = [...(process.env.JAVA_HOME ? [join(process.env.JAVA_HOME, 'bin', 'java')] : []), 'java'];
  for (const java of candidates) {
    try {
      execFileSync(java, ['-version'], { stdio: 'ignore' });
      return java;
    } catch {
      // not there, or not runnable: try the next
    }
  }
  return null;
}

let java = findJava();
if (java === null && canAptInstall()) {
  console.log('No Java runtime found: installing Debian\'s default-jre-headless for the Nu HTML Checker…');
  aptInstall(['default-jre-headless']);
  java = findJava();
}
if (java === null) {
  console.error(`check-html: no Java runtime found; the Nu HTML Checker (vnu.jar) needs one. Install it:\n  ${HOW}`);
  process.exit(1);
}

const jar = String(createRequire(import.meta.url)('vnu-jar'));
if (!existsSync(jar)) {
  console.error(`check-html: ${jar} is missing: run npm install`);
  process.exit(1);
}
if (!existsSync(dir)) {
  console.error(`check-html: ${dir} does not exist: run npm run build first`);
  process.exit(1);
}
const pages = listFiles(dir).filter((f) => f.endsWith('.html'));
if (pages.length === 0) {
  console.error(`check-html: no .html file in ${dir}: run npm run build first`);
  process.exit(1);
}

// vnu prints its JSON report on stderr and exits 1 when it found an error.
const run = spawnSync(java, ['-jar', jar, '--format', 'json', ...(warnings ? [] : ['--errors-only']), ...pages], {
  cwd: dir,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
/** @type {{ messages: { type: string, subType?: string, url?: string, lastLine?: number, firstColumn?: number, lastColumn?: number, message: string, extract?: string }[] }} */
let report;
try {
  report = JSON.parse(run.stderr);
} catch {
  console.error(`check-html: the checker did not report (exit ${run.status}):\n${run.stderr}${run.stdout}${run.error ? String(run.error) : ''}`);
  process.exit(1);
}

/** A message's place: the page's path relative to the project, its line and column. */
const where = (/** @type {(typeof report.messages)[number]} */ m) => {
  const path = m.url ? decodeURIComponent(new URL(m.url).pathname) : '(checker)';
  const file = m.url && !relative(process.cwd(), path).startsWith('..') ? relative(process.cwd(), path) : path;
  return `${file}:${m.lastLine ?? 0}:${m.firstColumn ?? m.lastColumn ?? 0}`;
};
const errors = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
const others = report.messages.filter((m) => !errors.includes(m));
for (const m of warnings ? others : []) console.log(`${where(m)}: ${m.subType ?? m.type}: ${m.message}`);
for (const m of errors) {
  console.error(`${where(m)}: error: ${m.message}`);
  if (m.extract) console.error(`    ${m.extract.replace(/\s+/g, ' ').trim()}`);
}
if (errors.length > 0) {
  console.error(`\ncheck-html: ${errors.length} error${errors.length === 1 ? '' : 's'} from the Nu HTML Checker in ${pages.length} pages`);
  process.exit(1);
}
console.log(`check-html: ${pages.length} pages of ${relative(process.cwd(), dir) || '.'} valid (Nu HTML Checker, ${warnings ? `${others.length} warnings and notes` : 'errors only'})`);
