/**
 * Statistics built from primitives (their gradients come by composition):
 *   variance  σ² = Σ(x − μ)² / (n − 1 if unbiased else n)     std = √σ²
 *   logsumexp = m + log Σ exp(x − m), m = max x (stable for large x)
 *   norm      ‖x‖_p = (Σ |x|ᵖ)^(1/p)
 */
import { record } from "../autograd/engine";
import { ArgumentError, check, show } from "../errors";
import { bool, optionalNum, options } from "../args";
import { tensorArg } from "../tensor/check";
import { Tensor } from "../tensor/tensor";
import { add, div, mul, pow, sub } from "./arithmetic";
import { mapData } from "./elementwise";
import { abs, exp, log, sqrt, square } from "./math";
import { Axes, checkNotEmpty, max, mean, MEAN_OF_NOTHING, reducedShapes, sum } from "./reduce";
import { sizeOf } from "../tensor/shape";
import { reshape } from "./reshape";

export interface VarianceOptions {
  /** Divide by n − 1 (Bessel's correction) instead of n. Default true, like PyTorch's torch.var. */
  unbiased?: boolean;
  keepDims?: boolean;
}

/**
 * Variance over axes. `unbiased: true` (default) divides by n − 1, `false` by n — BatchNorm
 * normalizes with the biased one.
 * @example gl.variance(gl.tensor([1, 2, 3, 4]), undefined, { unbiased: false }).item() // 1.25
 */
export function variance(x: Tensor, axes?: Axes | null, opts: VarianceOptions = {}): Tensor {
  tensorArg("variance", "x", x);
  return varianceOf("variance", x, axes, opts);
}

function varianceOf(fn: string, x: Tensor, axes: Axes | null | undefined, opts: unknown): Tensor {
  const o = options<VarianceOptions>(fn, "opts", opts, ["unbiased", "keepDims"]);
  const unbiased = bool(fn, "unbiased", o.unbiased, true);
  const keepDims = bool(fn, "keepDims", o.keepDims, false);
  const { kept, axes: list } = reducedShapes(fn, x, axes);
  if (sizeOf(kept) > 0) checkNotEmpty(fn, x, list, MEAN_OF_NOTHING);
  const n =
    x.size /
    Math.max(
      1,
      kept.reduce((p, q) => p * q, 1),
    );
  // PyTorch returns NaN (with a warning) for the unbiased variance of one value: n − 1 = 0 divides 0
  // by 0. A NaN that spreads silently through a lesson is worse than an error that says why.
  check(
    !unbiased || n >= 2 || sizeOf(kept) === 0,
    () =>
      new ArgumentError({
        fn,
        arg: "unbiased",
        expected: "at least 2 values in each slice reduced over (the unbiased estimate divides by n − 1)",
        received: `1 value per slice (x of shape ${show(x.shape)}, axes ${show(axes ?? "all")})`,
        fix:
          "Pass { unbiased: false } to divide by n (the spread of a single value is then 0), " +
          "or reduce over an axis that holds more than one value.",
      }),
  );
  const mu = mean(x, axes, true);
  const ss = sum(square(sub(x, mu)), axes, keepDims);
  return div(ss, unbiased ? n - 1 : n);
}

/** Standard deviation √variance. @example gl.std(gl.tensor([1, 3]), undefined, { unbiased: false }).item() // 1 */
export function std(x: Tensor, axes?: Axes | null, opts: VarianceOptions = {}): Tensor {
  tensorArg("std", "x", x);
  return sqrt(varianceOf("std", x, axes, opts));
}

/**
 * log Σ exp(x) over axes, computed as m + log Σ exp(x − m) so large values do not overflow.
 * @example gl.logsumexp(gl.tensor([1000, 1000])).item() // 1000.693...
 */
export function logsumexp(x: Tensor, axes?: Axes | null, keepDims = false): Tensor {
  tensorArg("logsumexp", "x", x);
  keepDims = bool("logsumexp", "keepDims", keepDims, false);
  const { kept, dropped } = reducedShapes("logsumexp", x, axes);
  // a constant shift: it cancels in the gradient. Where a whole slice is −∞ the shift is 0, so the
  // answer is log 0 = −∞ (as PyTorch), not −∞ − (−∞) = NaN
  const m = mapData(max(x.detach(), axes, true), (v) => (Number.isFinite(v) ? v : 0));
  const out = add(log(sum(exp(sub(x, m)), axes, true)), m);
  return keepDims ? reshape(out, kept) : reshape(out, dropped);
}

/**
 * ‖x‖₂ with PyTorch's gradient at the zero vector: x/‖x‖ elsewhere, 0 there (the composite
 * sqrt(Σx²) would give 0/0 = NaN).
 */
function euclideanNorm(x: Tensor, axes: Axes | null | undefined, keepDims: boolean): Tensor {
  const { kept, dropped } = reducedShapes("norm", x, axes);
  const length = sqrt(sum(square(x.detach()), axes, true)); // (kept), outside the graph
  const out = reshape(length, keepDims ? kept : dropped).detach();
  return record(out, "norm", [x], (g) => [
    mul(
      reshape(g, kept),
      div(
        x.detach(),
        mapData(length, (v) => (v === 0 ? 1 : v)),
      ),
    ),
  ]);
}

/**
 * p-norm over axes (default p = 2: the Euclidean length).
 * @example gl.norm(gl.tensor([3, 4])).item() // 5
 */
export function norm(x: Tensor, p = 2, axes?: Axes | null, keepDims = false): Tensor {
  tensorArg("norm", "x", x);
  p = optionalNum("norm", "p", p, 2, {
    min: 0,
    minExclusive: true,
    allowInfinity: true,
    expected: "p > 0 (1, 2 or Infinity are usual)",
    fix: "p = 1 (sum of |x|), 2 (Euclidean length) or Infinity (largest |x|) are the usual norms.",
  });
  if (p === Infinity) return max(abs(x), axes, keepDims);
  if (p === 2) return euclideanNorm(x, axes, keepDims);
  if (p === 1) return sum(abs(x), axes, keepDims);
  return pow(sum(pow(abs(x), p), axes, keepDims), 1 / p);
}
