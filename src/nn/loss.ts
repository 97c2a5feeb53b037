/**
 * Loss functions (`gl.loss`) and regularization penalties, built from primitive ops (autograd
 * gives their gradients). Each loss takes a `reduction`: "mean" (default), "sum" or "none".
 *   crossEntropy(logits, y)     ℓᵢ = −log softmax(zᵢ)[yᵢ] = logsumexp(zᵢ) − zᵢ[yᵢ]   (stable for large z)
 *     with label smoothing ε:   ℓᵢ = (1 − ε)·(−log pᵢ[yᵢ]) + ε·mean_c(−log pᵢ[c])
 *   nllLoss(logProbs, y)        ℓᵢ = −logProbsᵢ[yᵢ]
 *   mse(yHat, y)                ℓ = (ŷ − y)²          l1(yHat, y)  ℓ = |ŷ − y|
 *   huber(yHat, y, δ)           ℓ = ½d² if |d| ≤ δ, else δ(|d| − ½δ),  d = ŷ − y
 *   binaryCrossEntropyWithLogits(z, y)   ℓ = max(z, 0) − z·y + log(1 + e^(−|z|))   (stable)
 *   binaryCrossEntropy(p, y)    ℓ = −(y·log p + (1 − y)·log(1 − p)), logs clamped at −100 like PyTorch
 *   l1Penalty(params) = Σ|w|,   l2Penalty(params) = Σw²
 * Semantics are PyTorch's (torch.nn.functional), so values carry over.
 */
import { withData } from "../ops/elementwise";
import { reshape } from "../ops/reshape";
import { gather } from "../ops/gather";
import { record } from "../autograd/engine";
import { num, options } from "../args";
import { tensorArg } from "../tensor/check";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { add, maximum, mul, neg, sub } from "../ops/arithmetic";
import { where, le } from "../ops/compare";
import { abs, exp, log, square } from "../ops/math";
import { mean, sum } from "../ops/reduce";
import { logsumexp } from "../ops/statistics";
import { sameShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { tensor } from "../tensor/create";
import { checkRange } from "./validate";

export type Reduction = "mean" | "sum" | "none";

export interface LossOptions {
  /** "mean" (default): average over elements; "sum": total; "none": one loss per element/sample. */
  reduction?: Reduction;
}

function reduce(loss: Tensor, reduction: Reduction, fn: string): Tensor {
  if (reduction === "mean") return mean(loss);
  if (reduction === "sum") return sum(loss);
  if (reduction === "none") return loss;
  throw new ArgumentError({
    fn,
    arg: "reduction",
    expected: '"mean", "sum" or "none"',
    received: show(reduction),
    fix: 'reduction: "mean" (the default) averages over the batch, "sum" adds, "none" keeps one loss per example.',
  });
}

/** Class indices as integers, checked against the logits' shape [N, C]. */
function classIndices(fn: string, input: Tensor, target: Tensor | number[], inputName: string): Int32Array {
  check(
    target instanceof Tensor || Array.isArray(target),
    () =>
      new ArgumentError({
        fn,
        arg: "target",
        expected: "class indices: a tensor or an array of whole numbers, one per sample",
        received: show(target),
        fix: "Pass the labels, e.g. data.y (or gl.tensor([0, 2, 1])).",
      }),
  );
  check(
    input.rank === 2,
    () =>
      new ShapeError({
        fn,
        arg: inputName,
        expected: "shape [N, C]: one row of class scores per sample",
        received: `shape ${show(input.shape)}`,
        fix:
          input.rank === 1
            ? "For a single sample, add the batch axis: gl.unsqueeze(logits, 0)."
            : "Flatten the extra axes into the batch first.",
      }),
  );
  const [N, C] = input.shape;
  const t = target instanceof Tensor ? target : tensor(target, [target.length]);
  check(
    !(t.rank === 2 && sameShape(t.shape, input.shape)),
    () =>
      new ShapeError({
        fn,
        arg: "target",
        expected: `class indices of shape [${N}] (one integer in 0..${C - 1} per sample)`,
        received: `shape ${show(t.shape)}, the shape of the ${inputName} — one-hot targets?`,
        fix: "Pass the class indices: gl.argmax(oneHot, 1).",
      }),
  );
  check(
    t.rank === 1 && t.shape[0] === N,
    () =>
      new ShapeError({
        fn,
        arg: "target",
        expected: `class indices of shape [${N}] (one per row of the ${inputName})`,
        received: `shape ${show(t.shape)}`,
        fix:
          t.size === N
            ? "Flatten the target: gl.reshape(target, [-1])."
            : "The target needs one class index per sample.",
      }),
  );
  const out = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    const v = t.data[i];
    check(
      Number.isInteger(v) && v >= 0 && v < C,
      () =>
        new ArgumentError({
          fn,
          arg: "target",
          expected: `integer class indices in 0..${C - 1} (the ${inputName} have ${C} classes)`,
          received: `${show(v)} at index ${i}`,
          fix: Number.isInteger(v)
            ? v === C
              ? "Labels 1..C must be shifted to 0..C−1."
              : `Give the model ${v + 1} outputs or check the labels.`
            : "Targets must be class indices, not probabilities; for soft targets use a sum of −p·logSoftmax.",
        }),
    );
    out[i] = v;
  }
  return out;
}

/** A constant [N, C] tensor with 1 at (i, target[i]). */
function oneHotMask(indices: Int32Array, like: Tensor): Tensor {
  const [N, C] = like.shape;
  const data = like.dtype === "float64" ? new Float64Array(N * C) : new Float32Array(N * C);
  for (let i = 0; i < N; i++) data[i * C + indices[i]] = 1;
  return new Tensor(data, [N, C]);
}

/** log softmax along the class axis, stable: z − logsumexp(z). */
function logSoftmaxRows(logits: Tensor): Tensor {
  return sub(logits, logsumexp(logits, 1, true));
}

export interface CrossEntropyOptions extends LossOptions {
  /** ε in [0, 1]: the target puts 1 − ε + ε/C on the true class and ε/C on each other class. */
  labelSmoothing?: number;
}

/**
 * Cross-entropy from raw scores (logits) and class indices: mean over the batch of
 * −log softmax(z)[y]. Never apply softmax first: this computes logsumexp stably.
 * With random logits near 0 it starts at ln C (the "initial loss" sanity check).
 * @example
 * gl.loss.crossEntropy(gl.tensor([[2, 0, 0]]), [0]).item() // 0.2395 = −log(e²/(e² + 2))
 */
export function crossEntropy(logits: Tensor, target: Tensor | number[], opts: CrossEntropyOptions = {}): Tensor {
  opts = options<typeof opts>("loss.crossEntropy", "opts", opts, ["labelSmoothing", "reduction"]) as typeof opts;
  tensorArg("loss.crossEntropy", "logits", logits);
  const { reduction = "mean", labelSmoothing = 0 } = opts;
  const fn = "loss.crossEntropy";
  checkRange(fn, "labelSmoothing", labelSmoothing, 0, 1, true);
  const indices = classIndices(fn, logits, target, "logits");
  const logp = logSoftmaxRows(logits); // (N, C)
  // pick −log p of the target class (a mask product would turn a −∞ logit of another class into −∞·0 = NaN)
  let perSample = neg(reshape(gather(logp, 1, tensor(Array.from(indices), [indices.length, 1])), [indices.length])); // (N)
  if (labelSmoothing > 0) {
    const uniform = neg(mean(logp, 1)); // (N): cross-entropy against the uniform distribution
    perSample = add(mul(perSample, 1 - labelSmoothing), mul(uniform, labelSmoothing));
  }
  return reduce(perSample, reduction, fn);
}

/**
 * Negative log-likelihood of class indices given log-probabilities (e.g. the output of
 * gl.logSoftmax): mean of −logProbs[i, yᵢ]. crossEntropy(z, y) = nllLoss(logSoftmax(z), y).
 * @example gl.loss.nllLoss(gl.log(gl.tensor([[0.5, 0.25, 0.25]])), [1]).item() // 1.386 = −log 0.25
 */
export function nllLoss(logProbs: Tensor, target: Tensor | number[], opts: LossOptions = {}): Tensor {
  opts = options<typeof opts>("loss.nllLoss", "opts", opts, ["reduction"]) as typeof opts;
  tensorArg("loss.nllLoss", "logProbs", logProbs);
  const fn = "loss.nllLoss";
  const indices = classIndices(fn, logProbs, target, "logProbs");
  return reduce(neg(sum(mul(logProbs, oneHotMask(indices, logProbs)), 1)), opts.reduction ?? "mean", fn);
}

/** A likely fix for a prediction of shape `a` against a target of shape `b`. */
function compareShapesHint(a: readonly number[], b: readonly number[]): string {
  const squeeze = (s: readonly number[]): string => show(s.filter((d) => d !== 1));
  if (squeeze(a) === squeeze(b))
    return `They differ only in size-1 axes: reshape one, e.g. gl.reshape(target, ${show([...a])}) (broadcasting [N, 1] against [N] would silently give [N, N]).`;
  return "Make the model output one value per target value.";
}

function checkSameShape(fn: string, yHat: Tensor, y: Tensor): void {
  check(
    sameShape(yHat.shape, y.shape),
    () =>
      new ShapeError({
        fn,
        arg: "target",
        expected: `the prediction's shape ${show(yHat.shape)}`,
        received: `shape ${show(y.shape)}`,
        fix: compareShapesHint(yHat.shape, y.shape),
      }),
  );
}

/**
 * Mean squared error: mean of (ŷ − y)². Prediction and target must have the same shape (a [N, 1]
 * prediction against a [N] target would silently broadcast to [N, N]).
 * @example gl.loss.mse(gl.tensor([1, 2]), gl.tensor([1, 4])).item() // 2
 */
export function mse(yHat: Tensor, y: Tensor, opts: LossOptions = {}): Tensor {
  opts = options<typeof opts>("loss.mse", "opts", opts, ["reduction"]) as typeof opts;
  tensorArg("loss.mse", "yHat", yHat);
  tensorArg("loss.mse", "y", y);
  checkSameShape("loss.mse", yHat, y);
  return reduce(square(sub(yHat, y)), opts.reduction ?? "mean", "loss.mse");
}

/** Mean absolute error: mean of |ŷ − y|. @example gl.loss.l1(gl.tensor([1, 2]), gl.tensor([1, 4])).item() // 1 */
export function l1(yHat: Tensor, y: Tensor, opts: LossOptions = {}): Tensor {
  opts = options<typeof opts>("l1", "opts", opts, ["reduction"]) as typeof opts;
  tensorArg("loss.l1", "yHat", yHat);
  tensorArg("loss.l1", "y", y);
  checkSameShape("loss.l1", yHat, y);
  return reduce(abs(sub(yHat, y)), opts.reduction ?? "mean", "loss.l1");
}

export interface HuberOptions extends LossOptions {
  /** Where the loss turns from quadratic to linear (default 1). */
  delta?: number;
}

/**
 * Huber loss: quadratic for small errors, linear (robust to outliers) for large ones:
 * ½d² if |d| ≤ δ, else δ(|d| − ½δ). Its gradient is d clipped to [−δ, δ].
 * @example gl.loss.huber(gl.tensor([0, 0]), gl.tensor([0.5, 3])).item() // (0.125 + 2.5)/2
 */
export function huber(yHat: Tensor, y: Tensor, opts: HuberOptions = {}): Tensor {
  opts = options<typeof opts>("loss.huber", "opts", opts, ["delta", "reduction"]) as typeof opts;
  tensorArg("loss.huber", "yHat", yHat);
  tensorArg("loss.huber", "y", y);
  const { delta = 1, reduction = "mean" } = opts;
  const fn = "loss.huber";
  num(fn, "delta", delta, {
    min: 0,
    minExclusive: true,
    expected: "δ > 0",
    fix: "δ is where the loss turns from squared to linear, e.g. 1.",
  });
  checkSameShape(fn, yHat, y);
  const d = sub(yHat, y);
  const a = abs(d);
  const quadratic = mul(square(d), 0.5);
  const linear = mul(sub(a, 0.5 * delta), delta);
  return reduce(where(le(a.detach(), delta), quadratic, linear), reduction, fn);
}

/**
 * Binary cross-entropy from logits z and targets y in [0, 1]:
 * max(z, 0) − z·y + log(1 + e^(−|z|)), the stable form of −(y·log σ(z) + (1 − y)·log(1 − σ(z))).
 * @example gl.loss.binaryCrossEntropyWithLogits(gl.tensor([0]), gl.tensor([1])).item() // 0.6931... (ln 2)
 */
export function binaryCrossEntropyWithLogits(logits: Tensor, y: Tensor, opts: LossOptions = {}): Tensor {
  opts = options<typeof opts>("loss.binaryCrossEntropyWithLogits", "opts", opts, ["reduction"]) as typeof opts;
  tensorArg("loss.binaryCrossEntropyWithLogits", "logits", logits);
  tensorArg("loss.binaryCrossEntropyWithLogits", "y", y);
  const fn = "loss.binaryCrossEntropyWithLogits";
  checkSameShape(fn, logits, y);
  checkProbabilities(fn, y);
  const loss = add(sub(maximum(logits, 0), mul(logits, y)), log(add(exp(neg(abs(logits))), 1)));
  return reduce(loss, opts.reduction ?? "mean", fn);
}

/**
 * Binary cross-entropy from probabilities p (after a sigmoid): −(y·log p + (1 − y)·log(1 − p)),
 * each log clamped at −100 as PyTorch does. Prefer binaryCrossEntropyWithLogits: it is stable.
 * @example gl.loss.binaryCrossEntropy(gl.tensor([0.5]), gl.tensor([1])).item() // 0.6931...
 */
export function binaryCrossEntropy(p: Tensor, y: Tensor, opts: LossOptions = {}): Tensor {
  opts = options<typeof opts>("loss.binaryCrossEntropy", "opts", opts, ["reduction"]) as typeof opts;
  tensorArg("loss.binaryCrossEntropy", "p", p);
  tensorArg("loss.binaryCrossEntropy", "y", y);
  const fn = "loss.binaryCrossEntropy";
  checkSameShape(fn, p, y);
  checkProbabilities(fn, y);
  let min = Infinity;
  let max = -Infinity;
  for (const v of p.data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  check(
    min >= 0 && max <= 1,
    () =>
      new ArgumentError({
        fn,
        arg: "p",
        expected: "probabilities in [0, 1]",
        received: `values from ${show(min)} to ${show(max)}`,
        fix: "Did you pass logits? Use gl.loss.binaryCrossEntropyWithLogits, or apply gl.sigmoid first.",
      }),
  );
  // PyTorch's definition: logs clamped at −100, and the gradient (p − y)/max(p(1 − p), 1e-12), finite at p = 0 or 1
  const pd = p.data;
  const yd = y.data;
  const values = withData(
    p,
    pd.map((v, i) => -(yd[i] * Math.max(Math.log(v), -100) + (1 - yd[i]) * Math.max(Math.log(1 - v), -100))),
  );
  const dp = withData(
    p,
    pd.map((v, i) => (v - yd[i]) / Math.max(v * (1 - v), 1e-12)),
  );
  const loss = record(values, "binaryCrossEntropy", [p], (g) => [mul(g, dp)]);
  return reduce(loss, opts.reduction ?? "mean", fn);
}

function checkProbabilities(fn: string, y: Tensor): void {
  for (let i = 0; i < y.size; i++) {
    const v = y.data[i];
    check(
      v >= 0 && v <= 1,
      () =>
        new ArgumentError({
          fn,
          arg: "target",
          expected: "targets in [0, 1] (labels 0/1 or probabilities)",
          received: `${show(v)} at flat index ${i}`,
          fix: v === -1 ? "Map labels −1/+1 to 0/1: (y + 1)/2." : undefined,
        }),
    );
  }
}

function checkParams(fn: string, params: Tensor[]): void {
  check(
    Array.isArray(params) && params.every((p) => p instanceof Tensor),
    () =>
      new ArgumentError({
        fn,
        arg: "params",
        expected: "an array of tensors, e.g. model.parameters()",
        received: show(params),
        fix: "Pass model.parameters() (a list of tensors), not the model or one tensor.",
      }),
  );
}

/**
 * L1 penalty Σ|w| over the parameters; add λ·l1Penalty(ps) to the loss. Its gradient λ·sign(w)
 * pushes every weight towards 0 by the same amount (from either side), which makes weights
 * exactly 0: sparse models.
 * @example gl.loss.l1Penalty([gl.tensor([3, -4]), gl.tensor([1])]).item() // 8
 */
export function l1Penalty(params: Tensor[]): Tensor {
  checkParams("loss.l1Penalty", params);
  return params.map((p) => sum(abs(p))).reduce((a, b) => add(a, b), tensor(0));
}

/**
 * L2 penalty Σw² over the parameters. Adding (λ/2)·l2Penalty(ps) to the loss adds λ·w to each
 * gradient — exactly SGD's `weightDecay: λ`. (With Adam they differ: that is why AdamW exists.)
 * @example gl.loss.l2Penalty([gl.tensor([3, -4])]).item() // 25
 */
export function l2Penalty(params: Tensor[]): Tensor {
  checkParams("loss.l2Penalty", params);
  return params.map((p) => sum(square(p))).reduce((a, b) => add(a, b), tensor(0));
}
