// What the BatchNorm page and its stream worker (./stream-worker.ts) say to each other.

/** Draw batches [0, steps) of this seed's stream. */
export interface StreamRequest {
  readonly seed: number;
  readonly steps: number;
}

/** The batches asked for, 64 × 16 integers each (src/lib/activation-stream's drawStreamBlocks). */
export interface StreamReply extends StreamRequest {
  readonly blocks: Int32Array;
}
