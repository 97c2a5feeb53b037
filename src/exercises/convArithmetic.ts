/**
 * Exercises of lesson 11 (convolution arithmetic and pooling):
 * `gl.exercises.convArithmetic.check(id, answer)` prints and returns { correct, message }.
 * A wrong answer is compared with the answers that common mistakes produce (forgetting the +1,
 * rounding up instead of down, padding one side only, ignoring dilation, assuming TensorFlow's
 * SAME pads symmetrically, counting a standard conv's weights for a separable one) and the
 * feedback names the mistake that fits.
 */
import { windowPositions } from "../arith/windowPositions";
import { show } from "../errors";
import type { Mistake } from "./compare";
import { defineExercises, Exercise } from "./define";
import { checkFormula, Formula } from "./formula";
import { fail, Grade, pass } from "./result";
import * as code from "./code/convArithmetic";
import { codeExercise } from "./codeExercise";

function isNumber(answer: unknown): answer is number {
  return typeof answer === "number" && Number.isFinite(answer);
}

/** A wrong numeric answer that is still the notebook's placeholder. */
function placeholder(answer: unknown): Grade | null {
  return answer === 0
    ? fail("0 is the placeholder: replace it with your answer (a number, or a gl.arith call that computes it).")
    : null;
}

function notANumber(answer: unknown): Grade {
  return fail(
    `expected a number, got ${typeof answer === "function" ? "a function" : show(answer)}. Replace the placeholder with your answer, e.g. check("…", 42).`,
  );
}

/** Output size along one axis: the rule every answer is compared with. */
function outputSize(W: number, F: number, S: number, P: number, d: number): number {
  return Math.floor((W + 2 * P - d * (F - 1) - 1) / S) + 1;
}

/** The settings on which a typed formula is evaluated: stride > 1, dilation > 1 and padding all occur. */
const FORMULA_CASES: { W: number; F: number; S: number; P: number; d: number }[] = [];
for (const W of [7, 10, 28, 31, 128, 227])
  for (const F of [1, 3, 4, 5, 11])
    for (const S of [1, 2, 3, 4])
      for (const P of [0, 1, 2])
        for (const d of [1, 2, 3]) if (W + 2 * P >= d * (F - 1) + 1) FORMULA_CASES.push({ W, F, S, P, d });

type Case = (typeof FORMULA_CASES)[number];
const asCase = (f: (c: Case) => number) => (vars: Record<string, number>) => f(vars as Case);

/** Formulas a learner is likely to write by mistake, with what that mistake is. */
const FORMULA_MISTAKES: Mistake<Formula>[] = [
  {
    code: "no-plus-one",
    value: asCase(({ W, F, S, P, d }) => Math.floor((W + 2 * P - d * (F - 1) - 1) / S)),
    message: "off by one: did you forget the +1? The first window sits at position 0 and is counted too.",
  },
  {
    code: "ceil",
    value: asCase(({ W, F, S, P, d }) => Math.ceil((W + 2 * P - d * (F - 1) - 1) / S) + 1),
    message:
      "you rounded up. A conv only places windows that fit, so it rounds DOWN: floor(…) + 1 (ceil is PyTorch pooling's ceilMode).",
  },
  {
    code: "no-floor",
    value: asCase(({ W, F, S, P, d }) => (W + 2 * P - d * (F - 1) - 1) / S + 1),
    message: "your formula gives fractions (e.g. 64.5 for W=128, F=3, S=2, P=1). Wrap the division in floor(…).",
  },
  {
    code: "one-sided-padding",
    value: asCase(({ W, F, S, P, d }) => Math.floor((W + P - d * (F - 1) - 1) / S) + 1),
    message: "you padded one side only: P pixels are added on BOTH sides, so the input grows by 2P.",
  },
  {
    code: "no-dilation",
    value: asCase(({ W, F, S, P }) => Math.floor((W + 2 * P - F) / S) + 1),
    message: "right for d = 1, but with dilation the kernel spans d·(F − 1) + 1 pixels: use that in place of F.",
  },
  {
    code: "dilation-times-F",
    value: asCase(({ W, F, S, P, d }) => Math.floor((W + 2 * P - d * F) / S) + 1),
    message: "a dilated kernel spans d·(F − 1) + 1 pixels, not d·F: there are F − 1 gaps between F taps.",
  },
];

/** A typed formula, evaluated on every setting of FORMULA_CASES (checkFormula). */
function gradeFormula(answer: unknown): Grade {
  return checkFormula(answer, {
    expected: asCase(({ W, F, S, P, d }) => outputSize(W, F, S, P, d)),
    variables: {
      W: { min: 7, max: 227 },
      F: { min: 1, max: 11 },
      S: { min: 1, max: 4 },
      P: { min: 0, max: 2 },
      d: { min: 1, max: 3 },
    },
    points: FORMULA_CASES,
    mistakes: FORMULA_MISTAKES,
    rtol: 1e-9, // output sizes are whole numbers: compare them exactly
    explanation: "(W up to 227, strides 1–4, paddings 0–2, dilations 1–3.)",
    advice:
      "Build it from the pieces: padded size W + 2P, window span d·(F − 1) + 1, whole steps of S that fit, plus the first window.",
  });
}

const graders = {
  outputSize: {
    prompt:
      "Write the output size of a conv along one axis as a formula in W, F, S, P, d (mathjs syntax, floor(…) allowed).",
    hint: "Count the positions where the window fits: the padded length, the span of a dilated kernel, the step S between windows, and do not forget the first window.",
    grade: gradeFormula,
  },
  alexnet: {
    prompt:
      "A 227×227 image goes through Conv2d(kernel 11, stride 4, no padding), then MaxPool2d(kernel 3, stride 2). What is the height of the result?",
    hint: "Apply the output-size rule twice: to the conv first, then to the pool on the conv's output size.",
    grade(answer: unknown): Grade {
      if (!isNumber(answer)) return notANumber(answer);
      if (answer === 0) return placeholder(answer)!;
      const conv = outputSize(227, 11, 4, 0, 1); // 55
      const pool = outputSize(conv, 3, 2, 0, 1); // 27
      if (answer === pool) return pass(`${conv} after the conv, ${pool} after the overlapping pool.`);
      if (answer === conv)
        return fail(`${conv} is the size after the conv; the pooling layer shrinks it again.`, "no-pool");
      if (answer === outputSize(conv, 2, 2, 0, 1) || answer === Math.floor(conv / 2))
        return fail(
          `you pooled with non-overlapping 2/2 windows; AlexNet's pool is kernel 3, stride 2: floor((${conv} − 3)/2) + 1.`,
          "pool-2-2",
        );
      if (answer === pool - 1) return fail("off by one: did you forget the +1 in floor((W − F)/S) + 1?", "no-plus-one");
      if (answer === Math.ceil((conv - 3) / 2) + 1 + 1 || answer === Math.ceil(conv / 2))
        return fail("you rounded up; without ceilMode the size is rounded down.", "ceil");
      return fail(`compute the conv first: floor((227 − 11)/4) + 1, then the pool on that size with F = 3, S = 2.`);
    },
  },
  tfSame: {
    prompt:
      'TensorFlow, padding="SAME", W = 28, F = 5, S = 2. How many zeros go before and after? Answer { before, after }.',
    hint: "SAME keeps ceil(W/S) outputs: work out the total padding that many windows need, then split it the way TensorFlow does when the total is odd.",
    grade(answer: unknown): Grade {
      const a = answer as { before?: unknown; after?: unknown };
      if (!a || !isNumber(a.before) || !isNumber(a.after))
        return fail("expected an object { before: number, after: number }.");
      const out = Math.ceil(28 / 2); // 14
      const total = Math.max((out - 1) * 2 + 5 - 28, 0); // 3
      const before = Math.floor(total / 2);
      const after = total - before;
      if (a.before === before && a.after === after)
        return pass(
          `SAME keeps ceil(28/2) = ${out} outputs, which needs ${total} zeros: ${before} before, ${after} after.`,
        );
      if (a.before === 0 && a.after === 0)
        return fail(
          "{ before: 0, after: 0 } is the placeholder (and would be VALID padding): replace it with your answer.",
        );
      if (a.before === after && a.after === before)
        return fail("right amounts, wrong sides: TensorFlow puts the extra pixel at the END (after).", "wrong-sides");
      if (a.before === 2 && a.after === 2)
        return fail(
          `P = (F − 1)/2 = 2 on both sides is stride-1 thinking. With S = 2 SAME only needs ${total} zeros in total, split ${before} before and ${after} after.`,
          "stride-1-padding",
        );
      if ((a.before as number) + (a.after as number) !== total)
        return fail(`the total is (out − 1)·S + F − W with out = ceil(W/S) = ${out}. Count it again.`);
      if (a.before === a.after)
        return fail("SAME need not be symmetric: put floor(total/2) before and the rest after.", "symmetric");
      return fail("the total is right; split it with floor(total/2) before and the rest after.");
    },
  },
  ceilMode: {
    prompt: "MaxPool2d(kernel 2, stride 2, ceilMode: true) on a 7×7 input: what is the output height?",
    hint: "ceilMode rounds the division up; PyTorch keeps that last window only if it starts inside the input.",
    grade(answer: unknown): Grade {
      if (!isNumber(answer)) return notANumber(answer);
      if (answer === 0) return placeholder(answer)!;
      const w = windowPositions({ inputSize: 7, kernelSize: 2, stride: 2, ceilMode: true });
      if (answer === w.outputSize)
        return pass(
          `ceil((7 − 2)/2) + 1 = ${w.outputSize}; the last window starts at 6, inside the input, so PyTorch keeps it (it reads one real pixel and one pad).`,
        );
      if (answer === outputSize(7, 2, 2, 0, 1))
        return fail("that is floor mode; ceilMode: true rounds the division UP.", "floor-mode");
      if (answer === 3.5 || answer === 4.5)
        return fail("sizes are whole numbers: round (7 − 2)/2 up, then add 1.", "no-rounding");
      if (answer === w.outputSize + 1) return fail("off by one: ceil((7 − 2)/2) is 3, plus 1.", "off-by-one");
      return fail("use ceil((W − F)/S) + 1 and check that the last window starts inside the input.");
    },
  },
  separableParams: {
    prompt: "Parameters (no biases) of a depthwise separable conv: 32 → 64 channels, 3×3 depthwise then 1×1 pointwise?",
    hint: "Count the two convs separately: the depthwise one has one 3×3 filter per input channel, the pointwise one is a 1×1 conv from 32 to 64 channels.",
    grade(answer: unknown): Grade {
      if (!isNumber(answer)) return notANumber(answer);
      if (answer === 0) return placeholder(answer)!;
      const depthwise = 32 * 3 * 3; // groups = Cin: one 3×3 filter per input channel
      const pointwise = 64 * 32; // 1×1 conv mixing channels
      const standard = 64 * 32 * 3 * 3;
      if (answer === depthwise + pointwise)
        return pass(
          `${depthwise} (depthwise) + ${pointwise} (pointwise) = ${depthwise + pointwise}, ${((depthwise + pointwise) / standard).toFixed(3)} of a standard conv's ${standard}.`,
        );
      if (answer === standard)
        return fail(
          `${standard} is a standard 3×3 conv (Cout·Cin·3·3). Separable splits it into a depthwise part (groups = Cin) and a 1×1 part.`,
          "standard-conv",
        );
      if (answer === depthwise)
        return fail(
          "that is only the depthwise part; add the 1×1 pointwise conv that mixes the channels.",
          "depthwise-only",
        );
      if (answer === pointwise)
        return fail(
          "that is only the 1×1 pointwise part; add the depthwise 3×3 filters (one per input channel).",
          "pointwise-only",
        );
      if (answer === 64 * 3 * 3 + pointwise)
        return fail(
          "the depthwise conv has one 3×3 filter per INPUT channel (32), not per output channel.",
          "depthwise-per-output",
        );
      if (answer === depthwise + pointwise + 32 + 64)
        return fail("no biases in this question: drop the 32 + 64 bias terms.", "biases-counted");
      return fail("depthwise: Cin·3·3 (groups = Cin); pointwise: Cout·Cin·1·1. Add them.");
    },
  },
  conv2dNaive: codeExercise(code.conv2dNaive),
} satisfies Record<string, Exercise>;

/**
 * The exercises of lesson 11.
 * @example
 * gl.exercises.convArithmetic.check("alexnet", 27); // ✓ 55 after the conv, 27 after the overlapping pool.
 */
export const convArithmetic = defineExercises("convArithmetic", graders);
