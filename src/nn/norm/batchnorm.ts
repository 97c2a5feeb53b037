/**
 * Batch normalization (Ioffe & Szegedy, 2015): each channel is normalized with the mean and
 * variance of the current mini-batch, then scaled and shifted by learned γ (weight), β (bias):
 *   μ_c = mean over (N, L) or (N, H, W) of x[:, c],   σ²_c = biased batch variance
 *   y = γ_c · (x − μ_c)/√(σ²_c + ε) + β_c
 * Train mode also keeps running averages for eval mode (PyTorch's convention):
 *   running = (1 − momentum)·running + momentum·batch,   momentum = 0.1
 * and the running *variance* is fed the unbiased batch variance σ²·n/(n − 1), although the output
 * is normalized with the biased one. Keras writes the same average the other way round:
 * running = m·running + (1 − m)·batch with m = 0.99 — pass `{ kerasMomentum: 0.99 }` (it becomes
 * momentum = 1 − 0.99 = 0.01), or convert with `kerasToTorchMomentum`.
 * Eval mode normalizes with the running statistics, so the output no longer depends on the batch.
 * The update and the eval path are written once, in runningStats.ts, shared with InstanceNorm2d.
 */
import { options } from "../../args";
import { noGrad } from "../../autograd/mode";
import { ArgumentError, ShapeError, check, show } from "../../errors";
import { add, mul } from "../../ops/arithmetic";
import { reshape } from "../../ops/reshape";
import { ones, zeros } from "../../tensor/create";
import { Tensor } from "../../tensor/tensor";
import { Module, Parameter } from "../module";
import { checkCount, checkPositive, checkRange } from "../validate";
import { normalizeGroups, scaleShiftGroups } from "./fusedNormalize";
import { NormStats, channelShape, emptyStats, plainStats } from "./normalize";
import { normalizeWithRunningStats, updateRunningStats } from "./runningStats";

export interface BatchNormOptions {
  /** Added to σ² before the square root (default 1e-5). */
  eps?: number;
  /**
   * PyTorch's momentum: weight of the new batch in the running average (default 0.1).
   * `null` uses a cumulative average over all batches seen (running = mean of all batch stats).
   */
  momentum?: number | null;
  /** Keras's momentum: weight of the *old* running value (e.g. 0.99). Give this or `momentum`, not both. */
  kerasMomentum?: number;
  /** Learn γ and β (default true). */
  affine?: boolean;
  /** Keep running statistics for eval mode (default true); false uses batch statistics always. */
  trackRunningStats?: boolean;
}

/**
 * Converts Keras's BatchNormalization momentum (weight of the old value) to PyTorch's (weight of
 * the new batch): 1 − m.
 * @example gl.nn.kerasToTorchMomentum(0.99) // 0.01 (up to rounding)
 */
export function kerasToTorchMomentum(kerasMomentum: number): number {
  checkRange("kerasToTorchMomentum", "kerasMomentum", kerasMomentum, 0, 1, true);
  return 1 - kerasMomentum;
}

abstract class BatchNorm extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  /** γ, [C] (ones at start), or null without affine. */
  weight: Parameter | null;
  /** β, [C] (zeros at start), or null without affine. */
  bias: Parameter | null;
  /** Running mean, [C] (buffer; zeros at start). */
  declare runningMean: Tensor;
  /** Running (unbiased) variance, [C] (buffer; ones at start). */
  declare runningVar: Tensor;
  /** Number of train-mode batches seen (buffer). */
  declare numBatchesTracked: Tensor;
  /** Per-channel statistics of the last forward (see NormStats). */
  lastStats: NormStats = emptyStats();

  protected abstract readonly ranks: number[];

  constructor(numFeatures: number, opts: BatchNormOptions = {}) {
    super();
    opts = options<typeof opts>(new.target.name, "opts", opts, [
      "eps",
      "momentum",
      "kerasMomentum",
      "affine",
      "trackRunningStats",
    ]) as typeof opts;
    const name = new.target.name;
    checkCount(name, "numFeatures", numFeatures);
    const { eps = 1e-5, affine = true, trackRunningStats = true } = opts;
    checkPositive(name, "eps", eps);
    check(
      opts.kerasMomentum === undefined || opts.momentum === undefined,
      () =>
        new ArgumentError({
          fn: name,
          arg: "kerasMomentum",
          expected: "either momentum (PyTorch's, e.g. 0.1) or kerasMomentum (Keras's, e.g. 0.99), not both",
          received: `momentum = ${show(opts.momentum)}, kerasMomentum = ${show(opts.kerasMomentum)}`,
          fix: "They describe the same average the other way round: momentum = 1 − kerasMomentum.",
        }),
    );
    let momentum: number | null = opts.momentum === undefined ? 0.1 : opts.momentum;
    if (opts.kerasMomentum !== undefined) momentum = kerasToTorchMomentum(opts.kerasMomentum);
    if (momentum !== null)
      checkRange(
        name,
        "momentum",
        momentum,
        0,
        1,
        true,
        "PyTorch's momentum is the weight of the new batch (0.1); a value like 0.99 is Keras's convention: pass { kerasMomentum: 0.99 }.",
      );
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
      this.registerBuffer("numBatchesTracked", zeros([]));
    }
  }

  forward(x: Tensor): Tensor {
    const name = this.constructor.name;
    const C = this.numFeatures;
    check(
      this.ranks.includes(x.rank) && x.shape[1] === C,
      () =>
        new ShapeError({
          fn: `${name}(${C}).forward`,
          arg: "x",
          expected: `${this.ranks.map((r) => (r === 2 ? `[N, ${C}]` : r === 3 ? `[N, ${C}, L]` : `[N, ${C}, H, W]`)).join(" or ")} (channels on axis 1)`,
          received: `shape ${show(x.shape)}`,
          fix:
            x.rank === 4 && name === "BatchNorm1d"
              ? "Use BatchNorm2d for images."
              : x.rank >= 2 && x.shape[1] !== C
                ? `Create ${name}(${x.shape[1]}) to match the ${x.shape[1]} channels of the layer before, or check that channels are on axis 1 (NCHW).`
                : `Give the batch as the first axis: a single example of shape ${show(x.shape)} becomes gl.unsqueeze(x, 0).`,
        }),
    );
    const axes = [0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2)]; // all but the channel axis
    const count = x.size / C;
    const useBatch = this.training || !this.trackRunningStats;
    check(
      !(useBatch && count <= 1),
      () =>
        new ShapeError({
          fn: `${name}.forward`,
          arg: "x",
          expected: "more than 1 value per channel in train mode (a batch variance needs at least 2 values)",
          received: `shape ${show(x.shape)}`,
          fix: "Use a batch of at least 2 samples, call model.eval() for single-sample inference, or use LayerNorm/GroupNorm.",
        }),
    );
    const shape = channelShape(x.rank, C);
    let y: Tensor;
    if (useBatch) {
      const { xHat, mean, variance } = normalizeGroups(x, x.shape[0], C, count / x.shape[0], this.eps);
      this.lastStats = plainStats(mean, variance, [C], axes, count, "batch");
      if (this.training && this.trackRunningStats) {
        this.numBatchesTracked.data[0] += 1;
        const m = this.momentum ?? 1 / this.numBatchesTracked.data[0]; // null: cumulative average
        updateRunningStats(this.runningMean, this.runningVar, mean, variance, 1, count, m);
      }
      y = xHat;
    } else {
      const batch = noGrad(() => normalizeGroups(x.detach(), x.shape[0], C, count / x.shape[0], this.eps));
      this.lastStats = plainStats(batch.mean, batch.variance, [C], axes, count, "running");
      y = normalizeWithRunningStats(x, this.runningMean, this.runningVar, this.eps, shape);
    }
    if (this.weight && this.bias) {
      // γ·x̂ + β per channel: one fused op (the same numbers as add(mul(y, γ), β), tested)
      const mixed = this.weight.dtype !== y.dtype || this.bias.dtype !== y.dtype;
      y = mixed
        ? add(mul(y, reshape(this.weight, shape)), reshape(this.bias, shape))
        : scaleShiftGroups(y, this.weight, this.bias, x.shape[0], C, count / x.shape[0]);
    }
    return y;
  }

  /** Resets the running statistics to mean 0, variance 1 (and the batch count to 0). */
  resetRunningStats(): void {
    if (!this.trackRunningStats) return;
    this.runningMean.data.fill(0);
    this.runningVar.data.fill(1);
    this.runningMean.markChanged();
    this.runningVar.markChanged();
    this.numBatchesTracked.data[0] = 0;
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}, affine=${this.affine}, trackRunningStats=${this.trackRunningStats}`;
  }
}

/**
 * BatchNorm over [N, C] (after a Linear layer) or [N, C, L] inputs: statistics per feature.
 * @example
 * const bn = new gl.nn.BatchNorm1d(16);
 * bn.forward(gl.randn([32, 16]));
 * bn.lastStats.mean.length // 16: one batch mean per feature; bn.runningMean moved 10% towards them
 */
export class BatchNorm1d extends BatchNorm {
  protected readonly ranks = [2, 3];
}

/**
 * BatchNorm over [N, C, H, W] images: statistics per channel, over the batch and all positions.
 * @example
 * const bn = new gl.nn.BatchNorm2d(8, { kerasMomentum: 0.99 }); // same as { momentum: 0.01 }
 * bn.forward(gl.randn([4, 8, 5, 5])).shape // [4, 8, 5, 5]
 */
export class BatchNorm2d extends BatchNorm {
  protected readonly ranks = [4];
}
