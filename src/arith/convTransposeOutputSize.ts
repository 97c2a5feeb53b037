/**
 * Output size of a transposed convolution ("deconvolution") along one axis, PyTorch's formula:
 *   out = (W − 1)·S − 2P + d·(F − 1) + outputPadding + 1
 * It inverts the conv formula: a conv with the same F, S, P maps `out` back to W. Because the
 * conv's floor loses information, several sizes map to the same W; outputPadding (< S) picks one.
 */
import { options } from "../args";
import { ArgumentError, ShapeError, check } from "../errors";
import { wholeNumber } from "./validate";

export interface ConvTransposeOutputSizeOptions {
  inputSize: number;
  kernelSize: number;
  stride?: number;
  padding?: number;
  dilation?: number;
  /** Extra pixels on one side of the output, 0 <= outputPadding < max(stride, dilation). */
  outputPadding?: number;
}

/**
 * @example
 * gl.arith.convTransposeOutputSize({ inputSize: 32, kernelSize: 4, stride: 2, padding: 1 }); // 64
 */
export function convTransposeOutputSize(opts: ConvTransposeOutputSizeOptions): number {
  opts = options<typeof opts>("convTransposeOutputSize", "opts", opts, [
    "inputSize",
    "kernelSize",
    "stride",
    "padding",
    "dilation",
    "outputPadding",
  ]) as typeof opts;
  const fn = "convTransposeOutputSize";
  const { inputSize, kernelSize, stride = 1, padding = 0, dilation = 1, outputPadding = 0 } = opts;
  wholeNumber(fn, "inputSize", inputSize, 1, "the input's size along one axis");
  wholeNumber(fn, "kernelSize", kernelSize, 1, "the kernel's size along one axis");
  wholeNumber(fn, "stride", stride, 1, "the upsampling factor");
  wholeNumber(fn, "padding", padding, 0, "pixels the matching conv would add on each side");
  wholeNumber(fn, "dilation", dilation, 1, "the spacing between kernel taps");
  wholeNumber(fn, "outputPadding", outputPadding, 0, "extra output pixels on one side");
  check(
    outputPadding < Math.max(stride, dilation),
    () =>
      new ArgumentError({
        fn,
        arg: "outputPadding",
        expected: `a value smaller than max(stride, dilation) = ${Math.max(stride, dilation)}`,
        received: String(outputPadding),
        fix: "outputPadding only chooses among the sizes the matching conv maps to the same input size.",
      }),
  );
  const out = (inputSize - 1) * stride - 2 * padding + dilation * (kernelSize - 1) + outputPadding + 1;
  check(
    out >= 1,
    () =>
      new ShapeError({
        fn,
        arg: "padding",
        expected: "a padding small enough to leave at least one output pixel",
        received: `padding ${padding}, giving an output size of ${out}`,
        fix: "In a transposed conv, padding REMOVES pixels from the output; use less of it.",
      }),
  );
  return out;
}
