/**
 * 2-D convolution (cross-correlation, as in every DL library) on NCHW tensors:
 *   y[b, o, i, j] = bias[o] + Σ_{c, p, q} x[b, g·Cg + c, i·sh − top + p·dh, j·sw − left + q·dw] · w[o, c, p, q]
 * with x: [N, Cin, H, W], w: [Cout, Cin/groups, kh, kw], g the group of output channel o and
 * Cg = Cin/groups. Output size per axis: floor((H + top + bottom − dh·(kh − 1) − 1) / sh) + 1.
 * Backward (hand-written, a primitive): ∂L/∂x and ∂L/∂w by the conv2dGradInput/conv2dGradWeight
 * kernels (the forward loop with the multiply-add sent back), ∂L/∂bias[o] = Σ_{b,i,j} ∂L/∂y[b, o, i, j].
 */
import { options } from "../args";
import { tensorArg } from "../tensor/check";
import { record } from "../autograd/engine";
import { allocData } from "../tensor/dtype";
import type { Conv2dGeometry, Conv2dGradInputKernel, Conv2dGradWeightKernel, Conv2dKernel } from "../backend/kernels";
import "../backend/reference/conv2d";
import { getKernel } from "../backend/registry";
import { tfSamePadding } from "../arith/tfSamePadding";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { Tensor } from "../tensor/tensor";
import { reshape } from "./reshape";
import { readPair, windowOutputSize } from "./window";

export interface Conv2dOptions {
  /** Step of the window, number or [h, w] (default 1). */
  stride?: number | [number, number];
  /**
   * Zeros added around the input (default 0): a number, [h, w] (both sides), [top, bottom, left,
   * right], "valid" (= 0) or "same" (see conv2d's doc).
   */
  padding?: number | [number, number] | [number, number, number, number] | "same" | "valid";
  /** Spacing between kernel taps, number or [h, w] (default 1). */
  dilation?: number | [number, number];
  /** Split channels into this many independent groups (default 1; groups = Cin is depthwise). */
  groups?: number;
}

/** Padding [before, after] for "same" along one axis: TensorFlow's SAME (gl.arith.tfSamePadding), out = ceil(in / stride). */
function samePadding(inputSize: number, kernelSize: number, stride: number, dilation: number): [number, number] {
  const { before, after } = tfSamePadding({ inputSize, kernelSize, stride, dilation });
  return [before, after];
}

function readPadding(
  padding: Conv2dOptions["padding"],
  size: [number, number],
  kernel: [number, number],
  stride: [number, number],
  dilation: [number, number],
): [number, number, number, number] {
  if (padding === "valid") return [0, 0, 0, 0];
  if (padding === "same") {
    const [top, bottom] = samePadding(size[0], kernel[0], stride[0], dilation[0]);
    const [left, right] = samePadding(size[1], kernel[1], stride[1], dilation[1]);
    return [top, bottom, left, right];
  }
  if (Array.isArray(padding) && padding.length === 4) {
    check(
      padding.every((v) => typeof v === "number" && Number.isInteger(v) && v >= 0),
      () =>
        new ArgumentError({
          fn: "conv2d",
          arg: "padding",
          expected: "[top, bottom, left, right] of whole numbers ≥ 0",
          received: show(padding),
          fix: "Give one whole number for every side, or [top, bottom, left, right], e.g. padding: 1.",
        }),
    );
    return [padding[0], padding[1], padding[2], padding[3]];
  }
  check(
    typeof padding !== "string",
    () =>
      new ArgumentError({
        fn: "conv2d",
        arg: "padding",
        expected: `a number, [h, w], [top, bottom, left, right], "same" or "valid"`,
        received: show(padding),
        fix: `Padding modes are lower case: "same" keeps H and W (stride 1), "valid" adds none.`,
      }),
  );
  const [ph, pw] = readPair("conv2d", "padding", padding, 0, `padding: 1 (keeps 28×28 with a 3×3 kernel) or "same"`);
  return [ph, ph, pw, pw];
}

/** Validates shapes and options and works out the geometry of conv2d(x, w). */
function conv2dGeometry(xShape: number[], wShape: number[], opts: Conv2dOptions): Conv2dGeometry {
  const [n, cIn, h, w] = xShape;
  check(
    wShape.length === 4,
    () =>
      new ShapeError({
        fn: "conv2d",
        arg: "weight",
        expected: "a 4-D weight [Cout, Cin/groups, kh, kw]",
        received: `shape ${show(wShape)}`,
        fix:
          wShape.length === 2
            ? "A 2-D weight belongs to a Linear layer; a 3×3 conv from 1 to 8 channels has weight shape [8, 1, 3, 3]."
            : "A 3×3 conv from 1 to 8 channels has weight shape [8, 1, 3, 3].",
      }),
  );
  const [cOut, cInPerGroup, kh, kw] = wShape;
  const groups = opts.groups ?? 1;
  check(
    Number.isInteger(groups) && groups >= 1,
    () =>
      new ArgumentError({
        fn: "conv2d",
        arg: "groups",
        expected: "a whole number ≥ 1",
        received: show(groups),
        fix: "groups splits the channels into that many independent convolutions: 1 (default) or a divisor of both channel counts.",
      }),
  );
  check(
    cIn % groups === 0 && cOut % groups === 0,
    () =>
      new ArgumentError({
        fn: "conv2d",
        arg: "groups",
        expected: `a number that divides both the input channels (${cIn}) and the output channels (${cOut})`,
        received: show(groups),
        fix: `Each group convolves Cin/groups channels into Cout/groups; try groups = 1${cIn === cOut ? ` or ${cIn} (depthwise)` : ""}.`,
      }),
  );
  if (cInPerGroup * groups !== cIn) {
    const expects = cInPerGroup * groups;
    const looksNHWC = xShape[3] === expects;
    const gray = expects === 1 && cIn === 3 ? "convert the image to grayscale, or " : "";
    const layer = `Conv2d(${cIn}, ${cOut}, ${kh === kw ? kh : `[${kh}, ${kw}]`}${groups > 1 ? `, { groups: ${groups} }` : ""})`;
    throw new ShapeError({
      fn: "conv2d",
      arg: "x",
      expected: `${expects} channel${expects === 1 ? "" : "s"} on axis 1, as the weight (shape ${show(wShape)}${groups > 1 ? `, groups ${groups}` : ""}) expects`,
      received: `an input with ${cIn} channels (shape ${show(xShape)})`,
      fix: looksNHWC
        ? `The input looks channels-last (NHWC); gradlab is NCHW: use gl.permute(x, [0, 3, 1, 2]).`
        : `Did you mean to ${gray}create ${layer}?`,
    });
  }
  const stride = readPair("conv2d", "stride", opts.stride ?? 1, 1, "stride: 2 (halves H and W)");
  const dilation = readPair("conv2d", "dilation", opts.dilation ?? 1, 1, "dilation: 2 (a 3×3 kernel then spans 5×5)");
  const padding = readPadding(opts.padding ?? 0, [h, w], [kh, kw], stride, dilation);
  const outH = windowOutputSize(h, kh, stride[0], padding[0], padding[1], dilation[0], false);
  const outW = windowOutputSize(w, kw, stride[1], padding[2], padding[3], dilation[1], false);
  check(
    outH >= 1 && outW >= 1,
    () =>
      new ShapeError({
        fn: "conv2d",
        arg: "weight",
        expected: `a kernel that fits in the padded input (${h + padding[0] + padding[1]}×${w + padding[2] + padding[3]} after padding)`,
        received: `a ${kh}×${kw} kernel${dilation[0] > 1 || dilation[1] > 1 ? ` spanning ${dilation[0] * (kh - 1) + 1}×${dilation[1] * (kw - 1) + 1} with dilation ${show(dilation)}` : ""}`,
        fix: `Add padding (e.g. padding: "same"), use a smaller kernel, or remove a pooling layer that shrank the input to ${h}×${w}.`,
      }),
  );
  return { n, cIn, h, w, cOut, kh, kw, outH, outW, stride, padding, dilation, groups };
}

/** ∂L/∂bias[o] = Σ_{b,i,j} g[b, o, i, j] for g of shape [N, C, H, W]. */
function sumPerChannel(g: Tensor): Tensor {
  const [n, c, h, w] = g.shape;
  const out = allocData(c, g.dtype);
  const plane = h * w;
  const d = g.data;
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < c; o++) {
      let s = 0;
      for (let k = (b * c + o) * plane, end = k + plane; k < end; k++) s += d[k];
      out[o] += s;
    }
  }
  return new Tensor(out, [c]);
}

/** The kernel for `op`: the active backend's, or the reference one for float64 data. */
function kernelFor<K extends (...args: never[]) => unknown>(op: string, ...tensors: Tensor[]): K {
  return getKernel<K & ((...args: unknown[]) => unknown)>(
    op,
    tensors.some((t) => t.dtype === "float64") ? "reference" : undefined,
  );
}

/**
 * 2-D convolution over a batch of images (NCHW), with PyTorch's arguments.
 *
 * `padding: "same"` keeps H and W at stride 1, exactly like PyTorch (when the total padding
 * dilation·(k − 1) is odd, the extra row/column goes at the bottom/right). For stride > 1,
 * where PyTorch refuses "same", gradlab follows TensorFlow's SAME: out = ceil(in / stride),
 * padding total = max((out − 1)·stride + dilation·(k − 1) + 1 − in, 0), split with the extra
 * at the end. `"valid"` means no padding.
 *
 * A 3-D input [C, H, W] is treated as a batch of one and gives a 3-D output.
 * @example
 * const x = gl.randn([1, 1, 28, 28]);            // (N, C, H, W)
 * const w = gl.randn([8, 1, 3, 3]);              // (Cout, Cin, kh, kw)
 * gl.conv2d(x, w, null, { padding: 1 }).shape    // [1, 8, 28, 28]
 * gl.conv2d(x, w, null, { stride: 2, padding: 1 }).shape // [1, 8, 14, 14]
 */
export function conv2d(x: Tensor, weight: Tensor, bias?: Tensor | null, opts: Conv2dOptions = {}): Tensor {
  tensorArg("conv2d", "x", x);
  tensorArg("conv2d", "weight", weight);
  if (bias !== undefined && bias !== null) tensorArg("conv2d", "bias", bias, { rank: 1 });
  opts = options<Conv2dOptions>("conv2d", "opts", opts, ["stride", "padding", "dilation", "groups"]);
  check(
    x instanceof Tensor && weight instanceof Tensor,
    () =>
      new ArgumentError({
        fn: "conv2d",
        arg: x instanceof Tensor ? "weight" : "x",
        expected: "a Tensor",
        received: show(x instanceof Tensor ? weight : x),
        fix: "Wrap arrays with gl.tensor(...).",
      }),
  );
  if (x.rank === 3) {
    const y = conv2d(reshape(x, [1, ...x.shape]), weight, bias, opts);
    return reshape(y, y.shape.slice(1));
  }
  check(
    x.rank === 4,
    () =>
      new ShapeError({
        fn: "conv2d",
        arg: "x",
        expected: "a 4-D input [N, C, H, W] (or 3-D [C, H, W] for one image)",
        received: `shape ${show(x.shape)}`,
        fix:
          x.rank === 2
            ? `One grayscale image of shape [H, W] becomes [1, 1, H, W] with gl.reshape(x, [1, 1, ${x.shape[0]}, ${x.shape[1]}]).`
            : "Reshape the input to [batchSize, channels, height, width].",
      }),
  );
  const geom = conv2dGeometry(x.shape, weight.shape, opts);
  if (bias) {
    check(
      bias instanceof Tensor && bias.rank === 1 && bias.shape[0] === geom.cOut,
      () =>
        new ShapeError({
          fn: "conv2d",
          arg: "bias",
          expected: `a 1-D bias of ${geom.cOut} values (one per output channel)`,
          received: bias instanceof Tensor ? `shape ${show(bias.shape)}` : show(bias),
          fix: "The bias has one value per output: shape [out] (or null for no bias).",
        }),
    );
  }
  const forward = kernelFor<Conv2dKernel>("conv2d", x, weight, ...(bias ? [bias] : []));
  const y = new Tensor(forward(x.data, weight.data, bias ? bias.data : null, geom), [
    geom.n,
    geom.cOut,
    geom.outH,
    geom.outW,
  ]); // (N, Cout, outH, outW)
  const inputs = bias ? [x, weight, bias] : [x, weight];
  return record(y, "conv2d", inputs, (g) => [
    x.requiresGrad
      ? new Tensor(kernelFor<Conv2dGradInputKernel>("conv2dGradInput", g, weight)(g.data, weight.data, geom), x.shape)
      : null,
    weight.requiresGrad
      ? new Tensor(kernelFor<Conv2dGradWeightKernel>("conv2dGradWeight", g, x)(x.data, g.data, geom), weight.shape)
      : null,
    bias && bias.requiresGrad ? sumPerChannel(g) : null, // = gl.sum(g, [0, 2, 3]), one pass over contiguous planes
  ]);
}
