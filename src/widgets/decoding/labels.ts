// The decoding widget's interface words. Prose stays in content/; these are labels only.

const en = {
  title: 'Training vs decoding one token at a time',
  steps: 'Training batches',
  shift: 'Decoding data shift (σ)',
  modeBnEval: 'BN · eval',
  modeBnTrain: 'BN · train',
  modeLn: 'LN',
  mode: 'Normalization at decoding',
  bnEval: 'BatchNorm, eval',
  bnTrain: 'BatchNorm, train',
  ln: 'LayerNorm',
  token: 'Tokens decoded',
  next: 'Decode next token',
  restart: 'Start over',
  runningCaption:
    'Training: BatchNorm’s running mean of feature 2 after each batch (line), from PyTorch’s initial 0; the thin grey line is each batch’s own mean.',
  tokensCaption:
    'Feature 2 of each token’s output: hollow, what the layer produced for it inside its training batch; filled, what it produces at decoding, one token at a time with batch size 1.',
  gapsCaption: 'The gap per decoded token: the largest difference over its 4 features between training and decoding.',
  step: 'training batch →',
  runningMean: '↑ running mean, feature 2',
  trainingMean: 'training data',
  decodingMean: 'decoding data',
  tokenAxis: 'token →',
  outputAxis: '↑ output, feature 2',
  gapAxis: '↑ gap',
  inTraining: 'in its training batch',
  atDecoding: 'at decoding (batch size 1)',
  refusedShort: 'refused in training mode',
  readRunning: 'Running statistics of feature 2',
  readBatch: 'This sequence’s training batch, feature 2',
  readDecoded: 'Decoded',
  readGaps: 'Gap per token (max over 4 features)',
  readGap: 'Largest gap so far',
  readBoth: 'Largest gap, every token',
  runningText: 'mean {mean}, var {var} after {steps} batches',
  runningInitial: 'mean 0, var 1: PyTorch’s initial values (no training yet)',
  batchText: 'mean {mean}, var {var} over {n} tokens',
  decodedText: '{n} of {t} tokens',
  noneYet: 'none yet',
  refused: 'refused',
  noteEval:
    'At decoding the batch is one token, so BatchNorm (eval) uses the running statistics the training batches left; in training it used each batch’s own. LayerNorm computes the same thing in both.',
  noteTrain:
    'nn.BatchNorm1d in training mode would accept (1, 4, T) with T > 1 — statistics over the positions — but autoregressive decoding feeds one new token at a time: (1, 4), one value per channel, refused.',
  noteLn: 'LayerNorm normalizes each token over its own 4 features, so training and token-by-token decoding perform exactly the same computation: the gap is 0.',
  describeRunning:
    'BatchNorm’s running mean of feature 2 over {steps} training batches (momentum 0.1), from 0 to {mean}; the training data’s mean is {population}, the decoding data’s {decoding}.',
  describeTokens:
    '{name}: feature 2 of the output for each of the {t} tokens. In training: {train}. At decoding ({n} tokens so far): {decode}.',
  describeGaps: '{name}: gap between training and decoding per decoded token: {gaps}. Largest: {max}.',
  describeRefused: 'BatchNorm in training mode refuses a batch of one token: {message}',
} as const;

type Labels = { readonly [K in keyof typeof en]: string };

const zh: Labels = {
  title: '训练与逐 token 解码',
  steps: '训练批次数',
  shift: '解码数据的偏移（σ）',
  modeBnEval: 'BN · 推理',
  modeBnTrain: 'BN · 训练',
  modeLn: 'LN',
  mode: '解码时的归一化',
  bnEval: 'BatchNorm，推理模式',
  bnTrain: 'BatchNorm，训练模式',
  ln: 'LayerNorm',
  token: '已解码的 token 数',
  next: '解码下一个 token',
  restart: '重新开始',
  runningCaption: '训练：每个批次之后 BatchNorm 对特征 2 的运行均值（折线），从 PyTorch 的初始值 0 开始；灰色细线是各批次自己的均值。',
  tokensCaption: '每个 token 输出的特征 2：空心圆是该层在训练批次里为它算出的值；实心点是解码时（逐个 token，批大小 1）算出的值。',
  gapsCaption: '每个已解码 token 的差距：它的 4 个特征在训练与解码之间的最大差值。',
  step: '训练批次 →',
  runningMean: '↑ 运行均值，特征 2',
  trainingMean: '训练数据',
  decodingMean: '解码数据',
  tokenAxis: 'token →',
  outputAxis: '↑ 输出，特征 2',
  gapAxis: '↑ 差距',
  inTraining: '在训练批次中',
  atDecoding: '解码时（批大小 1）',
  refusedShort: '训练模式下被拒绝',
  readRunning: '特征 2 的运行统计量',
  readBatch: '这条序列所在训练批次的特征 2',
  readDecoded: '已解码',
  readGaps: '每个 token 的差距（4 个特征中的最大值）',
  readGap: '目前最大的差距',
  readBoth: '全部 token 的最大差距',
  runningText: '均值 {mean}，方差 {var}，经过 {steps} 个批次',
  runningInitial: '均值 0，方差 1：PyTorch 的初始值（尚未训练）',
  batchText: '均值 {mean}，方差 {var}，基于 {n} 个 token',
  decodedText: '{t} 个 token 中的 {n} 个',
  noneYet: '尚无',
  refused: '被拒绝',
  noteEval:
    '解码时一个批次只有一个 token，所以 BatchNorm（推理模式）使用训练批次留下的运行统计量；训练时它用的是每个批次自己的统计量。LayerNorm 在两种情况下的计算完全一样。',
  noteTrain:
    '训练模式下 nn.BatchNorm1d 可以接受 T > 1 的 (1, 4, T)——在各位置上求统计量——但自回归解码每次只送入一个新 token：(1, 4)，每个通道只有一个值，于是被拒绝。',
  noteLn: 'LayerNorm 对每个 token 在它自己的 4 个特征上归一化，所以训练和逐 token 解码做的是完全相同的计算：差距为 0。',
  describeRunning:
    '{steps} 个训练批次（momentum 0.1）中 BatchNorm 对特征 2 的运行均值，从 0 变到 {mean}；训练数据的均值是 {population}，解码数据的是 {decoding}。',
  describeTokens: '{name}：{t} 个 token 各自输出的特征 2。训练时：{train}。解码时（目前 {n} 个 token）：{decode}。',
  describeGaps: '{name}：每个已解码 token 在训练与解码之间的差距：{gaps}。最大：{max}。',
  describeRefused: '训练模式下的 BatchNorm 拒绝只有一个 token 的批次：{message}',
};

/** The widget's words in each language (same keys in both, enforced by the type). */
export const labels = { zh, en: en as Labels } as const;
export type DecodingLabels = Labels;
