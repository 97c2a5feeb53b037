/**
 * Exercises of lesson 05 (data preprocessing): a code exercise (standardize with training
 * statistics, per feature) and three numbers (a min-max-scaled test value, the largest stable
 * learning rate 2/λmax, PCA's explained variance). Wrong answers are matched with what the
 * common mistakes give.
 * `gl.exercises.preprocessing.check("minMaxTest", 1.5)`
 */
import { checkNumber } from "./compare";
import { standardize } from "./code/preprocessing";
import { gradeCode } from "./codeGrader";
import { defineExercises } from "./define";

/**
 * @example
 * gl.exercises.preprocessing.grade("largestLr", 2 / 2.4).correct // true
 * gl.exercises.preprocessing.grade("largestLr", 1 / 2.4).correct // false
 */
export const preprocessing = defineExercises("preprocessing", {
  standardize: {
    prompt: standardize.prompt,
    hint: standardize.hint,
    grade: (fn: unknown) => gradeCode(standardize, fn),
  },
  minMaxTest: {
    prompt: "Training min 10, max 30; min-max scaling to [0, 1]: the value of a test example equal to 40?",
    hint: "x' = (x − min)/(max − min) with the TRAINING min and max; nothing clips test values to [0, 1].",
    grade: (a: unknown) =>
      checkNumber(a, 1.5, {
        explanation:
          "(40 − 10)/(30 − 10) = 1.5: test values outside the training range land outside [0, 1], as they should.",
        mistakes: [
          {
            value: 1,
            message: "you clipped to [0, 1]; MinMaxScaler (like scikit-learn's by default) does not clip test values.",
          },
          {
            value: 40 / 30,
            message: "you divided by max instead of (max − min): subtract the min first, then divide by the range.",
          },
          {
            value: 0.75,
            message: "you divided by the test value's own range (40 − 10 = 30 → 30/40?): use the training min and max.",
          },
        ],
      }),
  },
  largestLr: {
    prompt:
      "MSE Hessian eigenvalues 1.6 and 2.4: the largest learning rate for which gradient descent does not diverge?",
    hint: "Along an eigenvector with eigenvalue λ a GD step multiplies the error by (1 − ηλ); it must stay in (−1, 1) for every λ.",
    grade: (a: unknown) =>
      checkNumber(a, 2 / 2.4, {
        rtol: 1e-3,
        explanation:
          "|1 − ηλ| < 1 for the largest λ: η < 2/λmax = 2/2.4 ≈ 0.833. (1/λmax is the step that removes the steep error in one step.)",
        mistakes: [
          {
            value: 1 / 2.4,
            message:
              "1/λmax is the fastest rate for the steep direction, not the stability limit: the error factor 1 − ηλ may go down to −1.",
          },
          {
            value: 2 / 1.6,
            message: "you used the smallest eigenvalue: the steepest direction (largest λ) diverges first.",
          },
          { value: 1 / 1.6, message: "the limit comes from the largest eigenvalue, and it is 2/λ, not 1/λ." },
        ],
      }),
  },
  explainedTwo: {
    prompt: "PCA eigenvalues [6, 3, 1]: the fraction of the variance explained by the first two components?",
    hint: "Each eigenvalue is the variance along its axis; the total variance is their sum.",
    grade: (a: unknown) =>
      checkNumber(a, 0.9, {
        explanation: "(6 + 3)/(6 + 3 + 1) = 0.9.",
        mistakes: [
          { value: 9, message: "that is the variance of the first two components; divide by the total, 10." },
          { value: 0.6, message: "that is the first component alone; add the second." },
          {
            value: 2 / 3,
            message: "you divided by the two kept eigenvalues plus nothing else? The total is 6 + 3 + 1 = 10.",
          },
        ],
      }),
  },
});
