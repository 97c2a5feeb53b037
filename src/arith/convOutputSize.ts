/**
 * Output size of a convolution (or pooling) along one axis:
 *   out = floor((W + P_before + P_after − d·(F − 1) − 1) / S) + 1
 * which for d = 1 and P on both sides is the familiar floor((W − F + 2P) / S) + 1.
 * With ceilMode the floor becomes a ceil, except that (PyTorch's rule) the last window must
 * start inside the input or the left padding; a window starting in the right padding is dropped.
 * Padding "valid" means 0; "same" is TensorFlow's SAME (out = ceil(W / S), extra pixel at the end).
 */
import { options } from "../args";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { tfSamePadding } from "./tfSamePadding";
import { wholeNumber } from "./validate";

/** Padding of one axis: the same on both sides, [before, after], or a named mode. */
export type Padding1d = number | readonly [number, number] | "same" | "valid";

export interface ConvOutputSizeOptions {
  /** W: the input's size along this axis (before padding). */
  inputSize: number;
  /** F: the kernel's size along this axis. */
  kernelSize: number;
  /** S, default 1. */
  stride?: number;
  /** P: a number (both sides), [before, after], "valid" (0) or "same" (TensorFlow's SAME). Default 0. */
  padding?: Padding1d;
  /** d, default 1: taps are d pixels apart, so the kernel covers d·(F − 1) + 1 pixels. */
  dilation?: number;
  /** Round up instead of down (PyTorch pooling's ceil_mode). Default false. */
  ceilMode?: boolean;
}

/** Turns any padding form into [before, after] for one axis, checking it. */
export function resolvePadding(
  fn: string,
  padding: Padding1d,
  inputSize: number,
  kernelSize: number,
  stride: number,
  dilation: number,
): [number, number] {
  wholeNumber(fn, "inputSize", inputSize, 1, "the input's size along one axis");
  wholeNumber(fn, "kernelSize", kernelSize, 1, "the kernel's size along one axis");
  wholeNumber(fn, "stride", stride, 1, "the step between windows");
  wholeNumber(fn, "dilation", dilation, 1, "the spacing between kernel taps");
  if (padding === "valid") return [0, 0];
  if (padding === "same") {
    const p = tfSamePadding({ inputSize, kernelSize, stride, dilation });
    return [p.before, p.after];
  }
  if (typeof padding === "number") {
    wholeNumber(fn, "padding", padding, 0, "pixels added on each side");
    return [padding, padding];
  }
  check(
    Array.isArray(padding) && padding.length === 2,
    () =>
      new ArgumentError({
        fn,
        arg: "padding",
        expected: 'a number, a pair [before, after], "same" or "valid"',
        received: show(padding),
        fix: "This formula works on one axis; call it once for the height and once for the width.",
      }),
  );
  wholeNumber(fn, "padding[0]", padding[0], 0, "pixels added before the input");
  wholeNumber(fn, "padding[1]", padding[1], 0, "pixels added after the input");
  return [padding[0], padding[1]];
}

/**
 * Output size of a convolution or pooling window sliding along one axis.
 * @example
 * gl.arith.convOutputSize({ inputSize: 128, kernelSize: 3, stride: 2, padding: 1 }); // 64
 * gl.arith.convOutputSize({ inputSize: 128, kernelSize: 3, stride: 2, padding: "same" }); // 64
 * gl.arith.convOutputSize({ inputSize: 6, kernelSize: 3, stride: 2, ceilMode: true }); // 3 (floor gives 2)
 */
export function convOutputSize(opts: ConvOutputSizeOptions): number {
  return convOutputSizeSteps(opts, "convOutputSize").outputSize;
}

export interface ConvOutputSizeSteps {
  outputSize: number;
  /** [before, after] padding actually used. */
  padding: [number, number];
  /** d·(F − 1) + 1: how many input pixels one window spans. */
  effectiveKernel: number;
  /** W + P_before + P_after. */
  paddedSize: number;
  /** The computation written out, for a notebook or an exercise's feedback. */
  explanation: string;
}

/**
 * Computes the output size and writes out each step (for lessons and exercise feedback).
 * @example
 * gl.arith.explainConvOutputSize({ inputSize: 128, kernelSize: 3, stride: 2, padding: 1 }).explanation;
 * // "out = floor((128 + 1 + 1 − 3) / 2) + 1 = floor(127 / 2) + 1 = 63 + 1 = 64"
 */
export function explainConvOutputSize(opts: ConvOutputSizeOptions): ConvOutputSizeSteps {
  return convOutputSizeSteps(opts, "explainConvOutputSize");
}

/**
 * PyTorch's rule for how many windows fit, the one definition conv2d, the pooling ops and every
 * arith formula use: out = floor(span / S) + 1 (ceil with ceilMode), where span = W + P_before +
 * P_after − (d·(F − 1) + 1) is the room the window can slide; with ceilMode a last window that
 * would start in the right padding (at ≥ W + P_before) is dropped. Arguments are not checked.
 */
export function windowCount(
  inputSize: number,
  span: number,
  stride: number,
  padBefore: number,
  ceilMode: boolean,
): { outputSize: number; dropped: boolean } {
  const outputSize = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  const dropped = ceilMode && (outputSize - 1) * stride >= inputSize + padBefore;
  return { outputSize: dropped ? outputSize - 1 : outputSize, dropped };
}

/** The options of the window formulas (conv and pooling output sizes, window positions). */
export const WINDOW_OPTION_KEYS = ["inputSize", "kernelSize", "stride", "padding", "dilation", "ceilMode"] as const;

export function convOutputSizeSteps(opts: ConvOutputSizeOptions, fn: string): ConvOutputSizeSteps {
  opts = options<ConvOutputSizeOptions>(fn, "opts", opts, WINDOW_OPTION_KEYS) as ConvOutputSizeOptions;
  const { inputSize, kernelSize, stride = 1, padding = 0, dilation = 1, ceilMode = false } = opts;
  wholeNumber(fn, "inputSize", inputSize, 1, "the input's size along one axis");
  wholeNumber(fn, "kernelSize", kernelSize, 1, "the kernel's size along one axis");
  wholeNumber(fn, "stride", stride, 1, "the step between windows");
  wholeNumber(fn, "dilation", dilation, 1, "the spacing between kernel taps");
  const [before, after] = resolvePadding(fn, padding, inputSize, kernelSize, stride, dilation);
  const effectiveKernel = dilation * (kernelSize - 1) + 1;
  const paddedSize = inputSize + before + after;
  check(
    effectiveKernel <= paddedSize,
    () =>
      new ShapeError({
        fn,
        arg: "kernelSize",
        expected: `a window no larger than the padded input (${inputSize} + ${before} + ${after} = ${paddedSize} pixels)`,
        received:
          dilation > 1
            ? `kernelSize ${kernelSize} with dilation ${dilation}, spanning ${effectiveKernel} pixels`
            : `kernelSize ${kernelSize}`,
        fix: "Not even one window fits: use a smaller kernel, add padding, or downsample less before this layer.",
      }),
  );
  const span = paddedSize - effectiveKernel; // room the window can slide
  const { outputSize, dropped } = windowCount(inputSize, span, stride, before, ceilMode);
  const round = ceilMode ? "ceil" : "floor";
  const kernelText = String(effectiveKernel);
  const padText = before === 0 && after === 0 ? "" : ` + ${before} + ${after}`;
  const rounded = outputSize - 1 + (dropped ? 1 : 0); // the rounded quotient, before a dropped window
  let explanation = `out = ${round}((${inputSize}${padText} − ${kernelText}) / ${stride}) + 1 = ${round}(${span} / ${stride}) + 1 = ${rounded} + 1 = ${rounded + 1}`;
  if (dilation !== 1)
    explanation = `effective kernel = ${dilation}·(${kernelSize} − 1) + 1 = ${effectiveKernel}; ${explanation}`;
  if (dropped)
    explanation += `; the last window would start at ${rounded * stride} ≥ ${inputSize} + ${before} (inside the right padding), so PyTorch drops it: ${outputSize}`;
  return { outputSize, padding: [before, after], effectiveKernel, paddedSize, explanation };
}
