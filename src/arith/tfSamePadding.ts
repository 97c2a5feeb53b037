/**
 * The padding TensorFlow's "SAME" mode uses: the output has ceil(W / S) positions, and the
 * total padding is max((out − 1)·S + d·(F − 1) + 1 − W, 0), split with the extra pixel at the END
 * (before = floor(total / 2), after = total − before). With stride > 1 it is often asymmetric,
 * which is why "P = 1 on both sides" is not what SAME does for W = 128, F = 3, S = 2.
 */
import { options } from "../args";
import { wholeNumber } from "./validate";

export interface TfSamePaddingOptions {
  inputSize: number;
  kernelSize: number;
  stride?: number;
  dilation?: number;
}

export interface TfSamePadding {
  /** Pixels added before the first input pixel (top or left). */
  before: number;
  /** Pixels added after the last input pixel (bottom or right); equals `before` or `before + 1`. */
  after: number;
  /** before + after. */
  total: number;
  /** ceil(inputSize / stride). */
  outputSize: number;
}

/**
 * TensorFlow's SAME padding for one spatial axis.
 * @example
 * gl.arith.tfSamePadding({ inputSize: 128, kernelSize: 3, stride: 2 });
 * // { before: 0, after: 1, total: 1, outputSize: 64 }
 */
export function tfSamePadding(opts: TfSamePaddingOptions): TfSamePadding {
  const fn = "tfSamePadding";
  const o = options<TfSamePaddingOptions>(fn, "opts", opts, ["inputSize", "kernelSize", "stride", "dilation"]);
  const { inputSize, kernelSize } = o as TfSamePaddingOptions;
  const stride = o.stride ?? 1;
  const dilation = o.dilation ?? 1;
  wholeNumber(fn, "inputSize", inputSize, 1, "the input's size along one axis");
  wholeNumber(fn, "kernelSize", kernelSize, 1, "the kernel's size along one axis");
  wholeNumber(fn, "stride", stride, 1, "the step between windows");
  wholeNumber(fn, "dilation", dilation, 1, "the spacing between kernel taps");
  const outputSize = Math.ceil(inputSize / stride);
  const effectiveKernel = dilation * (kernelSize - 1) + 1;
  const total = Math.max((outputSize - 1) * stride + effectiveKernel - inputSize, 0);
  const before = Math.floor(total / 2);
  return { before, after: total - before, total, outputSize };
}
