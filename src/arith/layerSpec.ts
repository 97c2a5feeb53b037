/**
 * Layer specs: a model described as plain objects (type + configuration, no weights), so that
 * shapes, parameter counts, MACs and receptive fields of models far too large to run (VGG-16)
 * can be computed without allocating anything. `gl.summary` and `gl.arith.receptiveField`
 * read these; a Module is turned into specs by `specFromModule`.
 */
import { bool, int, options } from "../args";
import { ArgumentError, check, show } from "../errors";
import type { ActivationModuleName } from "../nn/activation";
import { sizePair, wholeNumber } from "./validate";
import { axisPaddingOf, Padding2d } from "./padding2d";

/**
 * 2-D padding as layers take it: a number, [h, w] (the same on both sides of each axis),
 * [top, bottom, left, right] (as gl.conv2d accepts), or a mode.
 */
export type { Padding2d } from "./padding2d";

/**
 * The padding of one axis (0: height, 1: width) as convOutputSize takes it: a number, [before, after] or a mode.
 * @example gl.arith.layers.axisPadding([1, 1, 2, 2], 1) // [2, 2]
 */
export function axisPadding(padding: Padding2d, axis: 0 | 1): number | [number, number] | "same" | "valid" {
  const fn = "arith.layers.axisPadding";
  checkPadding2d(fn, "padding", padding);
  int(fn, "axis", axis, { min: 0, max: 1, fix: "axis is 0 for the height, 1 for the width." });
  return axisPaddingOf(padding, axis);
}

export type Size2d = number | readonly [number, number];

/** A 2-D padding: a whole number ≥ 0, [h, w], [top, bottom, left, right], "same" or "valid". */
function checkPadding2d(fn: string, arg: string, padding: unknown): void {
  if (padding === "same" || padding === "valid") return;
  if (typeof padding === "number") {
    wholeNumber(fn, arg, padding, 0, "pixels added on each side");
    return;
  }
  check(
    Array.isArray(padding) && (padding.length === 2 || padding.length === 4),
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: 'a number, [h, w], [top, bottom, left, right], "same" or "valid"',
        received: show(padding),
        fix:
          typeof padding === "string"
            ? 'Write padding: "same" or "valid", or a number of pixels.'
            : "Write padding: 1 (every side) or [1, 2].",
      }),
  );
  (padding as unknown[]).forEach((p) => wholeNumber(fn, arg, p, 0, "pixels of padding"));
}

const BASE_KEYS = ["name", "trainable", "counted"];

/** A builder's options: known keys only, flags true/false, sizes whole numbers (`fn`: the builder's public name). */
function specOptions<O extends object>(fn: string, opts: unknown, keys: string[]): O {
  const o = options<O>(fn, "opts", opts, [...BASE_KEYS, ...keys]) as Record<string, unknown>;
  bool(fn, "trainable", o.trainable, true);
  if (o.stride !== undefined && o.stride !== null) sizePair(fn, "stride", o.stride, 1, "the step between windows");
  if (o.dilation !== undefined && o.dilation !== null)
    sizePair(fn, "dilation", o.dilation, 1, "the spacing between kernel taps");
  if (o.padding !== undefined && o.padding !== null) checkPadding2d(fn, "padding", o.padding);
  if (o.groups !== undefined && o.groups !== null)
    wholeNumber(fn, "groups", o.groups, 1, "the number of channel groups");
  return o as O;
}

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
  return checkedConv("arith.layers.conv", inChannels, outChannels, kernelSize, opts);
}

function checkedConv(
  fn: string,
  inChannels: unknown,
  outChannels: unknown,
  kernelSize: unknown,
  opts: unknown,
): Conv2dSpec {
  wholeNumber(fn, "inChannels", inChannels, 1, "the number of input channels");
  wholeNumber(fn, "outChannels", outChannels, 1, "the number of output channels");
  sizePair(fn, "kernelSize", kernelSize, 1, "the kernel size");
  const o = specOptions<object>(fn, opts, ["stride", "padding", "dilation", "groups", "bias"]);
  return { type: "Conv2d", inChannels, outChannels, kernelSize, ...o } as Conv2dSpec;
}

/** A Linear spec. @example gl.arith.layers.linear(4096, 1000, { name: "fc8" }) */
export function linear(
  inFeatures: number,
  outFeatures: number,
  opts: Omit<LinearSpec, "type" | "inFeatures" | "outFeatures"> = {},
): LinearSpec {
  const fn = "arith.layers.linear";
  wholeNumber(fn, "inFeatures", inFeatures, 1, "the number of input features");
  wholeNumber(fn, "outFeatures", outFeatures, 1, "the number of output features");
  const o = specOptions<typeof opts>(fn, opts, ["bias"]);
  return { type: "Linear", inFeatures, outFeatures, ...o };
}

/** A BatchNorm2d spec. @example gl.arith.layers.batchNorm2d(64, { name: "bn1" }) */
export function batchNorm2d(numFeatures: number, opts: Omit<NormSpec, "type" | "numFeatures"> = {}): NormSpec {
  const fn = "arith.layers.batchNorm2d";
  wholeNumber(fn, "numFeatures", numFeatures, 1, "the number of channels");
  const o = specOptions<typeof opts>(fn, opts, ["affine"]);
  return { type: "BatchNorm2d", numFeatures, ...o };
}

/** A MaxPool2d spec. @example gl.arith.layers.maxPool(3, { stride: 2, name: "pool1" }) */
export function maxPool(kernelSize: Size2d, opts: Omit<Pool2dSpec, "type" | "kernelSize"> = {}): Pool2dSpec {
  return pool("arith.layers.maxPool", "MaxPool2d", kernelSize, opts);
}

/** An AvgPool2d spec. @example gl.arith.layers.avgPool(2) */
export function avgPool(kernelSize: Size2d, opts: Omit<Pool2dSpec, "type" | "kernelSize"> = {}): Pool2dSpec {
  return pool("arith.layers.avgPool", "AvgPool2d", kernelSize, opts);
}

function pool(fn: string, type: "MaxPool2d" | "AvgPool2d", kernelSize: unknown, opts: unknown): Pool2dSpec {
  sizePair(fn, "kernelSize", kernelSize, 1, "the window size");
  const o = specOptions<object>(fn, opts, ["stride", "padding", "dilation", "ceilMode"]);
  return { type, kernelSize, ...o } as Pool2dSpec;
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
  const fn = "arith.layers.depthwiseSeparable";
  opts = options<typeof opts>(fn, "opts", opts, ["stride", "padding", "bias", "name"]) as typeof opts;
  const { name, ...rest } = opts;
  wholeNumber(fn, "outChannels", outChannels, 1, "the number of output channels");
  return {
    type: "Sequential",
    name,
    layers: [
      checkedConv(fn, inChannels, inChannels, kernelSize, { ...rest, groups: inChannels, name: "depthwise" }),
      checkedConv(fn, inChannels, outChannels, 1, { bias: rest.bias, name: "pointwise" }),
    ],
  };
}
