/** `gl.optim`: optimizers, learning-rate schedules, gradient clipping and the NaN/Inf guard. */
export { Optimizer } from "./optimizer";
export type { BaseOptions, ParamGroup, ParamGroupInput, ParamsInput } from "./optimizer";
export { SGD } from "./sgd";
export type { SGDOptions } from "./sgd";
export { Adam, AdamW } from "./adam";
export type { AdamOptions } from "./adam";
export { RMSProp } from "./rmsprop";
export type { RMSPropOptions } from "./rmsprop";
export { Adagrad } from "./adagrad";
export type { AdagradOptions } from "./adagrad";
export { LRScheduler, StepLR, ExponentialLR, CosineAnnealingLR, LinearWarmup, OneCycleLR } from "./schedulers";
export type { OneCycleOptions } from "./schedulers";
export { clipGradNorm, clipGradNormPerTensor, clipGradValue, gradNorm, gradientAngle, compareClipping } from "./clip";
export type { ClippingEffect } from "./clip";
export { checkFinite } from "./checkFinite";
export type { CheckFiniteOptions } from "./checkFinite";
