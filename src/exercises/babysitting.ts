/**
 * Lesson 09 (babysitting training): the initial loss of a C-class classifier, the update:data
 * ratio written as a function (a code exercise the grader runs), reading a run's curves as a
 * gl.diagnose code, and the learning-rate factor that moves the ratio to 1e-3.
 */
import { Generator } from "../random";
import { gradedExercises, Verdict } from "./graders";

const ok = (message: string): Verdict => ({ correct: true, message });
const no = (message: string): Verdict => ({ correct: false, message });

/** std with n in the denominator, in float64. */
function std(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i];
  m /= v.length;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - m) ** 2;
  return Math.sqrt(s / v.length);
}

/** A weight and an update of known relative size, for the updateRatio grader. */
function testCase(
  g: Generator,
  n: number,
  scale: number,
  shift: number,
): { before: Float32Array; after: Float32Array } {
  const before = new Float32Array(n);
  const after = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    before[i] = shift + g.normal();
    after[i] = before[i] + scale * g.normal();
  }
  return { before, after };
}

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

export const babysitting = gradedExercises("babysitting", {
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
    prompt:
      "Write updateRatio(before, after) = log10(std(after − before) / std(before)) (population stds, w before the update).",
    hint: "Subtract element by element first, then take the std of the difference; std(w) uses the values before the update.",
    grade: (a) => {
      if (typeof a !== "function") return no('Pass your function itself: check("updateRatio", updateRatio).');
      const f = a as (b: Float32Array, c: Float32Array) => number;
      const g = new Generator(9);
      const probe = testCase(g, 10, 0.1, 0);
      if (f(probe.before, probe.after) === 0)
        return no("Your function returns 0 (the starter code?): compute the ratio from before and after.");
      for (const [n, scale, shift] of [
        [500, 1e-3, 0],
        [300, 0.05, 2],
        [1000, 1e-5, -1],
      ] as [number, number, number][]) {
        const { before, after } = testCase(g, n, scale, shift);
        const delta = before.map((b, i) => after[i] - b);
        const want = Math.log10(std(delta) / std(before));
        const got = f(before.slice(), after.slice());
        if (typeof got !== "number" || !Number.isFinite(got))
          return no(`For a weight of ${n} values your function returned ${String(got)}, not a finite number.`);
        if (Math.abs(got - want) < 1e-3) continue;
        if (Math.abs(got - 10 ** want) < 1e-6 * Math.max(1, 10 ** want))
          return no("You returned the ratio itself: take log10 of it.");
        if (Math.abs(got - Math.log10(std(delta) / std(after))) < 1e-3 && Math.abs(got - want) > 1e-6)
          return no("You divided by std of the weight after the update; the probe uses the weight before it.");
        if (Math.abs(got - Math.log10(std(after) / std(before))) < 1e-3)
          return no(
            "You took std(after) − compare: the update is Δw = after − before, element by element, and you need std(Δw).",
          );
        return no(
          `For an update ≈ ${scale} × the weight's spread (expected ≈ ${want.toFixed(2)}) your function returned ${got.toFixed(3)}.`,
        );
      }
      return ok(
        "Your function matches the probe's definition on three weights (updates of 1e-3, 0.05 and 1e-5 of their spread).",
      );
    },
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
