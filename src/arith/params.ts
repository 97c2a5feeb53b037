/**
 * Parameter counts per layer, as formulas:
 *   Conv2d:          Cout · (Cin / groups) · kh · kw  (+ Cout bias)
 *   ConvTranspose2d: Cin · (Cout / groups) · kh · kw  (+ Cout bias)
 *   Linear:          out · in  (+ out bias)
 *   BatchNorm:       2C trainable (γ, β) and 2C buffers (running mean, running variance; not trained)
 *   depthwise separable: Cin · kh · kw (depthwise, groups = Cin) + Cout · Cin (1×1 pointwise), plus biases
 */
import { bool, options } from "../args";
import { ArgumentError, check } from "../errors";
import { sizePair } from "./validate";
import { wholeNumber } from "./validate";

export interface ConvParamsOptions {
  inChannels: number;
  outChannels: number;
  kernelSize: number | readonly [number, number];
  groups?: number;
  bias?: boolean;
}

/** Checks that channels split evenly into groups (a grouped conv needs it). */
export function checkGroups(fn: string, inChannels: number, outChannels: number, groups: number): void {
  wholeNumber(fn, "inChannels", inChannels, 1, "the number of input channels");
  wholeNumber(fn, "outChannels", outChannels, 1, "the number of output channels");
  wholeNumber(fn, "groups", groups, 1, "the number of channel groups");
  check(
    inChannels % groups === 0 && outChannels % groups === 0,
    () =>
      new ArgumentError({
        fn,
        arg: "groups",
        expected: `a number that divides both inChannels (${inChannels}) and outChannels (${outChannels})`,
        received: String(groups),
        fix: "Each group convolves Cin/groups input channels into Cout/groups output channels, so both must divide evenly.",
      }),
  );
}

/**
 * Parameters of a 2-D convolution: one kh×kw filter over Cin/groups channels per output channel.
 * @example
 * gl.arith.convParams({ inChannels: 3, outChannels: 64, kernelSize: 3 }); // 64·3·3·3 + 64 = 1792
 */
export function convParams(opts: ConvParamsOptions): number {
  return convParamsFor("convParams", opts);
}

/** convParams for `fn` (the formulas built on it name themselves in errors). */
function convParamsFor(
  fn: string,
  opts: unknown,
  keys = ["inChannels", "outChannels", "kernelSize", "groups", "bias"],
): number {
  const {
    inChannels,
    outChannels,
    kernelSize,
    groups = 1,
    bias = true,
  } = options<ConvParamsOptions>(fn, "opts", opts, keys) as ConvParamsOptions;
  checkGroups(fn, inChannels, outChannels, groups ?? 1);
  const [kh, kw] = sizePair(fn, "kernelSize", kernelSize, 1, "the kernel size");
  return outChannels * (inChannels / (groups ?? 1)) * kh * kw + (bias === false ? 0 : outChannels);
}

/**
 * Parameters of a transposed convolution (PyTorch stores its weight as [Cin, Cout/groups, kh, kw]).
 * @example
 * gl.arith.convTransposeParams({ inChannels: 64, outChannels: 32, kernelSize: 4 }); // 64·32·16 + 32 = 32800
 */
export function convTransposeParams(opts: ConvParamsOptions): number {
  const {
    inChannels,
    outChannels,
    kernelSize,
    groups = 1,
    bias = true,
  } = options<ConvParamsOptions>("convTransposeParams", "opts", opts, [
    "inChannels",
    "outChannels",
    "kernelSize",
    "groups",
    "bias",
  ]) as ConvParamsOptions;
  checkGroups("convTransposeParams", inChannels, outChannels, groups);
  const [kh, kw] = sizePair("convTransposeParams", "kernelSize", kernelSize, 1, "the kernel size");
  return inChannels * (outChannels / groups) * kh * kw + (bias ? outChannels : 0);
}

/**
 * Parameters of a fully connected layer.
 * @example
 * gl.arith.linearParams({ inFeatures: 4096, outFeatures: 1000 }); // 4,097,000
 */
export function linearParams(opts: { inFeatures: number; outFeatures: number; bias?: boolean }): number {
  const {
    inFeatures,
    outFeatures,
    bias = true,
  } = options<{
    inFeatures: number;
    outFeatures: number;
    bias?: boolean;
  }>("linearParams", "opts", opts, ["inFeatures", "outFeatures", "bias"]) as typeof opts;
  wholeNumber("linearParams", "inFeatures", inFeatures, 1, "the number of input features");
  wholeNumber("linearParams", "outFeatures", outFeatures, 1, "the number of output features");
  return outFeatures * inFeatures + (bias ? outFeatures : 0);
}

/**
 * Trainable parameters (γ, β) and buffers (running mean and variance) of a BatchNorm layer.
 * @example
 * gl.arith.batchNormParams({ numFeatures: 64 }); // { params: 128, buffers: 128 }
 */
export function batchNormParams(opts: { numFeatures: number; affine?: boolean }): {
  params: number;
  buffers: number;
} {
  const fn = "batchNormParams";
  const o = options<typeof opts>(fn, "opts", opts, ["numFeatures", "affine"]);
  const numFeatures = wholeNumber(fn, "numFeatures", o.numFeatures, 1, "the number of channels");
  const affine = bool(fn, "affine", o.affine, true);
  return { params: affine ? 2 * numFeatures : 0, buffers: 2 * numFeatures };
}

export interface DepthwiseSeparableCount {
  /** The kh×kw depthwise conv (groups = Cin). */
  depthwise: number;
  /** The 1×1 pointwise conv that mixes channels. */
  pointwise: number;
  total: number;
  /** A standard conv with the same Cin, Cout and kernel. */
  standard: number;
  /** total / standard, ≈ 1/Cout + 1/(kh·kw). */
  ratio: number;
}

/**
 * Parameters of a depthwise separable conv (MobileNet, Xception) against a standard conv.
 * @example
 * gl.arith.depthwiseSeparableParams({ inChannels: 32, outChannels: 64, kernelSize: 3, bias: false });
 * // { depthwise: 288, pointwise: 2048, total: 2336, standard: 18432, ratio: 0.127 }
 */
export function depthwiseSeparableParams(opts: Omit<ConvParamsOptions, "groups">): DepthwiseSeparableCount {
  const fn = "depthwiseSeparableParams";
  const keys = ["inChannels", "outChannels", "kernelSize", "bias"];
  const {
    inChannels,
    outChannels,
    kernelSize,
    bias = true,
  } = options<typeof opts>(fn, "opts", opts, keys) as typeof opts;
  const standard = convParamsFor(fn, { inChannels, outChannels, kernelSize, bias }, keys);
  const depthwise = convParamsFor(fn, { inChannels, outChannels: inChannels, kernelSize, groups: inChannels, bias });
  const pointwise = convParamsFor(fn, { inChannels, outChannels, kernelSize: 1, bias });
  const total = depthwise + pointwise;
  return { depthwise, pointwise, total, standard, ratio: total / standard };
}
