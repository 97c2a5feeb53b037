/**
 * 2-D pooling on NCHW tensors, with PyTorch's arguments and output sizes:
 *   maxPool2d: y[b, c, i, j] = max over the window of x   (∂L/∂x: dy goes to the window's argmax)
 *   avgPool2d: y[b, c, i, j] = Σ over the window of x / divisor   (∂L/∂x: dy / divisor to each input)
 * Window (i, j) starts at row i·stride − padding; out = floor((H + 2·padding − dilation·(k − 1) − 1)
 * / stride) + 1, or ceil with ceilMode (the last window must then start inside the input or the
 * left padding). Padding is −∞ for max and 0 for avg; avg divides by the full window (clipped to the
 * padded input) when countIncludePad (PyTorch's default), else by the number of real inputs.
 */
import { bool, options } from "../args";
import { tensorArg } from "../tensor/check";
import { record } from "../autograd/engine";
import type {
  AvgPool2dBackwardKernel,
  AvgPool2dKernel,
  MaxPool2dBackwardKernel,
  MaxPool2dKernel,
  Pool2dGeometry,
} from "../backend/kernels";
import "../backend/reference/pool";
import { getKernel } from "../backend/registry";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { Tensor } from "../tensor/tensor";
import { mean } from "./reduce";
import { reshape } from "./reshape";
import { readPair, windowOutputSize } from "./window";

export interface MaxPool2dOptions {
  /** Window size, number or [h, w]. */
  kernelSize: number | [number, number];
  /** Step of the window (default kernelSize: windows do not overlap). */
  stride?: number | [number, number];
  /** −∞ padding on each side (default 0; at most half the window). */
  padding?: number | [number, number];
  /** Spacing between window taps (default 1). */
  dilation?: number | [number, number];
  /** Round the output size up instead of down (default false). */
  ceilMode?: boolean;
}

export interface AvgPool2dOptions {
  kernelSize: number | [number, number];
  stride?: number | [number, number];
  /** Zero padding on each side (default 0; at most half the window). */
  padding?: number | [number, number];
  ceilMode?: boolean;
  /** Divide by the whole window, padding included (default true, like PyTorch; TensorFlow uses false). */
  countIncludePad?: boolean;
}

function poolGeometry(
  fn: string,
  x: Tensor,
  opts: MaxPool2dOptions & { countIncludePad?: boolean },
  allowDilation: boolean,
): Pool2dGeometry {
  const [n, c, h, w] = x.shape;
  const keys = ["kernelSize", "stride", "padding", "ceilMode", ...(allowDilation ? ["dilation"] : ["countIncludePad"])];
  opts = options<MaxPool2dOptions & { countIncludePad?: boolean }>(fn, "opts", opts, keys) as MaxPool2dOptions;
  check(
    opts.kernelSize !== undefined && opts.kernelSize !== null,
    () =>
      new ArgumentError({
        fn,
        arg: "opts",
        expected: "options with a kernelSize, or a number (the kernelSize)",
        received: show(opts),
        fix: `For example gl.${fn}(x, { kernelSize: 2 }) halves H and W.`,
      }),
  );
  const [kh, kw] = readPair(fn, "kernelSize", opts.kernelSize, 1, "kernelSize: 2");
  const stride = readPair(fn, "stride", opts.stride ?? [kh, kw], 1, "stride: 2");
  const [ph, pw] = readPair(fn, "padding", opts.padding ?? 0, 0, "padding: 1");
  const dilation = allowDilation
    ? readPair(fn, "dilation", opts.dilation ?? 1, 1, "dilation: 2")
    : ([1, 1] as [number, number]);
  const spanH = dilation[0] * (kh - 1) + 1;
  const spanW = dilation[1] * (kw - 1) + 1;
  check(
    2 * ph <= spanH && 2 * pw <= spanW,
    () =>
      new ArgumentError({
        fn,
        arg: "padding",
        expected: `at most half the window (window ${spanH}×${spanW}: padding ≤ [${Math.floor(spanH / 2)}, ${Math.floor(spanW / 2)}])`,
        received: show(opts.padding),
        fix: "A window that could lie entirely in the padding would see no input; use a smaller padding or a larger kernelSize.",
      }),
  );
  const ceilMode = bool(fn, "ceilMode", opts.ceilMode, false);
  const outH = windowOutputSize(h, kh, stride[0], ph, ph, dilation[0], ceilMode);
  const outW = windowOutputSize(w, kw, stride[1], pw, pw, dilation[1], ceilMode);
  check(
    outH >= 1 && outW >= 1,
    () =>
      new ShapeError({
        fn,
        arg: "kernelSize",
        expected: `a window that fits in the padded input (${h + 2 * ph}×${w + 2 * pw})`,
        received: `a ${spanH}×${spanW} window`,
        fix: "Use a smaller kernelSize, add padding, or pool an earlier (larger) feature map.",
      }),
  );
  return {
    n,
    c,
    h,
    w,
    kh,
    kw,
    outH,
    outW,
    stride,
    padding: [ph, ph, pw, pw],
    dilation,
    countIncludePad: bool(fn, "countIncludePad", opts.countIncludePad, true),
  };
}

/** Checks the input rank; a 3-D [C, H, W] input is run as a batch of one. */
function checkInput(fn: string, x: Tensor): void {
  check(
    x instanceof Tensor && (x.rank === 4 || x.rank === 3),
    () =>
      new ShapeError({
        fn,
        arg: "x",
        expected: "a 4-D input [N, C, H, W] (or 3-D [C, H, W] for one image)",
        received: x instanceof Tensor ? `shape ${show(x.shape)}` : show(x),
        fix: "Pooling slides over the last two axes (H, W) of NCHW feature maps.",
      }),
  );
}

const kernelFor = <K>(op: string, x: Tensor): K => getKernel(op, x.dtype === "float64" ? "reference" : undefined) as K;

/**
 * Max pooling: the largest value in each kernelSize window (PyTorch semantics, incl. ceilMode and
 * dilation). Its gradient flows only to the winner of each window.
 * @example
 * const x = gl.arange(16).reshape([1, 1, 4, 4]);
 * gl.maxPool2d(x, { kernelSize: 2 }).toArray() // [[[[5, 7], [13, 15]]]]
 */
export function maxPool2d(x: Tensor, opts: MaxPool2dOptions | number): Tensor {
  tensorArg("maxPool2d", "x", x);
  checkInput("maxPool2d", x);
  const o =
    typeof opts === "number"
      ? { kernelSize: opts }
      : (options<MaxPool2dOptions>("maxPool2d", "opts", opts, [
          "kernelSize",
          "stride",
          "padding",
          "dilation",
          "ceilMode",
        ]) as MaxPool2dOptions);
  if (x.rank === 3) {
    const y = maxPool2d(reshape(x, [1, ...x.shape]), o);
    return reshape(y, y.shape.slice(1));
  }
  const geom = poolGeometry("maxPool2d", x, o, true);
  const { y, argmax } = kernelFor<MaxPool2dKernel>("maxPool2d", x)(x.data, geom);
  const out = new Tensor(y, [geom.n, geom.c, geom.outH, geom.outW]);
  return record(out, "maxPool2d", [x], (g) => [
    new Tensor(kernelFor<MaxPool2dBackwardKernel>("maxPool2dBackward", g)(g.data, argmax, geom), x.shape),
  ]);
}

/**
 * Average pooling: the mean of each kernelSize window (PyTorch semantics: zero padding counted in
 * the divisor unless countIncludePad is false; ceilMode windows are clipped to the padded input).
 * @example
 * const x = gl.arange(16).reshape([1, 1, 4, 4]);
 * gl.avgPool2d(x, { kernelSize: 2 }).toArray() // [[[[2.5, 4.5], [10.5, 12.5]]]]
 */
export function avgPool2d(x: Tensor, opts: AvgPool2dOptions | number): Tensor {
  tensorArg("avgPool2d", "x", x);
  checkInput("avgPool2d", x);
  const o =
    typeof opts === "number"
      ? { kernelSize: opts }
      : (options<AvgPool2dOptions>("avgPool2d", "opts", opts, [
          "dilation",
          "kernelSize",
          "stride",
          "padding",
          "ceilMode",
          "countIncludePad",
        ]) as AvgPool2dOptions);
  if (x.rank === 3) {
    const y = avgPool2d(reshape(x, [1, ...x.shape]), o);
    return reshape(y, y.shape.slice(1));
  }
  check(
    !("dilation" in o) || o.dilation === undefined || o.dilation === 1,
    () =>
      new ArgumentError({
        fn: "avgPool2d",
        arg: "dilation",
        expected: "no dilation (average pooling has none, as in PyTorch)",
        received: show((o as { dilation?: unknown }).dilation),
        fix: "Remove dilation, or use gl.maxPool2d, which has it.",
      }),
  );
  const geom = poolGeometry("avgPool2d", x, o, false);
  const out = new Tensor(kernelFor<AvgPool2dKernel>("avgPool2d", x)(x.data, geom), [
    geom.n,
    geom.c,
    geom.outH,
    geom.outW,
  ]);
  return record(out, "avgPool2d", [x], (g) => [
    new Tensor(kernelFor<AvgPool2dBackwardKernel>("avgPool2dBackward", g)(g.data, geom), x.shape),
  ]);
}

/**
 * Global average pooling: the mean of each channel's H×W map, [N, C, H, W] -> [N, C, 1, 1]
 * (PyTorch's AdaptiveAvgPool2d(1); a composite of mean, so it needs no backward of its own).
 * @example gl.globalAvgPool2d(gl.ones([2, 3, 4, 4])).shape // [2, 3, 1, 1]
 */
export function globalAvgPool2d(x: Tensor): Tensor {
  tensorArg("globalAvgPool2d", "x", x);
  checkInput("globalAvgPool2d", x);
  return mean(x, [x.rank - 2, x.rank - 1], true);
}
