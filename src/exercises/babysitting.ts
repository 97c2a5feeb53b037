/**
 * Lesson 09 (babysitting training): the initial loss of a C-class classifier, the update:data
 * ratio written as a function (a code exercise the grader runs), reading a run's curves as a
 * gl.diagnose code, and the learning-rate factor that moves the ratio to 1e-3.
 */
import { Generator } from "../random";
import { CodeExerciseSpec, gradeCode } from "./codeGrader";
import { defineExercises } from "./define";
import { fail as no, pass as ok } from "./result";

/** std with n in the denominator, in float64. */
function std(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i];
  m /= v.length;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - m) ** 2;
  return Math.sqrt(s / v.length);
}

/** A weight (values around `shift`) and an update whose spread is `scale` × the weight's. */
function testCase(n: number, scale: number, shift: number, seed: number): [Float32Array, Float32Array] {
  const g = new Generator(seed);
  const before = new Float32Array(n);
  const after = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    before[i] = shift + g.normal();
    after[i] = before[i] + scale * g.normal();
  }
  return [before, after];
}

/** The probe's definition: log10(std(after − before) / std(before)). */
const ratio = (before: Float32Array, after: Float32Array): number =>
  Math.log10(std(before.map((b, i) => after[i] - b)) / std(before));

const updateRatioSpec: CodeExerciseSpec = {
  lesson: "babysitting",
  prompt:
    "Write updateRatio(before, after) = log10(std(after − before) / std(before)) (population stds, w before the update).",
  hint: "Subtract element by element first, then take the std of the difference; std(w) uses the values before the update.",
  signature: "updateRatio(before, after) → number",
  args: ["before", "after"],
  cases: [
    { label: "500 weights, an update of 1e-3 of their spread", make: () => testCase(500, 1e-3, 0, 1) },
    { label: "300 weights around 2, an update of 0.05 of their spread", make: () => testCase(300, 0.05, 2, 2) },
    { label: "1000 weights around −1, an update of 1e-5 of their spread", make: () => testCase(1000, 1e-5, -1, 3) },
  ],
  reference: ratio,
  wrong: [
    {
      name: "no log",
      fn: (b: Float32Array, a: Float32Array) => 10 ** ratio(b, a),
      why: "You returned the ratio std(Δw)/std(w) itself; the probe (and the 1e-3 rule, read as −3) uses its log10.",
    },
    {
      name: "std after",
      fn: (b: Float32Array, a: Float32Array) => Math.log10(std(b.map((x, i) => a[i] - x)) / std(a)),
      why: "You divided by the std of the weight after the update; the probe uses the weight before it (the size the update is applied to).",
    },
    {
      name: "difference of stds",
      fn: (b: Float32Array, a: Float32Array) => Math.log10(Math.abs(std(a) - std(b)) / std(b)),
      why: "You took std(after) − std(before): two weights can have the same spread and still differ everywhere. The update is Δw = after − before, element by element; take the std of Δw.",
    },
  ],
  explain:
    "Your function is the probe's definition: it agrees on updates of 1e-3, 0.05 and 1e-5 of the weights' spread.",
};

const CODES = [
  "initial-loss",
  "lr-too-high",
  "lr-too-low",
  "no-learning",
  "overfitting",
  "underfitting",
  "dead-units",
  "saturation",
];

/**
 * @example
 * gl.exercises.babysitting.grade("initialLoss", Math.log(100)).correct // true
 * gl.exercises.babysitting.grade("whichCode", "overfitting").correct // true
 */
export const babysitting = defineExercises("babysitting", {
  initialLoss: {
    prompt: "The first loss you expect from a fresh, well-initialized 100-class classifier.",
    hint: "Each class gets probability ≈ 1/C; the cross-entropy is −ln of the true class's probability.",
    grade: (a) => {
      if (typeof a !== "number" || !Number.isFinite(a)) return no("Give a number.");
      const want = Math.log(100);
      if (Math.abs(a - want) < 0.01) return ok(`ln 100 = ${want.toFixed(3)}: uniform predictions over 100 classes.`);
      if (Math.abs(a - Math.log10(100)) < 0.01)
        return no("That is log base 10; cross-entropy uses the natural logarithm.");
      if (Math.abs(a - 0.01) < 1e-3) return no("That is the probability of one class, not the loss −ln(p).");
      if (Math.abs(a - Math.log(10)) < 0.01)
        return no("That is ln 10, the value for 10 classes: this classifier has 100.");
      return no(`Not the loss of uniform predictions over 100 classes. Which probability does each class get?`);
    },
  },
  updateRatio: {
    prompt: updateRatioSpec.prompt,
    hint: updateRatioSpec.hint,
    grade: (a) => gradeCode(updateRatioSpec, a),
  },
  whichCode: {
    prompt:
      "Training loss falls 1.2 → 0.05 over 30 epochs; validation loss falls to 0.7 by epoch 9, then climbs to 0.9. Which gl.diagnose code?",
    hint: "Compare what the two curves do after epoch 9.",
    grade: (a) => {
      if (typeof a !== "string" || !CODES.includes(a))
        return no(`Give one of the codes as a string: ${CODES.join(", ")}.`);
      if (a === "overfitting")
        return ok(
          "overfitting: the validation loss rises while the training loss falls; early stopping would stop at epoch 9.",
        );
      if (a === "lr-too-high")
        return no("The training loss falls steadily to 0.05: the steps are not too large. Look at the other curve.");
      if (a === "underfitting")
        return no("Underfitting means both losses stay high and close; here the training loss reaches 0.05.");
      return no(
        `${a} is about the training loss or the units; here the training loss is fine. What does the validation loss do after epoch 9?`,
      );
    },
  },
  lrFactor: {
    prompt: "Ratios ≈ 10^−5.5 for every weight: by what factor should the learning rate change to reach ≈ 1e-3?",
    hint: "With SGD the update is lr × gradient: doubling lr doubles std(Δw). How many decades lie between 10^−5.5 and 10^−3?",
    grade: (a) => {
      if (typeof a !== "number" || !Number.isFinite(a) || a <= 0)
        return no("Give a positive number (the factor to multiply lr by).");
      const want = 10 ** 2.5;
      if (Math.abs(Math.log10(a) - 2.5) < 0.1)
        return ok(`×${want.toFixed(0)}: 2.5 decades, and the ratio scales with lr.`);
      if (Math.abs(Math.log10(a) + 2.5) < 0.1)
        return no("That lowers the learning rate; the updates are too small, not too large.");
      if (Math.abs(a - 2.5) < 0.1) return no("2.5 is the number of decades; the factor is 10 to that power.");
      return no(`That moves the ratio by ${Math.log10(a).toFixed(1)} decades; it needs to move from −5.5 to −3.`);
    },
  },
});
