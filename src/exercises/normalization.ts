/**
 * Exercises of lesson 06 (normalization layers):
 * `gl.exercises.normalization.check(id, answer)` prints and returns { correct, message }.
 * Expected values are computed with gradlab's own layers; a wrong answer is compared with what
 * the common mistakes give (the unbiased variance, dividing by σ² instead of σ, γ·x + β without
 * normalizing, Keras's momentum in PyTorch's place, forgetting the batch axis in GroupNorm).
 */
import { noGrad } from "../autograd/mode";
import { BatchNorm1d } from "../nn/norm/batchnorm";
import { tensor } from "../tensor/create";
import { close } from "./compare";
import { defineExercises, Exercise } from "./define";
import { fail, Grade, pass } from "./result";
import * as code from "./code/normalization";
import { codeExercise } from "./codeExercise";

const isNumber = (a: unknown): a is number => typeof a === "number" && Number.isFinite(a);
/** Within the framework's DEFAULT_TOLERANCE (or a tighter rtol). */
const near = (a: number, b: number, rtol?: number) => close(a, b, { rtol });
const nearAll = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => near(v, b[i]));

/** The batch used by exercises 1 and 2: one feature, four examples. */
const BATCH = [1, 2, 3, 6];
const GAMMA = 2;
const BETA = 1;

function toNumbers(answer: unknown): number[] | null {
  if (Array.isArray(answer) && answer.every(isNumber)) return answer;
  if (answer && typeof answer === "object" && "data" in answer)
    return Array.from((answer as { data: ArrayLike<number> }).data);
  return null;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const biasedVar = (xs: number[]) => mean(xs.map((x) => (x - mean(xs)) ** 2));
const unbiasedVar = (xs: number[]) => (biasedVar(xs) * xs.length) / (xs.length - 1);

const graders = {
  bnOutput: {
    prompt: "BatchNorm in train mode on one feature, batch x = [1, 2, 3, 6], γ = 2, β = 1, ε = 0: the output y?",
    hint: "μ and σ² of the batch (divide by n), x̂ = (x − μ)/√σ², then y = γ·x̂ + β.",
    grade(answer: unknown): Grade {
      const a = toNumbers(answer);
      if (!a) return fail("expected an array of 4 numbers (or a tensor), e.g. [0.1, 0.2, 0.3, 0.4].");
      if (a.every((v) => v === 0)) return fail("all zeros is the placeholder: replace it with your answer.");
      const mu = mean(BATCH);
      const y = BATCH.map((x) => (GAMMA * (x - mu)) / Math.sqrt(biasedVar(BATCH)) + BETA);
      if (nearAll(a, y)) return pass(`μ = ${mu}, σ² = ${biasedVar(BATCH)} (divided by n = 4), y = 2·(x − 3)/√3.5 + 1.`);
      if (
        nearAll(
          a,
          BATCH.map((x) => (GAMMA * (x - mu)) / Math.sqrt(unbiasedVar(BATCH)) + BETA),
        )
      )
        return fail(
          "you used the unbiased variance (divided by n − 1 = 3). BatchNorm normalizes with the biased one (divide by n = 4).",
          "unbiased-variance",
        );
      if (
        nearAll(
          a,
          BATCH.map((x) => (GAMMA * (x - mu)) / biasedVar(BATCH) + BETA),
        )
      )
        return fail("you divided by σ² = 3.5; divide by σ = √(σ² + ε) = √3.5.", "divided-by-variance");
      if (
        nearAll(
          a,
          BATCH.map((x) => GAMMA * x + BETA),
        )
      )
        return fail(
          "that is γ·x + β: the scale and shift apply to the NORMALIZED x̂ = (x − μ)/√(σ² + ε), not to x.",
          "not-normalized",
        );
      if (
        nearAll(
          a,
          BATCH.map((x) => (x - mu) / Math.sqrt(biasedVar(BATCH))),
        )
      )
        return fail("that is x̂: now scale and shift it, y = γ·x̂ + β with γ = 2, β = 1.", "no-scale-shift");
      if (
        nearAll(
          a,
          BATCH.map((x) => (GAMMA * (x - mu)) / Math.sqrt(biasedVar(BATCH))),
        )
      )
        return fail("you forgot β: add 1.", "no-shift");
      return fail("compute μ = mean(x), σ² = mean((x − μ)²), x̂ = (x − μ)/σ, y = 2·x̂ + 1.");
    },
  },
  runningVar: {
    prompt:
      "PyTorch BatchNorm1d(1) (momentum 0.1) starts with runningVar = 1. After one train-mode forward on x = [1, 2, 3, 6], what is runningVar?",
    hint: "running = (1 − momentum)·running + momentum·(batch variance); which batch variance does PyTorch store?",
    grade(answer: unknown): Grade {
      if (!isNumber(answer)) return fail(`expected a number, got ${JSON.stringify(answer)}.`);
      if (answer === 0) return fail("0 is the placeholder: replace it with your answer.");
      const bn = new BatchNorm1d(1);
      noGrad(() => bn.forward(tensor(BATCH.map((x) => [x]))));
      const expected = bn.runningVar.data[0];
      if (near(answer, expected))
        return pass(
          `0.9·1 + 0.1·${unbiasedVar(BATCH).toFixed(4)} = ${expected.toFixed(4)}: PyTorch stores the UNBIASED batch variance (÷ (n − 1)) in the running estimate, though it normalizes with the biased one.`,
        );
      if (near(answer, 0.9 + 0.1 * biasedVar(BATCH)))
        return fail(
          "you used the biased variance 3.5; the running estimate gets the unbiased one, 3.5·4/3.",
          "biased-variance",
        );
      if (near(answer, 0.1 + 0.9 * unbiasedVar(BATCH)) || near(answer, 0.1 + 0.9 * biasedVar(BATCH)))
        return fail(
          "you weighted the new batch by 0.9: PyTorch's momentum 0.1 is the weight of the NEW batch (Keras's 0.99 is the weight of the OLD value).",
          "keras-weighting",
        );
      if (near(answer, unbiasedVar(BATCH)) || near(answer, biasedVar(BATCH)))
        return fail(
          "that is the batch variance itself; the running value moves only 10 % of the way towards it.",
          "batch-variance",
        );
      return fail("running = 0.9·running + 0.1·(unbiased batch variance).");
    },
  },
  kerasPort: {
    prompt:
      "A Keras model has BatchNormalization(momentum=0.9, epsilon=1e-3). Give { momentum, eps } for gl.nn.BatchNorm1d that reproduce its running mean and its outputs.",
    hint: "Keras's momentum is the weight of the old running value, PyTorch's (and gradlab's) the weight of the new batch. And ε is not the same default in the two libraries.",
    grade(answer: unknown): Grade {
      const a = answer as { momentum?: unknown; eps?: unknown };
      if (!a || typeof a !== "object" || !isNumber(a.momentum) || !isNumber(a.eps))
        return fail("expected an object { momentum: number, eps: number }.");
      if (a.momentum === 0 && a.eps === 0)
        return fail("{ momentum: 0, eps: 0 } is the placeholder: replace it with your answer.");
      const momentumOk = near(a.momentum, 0.1, 1e-6);
      const epsOk = near(a.eps, 1e-3, 1e-9);
      if (momentumOk && epsOk)
        return pass(
          "momentum 0.1 = 1 − 0.9 weighs the new batch as Keras's 0.9 does, and ε = 1e-3 is the Keras layer's. (The running variances still differ: Keras averages the biased batch variance.)",
        );
      if (near(a.momentum, 0.9, 1e-6))
        return fail(
          "0.9 in PyTorch's convention would weigh the NEW batch by 90 %: the two libraries write the same average the other way round.",
          "keras-value",
        );
      if (near(a.momentum, 0.01, 1e-6))
        return fail("0.01 is what Keras's 0.99 becomes; this layer's Keras momentum is 0.9.", "keras-0.99");
      if (momentumOk && near(a.eps, 1e-5, 1e-9))
        return fail(
          "The momentum is right; ε = 1e-5 is PyTorch's default. This Keras layer uses 1e-3, which changes every output (most for channels with a small variance).",
          "pytorch-eps",
        );
      if (momentumOk) return fail("The momentum is right; use the Keras layer's ε.", "eps");
      return fail("PyTorch's momentum is the weight of the new batch: 1 − (Keras's momentum).");
    },
  },
  groupCount: {
    prompt:
      "GroupNorm(4, 32) on a (6, 32, 7, 7) tensor: how many means does it compute, and over how many values each? Answer { statistics, perStatistic }.",
    hint: "GroupNorm normalizes each example separately, within each group of channels.",
    grade(answer: unknown): Grade {
      const a = answer as { statistics?: unknown; perStatistic?: unknown };
      if (!a || !isNumber(a.statistics) || !isNumber(a.perStatistic))
        return fail("expected an object { statistics: number, perStatistic: number }.");
      if (a.statistics === 0 && a.perStatistic === 0)
        return fail("{ statistics: 0, perStatistic: 0 } is the placeholder: replace it with your answer.");
      const [N, C, H, W, G] = [6, 32, 7, 7, 4];
      const stats = N * G;
      const per = (C / G) * H * W;
      if (a.statistics === stats && a.perStatistic === per)
        return pass(
          `${N} examples × ${G} groups = ${stats} means, each over ${C / G} channels × ${H}·${W} positions = ${per} values.`,
        );
      if (a.statistics === G)
        return fail(
          "GroupNorm never mixes examples: there is one set of statistics per example AND group (6 × 4).",
          "per-group-only",
        );
      if (a.statistics === C)
        return fail(
          "one mean per channel is BatchNorm (over the batch); GroupNorm has one per example and group.",
          "batchnorm-count",
        );
      if (a.statistics === N * C)
        return fail(
          "one mean per example and channel is InstanceNorm (G = C); here the 32 channels form 4 groups.",
          "instancenorm-count",
        );
      if (a.statistics === stats && a.perStatistic === H * W)
        return fail("each group holds 32/4 = 8 channels: multiply the 7·7 positions by 8.", "one-channel-per-group");
      if (a.statistics === stats && a.perStatistic === N * per)
        return fail("the batch axis is not averaged over: each example has its own statistics.", "batch-averaged");
      return fail(`count the groups: statistics = N × G; values per statistic = (C/G)·H·W.`);
    },
  },
  batchNormTrain: codeExercise(code.batchNormTrain),
  batchNormEval: codeExercise(code.batchNormEval),
} satisfies Record<string, Exercise>;

/**
 * The exercises of lesson 06.
 * @example
 * gl.exercises.normalization.check("kerasPort", { momentum: 0.1, eps: 1e-3 }).correct; // true
 */
export const normalization = defineExercises("normalization", graders);
