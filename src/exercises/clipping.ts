/**
 * Exercises of lesson 07 (gradient clipping): a code exercise (clip by global norm) and three
 * numbers (the angle clipping by value turns a gradient, what clipnorm does to a small gradient,
 * the growth ρ^k of a gradient through time).
 * `gl.exercises.clipping.check("clipnormSmall", 0.4)`
 */
import { checkNumber } from "./compare";
import { clipByGlobalNorm } from "./code/clipping";
import { gradeCode } from "./codeGrader";
import { defineExercises } from "./define";

const angle = (a: number[], b: number[]): number =>
  (Math.acos((a[0] * b[0] + a[1] * b[1]) / (Math.hypot(...a) * Math.hypot(...b))) * 180) / Math.PI;

/**
 * @example
 * gl.exercises.clipping.grade("clipnormSmall", 0.4).correct // true
 * gl.exercises.clipping.grade("clipnormSmall", 1).correct // false
 */
export const clipping = defineExercises("clipping", {
  clipByGlobalNorm: {
    prompt: clipByGlobalNorm.prompt,
    hint: clipByGlobalNorm.hint,
    grade: (fn: unknown) => gradeCode(clipByGlobalNorm, fn),
  },
  valueAngle: {
    prompt:
      "g = (0.3, −4) clipped by value with c = 1: the angle in degrees between the clipped and the original gradient?",
    hint: "Clip each component to [−1, 1], then cos θ = (a·b)/(‖a‖‖b‖).",
    grade: (a: unknown) =>
      checkNumber(a, angle([0.3, -1], [0.3, -4]), {
        rtol: 1e-3,
        explanation: "(0.3, −1) vs (0.3, −4): about 12.4°. Clipping by value turned the step; by norm it would be 0°.",
        mistakes: [
          {
            value: 0,
            message: "0° is what clipping by NORM gives. By value each component is clamped separately: (0.3, −1).",
          },
          {
            value: (Math.acos((0.3 * 0.3 - 4) / (Math.hypot(0.3, -1) * Math.hypot(0.3, -4))) * 180) / Math.PI,
            message: "check the sign of the second component: −4 is clamped to −1, not to +1.",
          },
          {
            value: (angle([0.3, -1], [0.3, -4]) * Math.PI) / 180,
            message: "that is the angle in radians; the question asks for degrees.",
          },
        ],
      }),
  },
  clipnormSmall: {
    prompt: "A gradient of L2 norm 0.4 under Keras's clipnorm = 1.0 (one tensor): its norm afterwards?",
    hint: "Clipping only ever shrinks a gradient whose norm exceeds the threshold.",
    grade: (a: unknown) =>
      checkNumber(a, 0.4, {
        explanation: "0.4 ≤ 1, so nothing happens: clipnorm caps the norm, it does not set it.",
        mistakes: [
          {
            value: 1,
            message:
              "clipnorm=1.0 does not make every norm 1 (the study note's slip): only norms above 1 are scaled down to 1.",
          },
        ],
      }),
  },
  growth: {
    prompt:
      "Linear RNN, W_hh = 1.2·Q with Q orthogonal: the factor by which ‖∂L/∂h_t‖ grows from t = 50 back to t = 40?",
    hint: "Each step back multiplies the gradient by W_hhᵀ, and an orthogonal Q keeps norms.",
    grade: (a: unknown) =>
      checkNumber(a, 1.2 ** 10, {
        rtol: 1e-3,
        explanation: "10 steps, each ×1.2: 1.2^10 ≈ 6.19.",
        mistakes: [
          { value: 1.2 * 10, message: "the factors multiply, step after step: 1.2^10, not 1.2 × 10." },
          { value: 1.2 ** 9, message: "off by one: from t = 50 back to t = 40 is 10 steps." },
          { value: 1.2 ** 11, message: "off by one: from t = 50 back to t = 40 is 10 steps." },
        ],
      }),
  },
});
