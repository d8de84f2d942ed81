// The reduction cube's interface words. Prose stays in content/; these are labels and
// short notes only. `{name}` marks a number or symbol the model fills in.

const en = {
  title: 'The reduction cube: which values share one mean and variance?',
  layout: 'Tensor: tokens (B, T, D) or images (N, C, H, W)',
  layoutTokens: 'tokens',
  layoutImages: 'images',
  norm: 'Normalization',
  sizes: 'Sizes',
  sizeBTokens: 'B (batch)',
  sizeBImages: 'N (images)',
  sizeT: 'T (length)',
  sizeDTokens: 'D (features)',
  sizeDImages: 'C (channels)',
  sizeH: 'H (height)',
  sizeW: 'W (width)',
  sizeG: 'G (groups)',
  gOnlyGroupNorm: 'Only GroupNorm has groups.',
  cell: 'Selected cell (or point at the cube)',
  cellBTokens: 'sequence b',
  cellBImages: 'image n',
  cellTTokens: 'position t',
  cellTImages: 'pixel p',
  cellDTokens: 'feature d',
  cellDImages: 'channel c',
  groupsHeading: 'Statistics groups of {norm} on x {shape}',
  checkLabel: 'Every value exactly once',
  togetherLabel: 'Normalized together (one group)',
  cellLabel: 'Selected cell',
  membersLabel: 'Its group',
  callLabel: 'PyTorch',
  statLabel: 'The means',
  groupsValue: '{count} groups ({countFormula}) × {size} values ({sizeFormula})',
  legendGroup: 'the selected cell’s group: one mean, one variance',
  legendOthers: 'the other groups, in alternating shades',
  legendCell: 'the selected cell',
  axisBatchTokens: 'sequence b (B = {n})',
  axisBatchImages: 'image n (N = {n})',
  axisPositionsTokens: 'position t (T = {n})',
  axisPositionsImages: 'pixel p (H·W = {n})',
  axisFeaturesTokens: 'feature d (D = {n})',
  axisFeaturesImages: 'channel c (C = {n})',
  togetherTokens_bn: 'feature d across all B·T = {bt} tokens of the batch',
  togetherTokens_ln: 'the D = {d} features of one token',
  togetherTokens_in: 'feature d across the T = {t} tokens of one sequence',
  togetherTokens_gn: 'D/G = {k} features across the T = {t} tokens of one sequence',
  togetherTokens_rms: 'the D = {d} features of one token (mean square only)',
  togetherImages_bn: 'channel c across all N·H·W = {v} pixels of the batch',
  togetherImages_ln: 'all C·H·W = {v} values of one image',
  togetherImages_in: 'channel c across the H·W = {hw} pixels of one image',
  togetherImages_gn: 'C/G = {k} channels across the H·W = {hw} pixels of one image',
  togetherImages_rms: 'all C·H·W = {v} values of one image (mean square only)',
  noteTokens_bn:
    'nn.BatchNorm1d wants (B, D, T), hence the permute. Feature d comes from the same weights for every token, so its values are comparable in the article’s sense; but the group spans the whole batch, so other sequences and padding change every token’s output.',
  noteTokens_ln:
    'One mean and variance per token: B·T = {bt} groups, not one per sequence (B = {b}). Nothing outside the token enters its statistics, in training and in token-by-token decoding alike.',
  noteTokens_in:
    'After the permute to (B, D, T), each feature is normalized over the T positions of its own sequence: a token’s output depends on the other tokens of its sentence, later ones and padding included, and with T = 1 (one token at a time) PyTorch refuses.',
  noteTokens_gn:
    'G must divide D = {d}: G ∈ {{divisors}}. Another G makes nn.GroupNorm raise “ValueError: num_channels must be divisible by num_groups”. G = 1 takes all features and positions of a sequence; G = D is InstanceNorm.',
  noteTokens_rms:
    'The same groups as LayerNorm, but one statistic per group, the mean square: no mean is subtracted (no centring) and there is no β. nn.RMSNorm needs PyTorch 2.4 or later.',
  noteImages_bn:
    'nn.BatchNorm2d: one channel over every pixel of every image in the batch, the BatchNorm panel of the GroupNorm paper’s figure. Channel c comes from one filter everywhere: one reason BatchNorm suits CNNs.',
  noteImages_ln:
    'In the paper’s figure LayerNorm takes C, H and W of one image. A Transformer’s nn.LayerNorm(D) takes only the D features of one token: switch to tokens to compare.',
  noteImages_in: 'nn.InstanceNorm2d: one channel of one image over its H·W pixels; with H·W = 1 PyTorch refuses.',
  noteImages_gn:
    'G must divide C = {d}: G ∈ {{divisors}}. G = 1 is LayerNorm over (C, H, W); G = C is InstanceNorm.',
  noteImages_rms: 'The same groups as LayerNorm([C, H, W]); one statistic per group, the mean square, with no centring.',
  description:
    '{norm} on x of shape {shape}: {count} groups of {size} values each. Highlighted: the group of the selected cell {cell}, that is {members}; {together}.',
  codeCheck: 'True: the same as normalizing each group by hand',
  codeCheckRms: 'True: every group’s root mean square is now 1',
  codeGroups: '{count} groups',
} as const;

type Labels = { readonly [K in keyof typeof en]: string };

const zh: Labels = {
  title: '归约立方体：哪些值共用一组均值和方差？',
  layout: '张量：token (B, T, D) 或图像 (N, C, H, W)',
  layoutTokens: 'token',
  layoutImages: '图像',
  norm: '归一化方法',
  sizes: '尺寸',
  sizeBTokens: 'B（批大小）',
  sizeBImages: 'N（图像数）',
  sizeT: 'T（序列长度）',
  sizeDTokens: 'D（特征数）',
  sizeDImages: 'C（通道数）',
  sizeH: 'H（高）',
  sizeW: 'W（宽）',
  sizeG: 'G（组数）',
  gOnlyGroupNorm: '只有 GroupNorm 才分组。',
  cell: '选中的格子（也可以直接指向立方体）',
  cellBTokens: '序列 b',
  cellBImages: '图像 n',
  cellTTokens: '位置 t',
  cellTImages: '像素 p',
  cellDTokens: '特征 d',
  cellDImages: '通道 c',
  groupsHeading: '{norm} 在 x {shape} 上的统计量分组',
  checkLabel: '每个值恰好属于一组',
  togetherLabel: '一起归一化的（同一组）',
  cellLabel: '选中的格子',
  membersLabel: '它所在的组',
  callLabel: 'PyTorch',
  statLabel: '各组均值',
  groupsValue: '{count} 组（{countFormula}）× 每组 {size} 个值（{sizeFormula}）',
  legendGroup: '选中格子所在的组：共用一个均值、一个方差',
  legendOthers: '其余各组，深浅交替',
  legendCell: '选中的格子',
  axisBatchTokens: '序列 b（B = {n}）',
  axisBatchImages: '图像 n（N = {n}）',
  axisPositionsTokens: '位置 t（T = {n}）',
  axisPositionsImages: '像素 p（H·W = {n}）',
  axisFeaturesTokens: '特征 d（D = {n}）',
  axisFeaturesImages: '通道 c（C = {n}）',
  togetherTokens_bn: '特征 d 在整批全部 B·T = {bt} 个 token 上的值',
  togetherTokens_ln: '一个 token 的 D = {d} 个特征',
  togetherTokens_in: '特征 d 在一个序列 T = {t} 个 token 上的值',
  togetherTokens_gn: 'D/G = {k} 个特征在一个序列 T = {t} 个 token 上的值',
  togetherTokens_rms: '一个 token 的 D = {d} 个特征（只算均方）',
  togetherImages_bn: '通道 c 在整批全部 N·H·W = {v} 个像素上的值',
  togetherImages_ln: '一张图像的全部 C·H·W = {v} 个值',
  togetherImages_in: '通道 c 在一张图像 H·W = {hw} 个像素上的值',
  togetherImages_gn: 'C/G = {k} 个通道在一张图像 H·W = {hw} 个像素上的值',
  togetherImages_rms: '一张图像的全部 C·H·W = {v} 个值（只算均方）',
  noteTokens_bn:
    'nn.BatchNorm1d 要求 (B, D, T)，所以要 permute。特征 d 对每个 token 都由同一组权重算出，按文章的说法是“可比”的；但这一组横跨整个批次，其他序列和 padding 都会改变每个 token 的输出。',
  noteTokens_ln:
    '每个 token 一个均值、一个方差：共 B·T = {bt} 组，而不是每个序列一组（B = {b}）。这个 token 之外的值都不进入它的统计量，训练时和逐 token 解码时都是如此。',
  noteTokens_in:
    'permute 成 (B, D, T) 之后，每个特征在它所在序列的 T 个位置上归一化：一个 token 的输出取决于同一句中的其他 token（包括后面的 token 和 padding）；T = 1（一次一个 token）时 PyTorch 直接拒绝。',
  noteTokens_gn:
    'G 必须整除 D = {d}：G ∈ {{divisors}}。其他的 G 会让 nn.GroupNorm 报错“ValueError: num_channels must be divisible by num_groups”。G = 1 取一个序列的全部特征和位置；G = D 就是 InstanceNorm。',
  noteTokens_rms:
    '分组与 LayerNorm 相同，但每组只有一个统计量——均方：不减均值（不中心化），也没有 β。nn.RMSNorm 需要 PyTorch 2.4 或更高版本。',
  noteImages_bn:
    'nn.BatchNorm2d：一个通道，跨批内每张图像的每个像素——即 GroupNorm 论文插图中 BatchNorm 的那一格。通道 c 处处来自同一个卷积核，这是 BatchNorm 适合 CNN 的原因之一。',
  noteImages_ln:
    '论文插图中的 LayerNorm 取一张图像的 C、H、W 全部值。Transformer 中的 nn.LayerNorm(D) 只取一个 token 的 D 个特征：切换到“token”对比一下。',
  noteImages_in: 'nn.InstanceNorm2d：一张图像的一个通道，跨它的 H·W 个像素；H·W = 1 时 PyTorch 拒绝计算。',
  noteImages_gn: 'G 必须整除 C = {d}：G ∈ {{divisors}}。G = 1 就是对 (C, H, W) 的 LayerNorm；G = C 就是 InstanceNorm。',
  noteImages_rms: '分组与 LayerNorm([C, H, W]) 相同；每组只有一个统计量——均方，不中心化。',
  description:
    '{norm} 作用于形状为 {shape} 的 x：共 {count} 组，每组 {size} 个值。高亮的是选中格子 {cell} 所在的组，即 {members}：{together}。',
  codeCheck: 'True：与逐组手算的结果相同',
  codeCheckRms: 'True：现在每组的均方根都是 1',
  codeGroups: '{count} 组',
};

/** The widget's words in each language (same keys in both, enforced by the type). */
export const labels = { zh, en: en as Labels } as const;
export type CubeLabels = Labels;

/** Fills `{name}` placeholders of a label; `{{name}}` keeps one pair of braces around the value. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template
    .replace(/\{\{(\w+)\}\}/g, (_, name: string) => `{${String(values[name] ?? '')}}`)
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
