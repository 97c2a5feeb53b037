/**
 * gl.arith: pure formulas beside the tensors — output sizes (floor/ceil, "same"/"valid",
 * TensorFlow's asymmetric SAME padding, transposed convs), receptive fields, parameter and MAC
 * counts, and published architectures as layer specs for gl.summary.
 */
export { convOutputSize, explainConvOutputSize, resolvePadding } from "./convOutputSize";
export type { ConvOutputSizeOptions, ConvOutputSizeSteps, Padding1d } from "./convOutputSize";
export { poolOutputSize } from "./poolOutputSize";
export type { PoolOutputSizeOptions } from "./poolOutputSize";
export { tfSamePadding } from "./tfSamePadding";
export type { TfSamePadding, TfSamePaddingOptions } from "./tfSamePadding";
export { convTransposeOutputSize } from "./convTransposeOutputSize";
export type { ConvTransposeOutputSizeOptions } from "./convTransposeOutputSize";
export { convParams, convTransposeParams, linearParams, batchNormParams, depthwiseSeparableParams } from "./params";
export type { ConvParamsOptions, DepthwiseSeparableCount } from "./params";
export { convMacs, convTransposeMacs, linearMacs, depthwiseSeparableMacs } from "./macs";
export type { ConvMacsOptions } from "./macs";
export { receptiveField } from "./receptiveField";
export type { ReceptiveFieldRow, ReceptiveFieldOptions } from "./receptiveField";
export { specFromModule } from "./fromModule";
export type * from "./layerSpec";
export * as layers from "./layerSpec";
export * as models from "./architectures";
// lessons 11-12 (lessonsB): where each output unit's window lands
export { windowPositions } from "./windowPositions";
export type { WindowPositions, WindowPositionsOptions } from "./windowPositions";
export { receptiveFieldBox } from "./receptiveFieldBox";
export type { ReceptiveFieldBox, ReceptiveFieldAxes } from "./receptiveFieldBox";
