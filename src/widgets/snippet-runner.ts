// Runs the widgets' PyTorch snippets with the system's PyTorch (Debian's python3-torch, 1.13) and reads back what
// they print, for src/widgets/snippets.test.ts. One Python process for all snippets (scripts/run_snippets.py).
// Node only: never imported by the site.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The Python that has PyTorch: Debian's python3-torch installs into /usr/bin/python3 (TORCH_PYTHON overrides). */
export const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';
const DRIVER = fileURLToPath(new URL('../../scripts/run_snippets.py', import.meta.url));

export interface SnippetRun {
  /** What the snippet printed. */
  readonly stdout: string;
  /** The exception it raised, as Python prints its last line ("ValueError: …"), or null. */
  readonly error: string | null;
  /** Warnings it raised (a deprecation on this PyTorch, for instance). */
  readonly warnings: readonly string[];
  readonly seconds: number;
}

/** Runs every snippet, each in a fresh namespace, in one Python process; throws if Python or torch is missing. */
export function runSnippets(snippets: readonly string[]): { torch: string; results: readonly SnippetRun[] } {
  const run = spawnSync(PYTHON, [DRIVER], { input: JSON.stringify(snippets), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 100_000 });
  if (run.error) throw new Error(`cannot run ${PYTHON}: ${run.error.message} (node scripts/ensure-torch.mjs says how to install PyTorch)`);
  if (run.status !== 0) throw new Error(`${PYTHON} ${DRIVER} exited with ${run.status}:\n${run.stderr}`);
  return JSON.parse(run.stdout) as { torch: string; results: SnippetRun[] };
}

/** A number as a widget or Python prints it, with half a unit of its last digit: the rounding it can hide. */
export interface Shown {
  readonly value: number;
  readonly halfUnit: number;
  readonly text: string;
}

const NUMBER = /[−-]?(?:\d+\.?\d*|\.\d+)(?:e[−+-]?\d+)?/g;

/** Parses one printed number ("−0.0451", "1.2e−5", "52.4375", "-1.0000"): its value and the rounding it hides. */
export function shown(text: string): Shown {
  const plain = text.replaceAll('−', '-');
  const [mantissa = '', exponent = '0'] = plain.split('e');
  const decimals = mantissa.includes('.') ? mantissa.length - mantissa.indexOf('.') - 1 : 0;
  const value = Number(plain);
  if (!Number.isFinite(value)) throw new Error(`not a number: ${text}`);
  return { value, halfUnit: 0.5 * 10 ** (Number(exponent) - decimals), text };
}

/** Every number in a text, in order. */
export function numbersIn(text: string): Shown[] {
  return Array.from(text.matchAll(NUMBER), (m) => shown(m[0]));
}

/**
 * The values a label template was filled with: `templateValues('μ = {mu}, σ = {sigma}', 'μ = 1.5, σ = 2')` →
 * { mu: '1.5', sigma: '2' }. Null when the text does not follow the template.
 */
export function templateValues(template: string, text: string): Record<string, string> | null {
  const names: string[] = [];
  const pattern = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '(.+?)';
    })
    .join('');
  const match = new RegExp(`^${pattern}$`, 's').exec(text);
  if (!match) return null;
  return Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? '']));
}

/** The numbers of every `tensor(…)` PyTorch printed, in order: one array per tensor (a scalar gives one number; nan is NaN). */
export function printedTensors(stdout: string): number[][] {
  return Array.from(stdout.matchAll(/tensor\(((?:[^a-z)]|nan|inf)*?)(?:,\s*dtype=[\w.]+)?\)/g), (m) =>
    (m[1] ?? '').split(',').filter((v) => v.trim() !== '').map((v) => Number(v.replace(/[[\]\s]/g, ''))),
  );
}

/**
 * Whether a number the widget shows and one the snippet printed can be the same value: each stands for an interval
 * (± half a unit of its last digit), and the intervals meet. A widget's exact "0" must be printed as exactly 0.
 */
export function agrees(onPage: Shown, printed: Shown | number, options: { exactZero?: boolean } = {}): boolean {
  const p = typeof printed === 'number' ? { value: printed, halfUnit: 0 } : printed;
  if (options.exactZero && onPage.value === 0 && !/[.e]/.test(onPage.text)) return p.value === 0;
  const slack = 1e-12 * Math.max(1, Math.abs(onPage.value));
  return Math.abs(onPage.value - p.value) <= onPage.halfUnit + p.halfUnit + slack;
}
