// Same settings and seed, same bits: two runs agree exactly, in both precisions; the code uses no function
// whose last bit may differ between JavaScript engines; the portable replacements are accurate.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scheduleFactor } from './adam';
import { labConfig, NORM_KINDS, type LabTask, type Precision } from './config';
import { fastPortableExp, portableCos } from './portable';
import { LabRun } from './train';

function shortRun(task: LabTask, norm: (typeof NORM_KINDS)[number], precision: Precision, seed = 3): LabRun {
  const run = new LabRun(labConfig({ task, norm, precision, seed, steps: 25 }));
  run.train(25);
  return run;
}

const bytes = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe.each(NORM_KINDS.flatMap((norm) => (['sort', 'copy'] as const).map((task) => [task, norm] as const)))(
  '%s with %s',
  (task, norm) => {
    it.each(['float64', 'float32'] as const)('two %s runs give the same losses, parameters and running statistics, bit for bit', (precision) => {
      const a = shortRun(task, norm, precision);
      const b = shortRun(task, norm, precision);
      expect(a.status).toBe('done');
      expect(bytes(a.losses)).toEqual(bytes(b.losses));
      expect(bytes(a.model.params)).toEqual(bytes(b.model.params));
      a.model.norms.forEach((n, i) => {
        if (n.runningMean) expect(bytes(n.runningMean)).toEqual(bytes(b.model.norms[i]!.runningMean!));
        if (n.runningVar) expect(bytes(n.runningVar)).toEqual(bytes(b.model.norms[i]!.runningVar!));
      });
    });
  },
);

describe('seeds and precisions', () => {
  it('another seed gives another run; float32 follows float64 closely for a few steps', () => {
    const a = shortRun('sort', 'ln', 'float64');
    const b = shortRun('sort', 'ln', 'float64', 4);
    const c = shortRun('sort', 'ln', 'float32');
    expect(a.losses[24]).not.toBe(b.losses[24]);
    expect(a.model.params).toBeInstanceOf(Float64Array);
    expect(c.model.params).toBeInstanceOf(Float32Array);
    expect(Math.abs(a.losses[24]! - c.losses[24]!)).toBeLessThan(1e-3);
  });

  it('every norm starts from the same weights for a seed (norm parameters draw nothing)', () => {
    const ln = new LabRun(labConfig({ task: 'sort', norm: 'ln' }));
    const none = new LabRun(labConfig({ task: 'sort', norm: 'none' }));
    const head = (run: LabRun): number[] => {
      const spec = run.model.layout.specs.find((s) => s.name === 'head.weight')!;
      return Array.from(run.model.params.subarray(spec.offset, spec.offset + spec.size));
    };
    expect(head(ln)).toEqual(head(none));
  });
});

describe('no engine-dependent arithmetic', () => {
  const dir = new URL('./', import.meta.url);
  const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.bench.ts'));

  it.each(sources)('%s calls no Math.exp/log/pow/cos/sin/tanh/random and reads no clock', (file) => {
    const code = readFileSync(new URL(file, dir), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/Math\.(exp|expm1|log|log1p|log2|log10|pow|cos|sin|tan|tanh|atan|random|hypot|cbrt)\b|Date\.now|performance\.now/);
  });

  it('fastPortableExp is within 2 ulp of e^x on [−745, 709]', () => {
    let worst = 0;
    for (let i = 0; i <= 20000; i++) {
      const x = -745 + (1454 * i) / 20000;
      const exact = Math.exp(x);
      if (exact < 2.2250738585072014e-308) continue; // subnormal results carry fewer bits
      worst = Math.max(worst, Math.abs(fastPortableExp(x) - exact) / exact);
    }
    for (const x of [-1e-300, 0, 1e-10, 0.3465, -0.3466, -20.5, 1, -1]) {
      worst = Math.max(worst, Math.abs(fastPortableExp(x) - Math.exp(x)) / Math.exp(x));
    }
    expect(worst).toBeLessThan(4.5e-16);
    expect(fastPortableExp(-800)).toBe(0);
    expect(fastPortableExp(800)).toBe(Number.POSITIVE_INFINITY);
    expect(fastPortableExp(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(fastPortableExp(Number.NaN)).toBeNaN();
  });

  it('portableCos is within 3e-16 of cos x on [0, π]', () => {
    let worst = 0;
    for (let i = 0; i <= 10000; i++) {
      const x = (Math.PI * i) / 10000;
      worst = Math.max(worst, Math.abs(portableCos(x) - Math.cos(x)));
    }
    expect(worst).toBeLessThan(3e-16);
  });

  it('the schedule warms up linearly over 100 steps, then decays along a cosine to 0 at the end', () => {
    expect(scheduleFactor(0, 100, 1500)).toBe(0.01);
    expect(scheduleFactor(99, 100, 1500)).toBe(1);
    expect(scheduleFactor(100, 100, 1500)).toBe(1);
    expect(Math.abs(scheduleFactor(800, 100, 1500) - 0.5)).toBeLessThan(1e-15);
    expect(scheduleFactor(1499, 100, 1500)).toBeLessThan(2e-6);
    for (let s = 101; s < 1500; s++) expect(scheduleFactor(s, 100, 1500)).toBeLessThan(scheduleFactor(s - 1, 100, 1500));
  });
});
