/**
 * Lesson 10 (hyperparameter search): distinct values a grid tries per parameter, the log-uniform
 * draw written as a function (a code exercise the grader runs), the early-abort threshold, and the
 * distribution for a scale parameter.
 */
import { CodeExerciseSpec, gradeCode } from "./codeGrader";
import { defineExercises } from "./define";
import { fail, pass } from "./result";
import { fromSpec } from "./spec";

const logUniformDraw = (low: number, high: number, u: number): number =>
  Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)));

/** Cases: one (low, high) range each, at many u at once (the function is called per u by `run`). */
const us = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999];
const logUniformSpec: CodeExerciseSpec = {
  lesson: "hyperparameters",
  prompt:
    "Write logUniformDraw(low, high, u): a value whose log is uniform on [log low, log high), from u uniform in [0, 1).",
  hint: "Draw uniformly between log(low) and log(high), then undo the log.",
  signature: "logUniformDraw(low, high, u) → number",
  args: ["low", "high", "u"],
  cases: [
    ...us.map((u) => ({ label: `low 1e-4, high 1e-1, u = ${u}`, make: () => [1e-4, 1e-1, u] })),
    ...[0.3, 0.8].map((u) => ({ label: `low 2, high 512, u = ${u}`, make: () => [2, 512, u] })),
  ],
  reference: logUniformDraw,
  wrong: [
    {
      name: "uniform",
      fn: (low: number, high: number, u: number) => low + u * (high - low),
      why: "That is the uniform draw: most of its values land in the top decade. Draw uniformly in log space instead.",
    },
    {
      name: "log10 without undoing",
      fn: (low: number, high: number, u: number) => Math.log10(low) + u * (Math.log10(high) - Math.log10(low)),
      why: "You drew the exponent but returned it: turn it back into a value (10 ** exponent).",
    },
    {
      name: "log without undoing",
      fn: (low: number, high: number, u: number) => Math.log(low) + u * (Math.log(high) - Math.log(low)),
      why: "You drew log(value) but returned it: undo the log with Math.exp.",
    },
  ],
  explain: "Equal shares per decade: between 1e-4 and 1e-1, u = 1/3 and 2/3 land on 1e-3 and 1e-2.",
};

/**
 * @example
 * gl.exercises.hyperparameters.grade("gridValues", 4).correct // true
 * gl.exercises.hyperparameters.grade("abortLoss", 6.9).correct // true
 */
export const hyperparameters = defineExercises("hyperparameters", {
  gridValues: fromSpec({
    prompt: "A 4×4 grid over the learning rate and one other parameter: how many distinct learning rates does it try?",
    hint: "List the 16 points row by row: how many different values does the learning-rate coordinate take?",
    expected: 4,
    explain:
      "16 trials, 4 learning rates: each one is tried 4 times with the other parameter. 16 random trials would try 16.",
    mistakes: [
      {
        code: "all-trials",
        value: 16,
        message: "16 is the number of trials; each learning rate appears in 4 of them.",
      },
      {
        code: "two-parameters",
        value: 8,
        message: "8 counts the values of both parameters; the question asks for the learning rate alone.",
      },
    ],
  }),
  logUniform: {
    prompt: logUniformSpec.prompt,
    hint: logUniformSpec.hint,
    grade: (a) => gradeCode(logUniformSpec, a),
  },
  abortLoss: fromSpec({
    prompt: "A trial's first loss is 2.30. Above which loss does the early-abort rule stop it?",
    hint: "The rule compares the loss with a multiple of the trial's own first loss.",
    expected: 6.9,
    explain: "3 × 2.30 = 6.90: a loss that has tripled is diverging.",
    mistakes: [
      {
        code: "cost-not-loss",
        value: 2.3 * 4,
        message: "The rule is 3× the initial loss, not 4× (4× is the learning-rate range test's stop).",
      },
      { code: "added-three", value: 5.3, message: "The rule multiplies the initial loss by 3; it does not add 3." },
    ],
  }),
  decayScale: {
    prompt: 'Which distribution for an L2 weight decay between 1e-6 and 1e-2: "uniform" or "logUniform"?',
    hint: "The range spans four decades. Where would most uniform draws land?",
    grade: (a) => {
      if (a === "logUniform")
        return pass("logUniform: the range spans 4 decades, and each gets the same share of trials.");
      if (a === "uniform")
        return fail(
          "A uniform draw puts 99 % of the trials above 1e-4: the three lower decades get almost none.",
          "uniform-scale",
        );
      return fail('Give "uniform" or "logUniform" as a string.');
    },
  },
});
