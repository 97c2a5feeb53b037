import { options } from "../args";
/**
 * Layer specs: a model described as plain objects (type + configuration, no weights), so that
 * shapes, parameter counts, MACs and receptive fields of models far too large to run (VGG-16)
 * can be computed without allocating anything. `gl.summary` and `gl.arith.receptiveField`
 * read these; a Module is turned into specs by `specFromModule`.
 */
import type { ActivationModuleName } from "../nn/activation";

/**
 * 2-D padding as layers take it: a number, [h, w] (the same on both sides of each axis),
 * [top, bottom, left, right] (as gl.conv2d accepts), or a mode.
 */
export type Padding2d =
  number | readonly [number, number] | readonly [number, number, number, number] | "same" | "valid";

/** The padding of one axis (0: height, 1: width) as convOutputSize takes it: a number, [before, after] or a mode. */
export function axisPadding(padding: Padding2d, axis: 0 | 1): number | [number, number] | "same" | "valid" {
  if (typeof padding === "string" || typeof padding === "number") return padding;
  if (padding.length === 4) return [padding[2 * axis], padding[2 * axis + 1]];
  return padding[axis];
}
export type Size2d = number | readonly [number, number];

interface SpecBase {
  /** The layer's name in the summary, e.g. "conv1" (default: its index, as in PyTorch's Sequential). */
  name?: string;
  /** false marks a frozen layer: its parameters count as non-trainable. Default true. */
  trainable?: boolean;
  /** Parameter counts read from a real module's tensors (set by specFromModule); overrides the formula. */
  counted?: { params: number; trainableParams: number };
}

export interface Conv2dSpec extends SpecBase {
  type: "Conv2d";
  inChannels: number;
  outChannels: number;
  kernelSize: Size2d;
  stride?: Size2d;
  padding?: Padding2d;
  dilation?: Size2d;
  groups?: number;
  /** Default true. */
  bias?: boolean;
}

export interface ConvTranspose2dSpec extends SpecBase {
  type: "ConvTranspose2d";
  inChannels: number;
  outChannels: number;
  kernelSize: Size2d;
  stride?: Size2d;
  padding?: Size2d;
  outputPadding?: Size2d;
  dilation?: Size2d;
  groups?: number;
  bias?: boolean;
}

export interface LinearSpec extends SpecBase {
  type: "Linear";
  inFeatures: number;
  outFeatures: number;
  bias?: boolean;
}

export interface NormSpec extends SpecBase {
  type: "BatchNorm1d" | "BatchNorm2d" | "InstanceNorm2d" | "GroupNorm" | "LayerNorm";
  /** Channels (BatchNorm, InstanceNorm, GroupNorm) normalized; for LayerNorm, the size of normalizedShape. */
  numFeatures: number;
  /** Learnable γ and β; default true (false for InstanceNorm2d, as in PyTorch). */
  affine?: boolean;
}

export interface Pool2dSpec extends SpecBase {
  type: "MaxPool2d" | "AvgPool2d";
  kernelSize: Size2d;
  /** Default kernelSize. */
  stride?: Size2d;
  padding?: Size2d;
  dilation?: Size2d;
  ceilMode?: boolean;
}

export interface AdaptivePool2dSpec extends SpecBase {
  type: "AdaptiveAvgPool2d" | "AdaptiveMaxPool2d";
  outputSize: Size2d;
}

export interface FlattenSpec extends SpecBase {
  type: "Flatten";
  /** First and last axis merged (PyTorch's defaults: 1 and -1, everything but the batch). */
  startDim?: number;
  endDim?: number;
}

/** A sliding window known only by its geometry (what receptiveField needs): acts like pooling. */
export interface WindowSpec extends SpecBase {
  type?: undefined;
  kernelSize: Size2d;
  stride?: Size2d;
  padding?: Size2d;
  dilation?: Size2d;
}

/** output = body(x) + shortcut(x); the shortcut is the identity unless given (ResNet's downsample). */
export interface ResidualSpec extends SpecBase {
  type: "Residual";
  body: LayerSpec[];
  shortcut?: LayerSpec[];
  /** Name of the shortcut branch in row names (torchvision: "downsample"). Default "shortcut". */
  shortcutName?: string;
}

export interface SequentialSpec extends SpecBase {
  type: "Sequential";
  layers: LayerSpec[];
  /** The input shape the model is meant for, batch included, e.g. [1, 3, 224, 224]. */
  inputShape?: number[];
}

/** Any layer without parameters that keeps the shape (ReLU, Tanh, Dropout, Identity, ...). */
export interface ElementwiseSpec extends SpecBase {
  /** An activation's class name (nn's one list, `activationModules`), "Dropout" or "Identity". */
  type: ActivationModuleName | "Dropout" | "Identity";
}

/** A layer gradlab has no formula for: it says its own output shape and parameter count. */
export interface CustomSpec extends SpecBase {
  type: "Custom";
  /** The class name shown in the summary. */
  label: string;
  outputShape: (inputShape: number[]) => number[];
  params?: number;
  /** Multiply-accumulates for an input of this shape (default 0). */
  macs?: (inputShape: number[]) => number;
}

export type LayerSpec =
  | Conv2dSpec
  | ConvTranspose2dSpec
  | LinearSpec
  | NormSpec
  | Pool2dSpec
  | AdaptivePool2dSpec
  | FlattenSpec
  | WindowSpec
  | ResidualSpec
  | SequentialSpec
  | ElementwiseSpec
  | CustomSpec;

// Small builders so architectures read like their papers' tables.

/** A Conv2d spec. @example gl.arith.layers.conv(3, 64, 3, { padding: 1, name: "conv1_1" }) */
export function conv(
  inChannels: number,
  outChannels: number,
  kernelSize: Size2d,
  opts: Omit<Conv2dSpec, "type" | "inChannels" | "outChannels" | "kernelSize"> = {},
): Conv2dSpec {
  return { type: "Conv2d", inChannels, outChannels, kernelSize, ...opts };
}

/** A Linear spec. @example gl.arith.layers.linear(4096, 1000, { name: "fc8" }) */
export function linear(
  inFeatures: number,
  outFeatures: number,
  opts: Omit<LinearSpec, "type" | "inFeatures" | "outFeatures"> = {},
): LinearSpec {
  return { type: "Linear", inFeatures, outFeatures, ...opts };
}

/** A BatchNorm2d spec. @example gl.arith.layers.batchNorm2d(64, { name: "bn1" }) */
export function batchNorm2d(numFeatures: number, opts: Omit<NormSpec, "type" | "numFeatures"> = {}): NormSpec {
  return { type: "BatchNorm2d", numFeatures, ...opts };
}

/** A MaxPool2d spec. @example gl.arith.layers.maxPool(3, { stride: 2, name: "pool1" }) */
export function maxPool(kernelSize: Size2d, opts: Omit<Pool2dSpec, "type" | "kernelSize"> = {}): Pool2dSpec {
  return { type: "MaxPool2d", kernelSize, ...opts };
}

/** An AvgPool2d spec. @example gl.arith.layers.avgPool(2) */
export function avgPool(kernelSize: Size2d, opts: Omit<Pool2dSpec, "type" | "kernelSize"> = {}): Pool2dSpec {
  return { type: "AvgPool2d", kernelSize, ...opts };
}

/** A ReLU spec (no parameters, same shape). @example gl.arith.layers.relu("relu1") */
export function relu(name?: string): ElementwiseSpec {
  return name === undefined ? { type: "ReLU" } : { type: "ReLU", name };
}

/** A depthwise separable conv as two specs: kh×kw depthwise (groups = Cin), then 1×1 pointwise. */
export function depthwiseSeparable(
  inChannels: number,
  outChannels: number,
  kernelSize: Size2d,
  opts: { stride?: Size2d; padding?: Padding2d; bias?: boolean; name?: string } = {},
): SequentialSpec {
  opts = options<typeof opts>("depthwiseSeparable", "opts", opts, ["stride", "padding", "bias", "name"]) as typeof opts;
  const { name, ...rest } = opts;
  return {
    type: "Sequential",
    name,
    layers: [
      conv(inChannels, inChannels, kernelSize, { ...rest, groups: inChannels, name: "depthwise" }),
      conv(inChannels, outChannels, 1, { bias: rest.bias, name: "pointwise" }),
    ],
  };
}
