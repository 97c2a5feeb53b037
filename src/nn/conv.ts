/**
 * Conv2d: a 2-D convolution layer over NCHW images (see `gl.conv2d` for the formula and the
 * output size). Weight [outChannels, inChannels/groups, kh, kw], bias [outChannels].
 *
 * Default initialization is PyTorch's: kaiming_uniform with a = √5, which works out to
 * W ~ U(±1/√fanIn) with fanIn = (inChannels/groups)·kh·kw, and the bias ~ U(±1/√fanIn).
 * `init` takes a name ("heNormal", …) or a function of the weight shape.
 */
import { int, oneOf, options } from "../args";
import { ArgumentError, check, show } from "../errors";
import { Conv2dOptions, conv2d } from "../ops/conv2d";
import { readPair } from "../ops/window";
import { Tensor } from "../tensor/tensor";
import { InitName, Initializer, computeFans, resolveInit, uniform } from "./init";
import { Module, Parameter } from "./module";
import { checkCount } from "./validate";

export interface Conv2dLayerOptions extends Conv2dOptions {
  /** Learn a bias per output channel (default true). */
  bias?: boolean;
  /** How to initialize the weight: a name or a function of the shape. */
  init?: InitName | Initializer;
}

export class Conv2d extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: Conv2dOptions["padding"];
  readonly dilation: [number, number];
  readonly groups: number;
  /** [outChannels, inChannels/groups, kh, kw] */
  weight: Parameter;
  /** [outChannels], or null without bias */
  bias: Parameter | null;

  /**
   * @example
   * const conv = new gl.nn.Conv2d(1, 8, 3, { padding: 1 });
   * conv.forward(gl.randn([2, 1, 28, 28])).shape // [2, 8, 28, 28]
   */
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number | [number, number],
    opts: Conv2dLayerOptions = {},
  ) {
    super();
    opts = options<typeof opts>("Conv2d", "opts", opts, [
      "bias",
      "init",
      "stride",
      "padding",
      "dilation",
      "groups",
    ]) as typeof opts;
    checkCount("Conv2d", "inChannels", inChannels);
    checkCount("Conv2d", "outChannels", outChannels);
    const groups = opts.groups ?? 1;
    checkCount("Conv2d", "groups", groups);
    check(
      inChannels % groups === 0 && outChannels % groups === 0,
      () =>
        new ArgumentError({
          fn: "Conv2d",
          arg: "groups",
          expected: `a number of groups dividing both inChannels (${inChannels}) and outChannels (${outChannels})`,
          received: show(groups),
          fix:
            inChannels === outChannels
              ? `groups = ${inChannels} gives a depthwise convolution; groups = 1 an ordinary one.`
              : "Use groups = 1 for an ordinary convolution.",
        }),
    );
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = readPair("Conv2d", "kernelSize", kernelSize, 1, "3 or [3, 5]");
    this.stride = readPair("Conv2d", "stride", opts.stride ?? 1, 1, "stride: 2");
    this.dilation = readPair("Conv2d", "dilation", opts.dilation ?? 1, 1, "dilation: 2");
    this.padding = opts.padding ?? 0;
    if (typeof this.padding === "string") oneOf("Conv2d", "padding", this.padding, ["same", "valid"]);
    else if (Array.isArray(this.padding))
      this.padding.forEach((p) =>
        int("Conv2d", "padding", p, { min: 0, fix: "Padding adds whole rows/columns of zeros: 0, 1, 2, …" }),
      );
    else
      int("Conv2d", "padding", this.padding, {
        min: 0,
        fix: 'Padding adds whole rows/columns of zeros: 0, 1, 2, … (or "same").',
      });
    this.groups = groups;
    const shape = [outChannels, inChannels / groups, ...this.kernelSize];
    const bound = 1 / Math.sqrt(computeFans(shape).fanIn);
    const weight = opts.init ? resolveInit(opts.init, "Conv2d")(shape) : uniform(shape, -bound, bound);
    this.weight = new Parameter(weight, "weight");
    this.bias = opts.bias === false ? null : new Parameter(uniform([outChannels], -bound, bound), "bias");
  }

  forward(x: Tensor): Tensor {
    return conv2d(x, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding,
      dilation: this.dilation,
      groups: this.groups,
    });
  }

  override extraRepr(): string {
    const k = this.kernelSize[0] === this.kernelSize[1] ? this.kernelSize[0] : show(this.kernelSize);
    const extras = [
      this.stride.some((s) => s !== 1) ? `stride=${show(this.stride)}` : "",
      this.padding !== 0 ? `padding=${show(this.padding)}` : "",
      this.dilation.some((d) => d !== 1) ? `dilation=${show(this.dilation)}` : "",
      this.groups !== 1 ? `groups=${this.groups}` : "",
      this.bias ? "" : "bias=false",
    ].filter(Boolean);
    return [this.inChannels, this.outChannels, `kernelSize=${k}`, ...extras].join(", ");
  }
}
