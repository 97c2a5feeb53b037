/**
 * Signatures of the kernels heavy ops look up in the registry. Every backend implements these
 * on flat row-major arrays; `reference/` holds the readable definitions.
 */
import type { DataArray } from "../tensor/tensor";

/**
 * C[b] = op(A[b]) · op(B[b]) for b < batch, where op transposes when asked.
 * A[b] is m×k (stored k×m if transA), B[b] is k×n (stored n×k if transB); an operand that is
 * not batched is shared by every b. Returns batch·m·n values, float64 if either operand is.
 */
export interface MatmulArgs {
  a: DataArray;
  b: DataArray;
  batch: number;
  m: number;
  k: number;
  n: number;
  transA: boolean;
  transB: boolean;
  aBatched: boolean;
  bBatched: boolean;
}
export type MatmulKernel = (args: MatmulArgs) => DataArray;

/**
 * Geometry of a 2-D convolution on NCHW data, shared by its three kernels.
 * x: [n, cIn, h, w]; weight: [cOut, cIn / groups, kh, kw]; y: [n, cOut, outH, outW], where
 *   y[b, o, i, j] = Σ_{c, p, q} x[b, g·cIn/groups + c, i·sh − top + p·dh, j·sw − left + q·dw] · w[o, c, p, q]
 * (g = the group of output channel o; x outside the input counts as 0).
 * `padding` is [top, bottom, left, right] (asymmetric for TensorFlow-style "same").
 */
export interface Conv2dGeometry {
  n: number;
  cIn: number;
  h: number;
  w: number;
  cOut: number;
  kh: number;
  kw: number;
  outH: number;
  outW: number;
  stride: [number, number];
  padding: [number, number, number, number];
  dilation: [number, number];
  groups: number;
}
/** y = conv2d(x, weight) (+ bias[o] on every output of channel o when bias is given). */
export type Conv2dKernel = (x: DataArray, weight: DataArray, bias: DataArray | null, geom: Conv2dGeometry) => DataArray;
/** ∂L/∂x from ∂L/∂y (dy: [n, cOut, outH, outW]) and the weight; returns [n, cIn, h, w]. */
export type Conv2dGradInputKernel = (dy: DataArray, weight: DataArray, geom: Conv2dGeometry) => DataArray;
/** ∂L/∂weight from x and ∂L/∂y; returns [cOut, cIn / groups, kh, kw]. */
export type Conv2dGradWeightKernel = (x: DataArray, dy: DataArray, geom: Conv2dGeometry) => DataArray;

/**
 * Geometry of 2-D pooling on NCHW data: x [n, c, h, w] -> y [n, c, outH, outW]. Window (i, j)
 * covers rows i·sh − top + p·dh (p < kh) and columns j·sw − left + q·dw (q < kw).
 * outH/outW already include the ceilMode rule. `countIncludePad` (avg only): divide by the window
 * size clipped to the padded input (PyTorch's default) instead of by the number of real inputs.
 */
export interface Pool2dGeometry {
  n: number;
  c: number;
  h: number;
  w: number;
  kh: number;
  kw: number;
  outH: number;
  outW: number;
  stride: [number, number];
  padding: [number, number, number, number];
  dilation: [number, number];
  countIncludePad: boolean;
}
/**
 * Max pooling: the largest input in each window, and where it was: `argmax` holds, per output,
 * the flat index i·w + j of the winner inside its (n, c) plane (the first one on ties).
 */
export type MaxPool2dKernel = (x: DataArray, geom: Pool2dGeometry) => { y: DataArray; argmax: Int32Array };
/** ∂L/∂x of max pooling: each output's gradient goes to its argmax (summed where windows overlap). */
export type MaxPool2dBackwardKernel = (dy: DataArray, argmax: Int32Array, geom: Pool2dGeometry) => DataArray;
/** Average pooling forward. */
export type AvgPool2dKernel = (x: DataArray, geom: Pool2dGeometry) => DataArray;
/** ∂L/∂x of average pooling: each output's gradient, divided by its divisor, to every input of its window. */
export type AvgPool2dBackwardKernel = (dy: DataArray, geom: Pool2dGeometry) => DataArray;

/** relu(x) = x > 0 ? x : 0, elementwise (the hot activation of every CNN and MLP lesson). */
export type ReluKernel = (x: DataArray) => DataArray;
/** ∂L/∂x of relu: g · (x > 0 ? 1 : 0), elementwise. */
export type ReluBackwardKernel = (x: DataArray, g: DataArray) => DataArray;

/** Σd, Σd² (d = v − K, in float64), min and max of v = x[i], or of v = x[i] − y[i] (then min/max unused). */
export interface Moments {
  sumD: number;
  sumD2: number;
  min: number;
  max: number;
}
/** The probe's one pass over a tensor's values (statistics of every layer and parameter, every step). */
export type MomentsKernel = (x: DataArray, y: DataArray | null, K: number) => Moments;
