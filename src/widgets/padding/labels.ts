// The padding widget's interface words. Prose stays in content/; these are labels only.

const en = {
  title: 'Padding and batchmates: your sentence through BatchNorm and LayerNorm',
  b: 'Sentences in the batch B',
  share: 'Padding share',
  mask: 'Exclude padding from BatchNorm’s statistics (mask)',
  mine: 'Your sentence: its length in tokens',
  mates: 'Other sentences (draw no.)',
  newMates: 'New batchmates',
  moreSettings: 'Which batchmates',
  shareControls: 'Padding share and mask',
  batchCaption:
    'The batch (B, T, D) padded to T positions: feature 1 of every token, coloured by its distance from μ, the mean BatchNorm subtracts (printed below): purple below μ, orange above. Hatched cells are padding; your sentence is outlined.',
  outputsCaption: 'Your sentence’s outputs, feature × token. BatchNorm’s colours move when the other sentences or the padding change; LayerNorm’s never do.',
  sweepCaption: 'Your token 1, feature 1, as the padding share changes (the other sentences get shorter).',
  sentence: 'sentence',
  position: 'position →',
  token: 'your token →',
  feature: 'feature',
  inputLegend: 'feature 1 − μ',
  outputLegend: 'output',
  padding: 'padding',
  bnOutput: 'BatchNorm output (training mode)',
  lnOutput: 'LayerNorm output',
  paddingShare: 'padding share →',
  output: '↑ output',
  bnIncluded: 'BN, pads in statistics',
  bnMasked: 'BN, pads masked',
  lnLine: 'LN',
  now: 'now',
  yours: 'yours',
  yourLength: '{n} (yours)',
  readPadding: 'Padding',
  readLengths: 'Sentence lengths',
  readStats: 'BatchNorm’s μ and σ of feature 1',
  readFirst: 'Your token 1, feature 1',
  readAlone: 'Your sentence alone (batch of 1, no padding): largest change of its outputs',
  readMorePad: 'Same batch padded with 8 more positions: largest change',
  readSweep: 'Your token 1, feature 1 across padding shares',
  noteTorch:
    'nn.BatchNorm1d has no mask argument: it always counts pad positions. Excluding them means doing it by hand, as the code below does: gather the real tokens, normalize, scatter back.',
  paddingText: '{pads} of {total} positions are padding ({pct})',
  lengthsText: '{lengths}; padded to T = {t}',
  statsIncluded: 'μ = {mu}, σ = {sigma}, over {n} positions, pads included',
  statsMasked: 'μ = {mu}, σ = {sigma}, over {n} real tokens, pads masked',
  sweepText: 'from {lo} to {hi}',
  sweepConstant: '{v}, constant',
  describeBatch:
    'A batch of {b} sentences padded to {t} positions, lengths {lengths}; {pads} of {total} positions are padding. Feature 1 of each token, coloured around BatchNorm’s mean μ = {mu} ({scope}).',
  describeBn:
    'BatchNorm output of your {n} tokens × {d} features (training mode, {scope}), from {lo} to {hi}; token 1, feature 1: {first}. Alone in a batch of one, your sentence’s outputs would differ by up to {alone}.',
  describeLn:
    'LayerNorm output of your {n} tokens × {d} features, from {lo} to {hi}; token 1, feature 1: {first}. Exactly the same as for your sentence alone: largest change 0.',
  describeSweep:
    'As the padding share goes from {from} to {to}, BatchNorm’s output for your token 1, feature 1 goes from {inLo} to {inHi} with pads in the statistics and from {maskLo} to {maskHi} with pads masked; LayerNorm’s stays {ln}. Now: padding share {now}.',
  scopeIncluded: 'pads included',
  scopeMasked: 'pads masked',
} as const;

type Labels = { readonly [K in keyof typeof en]: string };

const zh: Labels = {
  title: 'padding 与同批句子：你的句子经过 BatchNorm 和 LayerNorm',
  b: '批中句子数 B',
  share: 'padding 占比',
  mask: '把 padding 排除在 BatchNorm 的统计量之外（mask）',
  mine: '你的句子：长度（token 数）',
  mates: '其他句子（第几次抽取）',
  newMates: '换一批同批句子',
  moreSettings: '选择同批句子',
  shareControls: 'padding 占比与 mask',
  batchCaption: '补齐到 T 个位置的批次 (B, T, D)：每个 token 的特征 1，按它与 μ（BatchNorm 减去的均值，见下方）的差着色：低于 μ 为紫色，高于 μ 为橙色。斜线格是 padding，加框的是你的句子。',
  outputsCaption: '你的句子的输出，特征 × token。其他句子或 padding 一变，BatchNorm 的颜色就变；LayerNorm 的从不变。',
  sweepCaption: '随 padding 占比变化（其他句子变短），你的第 1 个 token 的特征 1。',
  sentence: '句子',
  position: '位置 →',
  token: '你的 token →',
  feature: '特征',
  inputLegend: '特征 1 − μ',
  outputLegend: '输出',
  padding: 'padding',
  bnOutput: 'BatchNorm 输出（训练模式）',
  lnOutput: 'LayerNorm 输出',
  paddingShare: 'padding 占比 →',
  output: '↑ 输出',
  bnIncluded: 'BN，统计含 pad',
  bnMasked: 'BN，pad 已排除',
  lnLine: 'LN',
  now: '当前',
  yours: '你的',
  yourLength: '{n}（你的）',
  readPadding: 'padding',
  readLengths: '各句长度',
  readStats: 'BatchNorm 对特征 1 的 μ 和 σ',
  readFirst: '你的第 1 个 token，特征 1',
  readAlone: '你的句子单独成批（批大小 1，无 padding）：输出的最大变化',
  readMorePad: '同一批次再多补 8 个位置：最大变化',
  readSweep: '不同 padding 占比下，你的第 1 个 token 的特征 1',
  noteTorch:
    'nn.BatchNorm1d 没有 mask 参数：它总是把 pad 的位置算进去。要排除它们只能自己动手，就像下面的代码：取出真实 token，归一化，再放回原位。',
  paddingText: '{total} 个位置中有 {pads} 个是 padding（{pct}）',
  lengthsText: '{lengths}；补齐到 T = {t}',
  statsIncluded: 'μ = {mu}，σ = {sigma}，基于 {n} 个位置，含 pad',
  statsMasked: 'μ = {mu}，σ = {sigma}，基于 {n} 个真实 token，已排除 pad',
  sweepText: '从 {lo} 到 {hi}',
  sweepConstant: '{v}，不变',
  describeBatch:
    '{b} 个句子补齐到 {t} 个位置，长度 {lengths}；{total} 个位置中有 {pads} 个是 padding。图中是每个 token 的特征 1，以 BatchNorm 的均值 μ = {mu}（{scope}）为中心着色。',
  describeBn:
    '你的 {n} 个 token × {d} 个特征的 BatchNorm 输出（训练模式，{scope}），从 {lo} 到 {hi}；第 1 个 token 的特征 1：{first}。若你的句子单独成批，输出最多相差 {alone}。',
  describeLn:
    '你的 {n} 个 token × {d} 个特征的 LayerNorm 输出，从 {lo} 到 {hi}；第 1 个 token 的特征 1：{first}。与句子单独计算时完全相同：最大变化 0。',
  describeSweep:
    'padding 占比从 {from} 变到 {to} 时，你的第 1 个 token 的特征 1 的 BatchNorm 输出：统计含 pad 时从 {inLo} 变到 {inHi}，排除 pad 时从 {maskLo} 变到 {maskHi}；LayerNorm 的输出始终是 {ln}。当前 padding 占比 {now}。',
  scopeIncluded: '含 pad',
  scopeMasked: '已排除 pad',
};

/** The widget's words in each language (same keys in both, enforced by the type). */
export const labels = { zh, en: en as Labels } as const;
export type PaddingLabels = Labels;

/** Fills `{name}` placeholders of a label template: fill('{n} tokens', { n: '3' }) → '3 tokens'. Unknown names stay. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
