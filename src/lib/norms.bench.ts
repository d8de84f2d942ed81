// `npm run bench` (vitest bench --run): each norm at the largest sizes the widgets
// use — a (64, 16) batch of activations and an (8, 32, 64) batch of token
// embeddings (BatchNorm, GroupNorm and InstanceNorm see it as (8, 64, 32),
// channels second). Vitest 5 benchmarks run inside a test through its `bench`
// fixture; bench.compare prints one table per group.
import { test } from 'vitest';
import { activationBatch, tokenBatch, tokensToChannels } from './datasets';
import { batchNorm, groupNorm, instanceNorm, layerNorm, minMaxScale, rmsNorm, standardize } from './norms';
import { defineState } from './url-state';

const LENGTHS = [32, 30, 28, 25, 20, 16, 12, 8];
const activations = activationBatch({ seed: 'bench', batchSize: 64, features: 16 });
const tokens = tokenBatch({ seed: 'bench', lengths: LENGTHS, dim: 64 }).embeddings;
const channels = tokensToChannels(tokens);
const feature = activations.data.slice(0, 1024);
const trained = batchNorm(activations);
const evaluation = { training: false, runningMean: trained.runningMean, runningVar: trained.runningVar };

test('(64, 16) activations', async ({ bench }) => {
  await bench.compare(
    bench('batchNorm training', () => void batchNorm(activations)),
    bench('batchNorm evaluation', () => void batchNorm(activations, evaluation)),
    bench('layerNorm over [16]', () => void layerNorm(activations, [16])),
    bench('rmsNorm over [16]', () => void rmsNorm(activations, [16])),
    bench('groupNorm, 4 groups', () => void groupNorm(activations, 4)),
    bench('activationBatch (data)', () => void activationBatch({ seed: 'bench', batchSize: 64, features: 16 }, 1)),
  );
});

test('(8, 32, 64) tokens', async ({ bench }) => {
  await bench.compare(
    bench('layerNorm over [64]', () => void layerNorm(tokens, [64])),
    bench('rmsNorm over [64]', () => void rmsNorm(tokens, [64])),
    bench('batchNorm training (8, 64, 32)', () => void batchNorm(channels)),
    bench('groupNorm (8, 64, 32), 8 groups', () => void groupNorm(channels, 8)),
    bench('instanceNorm (8, 64, 32)', () => void instanceNorm(channels)),
    bench('tokenBatch (data)', () => void tokenBatch({ seed: 'bench', lengths: LENGTHS, dim: 64 })),
  );
});

const codec = defineState('bn', {
  batch: { type: 'integer', default: 8, min: 1, max: 64 },
  momentum: { type: 'number', default: 0.1, min: 0, max: 1, step: 0.05 },
  mode: { type: 'enum', default: 'train', values: ['train', 'eval'] },
  affine: { type: 'boolean', default: true },
});
const query = new URLSearchParams('bn.batch=32&bn.momentum=0.35&bn.mode=eval&bn.affine=0&other=1');

test('feature scaling and URL state', async ({ bench }) => {
  await bench.compare(
    bench('minMaxScale, 1024 values', () => void minMaxScale(feature)),
    bench('standardize, 1024 values', () => void standardize(feature)),
    bench('URL parse + serialize', () => void codec.serialize(codec.parse(query))),
  );
});
