// The dense kernels of the lab's Transformer, forward and backward, on flat row-major arrays.
// Sums run in a fixed order (row by row, column by column) and accumulate in doubles, so a run gives
// the same bits on every machine; in float32 storage each result is rounded once, when it is stored.

import { fastPortableExp, portableLog } from './portable';
import type { FloatArray } from './params';

// Bound once: a module runner (Vitest's) reads an imported binding through a getter on every call.
const exp = fastPortableExp;
const log = portableLog;

/** How a backward kernel writes its input gradient: overwrite it, add to it, or skip it. */
export type GradWrite = 'set' | 'add' | 'none';

/** y = x·Wᵀ + b for x (N, I), W (O, I), b (O): y[n,o] = b[o] + Σᵢ x[n,i]·W[o,i]. */
export function linearForward(
  x: FloatArray,
  w: FloatArray,
  b: FloatArray,
  y: FloatArray,
  n: number,
  inp: number,
  out: number,
): void {
  for (let r = 0; r < n; r++) {
    const xo = r * inp;
    const yo = r * out;
    for (let o = 0; o < out; o++) {
      const wo = o * inp;
      let s0 = 0;
      let s1 = 0;
      let i = 0;
      for (; i + 1 < inp; i += 2) {
        s0 += x[xo + i]! * w[wo + i]!;
        s1 += x[xo + i + 1]! * w[wo + i + 1]!;
      }
      if (i < inp) s0 += x[xo + i]! * w[wo + i]!;
      y[yo + o] = b[o]! + (s0 + s1);
    }
  }
}

/**
 * Backward of y = x·Wᵀ + b: dW[o,i] += Σₙ dy[n,o]·x[n,i], db[o] += Σₙ dy[n,o], dx[n,i] (=, += or skipped) Σₒ dy[n,o]·W[o,i].
 * `acc` is a scratch row of at least `inp` doubles.
 */
export function linearBackward(
  x: FloatArray,
  w: FloatArray,
  dy: FloatArray,
  dw: FloatArray,
  db: FloatArray,
  dx: FloatArray,
  write: GradWrite,
  n: number,
  inp: number,
  out: number,
  acc: Float64Array,
): void {
  for (let o = 0; o < out; o++) {
    const wo = o * inp;
    let sb = 0;
    for (let r = 0; r < n; r++) {
      const g = dy[r * out + o]!;
      if (g === 0) continue;
      sb += g;
      const xo = r * inp;
      for (let i = 0; i < inp; i++) dw[wo + i] = dw[wo + i]! + g * x[xo + i]!;
    }
    db[o] = db[o]! + sb;
  }
  if (write === 'none') return;
  for (let r = 0; r < n; r++) {
    acc.fill(0, 0, inp);
    const yo = r * out;
    for (let o = 0; o < out; o++) {
      const g = dy[yo + o]!;
      if (g === 0) continue;
      const wo = o * inp;
      for (let i = 0; i < inp; i++) acc[i] = acc[i]! + g * w[wo + i]!;
    }
    const xo = r * inp;
    if (write === 'set') for (let i = 0; i < inp; i++) dx[xo + i] = acc[i]!;
    else for (let i = 0; i < inp; i++) dx[xo + i] = dx[xo + i]! + acc[i]!;
  }
}

/** ReLU in place: x ← max(x, 0). */
export function reluForward(x: FloatArray, size: number): void {
  for (let i = 0; i < size; i++) if (!(x[i]! > 0)) x[i] = 0;
}

/** ReLU's backward in place, from its output r: g ← g·[r > 0]. */
export function reluBackward(r: FloatArray, g: FloatArray, size: number): void {
  for (let i = 0; i < size; i++) if (!(r[i]! > 0)) g[i] = 0;
}

/** The shape of an attention call: B sequences of T positions, H heads of width dh (D = H·dh), scale 1/√dh. */
export interface AttentionShape {
  readonly b: number;
  readonly t: number;
  readonly h: number;
  readonly dh: number;
  readonly causal: boolean;
  readonly scale: number;
}

/** May query i attend to key j of sequence `base`: j ≤ i (causal) or key j is a real token (padding mask). */
function allowed(s: AttentionShape, mask: Uint8Array, base: number, i: number, j: number): boolean {
  return s.causal ? j <= i : mask[base + j] === 1;
}

/**
 * Masked multi-head attention: P = softmax(scale·Q_h K_hᵀ) over the allowed keys (0 elsewhere), ctx_h = P·V_h.
 * q, k, v, ctx are (B·T, D); p is (B, H, T, T).
 */
export function attentionForward(
  s: AttentionShape,
  mask: Uint8Array,
  q: FloatArray,
  k: FloatArray,
  v: FloatArray,
  p: FloatArray,
  ctx: FloatArray,
): void {
  const { b: B, t: T, h: H, dh, scale } = s;
  const D = H * dh;
  for (let bb = 0; bb < B; bb++) {
    const base = bb * T;
    for (let hh = 0; hh < H; hh++) {
      const col = hh * dh;
      for (let i = 0; i < T; i++) {
        const row = ((bb * H + hh) * T + i) * T;
        const qo = (base + i) * D + col;
        let max = Number.NEGATIVE_INFINITY;
        let keys = 0;
        for (let j = 0; j < T; j++) {
          if (!allowed(s, mask, base, i, j)) {
            p[row + j] = 0;
            continue;
          }
          keys++;
          const ko = (base + j) * D + col;
          let dot = 0;
          for (let e = 0; e < dh; e++) dot += q[qo + e]! * k[ko + e]!;
          const score = scale * dot;
          p[row + j] = score;
          if (score > max) max = score;
        }
        if (keys === 0) throw new RangeError('a query with no key to attend to');
        let sum = 0;
        for (let j = 0; j < T; j++) {
          if (!allowed(s, mask, base, i, j)) continue;
          const e = exp(p[row + j]! - max);
          p[row + j] = e;
          sum += e;
        }
        const inv = 1 / sum;
        for (let j = 0; j < T; j++) p[row + j] = p[row + j]! * inv;
        for (let e = 0; e < dh; e++) {
          let acc = 0;
          for (let j = 0; j < T; j++) acc += p[row + j]! * v[(base + j) * D + col + e]!;
          ctx[qo + e] = acc;
        }
      }
    }
  }
}

/**
 * Backward of masked attention: dP = dctx·Vᵀ, dS = P ⊙ (dP − rowsum(P ⊙ dP)), dQ = scale·dS·K, dK = scale·dSᵀ·Q, dV = Pᵀ·dctx.
 * dq, dk, dv are overwritten; `row` is a scratch of at least T doubles. The mask is P's zeros.
 */
export function attentionBackward(
  s: AttentionShape,
  q: FloatArray,
  k: FloatArray,
  v: FloatArray,
  p: FloatArray,
  dctx: FloatArray,
  dq: FloatArray,
  dk: FloatArray,
  dv: FloatArray,
  row: Float64Array,
): void {
  const { b: B, t: T, h: H, dh, scale } = s;
  const D = H * dh;
  dq.fill(0, 0, B * T * D);
  dk.fill(0, 0, B * T * D);
  dv.fill(0, 0, B * T * D);
  for (let bb = 0; bb < B; bb++) {
    const base = bb * T;
    for (let hh = 0; hh < H; hh++) {
      const col = hh * dh;
      for (let i = 0; i < T; i++) {
        const pr = ((bb * H + hh) * T + i) * T;
        const io = (base + i) * D + col;
        let rowDot = 0;
        for (let j = 0; j < T; j++) {
          const pij = p[pr + j]!;
          if (pij === 0) {
            row[j] = 0;
            continue;
          }
          const jo = (base + j) * D + col;
          let dot = 0;
          for (let e = 0; e < dh; e++) {
            const g = dctx[io + e]!;
            dot += g * v[jo + e]!;
            dv[jo + e] = dv[jo + e]! + pij * g;
          }
          row[j] = dot;
          rowDot += pij * dot;
        }
        for (let j = 0; j < T; j++) {
          const pij = p[pr + j]!;
          if (pij === 0) continue;
          const ds = scale * (pij * (row[j]! - rowDot));
          const jo = (base + j) * D + col;
          for (let e = 0; e < dh; e++) {
            dq[io + e] = dq[io + e]! + ds * k[jo + e]!;
            dk[jo + e] = dk[jo + e]! + ds * q[io + e]!;
          }
        }
      }
    }
  }
}

/**
 * Softmax cross-entropy over the rows with a target ≥ 0: writes probs = softmax(logits) for every row and returns
 * Σ −log p[target] and the number of such rows (mean loss = sum / count).
 */
export function softmaxCrossEntropy(
  logits: FloatArray,
  probs: FloatArray,
  targets: Int32Array,
  n: number,
  classes: number,
): { sum: number; count: number } {
  let sum = 0;
  let count = 0;
  for (let r = 0; r < n; r++) {
    const o = r * classes;
    let max = logits[o]!;
    for (let c = 1; c < classes; c++) if (logits[o + c]! > max) max = logits[o + c]!;
    let z = 0;
    for (let c = 0; c < classes; c++) {
      const e = exp(logits[o + c]! - max);
      probs[o + c] = e;
      z += e;
    }
    const inv = 1 / z;
    for (let c = 0; c < classes; c++) probs[o + c] = probs[o + c]! * inv;
    const y = targets[r]!;
    if (y >= 0) {
      sum += log(z) + max - logits[o + y]!;
      count++;
    }
  }
  return { sum, count };
}

/** Gradient of the mean cross-entropy: dlogits[n,c] = (p[n,c] − [c = yₙ]) / count on target rows, 0 elsewhere. */
export function crossEntropyBackward(
  probs: FloatArray,
  targets: Int32Array,
  dlogits: FloatArray,
  n: number,
  classes: number,
  count: number,
): void {
  const inv = 1 / count;
  for (let r = 0; r < n; r++) {
    const o = r * classes;
    const y = targets[r]!;
    if (y < 0) {
      dlogits.fill(0, o, o + classes);
      continue;
    }
    for (let c = 0; c < classes; c++) dlogits[o + c] = (probs[o + c]! - (c === y ? 1 : 0)) * inv;
  }
}

/** The index of the largest of values[offset … offset + n − 1] (the first one on ties). */
export function argmax(values: FloatArray, offset: number, n: number): number {
  let best = 0;
  let max = values[offset]!;
  for (let c = 1; c < n; c++) {
    if (values[offset + c]! > max) {
      max = values[offset + c]!;
      best = c;
    }
  }
  return best;
}
