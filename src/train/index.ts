/** Training: the fit loop, its History, evaluation and prediction. */
// NonFiniteError.history is declared in numericGuard.ts (a module augmentation of errors.ts): imported
// here so the built .d.ts carry it too (otherwise `error.history` does not type-check in a notebook)
import "./numericGuard";
export { fit } from "./fit";
export type { FitOptions, FitContext, Callbacks, StepLogs, OptimizerLike, ProbeLike } from "./fit";
export { History } from "./history";
export type { StopReason } from "./history";
export { evaluate, predict } from "./evaluate";
export type { EvaluateOptions, Evaluation, LossFn } from "./evaluate";
export { accuracy } from "./metrics";
export type { MetricFn, Metrics } from "./metrics";
export type { EarlyStoppingOptions } from "./earlyStopping";
export type { Batch, Data } from "./batches";
export type { LiveOptions } from "./liveFigure";
export type { ProgressMode } from "./progress";
