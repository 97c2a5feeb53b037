/**
 * Multiply-accumulate operations (MACs) per layer: one MAC is one a·b + c. FLOPs ≈ 2 × MACs
 * (papers and libraries differ on which they print: torchvision's "GFLOPS" column counts MACs).
 *   Conv2d:  (Cout · Cin/groups · kh · kw) × Hout × Wout   (every weight is used once per output position)
 *   ConvTranspose2d: (Cin · Cout/groups · kh · kw) × Hin × Win
 *   Linear:  in × out  (per example)
 * Biases, norms, activations, pooling and residual adds are not counted (torchvision's convention).
 */
import { options } from "../args";
import { checkGroups } from "./params";
import { sizePair, wholeNumber } from "./validate";

export interface ConvMacsOptions {
  inChannels: number;
  outChannels: number;
  kernelSize: number | readonly [number, number];
  groups?: number;
  /** Hout × Wout: the output's spatial size, a number (square) or [h, w]. */
  outputSize: number | readonly [number, number];
}

/**
 * MACs of a 2-D convolution for one example.
 * @example
 * gl.arith.convMacs({ inChannels: 3, outChannels: 64, kernelSize: 3, outputSize: 224 }); // 86,704,128
 */
export function convMacs(opts: ConvMacsOptions): number {
  return convMacsFor("convMacs", opts);
}

const CONV_MACS_KEYS = ["inChannels", "outChannels", "kernelSize", "groups", "outputSize"];

/** convMacs for `fn` (the formulas built on it name themselves in errors). */
function convMacsFor(fn: string, opts: unknown, keys = CONV_MACS_KEYS): number {
  const {
    inChannels,
    outChannels,
    kernelSize,
    groups = 1,
    outputSize,
  } = options<ConvMacsOptions>(fn, "opts", opts, keys) as ConvMacsOptions;
  checkGroups(fn, inChannels, outChannels, groups ?? 1);
  const [kh, kw] = sizePair(fn, "kernelSize", kernelSize, 1, "the kernel size");
  const [oh, ow] = sizePair(fn, "outputSize", outputSize, 1, "the output size");
  return outChannels * (inChannels / (groups ?? 1)) * kh * kw * oh * ow;
}

/**
 * MACs of a transposed convolution for one example (each input pixel scatters one kernel).
 * @example
 * gl.arith.convTransposeMacs({ inChannels: 64, outChannels: 32, kernelSize: 4, inputSize: 32 }); // 33,554,432
 */
export function convTransposeMacs(
  opts: Omit<ConvMacsOptions, "outputSize"> & { inputSize: number | readonly [number, number] },
): number {
  const fn = "convTransposeMacs";
  const {
    inChannels,
    outChannels,
    kernelSize,
    groups = 1,
    inputSize,
  } = options<typeof opts>(fn, "opts", opts, [
    "inChannels",
    "outChannels",
    "kernelSize",
    "groups",
    "inputSize",
  ]) as typeof opts;
  checkGroups(fn, inChannels, outChannels, groups ?? 1);
  const [kh, kw] = sizePair(fn, "kernelSize", kernelSize, 1, "the kernel size");
  const [ih, iw] = sizePair(fn, "inputSize", inputSize, 1, "the input size");
  return inChannels * (outChannels / (groups ?? 1)) * kh * kw * ih * iw;
}

/**
 * MACs of a fully connected layer for one example.
 * @example
 * gl.arith.linearMacs({ inFeatures: 4096, outFeatures: 1000 }); // 4,096,000
 */
export function linearMacs(opts: { inFeatures: number; outFeatures: number }): number {
  const { inFeatures, outFeatures } = options<{ inFeatures: number; outFeatures: number }>("linearMacs", "opts", opts, [
    "inFeatures",
    "outFeatures",
  ]) as { inFeatures: number; outFeatures: number };
  wholeNumber("linearMacs", "inFeatures", inFeatures, 1, "the number of input features");
  wholeNumber("linearMacs", "outFeatures", outFeatures, 1, "the number of output features");
  return inFeatures * outFeatures;
}

/**
 * MACs of a depthwise separable conv for one example, with the standard conv's for comparison.
 * @example
 * gl.arith.depthwiseSeparableMacs({ inChannels: 32, outChannels: 64, kernelSize: 3, outputSize: 112 }).ratio; // ≈ 0.127
 */
export function depthwiseSeparableMacs(opts: Omit<ConvMacsOptions, "groups">): {
  depthwise: number;
  pointwise: number;
  total: number;
  standard: number;
  ratio: number;
} {
  const fn = "depthwiseSeparableMacs";
  const keys = ["inChannels", "outChannels", "kernelSize", "outputSize"];
  const { inChannels, outChannels, kernelSize, outputSize } = options<typeof opts>(
    fn,
    "opts",
    opts,
    keys,
  ) as typeof opts;
  const standard = convMacsFor(fn, { inChannels, outChannels, kernelSize, outputSize }, keys);
  const depthwise = convMacsFor(fn, {
    inChannels,
    outChannels: inChannels,
    kernelSize,
    groups: inChannels,
    outputSize,
  });
  const pointwise = convMacsFor(fn, { inChannels, outChannels, kernelSize: 1, outputSize });
  const total = depthwise + pointwise;
  return { depthwise, pointwise, total, standard, ratio: total / standard };
}
