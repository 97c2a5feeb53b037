/**
 * Group normalization (Wu & He, 2018): the C channels are split into G groups of C/G; each
 * sample's group is normalized over its channels and positions, then a per-channel γ, β apply:
 *   x viewed as [N, G, C/G · H · W];  μ, σ² per (n, g);  y = γ_c · x̂ + β_c
 * It does not depend on the batch size (BatchNorm's weakness at batch 2). G = 1 is LayerNorm over
 * (C, H, W) with per-channel affine; G = C is InstanceNorm.
 */
import { options } from "../../args";
import { ArgumentError, ShapeError, check, show } from "../../errors";
import { add, mul } from "../../ops/arithmetic";
import { reshape } from "../../ops/reshape";
import { ones, zeros } from "../../tensor/create";
import { Tensor } from "../../tensor/tensor";
import { Module, Parameter } from "../module";
import { checkCount, checkPositive } from "../validate";
import { normalizeGroups } from "./fusedNormalize";
import { NormStats, channelShape, emptyStats, plainStats } from "./normalize";

export interface GroupNormOptions {
  eps?: number;
  /** Learn γ and β per channel (default true). */
  affine?: boolean;
}

export class GroupNorm extends Module {
  readonly numGroups: number;
  readonly numChannels: number;
  readonly eps: number;
  readonly affine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  /** Per-(sample, group) statistics of the last forward, shape [N, G]. */
  lastStats: NormStats = emptyStats();

  /**
   * @example
   * const gn = new gl.nn.GroupNorm(2, 8);
   * gn.forward(gl.randn([2, 8, 4, 4])); gn.lastStats.shape // [2, 2]
   */
  constructor(numGroups: number, numChannels: number, opts: GroupNormOptions = {}) {
    super();
    opts = options<typeof opts>("GroupNorm", "opts", opts, ["eps", "affine"]) as typeof opts;
    checkCount("GroupNorm", "numGroups", numGroups);
    checkCount("GroupNorm", "numChannels", numChannels);
    check(numChannels % numGroups === 0, () => {
      const divisors = Array.from({ length: numChannels }, (_, i) => i + 1).filter((d) => numChannels % d === 0);
      return new ArgumentError({
        fn: "GroupNorm",
        arg: "numGroups",
        expected: `a number of groups that divides numChannels = ${numChannels}`,
        received: `${numGroups} (${numChannels}/${numGroups} is not whole)`,
        fix: `Choose one of ${show(divisors)}.`,
      });
    });
    const { eps = 1e-5, affine = true } = opts;
    checkPositive("GroupNorm", "eps", eps);
    this.numGroups = numGroups;
    this.numChannels = numChannels;
    this.eps = eps;
    this.affine = affine;
    this.weight = affine ? new Parameter(ones([numChannels]), "weight") : null;
    this.bias = affine ? new Parameter(zeros([numChannels]), "bias") : null;
  }

  forward(x: Tensor): Tensor {
    const C = this.numChannels;
    const G = this.numGroups;
    check(
      x.rank >= 2 && x.shape[1] === C,
      () =>
        new ShapeError({
          fn: `GroupNorm(${G}, ${C}).forward`,
          arg: "x",
          expected: `[N, ${C}, …] (channels on axis 1)`,
          received: `shape ${show(x.shape)}`,
          fix: "Check the layer's channel count against the input's axis 1, and the input's rank (NCHW for 2d layers).",
        }),
    );
    const N = x.shape[0];
    const perGroup = x.size / N / G;
    // x viewed as (N·G, C/G·H·W): each row is one sample's group
    const { xHat, mean, variance } = normalizeGroups(x, 1, N * G, perGroup, this.eps);
    // reduced over: the channels of a group (axis 1, in blocks of C/G) and every position
    const axes = Array.from({ length: x.rank - 1 }, (_, i) => i + 1);
    this.lastStats = plainStats(mean, variance, [N, G], axes, perGroup, "batch", C / G);
    let y = xHat;
    if (this.weight && this.bias) {
      const shape = channelShape(x.rank, C);
      y = add(mul(y, reshape(this.weight, shape)), reshape(this.bias, shape));
    }
    return y;
  }

  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${this.eps}, affine=${this.affine}`;
  }
}
