/**
 * Sliding-window arithmetic shared by conv2d and pooling: reading `stride`/`padding`/`dilation`
 * arguments (number or [h, w]) with errors that teach, and the output size along one axis:
 *   out = floor((in + padBefore + padAfter − dilation·(k − 1) − 1) / stride) + 1
 * (ceil instead of floor with ceilMode, where the last window must still start inside the input
 * or the leading padding, PyTorch's rule: arith's windowCount, the one definition).
 */
import { windowCount } from "../arith/convOutputSize";
import { ArgumentError, check, show } from "../errors";

/** Reads a number or an [h, w] pair of whole numbers ≥ `min` (stride, dilation, kernelSize, padding). */
export function readPair(fn: string, arg: string, value: unknown, min: number, example: string): [number, number] {
  const pair = typeof value === "number" ? [value, value] : value;
  check(
    Array.isArray(pair) &&
      pair.length === 2 &&
      pair.every((v) => typeof v === "number" && Number.isInteger(v) && v >= min),
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: `a whole number ≥ ${min} or a pair [h, w] of them`,
        received: show(value),
        fix: `For example ${example}.`,
      }),
  );
  return [pair[0], pair[1]];
}

/**
 * Output size of a sliding window along one axis (see the file comment).
 * Returns the size; it may be ≤ 0 when the window does not fit (callers explain that).
 */
export function windowOutputSize(
  inputSize: number,
  kernelSize: number,
  stride: number,
  padBefore: number,
  padAfter: number,
  dilation: number,
  ceilMode: boolean,
): number {
  const span = inputSize + padBefore + padAfter - dilation * (kernelSize - 1) - 1;
  if (span < 0) return 0;
  return windowCount(inputSize, span, stride, padBefore, ceilMode).outputSize;
}
