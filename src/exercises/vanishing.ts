/**
 * Exercises of lesson 02 (vanishing and exploding gradients): the sigmoid's slope bound, a chain's
 * gradient factor, the weight that makes a linear chain explode, and clipping by norm.
 * `gl.exercises.vanishing.check("sigmoidBound", 0.25)`
 */
import { defineExercises } from "./define";
import { fromSpec } from "./spec";

const depthChain = 10;
const depthLinear = 20;

/**
 * @example
 * gl.exercises.vanishing.grade("chainFactor", 0.25 ** 10).correct // true
 */
export const vanishing = defineExercises(
  "vanishing",
  {
    sigmoidBound: fromSpec({
      prompt: "Give max over z of σ′(z) = σ(z)(1 − σ(z)).",
      hint: "σ′ = σ(1 − σ) is a product of two numbers that add up to 1: where is such a product largest, and what is σ there?",
      expected: 0.25,
      explain:
        "At z = 0, σ = 1/2 and σ′ = 1/2 · 1/2 = 1/4: every sigmoid layer multiplies the gradient by at most 1/4 (times the weight).",
      mistakes: [
        {
          code: "sigmoid-value-not-slope",
          value: 0.5,
          message: "0.5 is σ(0), the value of the sigmoid; its slope there is σ(0)(1 − σ(0)) = 0.25.",
        },
        {
          code: "tanh-slope",
          value: 1,
          message:
            "1 is the largest slope of tanh (at 0), not of the sigmoid; the sigmoid is 4× flatter: σ(z) = (1 + tanh(z/2))/2.",
        },
      ],
    }),
    chainFactor: fromSpec({
      prompt: `Give the factor by which ${depthChain} sigmoid layers (w = 1, z = 0) multiply the gradient.`,
      hint: "Find one layer's factor w·σ′(z) at z = 0; the chain rule multiplies the factors of all the layers.",
      expected: 0.25 ** depthChain,
      rtol: 1e-2,
      explain: `Each layer contributes w·σ′(0) = 0.25, and the chain rule multiplies: 0.25^${depthChain} ≈ 1e-6.`,
      mistakes: [
        {
          code: "added-factors",
          value: 0.25 * depthChain,
          message: "You added the layer factors; the chain rule multiplies them: 0.25 × 0.25 × … (10 times).",
        },
        {
          code: "off-by-one",
          value: 0.25 ** (depthChain - 1),
          message: "Off by one: each of the 10 layers contributes one factor 0.25.",
        },
        {
          code: "sigmoid-value-as-factor",
          value: 0.5 ** depthChain,
          message: "You used σ(0) = 0.5 as the factor; the local gradient is σ′(0) = 0.25.",
        },
      ],
    }),
    explodingWeight: fromSpec({
      prompt: `Give w such that a ${depthLinear}-layer linear chain with all weights w multiplies the gradient by 1000.`,
      hint: "Each layer multiplies the gradient by w: write the total factor as a power of w, set it equal to 1000 and solve for w.",
      expected: 1000 ** (1 / depthLinear),
      rtol: 1e-3,
      explain: `w^${depthLinear} = 1000, so w = 1000^(1/${depthLinear}) ≈ 1.41: a weight only 41% above 1 gives a thousandfold explosion.`,
      mistakes: [
        {
          code: "divided-by-depth",
          value: 1000 / depthLinear,
          message: "You divided 1000 by the depth; the factors multiply, so take the 20th root: w = 1000^(1/20).",
        },
        {
          code: "log-of-w",
          value: Math.log(1000) / depthLinear,
          message: "That is ln(w); the answer is w = exp(ln(1000)/20) = 1000^(1/20).",
        },
        {
          code: "linear-approximation",
          value: 1 + 3 / depthLinear,
          message: "Close, but the depth-20 root of 1000 is 1000^(1/20), not 1 + 3/20.",
        },
      ],
    }),
    clipByNorm: fromSpec({
      prompt: "Give g = [3, 4] clipped by norm to maxNorm = 1.",
      hint: "Compute the length ‖g‖; when it exceeds maxNorm, the whole vector is rescaled (its direction kept) so that its length becomes maxNorm.",
      expected: [0.6, 0.8],
      explain: "‖g‖ = 5 > 1, so g is scaled by 1/5: same direction, length 1.",
      mistakes: [
        {
          code: "clipped-by-value",
          value: [1, 1],
          message:
            "That is clipping by value (each component to [−1, 1]), which changes the direction from [3, 4] to [1, 1]. Clipping by norm rescales the whole vector.",
        },
        {
          code: "divided-by-max-component",
          value: [0.75, 1],
          message: "You divided by the largest component (4); clip by norm divides by the length ‖g‖ = 5.",
        },
        {
          code: "not-rescaled",
          value: [3, 4],
          message: "The norm is 5, above maxNorm = 1, so the gradient must be rescaled.",
        },
      ],
    }),
  },
  { depthChain, depthLinear },
);
