/** All ops, and the wiring of Tensor's method shortcuts to them. */
import { backward } from "../autograd/engine";
import { tensorMethods } from "../tensor/tensor";
import { add, div, mul, neg, pow, sub } from "./arithmetic";
import { abs, exp, log, sqrt } from "./math";
import { matmul } from "./matmul";
import { mean, sum } from "./reduce";
import { flatten, permute, reshape, transpose } from "./reshape";
import { logSoftmax, relu, sigmoid, softmax, tanh } from "./activations";

export * from "./arithmetic";
export * from "./compare";
export * from "./math";
export * from "./matmul";
export { sum, mean, max, min, argmax, argmin } from "./reduce";
export type { Axes } from "./reduce";
export * from "./conv2d";
export * from "./pool";
export * from "./reshape";
export * from "./statistics";
export * from "./activations";
export { slice, narrow, select, indexSelect } from "./indexing";
export type { SliceRange } from "./indexing";
export * from "./join";
export * from "./gather";
export * from "./pad";

Object.assign(tensorMethods, {
  add,
  sub,
  mul,
  div,
  pow,
  neg,
  exp,
  log,
  sqrt,
  abs,
  matmul,
  sum,
  mean,
  reshape,
  transpose,
  permute,
  flatten,
  backward,
  relu,
  sigmoid,
  tanh,
  softmax,
  logSoftmax,
});
