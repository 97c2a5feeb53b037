/**
 * Where a sliding window (a conv kernel or a pooling window) lands along one axis: for output
 * unit i, its taps read input positions
 *   start_i + t·d,  t = 0 … F − 1,  with start_i = i·S − P_before
 * (positions < 0 or ≥ W are padding). `coverage[p]` counts how many windows read input pixel p:
 * it shows why edge pixels are read less often than central ones, which pixels a stride larger
 * than the kernel skips, and how much overlapping pooling (F = 3, S = 2) overlaps.
 */
import { options } from "../args";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { WINDOW_OPTION_KEYS, windowCount } from "./convOutputSize";

export interface WindowPositionsOptions {
  /** W: the input's size along this axis (before padding). */
  inputSize: number;
  /** F: number of taps in the kernel along this axis. */
  kernelSize: number;
  /** S, default 1. */
  stride?: number;
  /** P on both sides, or [before, after] (e.g. TensorFlow SAME's asymmetric padding). Default 0. */
  padding?: number | readonly [number, number];
  /** d, default 1: taps are d pixels apart. */
  dilation?: number;
  /** Round the output size up (PyTorch pooling's ceil_mode); default false. */
  ceilMode?: boolean;
}

export interface WindowPositions {
  inputSize: number;
  kernelSize: number;
  stride: number;
  dilation: number;
  /** Number of output units along this axis: floor((W + P_before + P_after − d·(F − 1) − 1)/S) + 1. */
  outputSize: number;
  /** [before, after] padding used. */
  padding: [number, number];
  /** d·(F − 1) + 1: input pixels one window spans. */
  effectiveKernel: number;
  /** windows[i][t]: the input position tap t of output unit i reads (< 0 or ≥ W: a padding pixel). */
  windows: number[][];
  /** coverage[p] for p = 0 … W − 1: how many (window, tap) pairs read input pixel p. */
  coverage: number[];
  /** Input pixels no window reads (coverage 0), e.g. when the stride exceeds the effective kernel. */
  skipped: number[];
}

function whole(arg: string, value: unknown, min: number): number {
  check(
    typeof value === "number" && Number.isInteger(value) && value >= min,
    () =>
      new ArgumentError({
        fn: "windowPositions",
        arg,
        expected: `a whole number >= ${min}`,
        received: show(value),
        fix: "Sizes, strides, paddings and dilations count pixels, so they are whole numbers.",
      }),
  );
  return value as number;
}

/**
 * The input positions each output unit's window covers, along one axis.
 * @example
 * const w = gl.arith.windowPositions({ inputSize: 5, kernelSize: 3, stride: 2, padding: 1 });
 * w.outputSize; // 3
 * w.windows;    // [[-1, 0, 1], [1, 2, 3], [3, 4, 5]]   (-1 and 5 are padding)
 * w.coverage;   // [1, 2, 1, 2, 1]
 */
export function windowPositions(opts: WindowPositionsOptions): WindowPositions {
  opts = options<typeof opts>("windowPositions", "opts", opts, WINDOW_OPTION_KEYS) as typeof opts;
  const inputSize = whole("inputSize", opts.inputSize, 1);
  const kernelSize = whole("kernelSize", opts.kernelSize, 1);
  const stride = whole("stride", opts.stride ?? 1, 1);
  const dilation = whole("dilation", opts.dilation ?? 1, 1);
  const p = opts.padding ?? 0;
  const before = whole("padding", typeof p === "number" ? p : p[0], 0);
  const after = whole("padding", typeof p === "number" ? p : p[1], 0);
  const effectiveKernel = dilation * (kernelSize - 1) + 1;
  const span = inputSize + before + after - effectiveKernel;
  check(
    span >= 0,
    () =>
      new ShapeError({
        fn: "windowPositions",
        arg: "kernelSize",
        expected: `a window no wider than the padded input (${inputSize + before + after} pixels)`,
        received: `a window spanning ${effectiveKernel} pixels (kernelSize ${kernelSize}, dilation ${dilation})`,
        fix: "Use a smaller kernel or dilation, or more padding.",
      }),
  );
  const { outputSize } = windowCount(inputSize, span, stride, before, opts.ceilMode === true);

  const windows: number[][] = [];
  const coverage = new Array<number>(inputSize).fill(0);
  for (let i = 0; i < outputSize; i++) {
    const start = i * stride - before;
    const taps: number[] = [];
    for (let t = 0; t < kernelSize; t++) {
      const pos = start + t * dilation;
      taps.push(pos);
      if (pos >= 0 && pos < inputSize) coverage[pos] += 1;
    }
    windows.push(taps);
  }
  const skipped = coverage.flatMap((c, pos) => (c === 0 ? [pos] : []));
  return {
    inputSize,
    kernelSize,
    stride,
    dilation,
    outputSize,
    padding: [before, after],
    effectiveKernel,
    windows,
    coverage,
    skipped,
  };
}
