/**
 * A lesson's graded exercises as data, on top of the exercise framework (define.ts, compare.ts,
 * result.ts): for each exercise the expected answer, a tolerance, and the wrong answers a likely
 * mistake produces, each with the explanation to show. `check(id, answer)` prints the verdict in
 * the notebook; `grade(id, answer)` returns it (for tests).
 *   correct ⇔ |answer − expected| ≤ atol + rtol·|expected| elementwise, with the same shape
 */
import { Tensor } from "../tensor/tensor";
import type { NestedArray } from "../tensor/tensor";
import { CheckOptions, checkNumber, checkValues, close, flat, Mistake as CompareMistake } from "./compare";
import { defineExercises as defineLesson, Exercise } from "./define";
import { CheckResult, formatResult, verdict } from "./result";

/** An answer: a number, a (nested) array of numbers, a tensor, a string, or an object of those. */
export type Answer =
  number | string | boolean | readonly unknown[] | Tensor | { [key: string]: unknown } | null | undefined;

/** A wrong answer a known mistake produces, and what to say about it. */
export interface Mistake {
  /** The value that mistake gives (compared with the same tolerance), or a test on the answer. */
  value?: Answer;
  test?: (answer: Answer) => boolean;
  /** The explanation: names the mistake and how to fix it. */
  why: string;
}

export interface ExerciseSpec {
  /** One line: what is asked (shown when nothing is answered yet). */
  prompt: string;
  expected: Answer;
  rtol?: number;
  atol?: number;
  mistakes?: Mistake[];
  /** Shown after a correct answer: what it means. */
  explain?: string;
}

export interface Feedback {
  id: string;
  correct: boolean;
  /** The text shown to the learner ("✓ …" or "✗ …"). */
  message: string;
}

export interface SpecExercises<D> {
  /** The given values of the exercises, so the notebook and the checker use the same numbers. */
  data: D;
  /** The ids of the exercises, in order. */
  ids: string[];
  /** Grades an answer and returns the feedback. */
  grade(id: string, answer: Answer): Feedback;
  /** Grades an answer and prints the feedback (what a notebook cell calls). */
  check(id: string, answer: Answer): void;
}

/** Numbers and their shape, or null for a non-numeric answer (string, boolean, object). */
const numeric = (a: Answer): ReturnType<typeof flat> =>
  typeof a === "number" || a instanceof Tensor || Array.isArray(a) ? flat(a as Tensor | NestedArray) : null;

/** Non-numeric answers: strings case-insensitively, booleans exactly, objects field by field (numbers within tolerance). */
function matchesValue(a: Answer, b: Answer, rtol: number, atol: number): boolean {
  if (typeof b === "string") return typeof a === "string" && a.trim().toLowerCase() === b.trim().toLowerCase();
  const fb = numeric(b);
  if (fb) {
    const fa = numeric(a);
    return (
      !!fa && fa.shape.join() === fb.shape.join() && fb.values.every((e, i) => close(fa.values[i], e, { rtol, atol }))
    );
  }
  if (b && typeof b === "object" && !(b instanceof Tensor)) {
    if (!a || typeof a !== "object" || Array.isArray(a) || a instanceof Tensor) return false;
    const ao = a as Record<string, unknown>;
    return Object.entries(b).every(([k, v]) => matchesValue(ao[k] as Answer, v as Answer, rtol, atol));
  }
  return a === b;
}

const shapeText = (a: Answer): string => {
  const f = numeric(a);
  if (!f) return typeof a === "object" ? "an object" : `a ${typeof a}`;
  return f.shape.length === 0 ? "a number" : `shape [${f.shape.join(", ")}]`;
};

/** One spec as a framework Exercise: numbers through checkNumber, arrays and tensors through checkValues. */
function toExercise(spec: ExerciseSpec): Exercise {
  const { rtol = 1e-3, atol = 1e-6 } = spec;
  const mistakes: CompareMistake<unknown>[] = (spec.mistakes ?? []).map((m) => ({
    value: m.value,
    when: m.test as ((a: unknown) => boolean) | undefined,
    message: m.why,
  }));
  const opts = {
    rtol,
    atol,
    mistakes,
    explanation: spec.explain,
    expectedText: `not a mistake this checker knows. ${spec.prompt}`,
  };
  return {
    prompt: spec.prompt,
    check(answer: unknown): CheckResult {
      const a = answer as Answer;
      if (a === null || a === undefined) return verdict(false, `Not answered yet. ${spec.prompt}`);
      const fe = numeric(spec.expected);
      if (fe && fe.shape.length === 0 && typeof spec.expected === "number")
        return checkNumber(a, spec.expected, opts as CheckOptions<number>);
      if (fe) {
        const fa = numeric(a);
        const known = spec.mistakes?.some((m) => (m.test ? safeTest(m.test, a) : matchesValue(a, m.value, rtol, atol)));
        if (!known && (!fa || fa.shape.join() !== fe.shape.join()))
          return verdict(false, `The answer should have ${shapeText(spec.expected)}, but yours has ${shapeText(a)}.`);
        return checkValues(a, spec.expected as Tensor | NestedArray, opts as CheckOptions<Tensor | NestedArray>);
      }
      if (matchesValue(a, spec.expected, rtol, atol))
        return verdict(true, `Correct.${spec.explain ? " " + spec.explain : ""}`);
      const m = spec.mistakes?.find((k) => (k.test ? safeTest(k.test, a) : matchesValue(a, k.value, rtol, atol)));
      return verdict(false, m ? m.why : `Not yet, and not a mistake this checker knows. ${spec.prompt}`);
    },
  };
}

function safeTest(test: (answer: Answer) => boolean, a: Answer): boolean {
  try {
    return test(a);
  } catch {
    return false;
  }
}

/**
 * Builds a lesson's `check`/`grade` from its exercise specs, through the framework's defineExercises.
 * @example
 * const lesson = exercisesFromSpecs("demo", { n: 3 }, {
 *   double: { prompt: "Give 2n.", expected: 6, mistakes: [{ value: 5, why: "That is n + 2; double means 2·n." }] },
 * });
 * lesson.grade("double", 5).message // "✗ 5: That is n + 2; double means 2·n."
 */
export function exercisesFromSpecs<D>(lesson: string, data: D, specs: Record<string, ExerciseSpec>): SpecExercises<D> {
  const exercises: Record<string, Exercise> = {};
  for (const [id, spec] of Object.entries(specs)) exercises[id] = toExercise(spec);
  const defined = defineLesson(lesson, exercises);
  const grade = (id: string, answer: Answer): Feedback => {
    if (!Object.prototype.hasOwnProperty.call(specs, id)) {
      const r = verdict(
        false,
        `No exercise "${id}" in lesson ${lesson}. The exercises are: ${Object.keys(specs).join(", ")}.`,
      );
      return { id, correct: false, message: formatResult(r) };
    }
    const r = defined.check(id, answer);
    return { id, correct: r.correct, message: formatResult(r) };
  };
  return {
    data,
    ids: Object.keys(specs),
    grade,
    check: (id, answer) => {
      grade(id, answer);
    },
  };
}

/** The name the lesson modules of 01–04 import (kept so they need no change). */
export { exercisesFromSpecs as defineExercises };
