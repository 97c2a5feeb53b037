/**
 * Instance normalization (Ulyanov et al., 2016): each channel of each image is normalized over
 * its own spatial positions (H, W) — one mean and variance per (sample, channel):
 *   y[n, c] = γ_c · (x[n, c] − μ[n, c])/√(σ²[n, c] + ε) + β_c
 * Used in style transfer, where per-image contrast should vanish. Like PyTorch, `affine` and
 * `trackRunningStats` default to false; with tracking, running averages of the per-instance
 * statistics (averaged over the batch; unbiased variance) are kept and used in eval mode.
 */
import { options } from "../../args";
import { noGrad } from "../../autograd/mode";
import { ShapeError, check, show } from "../../errors";
import { add, mul } from "../../ops/arithmetic";
import { reshape } from "../../ops/reshape";
import { ones, zeros } from "../../tensor/create";
import { Tensor } from "../../tensor/tensor";
import { Module, Parameter } from "../module";
import { checkCount, checkPositive, checkRange } from "../validate";
import { normalizeGroups } from "./fusedNormalize";
import { NormStats, channelShape, emptyStats, plainStats } from "./normalize";
import { normalizeWithRunningStats, updateRunningStats } from "./runningStats";

export interface InstanceNormOptions {
  eps?: number;
  /** Weight of the new batch in the running averages (default 0.1, PyTorch's convention). */
  momentum?: number;
  /** Learn γ and β per channel (default false, like PyTorch). */
  affine?: boolean;
  /** Keep running statistics for eval mode (default false, like PyTorch). */
  trackRunningStats?: boolean;
}

export class InstanceNorm2d extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  declare runningMean: Tensor;
  declare runningVar: Tensor;
  /** Per-(sample, channel) statistics of the last forward, shape [N, C]. */
  lastStats: NormStats = emptyStats();

  /**
   * @example
   * const inorm = new gl.nn.InstanceNorm2d(3);
   * inorm.forward(gl.randn([2, 3, 8, 8])); inorm.lastStats.shape // [2, 3]
   */
  constructor(numFeatures: number, opts: InstanceNormOptions = {}) {
    super();
    opts = options<typeof opts>("InstanceNorm2d", "opts", opts, [
      "eps",
      "momentum",
      "affine",
      "trackRunningStats",
    ]) as typeof opts;
    checkCount("InstanceNorm2d", "numFeatures", numFeatures);
    const { eps = 1e-5, momentum = 0.1, affine = false, trackRunningStats = false } = opts;
    checkPositive("InstanceNorm2d", "eps", eps);
    checkRange("InstanceNorm2d", "momentum", momentum, 0, 1, true);
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = affine;
    this.trackRunningStats = trackRunningStats;
    this.weight = affine ? new Parameter(ones([numFeatures]), "weight") : null;
    this.bias = affine ? new Parameter(zeros([numFeatures]), "bias") : null;
    if (trackRunningStats) {
      this.registerBuffer("runningMean", zeros([numFeatures]));
      this.registerBuffer("runningVar", ones([numFeatures]));
    }
  }

  forward(x: Tensor): Tensor {
    const C = this.numFeatures;
    check(
      x.rank === 4 && x.shape[1] === C,
      () =>
        new ShapeError({
          fn: `InstanceNorm2d(${C}).forward`,
          arg: "x",
          expected: `[N, ${C}, H, W]`,
          received: `shape ${show(x.shape)}`,
          fix:
            x.rank === 4
              ? `Create InstanceNorm2d(${x.shape[1]}) to match the channels.`
              : "InstanceNorm2d takes a batch of images (NCHW).",
        }),
    );
    const [N, , H, W] = x.shape;
    const axes = [2, 3];
    const count = H * W;
    const shape = channelShape(4, C);
    let y: Tensor;
    if (this.training || !this.trackRunningStats) {
      check(
        count > 1,
        () =>
          new ShapeError({
            fn: "InstanceNorm2d.forward",
            arg: "x",
            expected: "more than 1 spatial position per channel",
            received: `shape ${show(x.shape)}`,
            fix: "InstanceNorm normalizes over H×W of each channel: a 1×1 map has nothing to normalize (use BatchNorm or LayerNorm).",
          }),
      );
      const { xHat, mean, variance } = normalizeGroups(x, 1, N * C, count, this.eps);
      this.lastStats = plainStats(mean, variance, [N, C], axes, count, "batch");
      if (this.training && this.trackRunningStats)
        updateRunningStats(this.runningMean, this.runningVar, mean, variance, N, count, this.momentum);
      y = xHat;
    } else {
      const batch = noGrad(() => normalizeGroups(x.detach(), 1, N * C, count, this.eps));
      this.lastStats = plainStats(batch.mean, batch.variance, [N, C], axes, count, "running");
      y = normalizeWithRunningStats(x, this.runningMean, this.runningVar, this.eps, shape);
    }
    if (this.weight && this.bias) y = add(mul(y, reshape(this.weight, shape)), reshape(this.bias, shape));
    return y;
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, affine=${this.affine}, trackRunningStats=${this.trackRunningStats}`;
  }
}
