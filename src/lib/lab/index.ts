// The training lab's public surface: configure a run, drive it step by step (or with runLab), read its report.
export * from './config';
export { Adam, learningRate, scheduleFactor } from './adam';
export { copyCrossEntropy, copyExactMatch, score, type Regime, type Score } from './evaluate';
export { TinyTransformer, type Batch, type ForwardOptions, type ForwardResult, type StatsMode } from './model';
export { allocate, initParams, normLayerNames, paramLayout, paramView, type FloatArray, type ParamLayout, type ParamSpec } from './params';
export * from './tasks';
export * from './train';
