/**
 * gradlab: see inside deep networks while they train.
 * `import * as gl from "gradlab"` gives everything below; nothing else is public.
 */
export { seed, Generator } from "./random";
export { GradlabError, ShapeError, ArgumentError, BackendError, NumericError } from "./errors";
export { Tensor } from "./tensor/tensor";
export type { DType, DataArray, NestedArray, TensorLike, GradFn, GradHook } from "./tensor/tensor";
export * from "./tensor/create";
export { noGrad, enableGrad } from "./autograd/mode";
export { gradcheck } from "./autograd/gradcheck";
export type { GradcheckResult, GradcheckOptions, GradcheckBand } from "./autograd/gradcheck";
export { backend, setBackend, availableBackends } from "./backend/registry";
export type { BackendName, BackendInfo } from "./backend/registry";
export * from "./ops/index";
export * as plot from "./plot";

// nn, init, losses, optimizers (issue 5)
export * as nn from "./nn";
export * as init from "./nn/init";
export * as loss from "./nn/loss";

// arithmetic, data, exercises (issue 6)
export * as arith from "./arith";
export { summary, Summary } from "./summary";
export type { SummaryRow, SummaryTotals } from "./summary";
// Seeing inside: probes, training loop (issue 6)
export * as probe from "./probe";
