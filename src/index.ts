/**
 * gradlab: see inside deep networks while they train.
 * `import * as gl from "gradlab"` gives everything below; nothing else is public.
 */
export { seed, Generator } from "./random";
export {
  GradlabError,
  ShapeError,
  ArgumentError,
  BackendError,
  NumericError,
  NonFiniteError,
  FormatError,
} from "./errors";
export type { NonFiniteWhat } from "./errors";
export { Tensor } from "./tensor/tensor";
export type { DType, DataArray, NestedArray, TensorLike, GradFn, GradHook, BackwardOptions } from "./tensor/tensor";
export * from "./tensor/create";
export { noGrad, enableGrad } from "./autograd/mode";
export { gradcheck } from "./autograd/gradcheck";
export type { GradcheckResult, GradcheckOptions, GradcheckBand } from "./autograd/gradcheck";
export { backend, setBackend, availableBackends } from "./backend/registry";
export type { BackendName, BackendInfo } from "./backend/registry";
export * from "./ops/index";

// compute backends: the gpu.js backends (headlessgl, webasm, cpu) with their kernels, and gradlab's
// own WebAssembly kernels for webasm; which one runs is KERNEL_PRECEDENCE in backend/registry.ts
// (hand-written wasm first), whatever the order of these imports
import "./backend/gpujs";
import "./backend/wasm";
export * as plot from "./plot";
// lessons 01–04 (lessonsA): graph tracing, user-defined ops, singular values
export { traceGraph, traceTable } from "./autograd/trace";
export type { GraphTrace, TraceNode, TraceEdge, TraceRow } from "./autograd/trace";
export { customOp } from "./autograd/customOp";
export type { CustomOpSpec } from "./autograd/customOp";
export * as linalg from "./ops/linalg";
export { activationProperties, activationCost } from "./ops/activationProperties";
export type { ActivationProperties, Sides } from "./ops/activationProperties";

// nn, init, losses, optimizers (issue 5)
export * as nn from "./nn";
export * as init from "./nn/init";
export * as loss from "./nn/loss";
export * as optim from "./optim";

// arithmetic, data, exercises (issue 6)
export * as arith from "./arith";
export * as data from "./data";
export * as exercises from "./exercises";
export { summary, Summary } from "./summary";
export type { SummaryRow, SummaryTotals } from "./summary";
// Seeing inside: probes, training loop (issue 6)
export * as probe from "./probe";
export { fit, evaluate, predict, History, confusionMatrix, confidentMistakes } from "./train";
// weights on disk: safetensors (issue 17)
export { save, load, loadMetadata } from "./io/save";
export * as io from "./io";
export * as pretrained from "./pretrained";
// hyperparameter search and the learning-rate range test (issue 16)
export * as tune from "./tune";
export { lrFinder } from "./tune/lrFinder";
export type { LrFinderOptions, LrFinderResult } from "./tune/lrFinder";
// what is wrong with a training run, in words (issue 16)
export { diagnose, Diagnosis, typicalUpdateRatio } from "./diagnose";
export type { DiagnoseOptions, Finding, FindingCode, Severity } from "./diagnose";
