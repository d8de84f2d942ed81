// How a trained model is judged: the deployment regimes of the lab. Nothing here changes the model
// (BatchNorm's running statistics are never updated by an evaluation).

import type { Batch, StatsMode, TinyTransformer } from './model';
import { argmax } from './kernels';
import { fastPortableExp, portableLog } from './portable';

const exp = fastPortableExp; // bound once (a module runner reads imports through getters)
import { copyFirstHalf, copySequence, EOS, toBatch, type Example } from './tasks';

/** How held-out sequences are fed: `batch` at a time, BatchNorm with batch or running statistics, padded to T or not. */
export interface Regime {
  readonly batch: number;
  readonly stats: StatsMode;
  /** Pad every batch to the model's T (as in training); otherwise to the batch's longest sequence (a lone sequence: no pads). */
  readonly padToT: boolean;
}

/** Splits examples into consecutive batches of `size`, each padded to T or to its longest example. */
function batches(examples: readonly Example[], size: number, padToT: boolean, t: number): Batch[] {
  const out: Batch[] = [];
  for (let i = 0; i < examples.length; i += size) {
    const chunk = examples.slice(i, i + size);
    out.push(toBatch(chunk, padToT ? t : Math.max(...chunk.map((e) => e.input.length))));
  }
  return out;
}

/** Per-token accuracy and mean loss over the targets of a set: accuracy = #(argmax = target)/#targets, loss = Σ CE / #targets. */
export interface Score {
  readonly accuracy: number;
  readonly loss: number;
  readonly tokens: number;
}

/** Scores a model on examples under a regime: accuracy and cross-entropy over every target position. */
export function score(model: TinyTransformer, examples: readonly Example[], regime: Regime): Score {
  const V = model.config.vocab;
  let correct = 0;
  let total = 0;
  let lossSum = 0;
  for (const batch of batches(examples, regime.batch, regime.padToT, model.config.maxLen)) {
    const { loss, count, logits } = model.forward(batch, { stats: regime.stats, updateRunning: false });
    for (let r = 0; r < batch.b * batch.t; r++) {
      const y = batch.targets[r]!;
      if (y < 0) continue;
      if (argmax(logits, r * V, V) === y) correct++;
    }
    total += count;
    if (count > 0) lossSum += loss * count;
  }
  return { accuracy: total > 0 ? correct / total : Number.NaN, loss: total > 0 ? lossSum / total : Number.NaN, tokens: total };
}

/** Lab 2's cross-entropy under a regime: over all targets, and over the random first half (a₁…a_k and SEP) alone. */
export function copyCrossEntropy(
  model: TinyTransformer,
  examples: readonly Example[],
  regime: Regime,
): { overall: number; firstHalf: number } {
  const V = model.config.vocab;
  let sum = 0;
  let n = 0;
  let sumFirst = 0;
  let nFirst = 0;
  const size = regime.batch;
  for (let i = 0; i < examples.length; i += size) {
    const chunk = examples.slice(i, i + size);
    const batch = toBatch(chunk, regime.padToT ? model.config.maxLen : Math.max(...chunk.map((e) => e.input.length)));
    const { logits } = model.forward(batch, { stats: regime.stats, updateRunning: false });
    chunk.forEach((ex, bi) => {
      const first = copyFirstHalf(ex);
      ex.target.forEach((y, j) => {
        const o = (bi * batch.t + j) * V;
        let max = logits[o]!;
        for (let c = 1; c < V; c++) if (logits[o + c]! > max) max = logits[o + c]!;
        let z = 0;
        for (let c = 0; c < V; c++) z += exp(logits[o + c]! - max);
        const ce = portableLog(z) + max - logits[o + y]!;
        sum += ce;
        n++;
        if (first[j]) {
          sumFirst += ce;
          nFirst++;
        }
      });
    });
  }
  return { overall: sum / n, firstHalf: sumFirst / nFirst };
}

/**
 * Lab 2's greedy generation: from BOS a₁…a_k SEP the model writes one token at a time (each step reads the whole
 * prefix, alone, unpadded) until it has written k + 1 tokens; exact match when they are a₁…a_k EOS. With batch
 * statistics, BatchNorm's statistics are those of the prefix written so far. Returns the fraction of exact matches.
 */
export function copyExactMatch(model: TinyTransformer, examples: readonly Example[], stats: StatsMode): number {
  const V = model.config.vocab;
  let exact = 0;
  for (const ex of examples) {
    const k = (ex.input.length - 2) / 2;
    const symbols = ex.input.slice(1, k + 1);
    const expected = [...symbols, EOS];
    const seq = copySequence(symbols).slice(0, k + 2);
    let ok = true;
    for (let step = 0; step < k + 1 && ok; step++) {
      const t = seq.length;
      const batch: Batch = {
        b: 1,
        t,
        tokens: Int32Array.from(seq),
        targets: new Int32Array(t).fill(-1),
        mask: new Uint8Array(t).fill(1),
      };
      const { logits } = model.forward(batch, { stats, updateRunning: false });
      const next = argmax(logits, (t - 1) * V, V);
      if (next !== expected[step]) ok = false;
      seq.push(next);
    }
    if (ok) exact++;
  }
  return exact / examples.length;
}
