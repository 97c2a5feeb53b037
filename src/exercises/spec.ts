/**
 * An exercise written as data: the expected answer, a tolerance, and the wrong answers a likely
 * mistake produces, each with the explanation to show. `fromSpec(spec)` turns it into an
 * {@link Exercise} (define.ts):
 *   numbers        → checkNumber;   arrays and tensors → checkValues (shape first)
 *   strings        → equal ignoring case and surrounding spaces
 *   objects        → field by field (numbers within the tolerance)
 * correct ⇔ |answer − expected| ≤ atol + rtol·|expected| elementwise (DEFAULT_TOLERANCE unless the
 * spec sets rtol/atol).
 */
import { ArgumentError, check, show } from "../errors";
import { Tensor } from "../tensor/tensor";
import type { NestedArray } from "../tensor/tensor";
import {
  CheckOptions,
  checkNumber,
  checkValues,
  close,
  findMistake,
  flat,
  Mistake,
  mistakeGrade,
  tolerance,
} from "./compare";
import type { Exercise } from "./define";
import { fail, Grade, pass } from "./result";

/** An answer: a number, a (nested) array of numbers, a tensor, a string, or an object of those. */
export type Answer =
  number | string | boolean | readonly unknown[] | Tensor | { [key: string]: unknown } | null | undefined;

export interface ExerciseSpec {
  /** One line: what is asked (shown when nothing is answered yet). */
  prompt: string;
  /** A nudge that does not give the answer away. */
  hint: string;
  expected: Answer;
  rtol?: number;
  atol?: number;
  mistakes?: Mistake<Answer>[];
  /** Shown after a correct answer: what it means. */
  explain?: string;
}

/** Numbers and their shape, or null for a non-numeric answer (string, boolean, object). */
const numeric = (a: Answer): ReturnType<typeof flat> =>
  typeof a === "number" || a instanceof Tensor || Array.isArray(a) ? flat(a as Tensor | NestedArray) : null;

/** Non-numeric answers: strings case-insensitively, booleans exactly, objects field by field (numbers within tolerance). */
function matchesValue(a: Answer, b: Answer, tol: { rtol: number; atol: number }): boolean {
  if (typeof b === "string") return typeof a === "string" && a.trim().toLowerCase() === b.trim().toLowerCase();
  const fb = numeric(b);
  if (fb) {
    const fa = numeric(a);
    return !!fa && fa.shape.join() === fb.shape.join() && fb.values.every((e, i) => close(fa.values[i], e, tol));
  }
  if (b && typeof b === "object" && !(b instanceof Tensor)) {
    if (!a || typeof a !== "object" || Array.isArray(a) || a instanceof Tensor) return false;
    const ao = a as Record<string, unknown>;
    return Object.entries(b).every(([k, v]) => matchesValue(ao[k] as Answer, v as Answer, tol));
  }
  return a === b;
}

const shapeText = (a: Answer): string => {
  const f = numeric(a);
  if (!f) return typeof a === "object" ? "an object" : `a ${typeof a}`;
  return f.shape.length === 0 ? "a number" : `shape [${f.shape.join(", ")}]`;
};

/**
 * An Exercise from its spec: numbers through checkNumber, arrays and tensors through checkValues,
 * strings and objects compared field by field.
 * @example
 * const double = gl.exercises.fromSpec({
 *   prompt: "Give 2n for n = 3.", hint: "Double means times two.", expected: 6,
 *   mistakes: [{ code: "plus-two", value: 5, message: "That is n + 2; double means 2·n." }],
 * });
 * double.grade(6).correct // true
 * double.grade(5).message // "5: That is n + 2; double means 2·n."
 * double.grade(5).mistake?.code // "plus-two"
 */
export function fromSpec(specIn: ExerciseSpec): Exercise {
  const checked = tolerance<ExerciseSpec>("exercises.fromSpec", "spec", specIn, [
    "prompt",
    "hint",
    "expected",
    "mistakes",
    "explain",
  ]);
  check(
    typeof checked.prompt === "string" && typeof checked.hint === "string" && checked.expected !== undefined,
    () =>
      new ArgumentError({
        fn: "exercises.fromSpec",
        arg: typeof checked.prompt !== "string" ? "prompt" : typeof checked.hint !== "string" ? "hint" : "expected",
        expected: "a spec { prompt: string, hint: string, expected: the right answer }",
        received: `prompt ${show(checked.prompt)}, hint ${show(checked.hint)}, expected ${show(checked.expected)}`,
        fix: 'e.g. fromSpec({ prompt: "What is 1 + 1?", hint: "Count.", expected: 2 }).',
      }),
  );
  const spec = checked as ExerciseSpec;
  const tol = { rtol: checked.rtol, atol: checked.atol };
  const opts = {
    ...tol,
    mistakes: spec.mistakes,
    explanation: spec.explain,
    expectedText: `not a mistake this checker knows. ${spec.prompt}`,
  };
  const same = (a: Answer, b: Answer): boolean => matchesValue(a, b, tol);
  return {
    prompt: spec.prompt,
    hint: spec.hint,
    grade(answer: unknown): Grade {
      const a = answer as Answer;
      const fe = numeric(spec.expected);
      if (fe && fe.shape.length === 0 && typeof spec.expected === "number")
        return checkNumber(a, spec.expected, opts as CheckOptions<number>);
      if (fe) {
        const fa = numeric(a);
        const known = findMistake(a, spec.mistakes, same);
        if (!known && (!fa || fa.shape.join() !== fe.shape.join()))
          return fail(`The answer should have ${shapeText(spec.expected)}, but yours has ${shapeText(a)}.`);
        return checkValues(a, spec.expected as Tensor | NestedArray, opts as CheckOptions<Tensor | NestedArray>);
      }
      if (same(a, spec.expected)) return pass(`Correct.${spec.explain ? " " + spec.explain : ""}`);
      const m = findMistake(a, spec.mistakes, same);
      return m ? mistakeGrade(m) : fail(`Not yet, and not a mistake this checker knows. ${spec.prompt}`);
    },
  };
}
