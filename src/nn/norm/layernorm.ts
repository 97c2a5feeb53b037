/**
 * Layer normalization (Ba et al., 2016): each sample is normalized over its last axes (the
 * `normalizedShape`, e.g. the features), independently of the rest of the batch:
 *   μ, σ² = mean and biased variance of x[n] over the normalized axes
 *   y = γ ⊙ (x − μ)/√(σ² + ε) + β,   γ and β of shape normalizedShape (elementwise affine)
 * Train and eval mode compute the same thing: there are no running statistics.
 */
import { options } from "../../args";
import { ArgumentError, check, ShapeError, show } from "../../errors";
import { add, mul } from "../../ops/arithmetic";
import { ones, zeros } from "../../tensor/create";
import { Tensor } from "../../tensor/tensor";
import { Module, Parameter } from "../module";
import { checkCount, checkPositive } from "../validate";
import { normalizeGroups } from "./fusedNormalize";
import { NormStats, emptyStats, plainStats } from "./normalize";

export interface LayerNormOptions {
  /** Added to σ² (default 1e-5). */
  eps?: number;
  /** Learn γ and β with the normalized shape (default true). */
  elementwiseAffine?: boolean;
  /** Learn β too (default true; only with elementwiseAffine). */
  bias?: boolean;
}

export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  /** Per-sample statistics of the last forward (shape = the leading, un-normalized axes). */
  lastStats: NormStats = emptyStats();

  /**
   * @example
   * const ln = new gl.nn.LayerNorm(16);
   * ln.forward(gl.randn([4, 16])); ln.lastStats.mean.length // 4: one mean per sample
   */
  constructor(normalizedShape: number | number[], opts: LayerNormOptions = {}) {
    super();
    opts = options<typeof opts>("LayerNorm", "opts", opts, ["eps", "elementwiseAffine", "bias"]) as typeof opts;
    check(
      typeof normalizedShape === "number" || Array.isArray(normalizedShape),
      () =>
        new ArgumentError({
          fn: "LayerNorm",
          arg: "normalizedShape",
          expected: "the size of the normalized axes: a number (e.g. 16) or a list ([C, H, W])",
          received: show(normalizedShape),
          fix: "Give the feature size, e.g. new gl.nn.LayerNorm(16) for inputs [N, 16].",
        }),
    );
    const shape = typeof normalizedShape === "number" ? [normalizedShape] : [...normalizedShape];
    shape.forEach((d, i) => checkCount("LayerNorm", `normalizedShape[${i}]`, d));
    const { eps = 1e-5, elementwiseAffine = true, bias = true } = opts;
    checkPositive("LayerNorm", "eps", eps);
    this.normalizedShape = shape;
    this.eps = eps;
    this.elementwiseAffine = elementwiseAffine;
    this.weight = elementwiseAffine ? new Parameter(ones(shape), "weight") : null;
    this.bias = elementwiseAffine && bias ? new Parameter(zeros(shape), "bias") : null;
  }

  forward(x: Tensor): Tensor {
    const k = this.normalizedShape.length;
    const tail = x.shape.slice(x.rank - k);
    check(
      x.rank >= k && tail.every((d, i) => d === this.normalizedShape[i]),
      () =>
        new ShapeError({
          fn: `LayerNorm(${show(this.normalizedShape)}).forward`,
          arg: "x",
          expected: `an input whose last ${k} axes are ${show(this.normalizedShape)}`,
          received: `shape ${show(x.shape)}`,
          fix: "normalizedShape lists the trailing axes to normalize over, e.g. LayerNorm(features) for [N, features] or LayerNorm([C, H, W]) for images.",
        }),
    );
    const axes = Array.from({ length: k }, (_, i) => x.rank - k + i);
    const count = this.normalizedShape.reduce((p, q) => p * q, 1);
    const { xHat, mean, variance } = normalizeGroups(x, 1, x.size / count, count, this.eps);
    this.lastStats = plainStats(mean, variance, x.shape.slice(0, x.rank - k), axes, count, "batch");
    let y = xHat;
    if (this.weight) y = mul(y, this.weight);
    if (this.bias) y = add(y, this.bias);
    return y;
  }

  override extraRepr(): string {
    return `${show(this.normalizedShape)}, eps=${this.eps}, elementwiseAffine=${this.elementwiseAffine}`;
  }
}
