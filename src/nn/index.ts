/** `gl.nn`: modules (layers, containers, norms, activations) that lessons build networks from. */
export { Module, Parameter } from "./module";
export type { ForwardHook, ForwardPreHook } from "./module";
export { Linear } from "./linear";
export type { LinearOptions } from "./linear";
export { Sequential } from "./sequential";
export { Flatten } from "./flatten";
export { Identity } from "./identity";
export { Dropout } from "./dropout";
export { Residual } from "./residual";
export { Maxout } from "./maxout";
export { BatchNorm1d, BatchNorm2d, kerasToTorchMomentum } from "./norm/batchnorm";
export type { BatchNormOptions } from "./norm/batchnorm";
export { LayerNorm } from "./norm/layernorm";
export type { LayerNormOptions } from "./norm/layernorm";
export { InstanceNorm2d } from "./norm/instancenorm";
export type { InstanceNormOptions } from "./norm/instancenorm";
export { GroupNorm } from "./norm/groupnorm";
export type { GroupNormOptions } from "./norm/groupnorm";
export type { NormStats } from "./norm/normalize";
export {
  ElementwiseActivation,
  Sigmoid,
  Tanh,
  ReLU,
  ReLU6,
  Hardtanh,
  LeakyReLU,
  PReLU,
  RReLU,
  ELU,
  SELU,
  GELU,
  SiLU,
  Swish,
  Mish,
  Softplus,
  Softmax,
  LogSoftmax,
} from "./activation";
export { RNN } from "./rnn";
export type { RNNOptions } from "./rnn";
export { Conv2d } from "./conv";
export type { Conv2dLayerOptions } from "./conv";
export { MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, GlobalAvgPool2d } from "./pool";
export type { MaxPool2dLayerOptions, AvgPool2dLayerOptions } from "./pool";
export { deepMLP } from "./deepMLP";
export type { DeepMLPOptions } from "./deepMLP";
// lesson 06 (lessonsB): which elements share statistics in each norm
export { normGroups, groupStatistics } from "./normGroups";
export type { NormKind, NormGroups, GroupStatistics } from "./normGroups";
