/**
 * Output size of max or average pooling along one axis: the conv formula
 *   out = floor((W + 2P − d·(F − 1) − 1) / S) + 1   (ceil with ceilMode, PyTorch's rule)
 * with PyTorch's defaults for pooling: stride = kernelSize, and padding at most half the kernel
 * (a window made only of padding would have no input pixel to pool).
 */
import { options } from "../args";
import { ArgumentError, check } from "../errors";
import { convOutputSizeSteps, Padding1d, WINDOW_OPTION_KEYS } from "./convOutputSize";

export interface PoolOutputSizeOptions {
  inputSize: number;
  kernelSize: number;
  /** Default: kernelSize (non-overlapping windows). */
  stride?: number;
  padding?: Padding1d;
  dilation?: number;
  ceilMode?: boolean;
}

/**
 * Output size of a pooling layer along one axis.
 * @example
 * gl.arith.poolOutputSize({ inputSize: 55, kernelSize: 3, stride: 2 }); // 27 (AlexNet's overlapping pooling)
 * gl.arith.poolOutputSize({ inputSize: 5, kernelSize: 2, ceilMode: true }); // 3 (floor gives 2)
 */
export function poolOutputSize(opts: PoolOutputSizeOptions): number {
  opts = options<typeof opts>("poolOutputSize", "opts", opts, WINDOW_OPTION_KEYS) as typeof opts;
  const { kernelSize, padding = 0 } = opts;
  if (typeof padding === "number") {
    check(
      padding <= kernelSize / 2,
      () =>
        new ArgumentError({
          fn: "poolOutputSize",
          arg: "padding",
          expected: `at most half the kernel (${kernelSize / 2}) for kernelSize ${kernelSize}`,
          received: String(padding),
          fix: "PyTorch refuses larger pooling padding: some windows would contain only padding.",
        }),
    );
  }
  return convOutputSizeSteps({ ...opts, stride: opts.stride ?? kernelSize }, "poolOutputSize").outputSize;
}
