/**
 * Maxout (Goodfellow et al., 2013): each output unit is the largest of k linear pieces,
 *   yᵢ = max_j (x·Wᵢⱼ + bᵢⱼ),  j = 1..k.
 * It learns a convex piecewise-linear activation; ReLU is the special case max(x·w + b, 0).
 * Built as one Linear(inFeatures, outFeatures·k) whose rows i·k … i·k + k − 1 are unit i's pieces.
 */
import { options } from "../args";
import { max } from "../ops/reduce";
import { reshape } from "../ops/reshape";
import { Tensor } from "../tensor/tensor";
import { InitName, Initializer } from "./init";
import { Linear } from "./linear";
import { Module } from "./module";
import { checkCount } from "./validate";

export class Maxout extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly k: number;
  readonly linear: Linear;

  /** @example new gl.nn.Maxout(4, 3, 2).forward(gl.randn([5, 4])).shape // [5, 3] */
  constructor(
    inFeatures: number,
    outFeatures: number,
    k: number,
    opts: { bias?: boolean; init?: InitName | Initializer } = {},
  ) {
    super();
    opts = options<typeof opts>("Maxout", "opts", opts, ["bias", "init"]) as typeof opts;
    checkCount("Maxout", "inFeatures", inFeatures);
    checkCount("Maxout", "outFeatures", outFeatures);
    checkCount("Maxout", "k", k);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.k = k;
    this.linear = new Linear(inFeatures, outFeatures * k, opts);
  }

  forward(x: Tensor): Tensor {
    const z = this.linear.forward(x); // (N, outFeatures·k)
    const pieces = reshape(z, [...z.shape.slice(0, -1), this.outFeatures, this.k]); // (N, outFeatures, k)
    return max(pieces, -1);
  }

  override extraRepr(): string {
    return `${this.inFeatures}, ${this.outFeatures}, k=${this.k}`;
  }
}
