// The decoding widget's interface words. Prose stays in content/; these are labels only.
// The widget's point: BatchNorm gives the same token one output in training mode (its batch's statistics) and
// another at inference (eval mode: the running statistics, at any batch size), even when the decoded data come from
// the training distribution. A one-token batch only makes batch statistics impossible; drift is a second effect.

const en = {
  title: 'One token, two outputs: training mode vs inference',
  steps: 'Training batches before inference',
  shift: 'Drift of the decoded data (σ)',
  modeBnEval: 'BN · eval',
  modeBnTrain: 'BN · train',
  modeLn: 'LN',
  mode: 'Normalization at inference',
  bnEval: 'BatchNorm, eval',
  bnTrain: 'BatchNorm, train',
  ln: 'LayerNorm',
  token: 'Tokens decoded',
  trainingControls: 'Training before inference, and drift',
  next: 'Decode next token',
  restart: 'Start over',
  tokensCaption:
    'Feature 2 of each token’s output. Hollow: in training mode, the token inside a batch of 8 sequences (BatchNorm normalizes with that batch’s statistics). Filled: at inference, one token at a time (BatchNorm in eval mode normalizes with the running statistics).',
  gapsCaption:
    'The line joining the two is the gap in feature 2. Below: the gap per decoded token, the largest difference over its 4 features between the two; a cross marks a token that training mode refuses.',
  runningCaption:
    'Where eval mode’s statistics come from: BatchNorm’s running mean of feature 2 after each training batch (line), from PyTorch’s initial 0. The thin grey line is each batch’s own mean, what training mode normalizes with. Dashed: the means of the training data and of the decoded data.',
  step: 'training batch →',
  runningMean: '↑ running mean, feature 2',
  trainingMean: 'training data',
  decodingMean: 'decoded data',
  sameMean: 'training and decoded data',
  legendRunning: 'running mean: eval mode uses it',
  legendBatchMean: 'each batch’s own mean: training mode',
  tokenAxis: 'token →',
  outputAxis: '↑ output, feature 2',
  gapAxis: '↑ gap',
  legendTrainBn: 'training mode (batch statistics)',
  legendTrainLn: 'training',
  legendEval: 'eval mode (running statistics)',
  legendTrainRefused: 'train mode at inference: refused',
  legendLn: 'inference, one token at a time',
  refusedShort: 'refused in training mode',
  readBatch: 'Training mode normalizes with: this sequence’s batch, feature 2',
  readRunning: 'Eval mode normalizes with: the running statistics, feature 2',
  readDecoded: 'Decoded',
  readGaps: 'Train–inference gap per token (largest over its 4 features)',
  readGap: 'Largest gap so far',
  readBoth: 'Largest gap over all {t} tokens',
  runningText: 'mean {mean}, variance {var}, after {steps} batches',
  runningTextOne: 'mean {mean}, variance {var}, after 1 batch',
  runningInitial: 'mean 0, variance 1: PyTorch’s initial values (no training yet)',
  batchText: 'mean {mean}, variance {var}, over its {n} tokens',
  decodedText: '{n} of {t} tokens',
  noneYet: 'none yet',
  refused: 'refused',
  noteEval:
    'In eval mode BatchNorm always normalizes with the running statistics, whatever the batch size; in training mode it used the statistics of the batch the token sat in. Different statistics, different outputs for the same token: that is the train–inference discrepancy, and it is there at drift 0. More training brings the running statistics closer to the data’s, but the gap stays: a batch’s own statistics are never exactly the running ones.',
  noteDrift:
    'Drift {shift} σ adds a second effect: the running statistics describe the training data, not the drifted tokens. Largest gap over all tokens now {now}; at drift 0, {zero}.',
  noteTrain:
    'Training mode at inference would need batch statistics, but a batch of one token has one value per channel (variance 0), and PyTorch refuses it. That is all a one-token batch changes: eval mode uses the running statistics at any batch size. nn.BatchNorm1d would accept (1, 4, T) with T > 1, statistics over the positions; but decoding feeds one new token at a time, a (1, 4) input.',
  noteLn:
    'LayerNorm normalizes each token over its own 4 features and keeps no running statistics: training and inference are the same computation, and the gap is 0 at any drift.',
  describeRunning:
    'BatchNorm’s running mean of feature 2 over {steps} training batches (momentum 0.1), from 0 to {mean}: the statistics eval mode uses. The training data’s mean is {population}, the decoded data’s {decoding}.',
  describeTokens:
    '{name}: feature 2 of the output of each of the {t} tokens. In training mode, inside its batch: {train}. At inference ({n} tokens decoded so far): {decode}.',
  describeGaps: '{name}: gap between training and inference per decoded token: {gaps}. Largest: {max}.',
  describeRefused: 'BatchNorm in training mode refuses a batch of one token: {message}',
} as const;

type Labels = { readonly [K in keyof typeof en]: string };

const zh: Labels = {
  title: '同一个 token，两种输出：训练模式与推理',
  steps: '推理前训练的批次数',
  shift: '解码数据的偏移（σ）',
  modeBnEval: 'BN · 推理',
  modeBnTrain: 'BN · 训练',
  modeLn: 'LN',
  mode: '推理时的归一化',
  bnEval: 'BatchNorm，推理模式',
  bnTrain: 'BatchNorm，训练模式',
  ln: 'LayerNorm',
  token: '已解码的 token 数',
  trainingControls: '推理前的训练，以及数据偏移',
  next: '解码下一个 token',
  restart: '重新开始',
  tokensCaption:
    '每个 token 输出的特征 2。空心：训练模式下，这个 token 和另外 7 条序列同在一个批次里，BatchNorm 用这个批次的统计量归一化。实心：推理时逐个 token 计算，推理模式的 BatchNorm 用滑动平均统计量归一化。',
  gapsCaption: '连接两者的竖线就是特征 2 上的差距。下方：每个已解码 token 的差距，即两者在它 4 个特征上的最大差值；叉号表示训练模式拒绝计算的 token。',
  runningCaption:
    '推理模式的统计量从哪里来：每个训练批次之后 BatchNorm 对特征 2 的滑动均值（折线），从 PyTorch 的初始值 0 开始。灰色细线是各批次自己的均值，也就是训练模式归一化时用的值。虚线：训练数据和解码数据各自的均值。',
  step: '训练批次 →',
  runningMean: '↑ 滑动均值，特征 2',
  trainingMean: '训练数据',
  decodingMean: '解码数据',
  sameMean: '训练数据与解码数据',
  legendRunning: '滑动均值：推理模式用它',
  legendBatchMean: '各批次自己的均值：训练模式用它',
  tokenAxis: 'token →',
  outputAxis: '↑ 输出，特征 2',
  gapAxis: '↑ 差距',
  legendTrainBn: '训练模式（批次统计量）',
  legendTrainLn: '训练时',
  legendEval: '推理模式（滑动平均统计量）',
  legendTrainRefused: '推理时用训练模式：被拒绝',
  legendLn: '推理时，逐个 token',
  refusedShort: '训练模式下被拒绝',
  readBatch: '训练模式用的统计量：这条序列所在批次的特征 2',
  readRunning: '推理模式用的统计量：特征 2 的滑动平均统计量',
  readDecoded: '已解码',
  readGaps: '每个 token 训练与推理的差距（4 个特征中的最大值）',
  readGap: '目前最大的差距',
  readBoth: '全部 {t} 个 token 中的最大差距',
  runningText: '滑动均值 {mean}，滑动方差 {var}，训练了 {steps} 个批次',
  runningTextOne: '滑动均值 {mean}，滑动方差 {var}，训练了 1 个批次',
  runningInitial: '滑动均值 0，滑动方差 1：PyTorch 的初始值（尚未训练）',
  batchText: '均值 {mean}，方差 {var}，来自批次中的 {n} 个 token',
  decodedText: '{t} 个 token 中的 {n} 个',
  noneYet: '尚无',
  refused: '被拒绝',
  noteEval:
    '推理模式下，BatchNorm 不论批大小，一律用滑动平均统计量归一化；训练模式下，它用的是这个 token 所在批次的统计量。统计量不同，同一个 token 的输出也就不同：这就是训练与推理的不一致，偏移为 0 时就已存在。训练的批次越多，滑动平均统计量越接近数据本身的统计量，但差距不会消失：单个批次的统计量从来不会恰好等于滑动平均统计量。',
  noteDrift: '偏移 {shift} σ 带来第二个效应：滑动平均统计量刻画的是训练数据，而不是偏移后的 token。现在全部 token 的最大差距是 {now}；偏移为 0 时是 {zero}。',
  noteTrain:
    '推理时若用训练模式，就需要批次统计量；但只有一个 token 的批次，每个通道只有一个值，方差为 0，PyTorch 直接拒绝。单 token 批次改变的只有这一点：推理模式不论批大小都用滑动平均统计量。nn.BatchNorm1d 可以接受 T > 1 的 (1, 4, T)，在各位置上求统计量；但解码每次只送入一个新 token，即形状为 (1, 4) 的输入。',
  noteLn: 'LayerNorm 对每个 token 在它自己的 4 个特征上归一化，也不保存滑动平均统计量：训练和推理做的是同一个计算，无论偏移多少，差距都是 0。',
  describeRunning:
    '{steps} 个训练批次（momentum 0.1）中 BatchNorm 对特征 2 的滑动均值，从 0 变到 {mean}：这就是推理模式用的统计量。训练数据的均值是 {population}，解码数据的是 {decoding}。',
  describeTokens: '{name}：{t} 个 token 各自输出的特征 2。训练模式下，在批次中：{train}。推理时，目前已解码 {n} 个 token：{decode}。',
  describeGaps: '{name}：每个已解码 token 在训练与推理之间的差距：{gaps}。最大：{max}。',
  describeRefused: '训练模式下的 BatchNorm 拒绝只有一个 token 的批次：{message}',
};

/** The widget's words in each language (same keys in both, enforced by the type). */
export const labels = { zh, en: en as Labels } as const;
export type DecodingLabels = Labels;
