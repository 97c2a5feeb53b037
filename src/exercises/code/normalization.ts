/**
 * Code exercises of lesson 06 (normalization): batch normalization's forward pass in training and
 * in evaluation, for [N, C] and [N, C, H, W] inputs (statistics per channel C),
 *   train: μ = mean over (N, H, W), σ² = biased variance (÷ m), y = γ·(x − μ)/√(σ² + ε) + β
 *   eval:  the same with the running estimates in place of μ and σ²
 */
import { add, div, mean, mul, reshape, sqrt, sub, variance } from "../../ops";
import { rand, randn, tensor } from "../../tensor/create";
import { Tensor } from "../../tensor/tensor";
import type { CodeExerciseSpec } from "../codeGrader";

/** The axes BN reduces over: every axis but the channel axis 1. */
const statAxes = (x: Tensor): number[] => x.shape.map((_, i) => i).filter((i) => i !== 1);
/** [C] → [1, C] or [1, C, 1, 1], to broadcast over x. */
const perChannel = (v: Tensor, x: Tensor): Tensor =>
  reshape(
    v,
    x.shape.map((d, i) => (i === 1 ? d : 1)),
  );

function trainWith(
  x: Tensor,
  gamma: Tensor,
  beta: Tensor,
  eps: number,
  opts: { axes?: number[]; unbiased?: boolean; denominator?: (v: Tensor) => Tensor } = {},
): { y: Tensor; mean: Tensor; variance: Tensor } {
  const axes = opts.axes ?? statAxes(x);
  const mu = mean(x, axes, true);
  const v = variance(x, axes, { unbiased: opts.unbiased ?? false, keepDims: true });
  const den = opts.denominator ? opts.denominator(v) : sqrt(add(v, eps));
  const y = add(mul(perChannel(gamma, x), div(sub(x, mu), den)), perChannel(beta, x));
  const flatStat = (s: Tensor): Tensor =>
    axes.length === statAxes(x).length && axes.every((a, i) => a === statAxes(x)[i]) ? reshape(s, [x.shape[1]]) : s;
  return { y, mean: flatStat(mu), variance: flatStat(v) };
}

const trainRef = (x: Tensor, gamma: Tensor, beta: Tensor, eps: number) => trainWith(x, gamma, beta, eps);

const bnCase =
  (shape: number[], eps = 1e-5) =>
  (): unknown[] => {
    const x = add(mul(randn(shape), 2), 1);
    const C = shape[1];
    return [x, add(rand([C]), 0.5), randn([C]), eps];
  };

const NO_SHORTCUT = [
  {
    pattern: /\bnew\s+[\w.]*\bBatchNorm[12]d\b|\.\s*(batchNorm|normalize|layerNorm|groupNorm|instanceNorm)\s*\(/,
    message:
      "Your function uses gradlab's BatchNorm (or a normalize helper): the point is to write the normalization from mean, variance, sub, div and sqrt.",
  },
];

/** batchNormTrain(x, gamma, beta, eps) → { y, mean, variance }. */
export const batchNormTrain: CodeExerciseSpec = {
  lesson: "normalization",
  prompt:
    "Write batchNormTrain(x, gamma, beta, eps) → { y, mean, variance } for x of shape [N, C] or [N, C, H, W]: batch statistics per channel, mean and variance of shape [C].",
  hint: "One mean and one variance per channel: reduce over every axis except axis 1 (keepDims helps broadcasting). Which variance does BN normalize with, ÷N or ÷(N − 1)? Where does ε go, and what scales x̂?",
  signature: "batchNormTrain(x, gamma, beta, eps) → { y, mean, variance }",
  args: ["x", "gamma", "beta", "eps"],
  cases: [
    { label: "a [4, 3] batch", make: bnCase([4, 3]) },
    { label: "a batch of 2, shape [2, 5]", make: bnCase([2, 5]) },
    { label: "an image batch [3, 2, 4, 5]", make: bnCase([3, 2, 4, 5]) },
    { label: "a batch of 1 image [1, 3, 3, 2]", make: bnCase([1, 3, 3, 2]) },
    { label: "a [6, 2] batch with a large ε = 0.5", make: bnCase([6, 2], 0.5) },
  ],
  reference: trainRef,
  wrong: [
    {
      name: "unbiased variance",
      fn: (x: Tensor, g: Tensor, b: Tensor, eps: number) => trainWith(x, g, b, eps, { unbiased: true }),
      why: "You used the unbiased variance (÷ (m − 1)). BN normalizes with the biased batch variance, ÷ m (m = elements per channel); PyTorch puts the unbiased one only into the running estimate.",
    },
    {
      name: "σ instead of σ²",
      fn: (x: Tensor, g: Tensor, b: Tensor, eps: number) =>
        trainWith(x, g, b, eps, { denominator: (v) => sqrt(add(sqrt(v), eps)) }),
      why: "Inside the square root you put σ (the standard deviation) where the variance σ² belongs: x̂ = (x − μ)/√(σ² + ε).",
    },
    {
      name: "no square root",
      fn: (x: Tensor, g: Tensor, b: Tensor, eps: number) =>
        trainWith(x, g, b, eps, { denominator: (v) => add(v, eps) }),
      why: "You divided by σ² + ε; BN divides by its square root √(σ² + ε), the standard deviation.",
    },
    {
      name: "ε outside the square root",
      fn: (x: Tensor, g: Tensor, b: Tensor, eps: number) =>
        trainWith(x, g, b, eps, { denominator: (v) => add(sqrt(v), eps) }),
      why: "You added ε after the square root, √σ² + ε; it goes inside: √(σ² + ε) (it shows when ε is large).",
    },
    {
      name: "statistics over the wrong axes (per example)",
      fn: (x: Tensor, g: Tensor, b: Tensor, eps: number) =>
        trainWith(x, g, b, eps, { axes: x.shape.map((_, i) => i).filter((i) => i !== 0) }),
      why: "Your statistics are per example (over C, H, W): that is layer normalization. BN takes one mean and variance per channel, over the batch (and H, W).",
    },
    {
      name: "statistics over N only",
      fn: (x: Tensor, g: Tensor, b: Tensor, eps: number) => trainWith(x, g, b, eps, { axes: [0] }),
      why: "Right for [N, C], but on images you reduced over the batch axis only, one statistic per (C, H, W) position. BatchNorm2d shares one mean and variance per channel over N, H and W.",
    },
    {
      name: "statistics over H, W only",
      fn: (x: Tensor, g: Tensor, b: Tensor, eps: number) =>
        x.shape.length === 4 ? trainWith(x, g, b, eps, { axes: [2, 3] }) : trainRef(x, g, b, eps),
      why: "On images you reduced over H and W per example: that is instance normalization. BN also averages over the batch axis N.",
    },
    {
      name: "γ·x + β",
      fn: (x: Tensor, g: Tensor, b: Tensor, eps: number) => ({
        ...trainRef(x, g, b, eps),
        y: add(mul(perChannel(g, x), x), perChannel(b, x)),
      }),
      why: "Your y is γ·x + β: γ and β scale and shift the normalized x̂ = (x − μ)/√(σ² + ε), not x itself.",
    },
    {
      name: "mean of the whole batch",
      fn: (x: Tensor, g: Tensor, b: Tensor, eps: number) => {
        const mu = mean(x);
        const v = mean(mul(sub(x, mu), sub(x, mu)));
        const C = x.shape[1];
        const r = trainRef(x, g, b, eps);
        const xHat = div(sub(x, mu), sqrt(add(v, eps)));
        return {
          ...r,
          y: add(mul(perChannel(g, x), xHat), perChannel(b, x)),
          mean: mul(tensor(new Array(C).fill(1)), mu),
          variance: mul(tensor(new Array(C).fill(1)), v),
        };
      },
      why: "You used one mean and variance for the whole tensor; BN keeps one per channel (axis 1), so channels with different scales are each normalized.",
    },
  ],
  shortcuts: NO_SHORTCUT,
  explain: "Each channel now has mean β and std γ over the batch, exactly (up to ε).",
};

const evalRef = (x: Tensor, rm: Tensor, rv: Tensor, g: Tensor, b: Tensor, eps: number): Tensor =>
  add(mul(perChannel(g, x), div(sub(x, perChannel(rm, x)), sqrt(add(perChannel(rv, x), eps)))), perChannel(b, x));

const evalCase =
  (shape: number[], eps = 1e-5) =>
  (): unknown[] => {
    const C = shape[1];
    return [add(mul(randn(shape), 2), 1), randn([C]), add(rand([C]), 0.5), add(rand([C]), 0.5), randn([C]), eps];
  };

/** batchNormEval(x, runningMean, runningVar, gamma, beta, eps) → y. */
export const batchNormEval: CodeExerciseSpec = {
  lesson: "normalization",
  prompt:
    "Write batchNormEval(x, runningMean, runningVar, gamma, beta, eps) → y: BN in eval mode, for [N, C] or [N, C, H, W] (the statistics are given per channel, shape [C]).",
  hint: "In eval mode nothing is computed from the batch: use the running estimates where training used μ and σ². Reshape a [C] vector so it lines up with axis 1 of x.",
  signature: "batchNormEval(x, runningMean, runningVar, gamma, beta, eps) → y",
  args: ["x", "runningMean", "runningVar", "gamma", "beta", "eps"],
  cases: [
    { label: "a [4, 3] batch", make: evalCase([4, 3]) },
    { label: "a batch of 1, shape [1, 4]", make: evalCase([1, 4]) },
    { label: "an image batch [2, 3, 4, 2]", make: evalCase([2, 3, 4, 2]) },
    { label: "a [3, 2] batch with a large ε = 0.5", make: evalCase([3, 2], 0.5) },
  ],
  reference: evalRef,
  wrong: [
    {
      name: "batch statistics",
      fn: (x: Tensor, _rm: Tensor, _rv: Tensor, g: Tensor, b: Tensor, eps: number) => trainRef(x, g, b, eps).y,
      why: "You normalized with the batch's own mean and variance: that is training mode. In eval mode BN uses the running estimates, so an example's output does not depend on the rest of the batch (a batch of 1 works).",
    },
    {
      name: "σ instead of σ²",
      fn: (x: Tensor, rm: Tensor, rv: Tensor, g: Tensor, b: Tensor, eps: number) => evalRef(x, rm, sqrt(rv), g, b, eps),
      why: "You treated runningVar as a standard deviation (took its square root first): it is a variance, used as √(runningVar + ε).",
    },
    {
      name: "no square root",
      fn: (x: Tensor, rm: Tensor, rv: Tensor, g: Tensor, b: Tensor, eps: number) =>
        add(mul(perChannel(g, x), div(sub(x, perChannel(rm, x)), add(perChannel(rv, x), eps))), perChannel(b, x)),
      why: "You divided by runningVar + ε; divide by its square root √(runningVar + ε).",
    },
    {
      name: "γ·x + β",
      fn: (x: Tensor, _rm: Tensor, _rv: Tensor, g: Tensor, b: Tensor) =>
        add(mul(perChannel(g, x), x), perChannel(b, x)),
      why: "Your y is γ·x + β: x must be normalized first with the running statistics, then scaled by γ and shifted by β.",
    },
    {
      name: "ε outside the square root",
      fn: (x: Tensor, rm: Tensor, rv: Tensor, g: Tensor, b: Tensor, eps: number) =>
        add(mul(perChannel(g, x), div(sub(x, perChannel(rm, x)), add(sqrt(perChannel(rv, x)), eps))), perChannel(b, x)),
      why: "You added ε after the square root; it goes inside: √(runningVar + ε).",
    },
  ],
  shortcuts: NO_SHORTCUT,
  explain:
    "With fixed statistics BN in eval mode is one affine map per channel, which is why it can be folded into the previous layer.",
};
