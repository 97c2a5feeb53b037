/**
 * Exercises of lesson 02 (vanishing and exploding gradients): the sigmoid's slope bound, a chain's
 * gradient factor, the weight that makes a linear chain explode, and clipping by norm.
 * `gl.exercises.vanishing.check("sigmoidBound", 0.25)`
 */
import { defineExercises } from "./catalog";
import { clipGradNorm } from "./code/vanishing";
import { withCodeExercises } from "./codeExercise";

const depthChain = 10;
const depthLinear = 20;

/**
 * @example
 * gl.exercises.vanishing.grade("chainFactor", 0.25 ** 10).correct // true
 */
export const vanishing = withCodeExercises(
  defineExercises(
    "02 vanishing",
    { depthChain, depthLinear },
    {
      sigmoidBound: {
        prompt: "Give max over z of σ′(z) = σ(z)(1 − σ(z)).",
        expected: 0.25,
        explain:
          "At z = 0, σ = 1/2 and σ′ = 1/2 · 1/2 = 1/4: every sigmoid layer multiplies the gradient by at most 1/4 (times the weight).",
        mistakes: [
          { value: 0.5, why: "0.5 is σ(0), the value of the sigmoid; its slope there is σ(0)(1 − σ(0)) = 0.25." },
          {
            value: 1,
            why: "1 is the largest slope of tanh (at 0), not of the sigmoid; the sigmoid is 4× flatter: σ(z) = (1 + tanh(z/2))/2.",
          },
        ],
      },
      chainFactor: {
        prompt: `Give the factor by which ${depthChain} sigmoid layers (w = 1, z = 0) multiply the gradient.`,
        expected: 0.25 ** depthChain,
        rtol: 1e-2,
        explain: `Each layer contributes w·σ′(0) = 0.25, and the chain rule multiplies: 0.25^${depthChain} ≈ 1e-6.`,
        mistakes: [
          {
            value: 0.25 * depthChain,
            why: "You added the layer factors; the chain rule multiplies them: 0.25 × 0.25 × … (10 times).",
          },
          { value: 0.25 ** (depthChain - 1), why: "Off by one: each of the 10 layers contributes one factor 0.25." },
          { value: 0.5 ** depthChain, why: "You used σ(0) = 0.5 as the factor; the local gradient is σ′(0) = 0.25." },
        ],
      },
      explodingWeight: {
        prompt: `Give w such that a ${depthLinear}-layer linear chain with all weights w multiplies the gradient by 1000.`,
        expected: 1000 ** (1 / depthLinear),
        rtol: 1e-3,
        explain: `w^${depthLinear} = 1000, so w = 1000^(1/${depthLinear}) ≈ 1.41: a weight only 41% above 1 gives a thousandfold explosion.`,
        mistakes: [
          {
            value: 1000 / depthLinear,
            why: "You divided 1000 by the depth; the factors multiply, so take the 20th root: w = 1000^(1/20).",
          },
          {
            value: Math.log(1000) / depthLinear,
            why: "That is ln(w); the answer is w = exp(ln(1000)/20) = 1000^(1/20).",
          },
          { value: 1 + 3 / depthLinear, why: "Close, but the depth-20 root of 1000 is 1000^(1/20), not 1 + 3/20." },
        ],
      },
      clipByNorm: {
        prompt: "Give g = [3, 4] clipped by norm to maxNorm = 1.",
        expected: [0.6, 0.8],
        explain: "‖g‖ = 5 > 1, so g is scaled by 1/5: same direction, length 1.",
        mistakes: [
          {
            value: [1, 1],
            why: "That is clipping by value (each component to [−1, 1]), which changes the direction from [3, 4] to [1, 1]. Clipping by norm rescales the whole vector.",
          },
          {
            value: [0.75, 1],
            why: "You divided by the largest component (4); clip by norm divides by the length ‖g‖ = 5.",
          },
          { value: [3, 4], why: "The norm is 5, above maxNorm = 1, so the gradient must be rescaled." },
        ],
      },
    },
  ),
  { clipGradNorm },
);
