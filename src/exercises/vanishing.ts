/**
 * Exercises of lesson 02 (vanishing and exploding gradients): the sigmoid's slope bound, a chain's
 * gradient factor, the weight that makes a linear chain explode, and clipping by norm.
 * `gl.exercises.vanishing.check("sigmoidWeight", 4)`
 */
import { defineExercises } from "./define";
import { fromSpec } from "./spec";
import * as code from "./code/vanishing";
import { codeExercise } from "./codeExercise";

const depthChain = 10;
const chainWeight = 2;
const chainZ = 1;
const sigmoidSlope = (z: number): number => {
  const s = 1 / (1 + Math.exp(-z));
  return s * (1 - s);
};
const chainFactor = chainWeight * sigmoidSlope(chainZ);
const depthLinear = 20;

/**
 * @example
 * gl.exercises.vanishing.grade("sigmoidWeight", 4).correct // true
 */
export const vanishing = defineExercises(
  "vanishing",
  {
    clipGradNorm: codeExercise(code.clipGradNorm),
    sigmoidWeight: fromSpec({
      prompt:
        "One sigmoid layer multiplies the gradient by |w|·σ′(z). Give the smallest |w| for which that factor can reach 1 (for some z).",
      hint: "The factor is largest where σ′ is largest. How large is σ′ at its peak, and what |w| makes |w| times that equal to 1?",
      expected: 4,
      explain:
        "σ′ ≤ 1/4 (at z = 0), so |w|·σ′ ≤ |w|/4 reaches 1 only for |w| ≥ 4 — and only where z = 0; larger weights push z into the tails where σ′ is far smaller.",
      mistakes: [
        {
          code: "slope-not-weight",
          value: 0.25,
          message:
            "0.25 is the sigmoid's largest slope σ′(0); the question asks for the weight |w| that makes |w|·σ′ equal to 1.",
        },
        {
          code: "unit-weight",
          value: 1,
          message:
            "With |w| = 1 the factor is at most σ′(0) = 1/4: every layer shrinks the gradient at least fourfold.",
        },
        {
          code: "sigmoid-value-not-slope",
          value: 2,
          message: "2 = 1/σ(0) uses the sigmoid's value 1/2; the factor involves its slope σ′(0) = 1/4.",
        },
      ],
    }),
    chainFactor: fromSpec({
      prompt: `Give the factor by which a chain of ${depthChain} sigmoid units, each with weight w = ${chainWeight} and pre-activation z = ${chainZ}, multiplies the gradient.`,
      hint: "One unit multiplies the gradient by w·σ′(z), with σ′(z) = σ(z)(1 − σ(z)) at this z (not at 0); the chain rule multiplies the factors of all the units.",
      expected: chainFactor ** depthChain,
      rtol: 1e-3,
      explain: `Each unit contributes w·σ′(${chainZ}) = ${chainWeight} · ${sigmoidSlope(chainZ).toFixed(4)} = ${chainFactor.toFixed(4)}, and the chain rule multiplies: ${chainFactor.toFixed(4)}^${depthChain} ≈ ${(chainFactor ** depthChain).toExponential(1)}. Doubling the weight did not stop the vanishing: σ′(1) is already below 1/4.`,
      mistakes: [
        {
          code: "slope-at-zero",
          value: (chainWeight * 0.25) ** depthChain,
          message: "You used σ′(0) = 1/4; here z = 1, and σ′(1) = σ(1)(1 − σ(1)) is smaller.",
        },
        {
          code: "weight-left-out",
          value: sigmoidSlope(chainZ) ** depthChain,
          message: "You left out the weight: each unit multiplies the gradient by w·σ′(z), not σ′(z) alone.",
        },
        {
          code: "added-factors",
          value: chainFactor * depthChain,
          message: "You added the unit factors; the chain rule multiplies them.",
        },
        {
          code: "off-by-one",
          value: chainFactor ** (depthChain - 1),
          message: "Off by one: each of the 10 units contributes one factor.",
        },
        {
          code: "sigmoid-value-as-factor",
          value: (chainWeight * (1 / (1 + Math.exp(-chainZ)))) ** depthChain,
          message: "You used σ(1), the sigmoid's value, where its slope σ′(1) = σ(1)(1 − σ(1)) belongs.",
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
  },
  { depthChain, chainWeight, chainZ, depthLinear },
);
