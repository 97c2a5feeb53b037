/**
 * Exercises of lesson 01 (backpropagation): gate patterns, one neuron by the chain rule, a value
 * used twice, δ propagated by Wᵀ and σ′, the weight gradient δ·aᵀ, and gradient-check bands.
 * `gl.exercises.backprop.check("gates", [-4, -4, 3])`
 */
import { Answer, defineExercises } from "./catalog";
import { linearBackward, tanhBackward } from "./code/backprop";
import { withCodeExercises } from "./codeExercise";

/** The given tensors of exercises 4 and 5 (column vectors, as in the lesson). */
const delta = {
  W2: [
    [0.5, -1, 2],
    [1.5, 0.5, -0.5],
  ],
  delta2: [[0.2], [-0.1]],
  a1: [[0.5], [0.8], [0.1]],
};

const col = (v: number[]): number[][] => v.map((x) => [x]);
const W2tDelta = [0, 1, 2].map((j) => delta.W2[0][j] * delta.delta2[0][0] + delta.W2[1][j] * delta.delta2[1][0]);
const a1 = delta.a1.map((r) => r[0]);
const dSigma = a1.map((a) => a * (1 - a));
const outer = (u: number[], v: number[]): number[][] => u.map((x) => v.map((y) => x * y));
const delta2 = delta.delta2.map((r) => r[0]);

/** Field `key` of an object answer, if it has one. */
const field = (a: Answer, key: string): unknown =>
  a && typeof a === "object" && !Array.isArray(a) ? (a as Record<string, unknown>)[key] : undefined;
const relError = 0.0001 / 0.2501;

/**
 * @example
 * gl.exercises.backprop.grade("gates", [-4, -4, 3]).correct // true
 */
export const backprop = withCodeExercises(
  defineExercises(
    "01 backprop",
    { delta },
    {
      gates: {
        prompt: "Give [∂f/∂x, ∂f/∂y, ∂f/∂z] for f = (x + y)·z at x = −2, y = 5, z = −4.",
        expected: [-4, -4, 3],
        explain:
          "The add gate passes the upstream gradient z = −4 to both x and y; the multiply gate sends x + y = 3 to z.",
        mistakes: [
          {
            value: [1, 1, 3],
            why: "For x and y you gave the add gate's local gradient (1) without multiplying by the upstream gradient it receives, ∂f/∂(x+y) = z = −4.",
          },
          {
            value: [3, 3, -4],
            why: "You swapped the roles: the multiply gate sends each input the *other* input. ∂f/∂z = x + y, and ∂f/∂(x+y) = z, which add passes on to x and y.",
          },
          {
            value: [4, 4, -3],
            why: "The signs are flipped: with z = −4 the gradient reaching x and y is negative, and x + y = 3 is positive.",
          },
          {
            test: (a) => Array.isArray(a) && a.length !== 3,
            why: "Give three numbers, one per input: [∂f/∂x, ∂f/∂y, ∂f/∂z].",
          },
        ],
      },
      neuron: {
        prompt: "Give ∂L/∂w for z = wx + b, y = σ(z), L = (y − t)² with x = 3, w = 0.5, b = −1.5, t = 1.",
        expected: -0.75,
        explain: "z = 0, so y = 0.5 and σ′(z) = 0.25; ∂L/∂w = 2(y − t)·σ′(z)·x = 2·(−0.5)·0.25·3.",
        mistakes: [
          { value: -3, why: "You left out the sigmoid's local gradient σ′(z) = σ(z)(1 − σ(z)) = 0.25." },
          { value: -1.5, why: "You used σ(z) as the sigmoid's derivative; it is σ(z)(1 − σ(z)) = 0.25 at z = 0." },
          { value: -0.25, why: "That is ∂L/∂b: you left out the multiply gate's local gradient ∂z/∂w = x = 3." },
          { value: -0.375, why: "You left out the factor 2 from the derivative of (y − t)²." },
          {
            value: 0.75,
            why: "The sign is flipped: ∂L/∂y = 2(y − t), not 2(t − y); y = 0.5 is below t = 1, so increasing w lowers the loss (negative gradient).",
          },
        ],
      },
      reuse: {
        prompt: "Give ∂f/∂x for f = x·x + x·y at x = 3, y = 2.",
        expected: 8,
        explain: "x is used three times; the messages add up: x + x (from x·x) + y (from x·y) = 2x + y.",
        mistakes: [
          {
            value: 5,
            why: "You counted x·x once (x) instead of once per use (x + x = 2x): a value used twice receives the sum of both messages.",
          },
          { value: 6, why: "You left out the term x·y, which sends y = 2 back to x." },
          { value: 2, why: "You kept only the last message (y from x·y); gradients from every use of x accumulate." },
          { value: 3, why: "That is x alone; ∂(x·x)/∂x = 2x and ∂(x·y)/∂x = y, and the two add." },
        ],
      },
      delta: {
        prompt: "Give δ¹ = ((W²)ᵀ δ²) ⊙ σ′(z¹) with σ′(z¹) = a¹(1 − a¹), as a [3, 1] tensor.",
        expected: col(W2tDelta.map((v, i) => v * dSigma[i])),
        explain:
          "Wᵀ carries the error back along the forward connections, and ⊙σ′ scales it by each unit's local slope.",
        mistakes: [
          {
            value: col(W2tDelta),
            why: "You forgot ⊙ σ′(z¹): the error must also pass back through each unit's sigmoid, whose local gradient is a¹(1 − a¹).",
          },
          {
            value: col(W2tDelta.map((v, i) => v * a1[i])),
            why: "You multiplied by a¹ = σ(z¹); the derivative is σ′(z¹) = a¹(1 − a¹).",
          },
          {
            value: [W2tDelta.map((v, i) => v * dSigma[i])],
            why: "The values are right but the shape is [1, 3]: δ¹ is a column vector, shape [3, 1].",
          },
          {
            value: W2tDelta.map((v, i) => v * dSigma[i]),
            why: "The values are right but the shape is [3]: give a column vector of shape [3, 1] (e.g. the result of gl.matmul).",
          },
        ],
      },
      weightGrad: {
        prompt: "Give ∂C/∂W² = δ²·(a¹)ᵀ, shape [2, 3].",
        expected: outer(delta2, a1),
        explain: "Each weight W²[i][j] connects unit j to unit i, so its gradient is δ²ᵢ·a¹ⱼ: an outer product.",
        mistakes: [
          {
            value: outer(a1, delta2),
            why: "You computed a¹·(δ²)ᵀ, the transpose (shape [3, 2]); ∂C/∂W must have W's shape, out × in = [2, 3].",
          },
        ],
      },
      relError: {
        prompt:
          "Give { relError, band } for analytic 0.2501 and numeric 0.2500 (band: good, acceptable, suspicious or wrong).",
        expected: { relError, band: "suspicious" },
        explain:
          "rel = |a − n| / max(|a|, |n|) = 1e-4 / 0.2501 ≈ 4e-4, between 1e-4 and 1e-2: suspicious, unless a kink (like ReLU at 0) is nearby.",
        mistakes: [
          {
            test: (a) =>
              typeof field(a, "relError") === "number" && Math.abs((field(a, "relError") as number) - 1e-4) < 1e-9,
            why: "1e-4 is the absolute error; divide by max(|analytic|, |numeric|) to make it relative.",
          },
          {
            test: (a) =>
              typeof field(a, "relError") === "number" &&
              Math.abs((field(a, "relError") as number) - relError) < 1e-6 &&
              field(a, "band") !== "suspicious",
            why: "The relative error is right; its band is not. Bands: < 1e-7 good, < 1e-4 acceptable, < 1e-2 suspicious, else wrong.",
          },
          { test: (a) => typeof a === "number", why: 'Answer with an object: { relError: ..., band: "..." }.' },
        ],
      },
    },
  ),
  { tanhBackward, linearBackward },
);
