/** Probes: see inside a network while it trains (per-layer activation, gradient and parameter statistics). */
export { attach, Probe, seriesOf, kindOf } from "./probe";
export type { ProbeOptions, ProbeTableRow, LayerStat, ParameterStat, StatSeries, Steppable } from "./probe";
export { forwardStats } from "./forwardStats";
export type { ForwardStatsOptions } from "./forwardStats";
export { effectiveReceptiveField } from "./effectiveReceptiveField";
export type { ERFOptions, EffectiveReceptiveField } from "./effectiveReceptiveField";
export { histogram } from "./histogram";
export type { Histogram } from "./histogram";
export { statsOf, saturatedFraction, deadFractions, channelStats } from "./stats";
export type { StatsOptions } from "./stats";
export type { ActivationKind } from "../nn/activation";
export type { Stats, ActivationStats, NormRecord, LayerRecord, ParameterRecord, StepRecord } from "./records";
// lesson 12 (lessonsB): how spread out an effective receptive field is
export { erfSpread } from "./erfSpread";
export type { ErfSpread } from "./erfSpread";
export { depthProfile } from "./depthProfile";
export type { DepthProfile } from "./depthProfile";
// lesson 06 (lessonsB): loss smoothness along the gradient (Santurkar et al., 2018)
export { lossLandscape } from "./lossLandscape";
export type { LossLandscape } from "./lossLandscape";
// lesson 13: which layers changed in fine-tuning (linear CKA)
export { linearCKA, layerSimilarity } from "./cka";
export type { LayerSimilarity } from "./cka";
// lesson 07: gradient norms through time in a recurrent network
export { gradientThroughTime } from "./gradientThroughTime";
export type { GradientThroughTime, GradientThroughTimeOptions } from "./gradientThroughTime";
// lesson 05: the loss over two weights and an optimizer's path through it
export { lossGrid, descentPath } from "./parameterPath";
export type {
  LossGrid,
  LossGridOptions,
  DescentPath,
  DescentPathOptions,
  ParameterPlaneOptions,
} from "./parameterPath";
export { quantile } from "./quantile";
