// A tiny pre-norm Transformer with its backward pass written out:
//   x₀ = tok_emb[token] + pos_emb[t]
//   per block:  h = x + Attn(Norm₁(x)),  x' = h + W_down·ReLU(W_up·Norm₂(h))
//   logits = head(Norm_f(x_L)), loss = mean cross-entropy over the positions with a target.
// ReLU rather than GELU: its forward and backward are exact (no erf or tanh, whose last bit may differ
// between engines), and at this size it trains as well.

import type { ModelConfig, Precision } from './config';
import { isBatchNorm, validateModelConfig } from './config';
import {
  attentionBackward,
  attentionForward,
  crossEntropyBackward,
  linearBackward,
  linearForward,
  reluBackward,
  reluForward,
  softmaxCrossEntropy,
  type AttentionShape,
} from './kernels';
import { normBackward, normCache, normForward, type NormCache, type NormState } from './norm-layer';
import { allocate, normLayerNames, paramLayout, paramView, type FloatArray, type ParamLayout } from './params';

/** B sequences of T positions: input tokens, targets (−1 where there is none) and the real-token mask, all (B·T). */
export interface Batch {
  readonly b: number;
  readonly t: number;
  readonly tokens: Int32Array;
  readonly targets: Int32Array;
  readonly mask: Uint8Array;
}

/** Which statistics BatchNorm uses: this batch's (training mode) or the running ones (eval mode). */
export type StatsMode = 'batch' | 'running';

/** Options of a forward pass: BatchNorm's statistics, and whether a training-mode pass updates the running ones. */
export interface ForwardOptions {
  readonly stats: StatsMode;
  readonly updateRunning: boolean;
}

/** The result of a forward pass: mean loss over the target positions, their count, and the (B·T, V) logits. */
export interface ForwardResult {
  readonly loss: number;
  readonly count: number;
  readonly logits: FloatArray;
}

interface Linear {
  readonly w: FloatArray;
  readonly b: FloatArray;
  readonly dw: FloatArray;
  readonly db: FloatArray;
  readonly inp: number;
  readonly out: number;
}

interface Block {
  readonly norm1: NormState;
  readonly q: Linear;
  readonly k: Linear;
  readonly v: Linear;
  readonly o: Linear;
  readonly norm2: NormState;
  readonly up: Linear;
  readonly down: Linear;
}

/** Activations kept for the backward pass of one block. */
interface BlockCache {
  readonly n1: NormCache;
  readonly a1: FloatArray;
  readonly q: FloatArray;
  readonly k: FloatArray;
  readonly v: FloatArray;
  readonly p: FloatArray;
  readonly ctx: FloatArray;
  readonly h: FloatArray;
  readonly n2: NormCache;
  readonly a2: FloatArray;
  readonly r: FloatArray;
}

/** Every buffer of a forward and backward pass at one (B, T). */
interface Workspace {
  readonly b: number;
  readonly t: number;
  readonly xs: FloatArray[];
  readonly blocks: BlockCache[];
  readonly nf: NormCache;
  readonly z: FloatArray;
  readonly logits: FloatArray;
  readonly probs: FloatArray;
  readonly dRes: FloatArray;
  readonly dA: FloatArray;
  readonly dQ: FloatArray;
  readonly dK: FloatArray;
  readonly dV: FloatArray;
  readonly dCtx: FloatArray;
  readonly dU: FloatArray;
  readonly dZ: FloatArray;
  readonly dLogits: FloatArray;
}

/** The tiny Transformer: parameters, gradients and BatchNorm's running statistics, with forward and backward. */
export class TinyTransformer {
  readonly config: ModelConfig;
  readonly precision: Precision;
  readonly layout: ParamLayout;
  /** Every parameter, in layout order. */
  readonly params: FloatArray;
  /** Their gradients (same layout), accumulated by backward(). */
  readonly grads: FloatArray;
  /** The norm layers in forward order (blocks.l.norm1, blocks.l.norm2, …, norm_f). */
  readonly norms: readonly NormState[];
  private readonly blocks: Block[];
  private readonly normF: NormState;
  private readonly head: Linear;
  private readonly tokEmb: FloatArray;
  private readonly posEmb: FloatArray;
  private readonly dTokEmb: FloatArray;
  private readonly dPosEmb: FloatArray;
  private readonly workspaces = new Map<string, Workspace>();
  private readonly acc: Float64Array;
  private readonly row: Float64Array;
  private last: { ws: Workspace; batch: Batch; count: number } | null = null;

  constructor(config: ModelConfig, precision: Precision) {
    validateModelConfig(config);
    this.config = config;
    this.precision = precision;
    this.layout = paramLayout(config);
    this.params = allocate(precision, this.layout.size);
    this.grads = allocate(precision, this.layout.size);
    const view = (flat: FloatArray, name: string): FloatArray => paramView(this.layout, flat, name);
    const has = (name: string): boolean => this.layout.specs.some((s) => s.name === name);
    const linear = (prefix: string, inp: number, out: number): Linear => ({
      w: view(this.params, `${prefix}.weight`),
      b: view(this.params, `${prefix}.bias`),
      dw: view(this.grads, `${prefix}.weight`),
      db: view(this.grads, `${prefix}.bias`),
      inp,
      out,
    });
    const bn = isBatchNorm(config.norm);
    const norm = (prefix: string): NormState => {
      const running = (fill: number): FloatArray | null => (bn ? allocate(precision, config.dModel).fill(fill) : null);
      return {
        kind: config.norm,
        gamma: has(`${prefix}.weight`) ? view(this.params, `${prefix}.weight`) : null,
        beta: has(`${prefix}.bias`) ? view(this.params, `${prefix}.bias`) : null,
        dGamma: has(`${prefix}.weight`) ? view(this.grads, `${prefix}.weight`) : null,
        dBeta: has(`${prefix}.bias`) ? view(this.grads, `${prefix}.bias`) : null,
        runningMean: running(0),
        runningVar: running(1),
      };
    };
    const { dModel: D, ffn: F, vocab: V } = config;
    this.blocks = [];
    for (let l = 0; l < config.layers; l++) {
      const p = `blocks.${l}`;
      this.blocks.push({
        norm1: norm(`${p}.norm1`),
        q: linear(`${p}.attn.q`, D, D),
        k: linear(`${p}.attn.k`, D, D),
        v: linear(`${p}.attn.v`, D, D),
        o: linear(`${p}.attn.o`, D, D),
        norm2: norm(`${p}.norm2`),
        up: linear(`${p}.ffn.up`, D, F),
        down: linear(`${p}.ffn.down`, F, D),
      });
    }
    this.normF = norm('norm_f');
    this.norms = [...this.blocks.flatMap((b) => [b.norm1, b.norm2]), this.normF];
    if (this.norms.length !== normLayerNames(config).length) throw new Error('norm layers out of step with their names');
    this.head = linear('head', D, V);
    this.tokEmb = view(this.params, 'tok_emb');
    this.posEmb = view(this.params, 'pos_emb');
    this.dTokEmb = view(this.grads, 'tok_emb');
    this.dPosEmb = view(this.grads, 'pos_emb');
    this.acc = new Float64Array(Math.max(D, F, V));
    this.row = new Float64Array(config.maxLen);
  }

  /** Sets every gradient to 0. */
  zeroGrad(): void {
    this.grads.fill(0);
  }

  /** Resets BatchNorm's running statistics to PyTorch's initial mean 0, variance 1. */
  resetRunningStats(): void {
    for (const n of this.norms) {
      n.runningMean?.fill(0);
      n.runningVar?.fill(1);
    }
  }

  private workspace(b: number, t: number): Workspace {
    const key = `${b}x${t}`;
    const found = this.workspaces.get(key);
    if (found) return found;
    const { dModel: D, ffn: F, vocab: V, heads: H, layers: L } = this.config;
    const n = b * t;
    const make = (size: number): FloatArray => allocate(this.precision, size);
    const mk = (size: number) => (): FloatArray => make(size);
    const ws: Workspace = {
      b,
      t,
      xs: Array.from({ length: L + 1 }, mk(n * D)),
      blocks: Array.from({ length: L }, () => ({
        n1: normCache(make, n, D),
        a1: make(n * D),
        q: make(n * D),
        k: make(n * D),
        v: make(n * D),
        p: make(b * H * t * t),
        ctx: make(n * D),
        h: make(n * D),
        n2: normCache(make, n, D),
        a2: make(n * D),
        r: make(n * F),
      })),
      nf: normCache(make, n, D),
      z: make(n * D),
      logits: make(n * V),
      probs: make(n * V),
      dRes: make(n * D),
      dA: make(n * D),
      dQ: make(n * D),
      dK: make(n * D),
      dV: make(n * D),
      dCtx: make(n * D),
      dU: make(n * F),
      dZ: make(n * D),
      dLogits: make(n * V),
    };
    if (this.workspaces.size >= 48) this.workspaces.clear();
    this.workspaces.set(key, ws);
    return ws;
  }

  private attentionShape(b: number, t: number): AttentionShape {
    const { heads: H, dModel: D, mask } = this.config;
    const dh = D / H;
    return { b, t, h: H, dh, causal: mask === 'causal', scale: 1 / Math.sqrt(dh) };
  }

  /**
   * The forward pass on a batch: logits (B·T, V) and the mean cross-entropy over target positions (NaN if there
   * are none). Keeps what backward() needs. BatchNorm uses the batch's statistics or the running ones, per options.
   */
  forward(batch: Batch, options: ForwardOptions): ForwardResult {
    const { b: B, t: T, tokens, targets, mask } = batch;
    const { dModel: D, ffn: F, vocab: V, maxLen, eps, momentum } = this.config;
    if (T > maxLen) throw new RangeError(`sequence length ${T} exceeds maxLen ${maxLen}`);
    if (tokens.length !== B * T || targets.length !== B * T || mask.length !== B * T) throw new RangeError('batch arrays must have B·T entries');
    const ws = this.workspace(B, T);
    const n = B * T;
    const norm = {
      batchStats: options.stats === 'batch',
      updateRunning: options.stats === 'batch' && options.updateRunning,
      mask,
      eps,
      momentum,
    };
    const x0 = ws.xs[0]!;
    const tok = this.tokEmb;
    const pos = this.posEmb;
    for (let r = 0; r < n; r++) {
      const id = tokens[r]!;
      if (!(id >= 0 && id < V)) throw new RangeError(`token ${id} outside the vocabulary`);
      const to = id * D;
      const po = (r % T) * D;
      const xo = r * D;
      for (let c = 0; c < D; c++) x0[xo + c] = tok[to + c]! + pos[po + c]!;
    }
    const shape = this.attentionShape(B, T);
    for (let l = 0; l < this.blocks.length; l++) {
      const blk = this.blocks[l]!;
      const c = ws.blocks[l]!;
      const x = ws.xs[l]!;
      const xNext = ws.xs[l + 1]!;
      normForward(blk.norm1, x, c.a1, n, D, c.n1, norm);
      linearForward(c.a1, blk.q.w, blk.q.b, c.q, n, D, D);
      linearForward(c.a1, blk.k.w, blk.k.b, c.k, n, D, D);
      linearForward(c.a1, blk.v.w, blk.v.b, c.v, n, D, D);
      attentionForward(shape, mask, c.q, c.k, c.v, c.p, c.ctx);
      linearForward(c.ctx, blk.o.w, blk.o.b, c.h, n, D, D);
      for (let i = 0; i < n * D; i++) c.h[i] = x[i]! + c.h[i]!;
      normForward(blk.norm2, c.h, c.a2, n, D, c.n2, norm);
      linearForward(c.a2, blk.up.w, blk.up.b, c.r, n, D, F);
      reluForward(c.r, n * F);
      linearForward(c.r, blk.down.w, blk.down.b, xNext, n, F, D);
      for (let i = 0; i < n * D; i++) xNext[i] = c.h[i]! + xNext[i]!;
    }
    normForward(this.normF, ws.xs[this.blocks.length]!, ws.z, n, D, ws.nf, norm);
    linearForward(ws.z, this.head.w, this.head.b, ws.logits, n, D, V);
    const { sum, count } = softmaxCrossEntropy(ws.logits, ws.probs, targets, n, V);
    this.last = { ws, batch, count };
    return { loss: count > 0 ? sum / count : Number.NaN, count, logits: ws.logits };
  }

  /** Adds the gradient of the last forward pass's mean loss to grads (call zeroGrad() first for a fresh gradient). */
  backward(): void {
    if (!this.last) throw new Error('backward() needs a forward() first');
    const { ws, batch, count } = this.last;
    if (count === 0) return;
    const { b: B, t: T, tokens, targets, mask } = batch;
    const { dModel: D, ffn: F, vocab: V } = this.config;
    const n = B * T;
    const { acc, row } = this;
    crossEntropyBackward(ws.probs, targets, ws.dLogits, n, V, count);
    linearBackward(ws.z, this.head.w, ws.dLogits, this.head.dw, this.head.db, ws.dZ, 'set', n, D, V, acc);
    ws.dRes.fill(0, 0, n * D);
    normBackward(this.normF, ws.dZ, ws.dRes, n, D, ws.nf, mask);
    const shape = this.attentionShape(B, T);
    for (let l = this.blocks.length - 1; l >= 0; l--) {
      const blk = this.blocks[l]!;
      const c = ws.blocks[l]!;
      // x' = h + down(relu(up(norm2(h)))): dRes is dx'.
      linearBackward(c.r, blk.down.w, ws.dRes, blk.down.dw, blk.down.db, ws.dU, 'set', n, F, D, acc);
      reluBackward(c.r, ws.dU, n * F);
      linearBackward(c.a2, blk.up.w, ws.dU, blk.up.dw, blk.up.db, ws.dA, 'set', n, D, F, acc);
      normBackward(blk.norm2, ws.dA, ws.dRes, n, D, c.n2, mask);
      // h = x + o(attn(norm1(x))): dRes is now dh.
      linearBackward(c.ctx, blk.o.w, ws.dRes, blk.o.dw, blk.o.db, ws.dCtx, 'set', n, D, D, acc);
      attentionBackward(shape, c.q, c.k, c.v, c.p, ws.dCtx, ws.dQ, ws.dK, ws.dV, row);
      linearBackward(c.a1, blk.q.w, ws.dQ, blk.q.dw, blk.q.db, ws.dA, 'set', n, D, D, acc);
      linearBackward(c.a1, blk.k.w, ws.dK, blk.k.dw, blk.k.db, ws.dA, 'add', n, D, D, acc);
      linearBackward(c.a1, blk.v.w, ws.dV, blk.v.dw, blk.v.db, ws.dA, 'add', n, D, D, acc);
      normBackward(blk.norm1, ws.dA, ws.dRes, n, D, c.n1, mask);
    }
    const dTok = this.dTokEmb;
    const dPos = this.dPosEmb;
    const g = ws.dRes;
    for (let r = 0; r < n; r++) {
      const to = tokens[r]! * D;
      const po = (r % T) * D;
      const go = r * D;
      for (let cc = 0; cc < D; cc++) {
        dTok[to + cc] = dTok[to + cc]! + g[go + cc]!;
        dPos[po + cc] = dPos[po + cc]! + g[go + cc]!;
      }
    }
  }
}
