/**
 * Linear (fully connected, "dense") layer: y = x·Wᵀ + b, with W of shape [outFeatures, inFeatures]
 * like PyTorch (row i holds the weights of output unit i).
 *
 * Default initialization is PyTorch's: kaiming_uniform with a = √5, which works out to
 * W ~ U(−1/√inFeatures, +1/√inFeatures), and the bias ~ U(±1/√inFeatures) too. Pass
 * `init: "heNormal"` (or any name of `gl.init.initializers`, or a function of the shape) to choose.
 */
import { options } from "../args";
import { ShapeError, check, show } from "../errors";
import { linear } from "../ops/matmul";
import { sizeOf } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { InitName, Initializer, resolveInit, uniform } from "./init";
import { Module, Parameter } from "./module";
import { checkCount } from "./validate";

export interface LinearOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /** How to initialize the weight: a name ("heNormal", "xavierUniform", …) or a function of the shape. */
  init?: InitName | Initializer;
}

export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** [outFeatures, inFeatures] */
  weight: Parameter;
  /** [outFeatures], or null without bias */
  bias: Parameter | null;

  /**
   * @example
   * const fc = new gl.nn.Linear(784, 10);
   * fc.forward(gl.randn([32, 784])).shape // [32, 10]
   */
  constructor(inFeatures: number, outFeatures: number, opts: LinearOptions = {}) {
    super();
    opts = options<typeof opts>("Linear", "opts", opts, ["bias", "init"]) as typeof opts;
    checkCount("Linear", "inFeatures", inFeatures);
    checkCount("Linear", "outFeatures", outFeatures);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    const bound = 1 / Math.sqrt(inFeatures);
    const weight = opts.init
      ? resolveInit(opts.init, "Linear")([outFeatures, inFeatures])
      : uniform([outFeatures, inFeatures], -bound, bound);
    this.weight = new Parameter(weight, "weight");
    this.bias = opts.bias === false ? null : new Parameter(uniform([outFeatures], -bound, bound), "bias");
  }

  forward(x: Tensor): Tensor {
    const features = x.shape[x.rank - 1];
    check(x.rank >= 1 && features === this.inFeatures, () => {
      const flat = x.rank > 2 ? sizeOf(x.shape.slice(1)) : -1;
      return new ShapeError({
        fn: `${this.describe()}.forward`,
        arg: "x",
        expected: `an input whose last axis has ${this.inFeatures} features, shape [N, ${this.inFeatures}]`,
        received: `shape ${show(x.shape)} with ${x.rank ? features : 0} features`,
        fix:
          flat === this.inFeatures
            ? `Did you forget to flatten? Put new gl.nn.Flatten() before this layer: it turns ${show(x.shape)} into [${x.shape[0]}, ${flat}].`
            : `Create the layer as Linear(${x.rank ? features : "?"}, ${this.outFeatures}), or check the layer before it.`,
      });
    });
    return linear(x, this.weight, this.bias); // x·Wᵀ + b, W read transposed in place: (N, outFeatures)
  }

  private describe(): string {
    return `Linear(${this.inFeatures}, ${this.outFeatures})`;
  }

  override extraRepr(): string {
    return `${this.inFeatures}, ${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
