/**
 * Exercises of lesson 08 (regularization): a code exercise (inverted dropout) and three numbers
 * (one L1 step, the weightDecay equal to an L2 penalty, a kept unit's value under dropout).
 * `gl.exercises.regularization.check("keptValue", 3.75)`
 */
import { checkNumber } from "./compare";
import { dropout } from "./code/regularization";
import { gradeCode } from "./codeGrader";
import { defineExercises } from "./define";

/**
 * @example
 * gl.exercises.regularization.grade("keptValue", 3.75).correct // true
 * gl.exercises.regularization.grade("keptValue", 2.4).correct // false
 */
export const regularization = defineExercises("regularization", {
  dropout: {
    prompt: dropout.prompt,
    hint: dropout.hint,
    grade: (fn: unknown) => gradeCode(dropout, fn),
  },
  l1Step: {
    prompt: "w = −0.4, data gradient 0, λ = 0.1, η = 1: w after one SGD step on λ·Σ|w|?",
    hint: "∂(λ|w|)/∂w = λ·sign(w); the step is w − η·λ·sign(w). What is sign(−0.4)?",
    grade: (a: unknown) =>
      checkNumber(a, -0.3, {
        explanation: "sign(−0.4) = −1, so w ← −0.4 − 1·0.1·(−1) = −0.3: pulled towards 0 from below.",
        mistakes: [
          {
            value: -0.5,
            message:
              "you took sign(w) = +1 for a negative w (the study note's slip): sign(−0.4) = −1, so the step moves w up, towards 0.",
          },
          { value: -0.36, message: "that is the L2 step (shrinking by λ·w); L1's step has the fixed size λ·sign(w)." },
          { value: 0, message: "one step moves w by η·λ = 0.1, not all the way to 0." },
        ],
      }),
  },
  decayFromPenalty: {
    prompt: "SGD: which weightDecay gives the same updates as adding 0.5·10⁻³·Σw² to the loss?",
    hint: "Differentiate the penalty: ∂(c·Σw²)/∂w = 2c·w. weightDecay λ adds λ·w to the gradient.",
    grade: (a: unknown) =>
      checkNumber(a, 1e-3, {
        explanation: "∂(0.5·10⁻³·w²)/∂w = 10⁻³·w: weightDecay = 10⁻³ (for SGD; for Adam the two differ).",
        mistakes: [
          { value: 5e-4, message: "the derivative of w² is 2w: the penalty 0.5·10⁻³·Σw² adds 10⁻³·w to the gradient." },
          { value: 2e-3, message: "0.5·10⁻³ times 2w is 10⁻³·w: you doubled once too often." },
        ],
      }),
  },
  keptValue: {
    prompt: "Inverted dropout with p = 0.2 on a unit whose activation is 3: its value in training when kept?",
    hint: "Kept units are scaled so that the expected value (kept with probability 1 − p) stays 3.",
    grade: (a: unknown) =>
      checkNumber(a, 3 / 0.8, {
        explanation: "3/(1 − 0.2) = 3.75; expected value 0.8·3.75 + 0.2·0 = 3, the same as in eval mode.",
        mistakes: [
          {
            value: 3,
            message: "that is the value without the inverted scaling; kept units are divided by 1 − p in training.",
          },
          {
            value: 3 * 0.8,
            message: "multiplying by 1 − p is the opposite: inverted dropout DIVIDES by 1 − p in training.",
          },
          { value: 3 / 0.2, message: "you divided by p; divide by the keep probability 1 − p = 0.8." },
        ],
      }),
  },
});
