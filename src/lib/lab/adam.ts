// Adam as torch.optim.Adam (1.13, single-tensor path) computes it, with the lab's learning-rate schedule.

import type { OptimizerConfig, Precision } from './config';
import { allocate, type FloatArray } from './params';
import { portableCos } from './portable';

/** The schedule's factor for update s (0-based): (s+1)/W during warm-up, then ½(1 + cos(π(s−W)/(S−W))). */
export function scheduleFactor(s: number, warmup: number, steps: number): number {
  if (s < warmup) return (s + 1) / warmup;
  const span = steps - warmup;
  if (span <= 0) return 1;
  const progress = Math.min(1, (s - warmup) / span);
  return 0.5 * (1 + portableCos(Math.PI * progress));
}

/** The learning rate of update s: lr·scheduleFactor(s, W, S). */
export function learningRate(s: number, c: OptimizerConfig): number {
  return c.lr * scheduleFactor(s, c.warmup, c.steps);
}

/** Adam's state: first and second moments of every parameter, and the running powers β₁ᵗ, β₂ᵗ. */
export class Adam {
  readonly config: OptimizerConfig;
  /** Number of updates done. */
  step = 0;
  private readonly m: FloatArray;
  private readonly v: FloatArray;
  private beta1Power = 1;
  private beta2Power = 1;

  constructor(size: number, config: OptimizerConfig, precision: Precision) {
    this.config = config;
    this.m = allocate(precision, size);
    this.v = allocate(precision, size);
  }

  /**
   * One update at learning rate lr: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − (lr/(1−β₁ᵗ))·m/(√v/√(1−β₂ᵗ) + ε).
   * β^t is kept as a running product (Math.pow may differ between engines in the last bit).
   */
  update(params: FloatArray, grads: FloatArray, lr: number): void {
    const { beta1, beta2, eps } = this.config;
    const { m, v } = this;
    this.step++;
    this.beta1Power *= beta1;
    this.beta2Power *= beta2;
    const stepSize = lr / (1 - this.beta1Power);
    const bc2Sqrt = Math.sqrt(1 - this.beta2Power);
    const a1 = 1 - beta1;
    const a2 = 1 - beta2;
    const n = params.length;
    for (let i = 0; i < n; i++) {
      const g = grads[i]!;
      const mi = beta1 * m[i]! + a1 * g;
      const vi = beta2 * v[i]! + a2 * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] = params[i]! - stepSize * (m[i]! / (Math.sqrt(v[i]!) / bc2Sqrt + eps));
    }
  }
}
