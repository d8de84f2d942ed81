// The model's parameters live in one flat array (and their gradients and Adam's moments in arrays of
// the same layout), so the optimizer is one loop. Each named tensor is a view into it. Names and
// shapes follow PyTorch's: a linear layer's weight is (out, in) and y = x·Wᵀ + b.

import { createRng } from '../random';
import type { ModelConfig, NormKind, Precision } from './config';

/** A Float32Array or a Float64Array: the storage the config's precision chose. */
export type FloatArray = Float32Array | Float64Array;

/** A new zero-filled array of n elements in the given precision. */
export function allocate(precision: Precision, n: number): FloatArray {
  return precision === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

/** How a parameter is initialized: N(0, σ²), U(−1/√fanIn, 1/√fanIn), ones or zeros. */
export type InitKind = 'normal' | 'uniform' | 'ones' | 'zeros';

/** One named tensor of the flat parameter array: name, shape, offset, length, initialization. */
export interface ParamSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly offset: number;
  readonly size: number;
  readonly init: InitKind;
  /** fan_in of the layer the tensor belongs to (for the uniform bound 1/√fanIn). */
  readonly fanIn: number;
  /** σ of a normal initialization. */
  readonly std: number;
}

/** The parameter tensors in their fixed order, and the total count. */
export interface ParamLayout {
  readonly specs: readonly ParamSpec[];
  readonly size: number;
}

/** Which parameters a norm has: LayerNorm and BatchNorm γ and β, RMSNorm γ only, none nothing. */
function normParams(norm: NormKind): ('weight' | 'bias')[] {
  if (norm === 'none') return [];
  if (norm === 'rms') return ['weight'];
  return ['weight', 'bias'];
}

/** The names of the norm layers in forward order: blocks.l.norm1, blocks.l.norm2 for every l, then norm_f. */
export function normLayerNames(config: ModelConfig): string[] {
  const names: string[] = [];
  for (let l = 0; l < config.layers; l++) names.push(`blocks.${l}.norm1`, `blocks.${l}.norm2`);
  names.push('norm_f');
  return names;
}

/** The layout of a model's parameters: embeddings, then per block norm1, attention q/k/v/o, norm2, FFN up/down, then norm_f and head. */
export function paramLayout(config: ModelConfig): ParamLayout {
  const { vocab: V, maxLen: T, dModel: D, ffn: F, layers: L, norm } = config;
  const specs: ParamSpec[] = [];
  let offset = 0;
  const add = (name: string, shape: number[], init: InitKind, fanIn: number, std = 1): void => {
    const size = shape.reduce((a, b) => a * b, 1);
    specs.push({ name, shape, offset, size, init, fanIn, std });
    offset += size;
  };
  const addNorm = (prefix: string): void => {
    for (const p of normParams(norm)) add(`${prefix}.${p}`, [D], p === 'weight' ? 'ones' : 'zeros', D);
  };
  const addLinear = (prefix: string, out: number, inp: number): void => {
    add(`${prefix}.weight`, [out, inp], 'uniform', inp);
    add(`${prefix}.bias`, [out], 'uniform', inp);
  };
  add('tok_emb', [V, D], 'normal', 1);
  add('pos_emb', [T, D], 'normal', 1, config.posInitStd);
  for (let l = 0; l < L; l++) {
    addNorm(`blocks.${l}.norm1`);
    for (const p of ['q', 'k', 'v', 'o']) addLinear(`blocks.${l}.attn.${p}`, D, D);
    addNorm(`blocks.${l}.norm2`);
    addLinear(`blocks.${l}.ffn.up`, F, D);
    addLinear(`blocks.${l}.ffn.down`, D, F);
  }
  addNorm('norm_f');
  addLinear('head', V, D);
  return { specs, size: offset };
}

/** The view of `name` in a flat array of the layout; throws a RangeError for an unknown name. */
export function paramView<A extends FloatArray>(layout: ParamLayout, flat: A, name: string): A {
  const spec = layout.specs.find((s) => s.name === name);
  if (!spec) throw new RangeError(`no parameter named ${name}`);
  return flat.subarray(spec.offset, spec.offset + spec.size) as A;
}

/**
 * Seeded initialization in layout order: token embeddings N(0, 1) (nn.Embedding's default), positional embeddings
 * N(0, posInitStd²), linear weights and biases U(−1/√fanIn, 1/√fanIn) (nn.Linear's default), norm γ = 1 and β = 0.
 * Norm parameters draw nothing, so every norm starts from the same weights for the same seed.
 */
export function initParams(layout: ParamLayout, flat: FloatArray, seed: number): void {
  const rng = createRng(seed, 'lab-init');
  for (const spec of layout.specs) {
    const bound = 1 / Math.sqrt(spec.fanIn);
    for (let i = spec.offset; i < spec.offset + spec.size; i++) {
      switch (spec.init) {
        case 'normal':
          flat[i] = spec.std * rng.normal();
          break;
        case 'uniform':
          flat[i] = bound * (2 * rng.uniform() - 1);
          break;
        case 'ones':
          flat[i] = 1;
          break;
        case 'zeros':
          flat[i] = 0;
          break;
      }
    }
  }
}
