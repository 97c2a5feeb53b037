/**
 * Pooling layers over NCHW feature maps (see `gl.maxPool2d` / `gl.avgPool2d` for the formulas and
 * output sizes): MaxPool2d keeps the largest value of each window, AvgPool2d the mean; stride
 * defaults to kernelSize (non-overlapping windows). AdaptiveAvgPool2d(1) (PyTorch's name) and
 * GlobalAvgPool2d are global average pooling: one mean per channel, [N, C, H, W] → [N, C, 1, 1].
 */
import { options } from "../args";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { avgPool2d, globalAvgPool2d, maxPool2d } from "../ops/pool";
import { readPair } from "../ops/window";
import { Tensor } from "../tensor/tensor";
import { Module } from "./module";

export interface MaxPool2dLayerOptions {
  /** Default: kernelSize. */
  stride?: number | [number, number];
  padding?: number | [number, number];
  dilation?: number | [number, number];
  /** Round the output size up (default false: down). */
  ceilMode?: boolean;
}

export class MaxPool2d extends Module {
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly dilation: [number, number];
  readonly ceilMode: boolean;

  /** @example new gl.nn.MaxPool2d(2).forward(gl.randn([1, 3, 28, 28])).shape // [1, 3, 14, 14] */
  constructor(kernelSize: number | [number, number], opts: MaxPool2dLayerOptions = {}) {
    super();
    opts = options<typeof opts>("MaxPool2d", "opts", opts, [
      "stride",
      "padding",
      "dilation",
      "ceilMode",
    ]) as typeof opts;
    this.kernelSize = readPair("MaxPool2d", "kernelSize", kernelSize, 1, "2");
    this.stride = readPair("MaxPool2d", "stride", opts.stride ?? this.kernelSize, 1, "stride: 2");
    this.padding = readPair("MaxPool2d", "padding", opts.padding ?? 0, 0, "padding: 1");
    this.dilation = readPair("MaxPool2d", "dilation", opts.dilation ?? 1, 1, "dilation: 1");
    this.ceilMode = opts.ceilMode ?? false;
  }

  forward(x: Tensor): Tensor {
    const { kernelSize, stride, padding, dilation, ceilMode } = this;
    return maxPool2d(x, { kernelSize, stride, padding, dilation, ceilMode });
  }

  override extraRepr(): string {
    return `kernelSize=${show(this.kernelSize)}, stride=${show(this.stride)}, padding=${show(this.padding)}, ceilMode=${this.ceilMode}`;
  }
}

export interface AvgPool2dLayerOptions {
  stride?: number | [number, number];
  padding?: number | [number, number];
  ceilMode?: boolean;
  /** Count zero padding in the divisor (default true, PyTorch's; TensorFlow's is false). */
  countIncludePad?: boolean;
}

export class AvgPool2d extends Module {
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;

  /** @example new gl.nn.AvgPool2d(2).forward(gl.ones([1, 1, 4, 4])).toList() // [1, 1, 1, 1] */
  constructor(kernelSize: number | [number, number], opts: AvgPool2dLayerOptions = {}) {
    super();
    opts = options<typeof opts>("AvgPool2d", "opts", opts, [
      "stride",
      "padding",
      "ceilMode",
      "countIncludePad",
    ]) as typeof opts;
    this.kernelSize = readPair("AvgPool2d", "kernelSize", kernelSize, 1, "2");
    this.stride = readPair("AvgPool2d", "stride", opts.stride ?? this.kernelSize, 1, "stride: 2");
    this.padding = readPair("AvgPool2d", "padding", opts.padding ?? 0, 0, "padding: 1");
    this.ceilMode = opts.ceilMode ?? false;
    this.countIncludePad = opts.countIncludePad ?? true;
  }

  forward(x: Tensor): Tensor {
    const { kernelSize, stride, padding, ceilMode, countIncludePad } = this;
    return avgPool2d(x, { kernelSize, stride, padding, ceilMode, countIncludePad });
  }

  override extraRepr(): string {
    return `kernelSize=${show(this.kernelSize)}, stride=${show(this.stride)}, padding=${show(this.padding)}`;
  }
}

/**
 * Adaptive average pooling to a fixed output size; gradlab supports output sizes that divide
 * the input evenly (windows of equal size), including the usual outputSize = 1: global average
 * pooling, one mean per channel.
 * @example new gl.nn.AdaptiveAvgPool2d(1).forward(gl.randn([2, 8, 7, 7])).shape // [2, 8, 1, 1]
 */
export class AdaptiveAvgPool2d extends Module {
  readonly outputSize: [number, number];

  constructor(outputSize: number | [number, number] = 1) {
    super();
    this.outputSize = readPair("AdaptiveAvgPool2d", "outputSize", outputSize, 1, "1 (global average pooling)");
  }

  forward(x: Tensor): Tensor {
    const [oh, ow] = this.outputSize;
    if (oh === 1 && ow === 1) return globalAvgPool2d(x);
    check(
      x.rank === 4,
      () =>
        new ShapeError({
          fn: "AdaptiveAvgPool2d.forward",
          arg: "x",
          expected: "[N, C, H, W]",
          received: `shape ${show(x.shape)}`,
          fix: "Pass a batch of feature maps [N, C, H, W]; gl.unsqueeze(x, 0) makes one image a batch of one.",
        }),
    );
    const [h, w] = [x.shape[2], x.shape[3]];
    check(
      h % oh === 0 && w % ow === 0,
      () =>
        new ArgumentError({
          fn: "AdaptiveAvgPool2d.forward",
          arg: "outputSize",
          expected: `an output size that divides the input ${h}×${w}`,
          received: show(this.outputSize),
          fix: "gradlab's adaptive pooling uses equal windows; resize the input or pick a divisor (1 = global average).",
        }),
    );
    const kernelSize: [number, number] = [h / oh, w / ow];
    return avgPool2d(x, { kernelSize, stride: kernelSize });
  }

  override extraRepr(): string {
    return `outputSize=${show(this.outputSize)}`;
  }
}

/**
 * Global average pooling: one mean per channel, [N, C, H, W] → [N, C, 1, 1] (the same as
 * AdaptiveAvgPool2d(1); replaces the big Flatten + Linear head of older CNNs).
 * @example new gl.nn.GlobalAvgPool2d().forward(gl.ones([2, 8, 7, 7])).shape // [2, 8, 1, 1]
 */
export class GlobalAvgPool2d extends Module {
  forward(x: Tensor): Tensor {
    return globalAvgPool2d(x);
  }

  /** [N, C, H, W] → [N, C, 1, 1] (gl.summary reads it without running the layer). */
  outputShape(inputShape: number[]): number[] {
    return [...inputShape.slice(0, -2), 1, 1];
  }
}
