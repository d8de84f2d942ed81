/**
 * Published results, not computed here: ResNet-50 on ImageNet, validation error (%) by batch size
 * per GPU, from Wu & He (2018), Group Normalization, arXiv:1803.08494, Table 3.
 */
export const BATCH_SIZES = [32, 16, 8, 4, 2] as const;

export const VALIDATION_ERROR = {
  BN: [23.6, 23.7, 24.8, 27.3, 34.7],
  GN: [24.1, 24.2, 24.0, 24.2, 24.1],
} as const satisfies Record<string, readonly number[]>;
