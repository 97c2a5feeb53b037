/**
 * Running statistics, the one definition BatchNorm and InstanceNorm share. In train mode each
 * batch moves the running averages, per channel c:
 *   runningMean[c] = (1 − m)·runningMean[c] + m·μ[c]
 *   runningVar[c]  = (1 − m)·runningVar[c]  + m·σ²[c]·n/(n − 1)   (unbiased, as PyTorch keeps it)
 * with m = momentum (PyTorch's convention: the weight of the new batch; Keras's 0.99 is 1 − m).
 * InstanceNorm's μ[c], σ²[c] are its per-(sample, channel) statistics averaged over the batch.
 * In eval mode the layer normalizes with them instead of the batch's:
 *   x̂ = (x − runningMean) / √(runningVar + ε)
 */
import { add, div, sub } from "../../ops/arithmetic";
import { sqrt } from "../../ops/math";
import { reshape } from "../../ops/reshape";
import type { Tensor } from "../../tensor/tensor";

/**
 * Moves the running averages toward one batch. `mean` and `variance` (biased) hold `rows` rows of
 * C per-channel values (BatchNorm: 1 row; InstanceNorm: one row per sample, averaged), each over
 * `count` values.
 */
export function updateRunningStats(
  runningMean: Tensor,
  runningVar: Tensor,
  mean: ArrayLike<number>,
  variance: ArrayLike<number>,
  rows: number,
  count: number,
  momentum: number,
): void {
  const C = runningMean.size;
  const rm = runningMean.data;
  const rv = runningVar.data;
  const correction = count / (count - 1); // unbiased variance
  for (let c = 0; c < C; c++) {
    let mu = 0;
    let v = 0;
    for (let r = 0; r < rows; r++) {
      mu += mean[r * C + c];
      v += variance[r * C + c];
    }
    rm[c] = (1 - momentum) * rm[c] + momentum * (mu / rows);
    rv[c] = (1 - momentum) * rv[c] + momentum * (v / rows) * correction;
  }
  runningMean.markChanged();
  runningVar.markChanged();
}

/** Eval mode: x̂ = (x − runningMean)/√(runningVar + ε), the running vectors broadcast as `shape` ([1, C, 1, …]). */
export function normalizeWithRunningStats(
  x: Tensor,
  runningMean: Tensor,
  runningVar: Tensor,
  eps: number,
  shape: number[],
): Tensor {
  return div(sub(x, reshape(runningMean, shape)), sqrt(add(reshape(runningVar, shape), eps)));
}
