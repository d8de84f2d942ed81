// The lab's normalization layers, forward and backward, on a (N, D) block of rows (N = B·T tokens).
// LayerNorm and RMSNorm normalize each row over its D features; BatchNorm normalizes each feature over
// the rows — every row (`bn`, = nn.BatchNorm1d on the flattened batch, pads included) or the real tokens
// only (`bnm`) — and, in training, the gradient flows through the batch mean and variance as in PyTorch.

import type { NormKind } from './config';
import type { FloatArray } from './params';

/** A norm layer's parameters, their gradients and (BatchNorm) running statistics; null where the norm has none. */
export interface NormState {
  readonly kind: NormKind;
  readonly gamma: FloatArray | null;
  readonly beta: FloatArray | null;
  readonly dGamma: FloatArray | null;
  readonly dBeta: FloatArray | null;
  readonly runningMean: FloatArray | null;
  readonly runningVar: FloatArray | null;
}

/** What the backward pass needs: the normalized values x̂ (N·D) and 1/σ per row (ln, rms) or per feature (bn). */
export interface NormCache {
  readonly xhat: FloatArray;
  /** 1/√(var + ε) (ln, BatchNorm) or 1/√(mean x² + ε) (rms): N entries, or D for BatchNorm. */
  readonly inv: Float64Array;
  /** Which statistics the last forward used (BatchNorm): the batch's (gradient through them) or the running ones. */
  usedBatchStats: boolean;
}

/** A cache for up to `rows` rows of width d. */
export function normCache(makeArray: (n: number) => FloatArray, rows: number, d: number): NormCache {
  return { xhat: makeArray(rows * d), inv: new Float64Array(Math.max(rows, d)), usedBatchStats: false };
}

/** Options of one BatchNorm forward: statistics from this batch or the running ones, whether to update those, which rows count. */
export interface NormForwardOptions {
  readonly batchStats: boolean;
  readonly updateRunning: boolean;
  /** Real-token mask (1 = real), length N; `bnm` takes its statistics over these rows only. */
  readonly mask: Uint8Array;
  readonly eps: number;
  readonly momentum: number;
}

/** Scratch sums per feature (reused; the lab's d is small). */
let scratchA = new Float64Array(64);
let scratchB = new Float64Array(64);
function scratch(d: number): void {
  if (scratchA.length < d) {
    scratchA = new Float64Array(d);
    scratchB = new Float64Array(d);
  }
}

/**
 * y = norm(x) for x (N, D): ln γ(x − μ)/√(σ² + ε) + β per row; rms γ·x/√(mean x² + ε) per row; bn/bnm the same per
 * feature with μ, σ² (biased) over the rows (bnm: real rows only) or the running statistics; none y = x.
 */
export function normForward(
  state: NormState,
  x: FloatArray,
  y: FloatArray,
  n: number,
  d: number,
  cache: NormCache,
  options: NormForwardOptions,
): void {
  const { kind, gamma, beta } = state;
  const { xhat, inv } = cache;
  const eps = options.eps;
  switch (kind) {
    case 'none':
      for (let i = 0; i < n * d; i++) y[i] = x[i]!;
      return;
    case 'ln':
    case 'rms':
      for (let r = 0; r < n; r++) {
        const o = r * d;
        let mean = 0;
        if (kind === 'ln') {
          for (let c = 0; c < d; c++) mean += x[o + c]!;
          mean /= d;
        }
        let ss = 0;
        for (let c = 0; c < d; c++) {
          const z = x[o + c]! - mean;
          ss += z * z;
        }
        const s = 1 / Math.sqrt(ss / d + eps);
        inv[r] = s;
        for (let c = 0; c < d; c++) {
          const h = (x[o + c]! - mean) * s;
          xhat[o + c] = h;
          y[o + c] = beta ? gamma![c]! * h + beta[c]! : gamma![c]! * h;
        }
      }
      return;
    case 'bn':
    case 'bnm': {
      scratch(d);
      const mean = scratchA;
      const varSum = scratchB;
      const { mask } = options;
      cache.usedBatchStats = options.batchStats;
      if (options.batchStats) {
        mean.fill(0, 0, d);
        varSum.fill(0, 0, d);
        let m = 0;
        for (let r = 0; r < n; r++) {
          if (kind === 'bnm' && mask[r] !== 1) continue;
          m++;
          const o = r * d;
          for (let c = 0; c < d; c++) mean[c] = mean[c]! + x[o + c]!;
        }
        if (m < 2) throw new RangeError('Expected more than 1 value per channel when training');
        for (let c = 0; c < d; c++) mean[c] = mean[c]! / m;
        for (let r = 0; r < n; r++) {
          if (kind === 'bnm' && mask[r] !== 1) continue;
          const o = r * d;
          for (let c = 0; c < d; c++) {
            const z = x[o + c]! - mean[c]!;
            varSum[c] = varSum[c]! + z * z;
          }
        }
        for (let c = 0; c < d; c++) inv[c] = 1 / Math.sqrt(varSum[c]! / m + eps);
        if (options.updateRunning) {
          const rm = state.runningMean!;
          const rv = state.runningVar!;
          const mom = options.momentum;
          for (let c = 0; c < d; c++) {
            rm[c] = mom * mean[c]! + (1 - mom) * rm[c]!;
            rv[c] = mom * (varSum[c]! / (m - 1)) + (1 - mom) * rv[c]!;
          }
        }
      } else {
        const rm = state.runningMean!;
        const rv = state.runningVar!;
        for (let c = 0; c < d; c++) {
          mean[c] = rm[c]!;
          inv[c] = 1 / Math.sqrt(rv[c]! + eps);
        }
      }
      for (let r = 0; r < n; r++) {
        const o = r * d;
        for (let c = 0; c < d; c++) {
          const h = (x[o + c]! - mean[c]!) * inv[c]!;
          xhat[o + c] = h;
          y[o + c] = gamma![c]! * h + beta![c]!;
        }
      }
      return;
    }
  }
}

/**
 * Backward of normForward; adds to dx. With g = γ·dy: ln dx = (g − mean g − x̂·mean(g x̂))/σ; rms dx = (g − x̂·mean(g x̂))/σ;
 * bn/bnm with batch statistics dx = (g − m·(Σg + x̂·Σ g x̂)/M)/σ (sums over all N rows, m the row's mask, M = Σm);
 * with running statistics dx = g/σ; none dx = dy. Also dγ += Σ dy·x̂ and dβ += Σ dy.
 */
export function normBackward(
  state: NormState,
  dy: FloatArray,
  dx: FloatArray,
  n: number,
  d: number,
  cache: NormCache,
  mask: Uint8Array,
): void {
  const { kind, gamma, dGamma, dBeta } = state;
  const { xhat, inv } = cache;
  switch (kind) {
    case 'none':
      for (let i = 0; i < n * d; i++) dx[i] = dx[i]! + dy[i]!;
      return;
    case 'ln':
    case 'rms':
      for (let r = 0; r < n; r++) {
        const o = r * d;
        let sg = 0;
        let sgx = 0;
        for (let c = 0; c < d; c++) {
          const g = gamma![c]! * dy[o + c]!;
          sg += g;
          sgx += g * xhat[o + c]!;
        }
        const mg = kind === 'ln' ? sg / d : 0;
        const mgx = sgx / d;
        const s = inv[r]!;
        for (let c = 0; c < d; c++) {
          const g = gamma![c]! * dy[o + c]!;
          dx[o + c] = dx[o + c]! + (g - mg - xhat[o + c]! * mgx) * s;
        }
      }
      break;
    case 'bn':
    case 'bnm': {
      scratch(d);
      const sg = scratchA;
      const sgx = scratchB;
      if (!cache.usedBatchStats) {
        for (let r = 0; r < n; r++) {
          const o = r * d;
          for (let c = 0; c < d; c++) dx[o + c] = dx[o + c]! + gamma![c]! * dy[o + c]! * inv[c]!;
        }
        break;
      }
      sg.fill(0, 0, d);
      sgx.fill(0, 0, d);
      let m = 0;
      for (let r = 0; r < n; r++) {
        if (kind === 'bn' || mask[r] === 1) m++;
        const o = r * d;
        for (let c = 0; c < d; c++) {
          const g = gamma![c]! * dy[o + c]!;
          sg[c] = sg[c]! + g;
          sgx[c] = sgx[c]! + g * xhat[o + c]!;
        }
      }
      for (let r = 0; r < n; r++) {
        const o = r * d;
        const counts = kind === 'bn' || mask[r] === 1;
        for (let c = 0; c < d; c++) {
          const g = gamma![c]! * dy[o + c]!;
          const centre = counts ? (sg[c]! + xhat[o + c]! * sgx[c]!) / m : 0;
          dx[o + c] = dx[o + c]! + (g - centre) * inv[c]!;
        }
      }
      break;
    }
  }
  if (dGamma) {
    for (let r = 0; r < n; r++) {
      const o = r * d;
      for (let c = 0; c < d; c++) dGamma[c] = dGamma[c]! + dy[o + c]! * xhat[o + c]!;
    }
  }
  if (dBeta) {
    for (let r = 0; r < n; r++) {
      const o = r * d;
      for (let c = 0; c < d; c++) dBeta[c] = dBeta[c]! + dy[o + c]!;
    }
  }
}
