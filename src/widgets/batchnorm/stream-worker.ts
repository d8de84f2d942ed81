// The BatchNorm explorer's Web Worker: draws a seed's training batches off the main thread. A new seed at step 200
// needs 200 fresh batches (204 800 normal draws, tens of milliseconds on a phone); the page meanwhile shows the
// current batch and says the running statistics are being replayed. The blocks come back as one transferred
// array, the same integers the page would have drawn itself (src/lib/activation-stream).
import { drawStreamBlocks } from '../../lib/activation-stream';
import type { StreamRequest, StreamReply } from './stream-messages';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<StreamRequest>) => void) | null;
  postMessage: (message: StreamReply, transfer: Transferable[]) => void;
};

scope.onmessage = ({ data: { seed, steps } }) => {
  const blocks = drawStreamBlocks(seed, steps);
  scope.postMessage({ seed, steps, blocks }, [blocks.buffer]);
};
