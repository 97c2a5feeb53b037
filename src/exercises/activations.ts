/**
 * Exercises of lesson 03 (activation functions): linear layers collapse, ELU's slope, stable
 * softmax, the shared sign of a unit's weight gradients, and what a dead ReLU is.
 * `gl.exercises.activations.check("eluSlope", Math.exp(-1))`
 */
import { defineExercises } from "./define";
import { Answer, fromSpec } from "./spec";
import * as code from "./code/activations";
import { codeExercise } from "./codeExercise";

const W1 = [
  [1, 2],
  [0, 1],
  [1, 0],
];
const W2 = [
  [1, 0, -1],
  [2, 1, 1],
];
const mm = (A: number[][], B: number[][]): number[][] =>
  A.map((row) => B[0].map((_, j) => row.reduce((s, a, k) => s + a * B[k][j], 0)));
const transpose = (A: number[][]): number[][] => A[0].map((_, j) => A.map((r) => r[j]));
const x = [0.2, 0.7, 0.9];
const delta = -0.5;

/** Field `key` of an object answer. */
const field = (a: Answer, key: string): unknown =>
  a && typeof a === "object" && !Array.isArray(a) ? (a as Record<string, unknown>)[key] : undefined;

/**
 * @example
 * gl.exercises.activations.grade("eluSlope", Math.exp(-1)).correct // true
 */
export const activations = defineExercises(
  "activations",
  {
    softmax: codeExercise(code.softmax),
    collapse: fromSpec({
      prompt: "Give the single matrix W (2×2) with W₂(W₁x) = Wx for the W₁ (3×2) and W₂ (2×3) of the exercise.",
      hint: "Matrix products are associative: rewrite W₂(W₁x) as one matrix times x, and mind the order (x meets W₁ first).",
      expected: mm(W2, W1),
      explain: "W = W₂W₁: the later layer's matrix on the left. Two linear layers are one linear layer.",
      mistakes: [
        {
          code: "wrong-order",
          value: mm(W1, W2),
          message: "You multiplied in the wrong order (W₁W₂, a 3×3 matrix); x goes through W₁ first, so W = W₂W₁.",
        },
        {
          code: "transposed",
          value: transpose(mm(W2, W1)),
          message: "That is the transpose of W₂W₁: row i of W must hold the weights of output i.",
        },
      ],
    }),
    eluSlope: fromSpec({
      prompt: "Give ELU′(−1) with α = 1.",
      hint: "For x ≤ 0, ELU(x) = α(eˣ − 1): differentiate that branch and evaluate it at x = −1.",
      expected: Math.exp(-1),
      explain:
        "For x ≤ 0, ELU(x) = α(eˣ − 1), so ELU′(x) = α·eˣ = e⁻¹ ≈ 0.368: not 0, so negative inputs still pass gradient.",
      mistakes: [
        {
          code: "elu-value",
          value: Math.exp(-1) - 1,
          message: "That is ELU(−1), the value of the function; its derivative is α·eˣ.",
        },
        { code: "relu-slope", value: 0, message: "0 is ReLU's slope for negative inputs; ELU's is α·eˣ > 0." },
        {
          code: "positive-branch",
          value: 1,
          message: "1 is the slope for positive inputs; at x = −1 use the negative branch, α·eˣ.",
        },
      ],
    }),
    sameSign: fromSpec({
      prompt: "Give ∂L/∂w = δ·x for x = [0.2, 0.7, 0.9] and δ = −0.5.",
      hint: "∂L/∂wᵢ is the upstream gradient δ times the input that wᵢ multiplies.",
      expected: x.map((v) => delta * v),
      explain:
        "Every component has the sign of δ because every input is positive: the weights can only all go up or all go down for this example.",
      mistakes: [
        {
          code: "sign-flipped",
          value: x.map((v) => -delta * v),
          message:
            "The signs are flipped. With positive inputs the gradients all take δ's sign — here negative. (The notes say such gradients are 'all positive'; they are all the *same* sign.)",
        },
        {
          code: "no-inputs",
          value: [delta, delta, delta],
          message: "You left out the inputs: ∂z/∂wᵢ = xᵢ, so ∂L/∂wᵢ = δ·xᵢ.",
        },
        { code: "no-delta", value: x, message: "You left out δ: the upstream gradient multiplies each input." },
      ],
    }),
    reluZeros: fromSpec({
      prompt:
        "Give { fraction, dead }: the fraction of ReLU outputs that are 0 for z ~ N(0, 1), and whether such a unit is dead.",
      hint: "ReLU outputs 0 exactly when its input is ≤ 0. A dead unit is one that outputs 0 for every input.",
      expected: { fraction: 0.5, dead: false },
      explain:
        "Half the inputs are negative, so about half the outputs are 0 — but a unit is dead only when it is 0 for *every* input, which is not the case here.",
      mistakes: [
        {
          code: "dead-unit-confusion",
          when: (a) => field(a, "dead") === true,
          message:
            "A unit is dead only if it outputs 0 for every example (then it gets no gradient, ever). Zero for half the inputs is normal ReLU sparsity.",
        },
        {
          code: "wrong-fraction",
          when: (a) =>
            typeof field(a, "fraction") === "number" && Math.abs((field(a, "fraction") as number) - 0.5) > 0.01,
          message: "z ~ N(0, 1) is symmetric about 0: P(z ≤ 0) = 1/2, and ReLU outputs 0 exactly there.",
        },
        {
          code: "number-not-object",
          when: (a) => typeof a === "number",
          message: "Answer with an object: { fraction: ..., dead: true or false }.",
        },
      ],
    }),
  },
  { W1, W2, x, delta },
);
