/**
 * Exercises of lesson 01 (backpropagation): gate patterns, one neuron by the chain rule, a value
 * used twice, δ propagated by Wᵀ and σ′, the weight gradient δ·aᵀ, and gradient-check bands.
 * `gl.exercises.backprop.check("gates", [-4, -4, 3])`
 */
import { defineExercises } from "./define";
import { Answer, fromSpec } from "./spec";
import * as code from "./code/backprop";
import { codeExercise } from "./codeExercise";

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
export const backprop = defineExercises(
  "backprop",
  {
    tanhBackward: codeExercise(code.tanhBackward),
    linearBackward: codeExercise(code.linearBackward),
    gates: fromSpec({
      prompt: "Give [∂f/∂x, ∂f/∂y, ∂f/∂z] for f = (x + y)·z at x = −2, y = 5, z = −4.",
      hint: "Work backwards from f: a multiply gate sends each input the other input times its upstream gradient; an add gate passes its upstream gradient to both inputs unchanged.",
      expected: [-4, -4, 3],
      explain:
        "The add gate passes the upstream gradient z = −4 to both x and y; the multiply gate sends x + y = 3 to z.",
      mistakes: [
        {
          code: "no-upstream",
          value: [1, 1, 3],
          message:
            "For x and y you gave the add gate's local gradient (1) without multiplying by the upstream gradient it receives, ∂f/∂(x+y) = z = −4.",
        },
        {
          code: "swapped-roles",
          value: [3, 3, -4],
          message:
            "You swapped the roles: the multiply gate sends each input the *other* input. ∂f/∂z = x + y, and ∂f/∂(x+y) = z, which add passes on to x and y.",
        },
        {
          code: "sign-flipped",
          value: [4, 4, -3],
          message:
            "The signs are flipped: with z = −4 the gradient reaching x and y is negative, and x + y = 3 is positive.",
        },
        {
          code: "wrong-count",
          when: (a) => Array.isArray(a) && a.length !== 3,
          message: "Give three numbers, one per input: [∂f/∂x, ∂f/∂y, ∂f/∂z].",
        },
      ],
    }),
    neuron: fromSpec({
      prompt: "Give ∂L/∂w for z = wx + b, y = σ(z), L = (y − t)² with x = 3, w = 0.5, b = −1.5, t = 1.",
      hint: "Compute z and y first, then chain three local gradients: ∂L/∂y, the sigmoid's slope σ(z)(1 − σ(z)), and ∂z/∂w.",
      expected: -0.75,
      explain: "z = 0, so y = 0.5 and σ′(z) = 0.25; ∂L/∂w = 2(y − t)·σ′(z)·x = 2·(−0.5)·0.25·3.",
      mistakes: [
        {
          code: "no-sigmoid-slope",
          value: -3,
          message: "You left out the sigmoid's local gradient σ′(z) = σ(z)(1 − σ(z)) = 0.25.",
        },
        {
          code: "sigmoid-value-as-slope",
          value: -1.5,
          message: "You used σ(z) as the sigmoid's derivative; it is σ(z)(1 − σ(z)) = 0.25 at z = 0.",
        },
        {
          code: "gave-dL-db",
          value: -0.25,
          message: "That is ∂L/∂b: you left out the multiply gate's local gradient ∂z/∂w = x = 3.",
        },
        { code: "no-factor-2", value: -0.375, message: "You left out the factor 2 from the derivative of (y − t)²." },
        {
          code: "sign-flipped",
          value: 0.75,
          message:
            "The sign is flipped: ∂L/∂y = 2(y − t), not 2(t − y); y = 0.5 is below t = 1, so increasing w lowers the loss (negative gradient).",
        },
      ],
    }),
    reuse: fromSpec({
      prompt: "Give ∂f/∂x for f = x·x + x·y at x = 3, y = 2.",
      hint: "x reaches f along more than one path: find the gradient along each use of x and add them.",
      expected: 8,
      explain: "x is used three times; the messages add up: x + x (from x·x) + y (from x·y) = 2x + y.",
      mistakes: [
        {
          code: "one-message-for-x-times-x",
          value: 5,
          message:
            "You counted x·x once (x) instead of once per use (x + x = 2x): a value used twice receives the sum of both messages.",
        },
        { code: "no-xy-term", value: 6, message: "You left out the term x·y, which sends y = 2 back to x." },
        {
          code: "last-message-only",
          value: 2,
          message: "You kept only the last message (y from x·y); gradients from every use of x accumulate.",
        },
        { code: "x-alone", value: 3, message: "That is x alone; ∂(x·x)/∂x = 2x and ∂(x·y)/∂x = y, and the two add." },
      ],
    }),
    delta: fromSpec({
      prompt: "Give δ¹ = ((W²)ᵀ δ²) ⊙ σ′(z¹) with σ′(z¹) = a¹(1 − a¹), as a [3, 1] tensor.",
      hint: "Carry δ² back with the transpose of W², then multiply elementwise by each unit's sigmoid slope a¹(1 − a¹); keep the column shape.",
      expected: col(W2tDelta.map((v, i) => v * dSigma[i])),
      explain: "Wᵀ carries the error back along the forward connections, and ⊙σ′ scales it by each unit's local slope.",
      mistakes: [
        {
          code: "no-sigmoid-slope",
          value: col(W2tDelta),
          message:
            "You forgot ⊙ σ′(z¹): the error must also pass back through each unit's sigmoid, whose local gradient is a¹(1 − a¹).",
        },
        {
          code: "activation-as-slope",
          value: col(W2tDelta.map((v, i) => v * a1[i])),
          message: "You multiplied by a¹ = σ(z¹); the derivative is σ′(z¹) = a¹(1 − a¹).",
        },
        {
          code: "row-vector",
          value: [W2tDelta.map((v, i) => v * dSigma[i])],
          message: "The values are right but the shape is [1, 3]: δ¹ is a column vector, shape [3, 1].",
        },
        {
          code: "flat-vector",
          value: W2tDelta.map((v, i) => v * dSigma[i]),
          message:
            "The values are right but the shape is [3]: give a column vector of shape [3, 1] (e.g. the result of gl.matmul).",
        },
      ],
    }),
    weightGrad: fromSpec({
      prompt: "Give ∂C/∂W² = δ²·(a¹)ᵀ, shape [2, 3].",
      hint: "The gradient has W²'s shape (out × in): entry [i][j] pairs the error of output unit i with the activation of input unit j.",
      expected: outer(delta2, a1),
      explain: "Each weight W²[i][j] connects unit j to unit i, so its gradient is δ²ᵢ·a¹ⱼ: an outer product.",
      mistakes: [
        {
          code: "transposed",
          value: outer(a1, delta2),
          message: "You computed a¹·(δ²)ᵀ, the transpose (shape [3, 2]); ∂C/∂W must have W's shape, out × in = [2, 3].",
        },
      ],
    }),
    relError: fromSpec({
      prompt:
        "Give { relError, band } for analytic 0.2501 and numeric 0.2500 (band: good, acceptable, suspicious or wrong).",
      hint: "Divide the absolute difference by the larger of the two magnitudes, then place the result among the bands 1e-7, 1e-4 and 1e-2.",
      expected: { relError, band: "suspicious" },
      explain:
        "rel = |a − n| / max(|a|, |n|) = 1e-4 / 0.2501 ≈ 4e-4, between 1e-4 and 1e-2: suspicious, unless a kink (like ReLU at 0) is nearby.",
      mistakes: [
        {
          code: "absolute-error",
          when: (a) =>
            typeof field(a, "relError") === "number" && Math.abs((field(a, "relError") as number) - 1e-4) < 1e-9,
          message: "1e-4 is the absolute error; divide by max(|analytic|, |numeric|) to make it relative.",
        },
        {
          code: "wrong-band",
          when: (a) =>
            typeof field(a, "relError") === "number" &&
            Math.abs((field(a, "relError") as number) - relError) < 1e-6 &&
            field(a, "band") !== "suspicious",
          message:
            "The relative error is right; its band is not. Bands: < 1e-7 good, < 1e-4 acceptable, < 1e-2 suspicious, else wrong.",
        },
        {
          code: "number-not-object",
          when: (a) => typeof a === "number",
          message: 'Answer with an object: { relError: ..., band: "..." }.',
        },
      ],
    }),
  },
  { delta },
);
