/**
 * The exercise framework: one {@link Exercise} shape, and `defineExercises`, which turns a lesson's
 * exercises into `gl.exercises.<lesson>`:
 *
 *   check(name, answer)  grades, counts the attempt, shows the result (showResult) and returns it
 *   grade(name, answer)  the same result, not shown and not counted (for tests and tools)
 *   hint(name)           a nudge that does not give the answer away
 *   list()               every exercise with its prompt
 *   <name>(answer)       shorthand for check(name, answer)
 *   data                 the values the exercises give (so notebook and grader use the same numbers)
 *
 * An exercise is `{ prompt, hint, grade(answer) }`: `grade` receives whatever the learner passed
 * (a number, an array, a tensor, an object, a string — or, for code exercises, a function it may
 * call) and returns a Grade built with pass/fail or a checker (checkNumber, checkValues,
 * checkShape, checkFormula). `fromSpec` (spec.ts) builds one from an expected value and its known
 * mistakes. Each lesson's exercises live in one file in src/exercises/ and are registered in
 * src/exercises/index.ts.
 */
import { ArgumentError, check } from "../errors";
import { suggestion } from "../args";
import { fail, Grade, CheckResult, showResult } from "./result";

export interface Exercise {
  /** The question as the notebook asks it. */
  prompt: string;
  /** A nudge for a learner who is stuck: where to look, never the answer. */
  hint: string;
  /** Grades an answer (any value the learner passes, a function included); shows nothing. */
  grade(answer: unknown): Grade;
}

export type LessonExercises<E extends Record<string, Exercise>, D = Record<string, never>> = {
  [K in keyof E]: (answer: unknown) => CheckResult;
} & {
  /** The lesson's name, as in `gl.exercises.<lesson>`, e.g. "convArithmetic". */
  readonly lesson: string;
  /** The given values of the exercises. */
  readonly data: D;
  /** Grades the answer to exercise `name`, shows the result and returns it. */
  check(name: keyof E & string, answer: unknown): CheckResult;
  /** Grades the answer to exercise `name` without showing it or counting an attempt. */
  grade(name: keyof E & string, answer: unknown): CheckResult;
  /** Every exercise with its prompt. */
  list(): { name: string; prompt: string }[];
  /** The hint of exercise `name`. */
  hint(name: keyof E & string): string;
};

const RESERVED = ["lesson", "data", "check", "grade", "list", "hint"];

/** How many times each exercise was checked in this kernel ("lesson.exercise" → count). */
const attempts = new Map<string, number>();

/** Runs a grader; an answer it cannot handle (it throws) becomes a wrong grade that says so. */
function safeGrade(ex: Exercise, answer: unknown): Grade {
  if (answer === null || answer === undefined) return fail(`Not answered yet. ${ex.prompt}`);
  try {
    return ex.grade(answer);
  } catch (e) {
    return fail(
      `this answer could not be graded (${(e as Error).message}). Check that it is the kind of value asked for: ${ex.prompt}`,
    );
  }
}

/**
 * Declares a lesson's exercises.
 * @example
 * const myLesson = gl.exercises.defineExercises("myLesson", {
 *   two: { prompt: "What is 1 + 1?", hint: "Count on your fingers.", grade: (a) => gl.exercises.checkNumber(a, 2) },
 * });
 * myLesson.grade("two", 2).correct // true
 * myLesson.grade("two", 3).message // "3 is not right. Check each step of the computation."
 * myLesson.hint("two") // "Count on your fingers."
 */
export function defineExercises<E extends Record<string, Exercise>, D = Record<string, never>>(
  lesson: string,
  exercises: E,
  data?: D,
): LessonExercises<E, D> {
  const names = Object.keys(exercises);
  for (const name of names) {
    check(
      !RESERVED.includes(name),
      () =>
        new ArgumentError({
          fn: "exercises.defineExercises",
          arg: "exercises",
          expected: `exercise names other than ${RESERVED.join(", ")} (those are the lesson's own functions)`,
          received: JSON.stringify(name),
          fix: "Rename the exercise.",
        }),
    );
    const ex = exercises[name];
    check(
      ex && typeof ex.grade === "function" && typeof ex.prompt === "string" && typeof ex.hint === "string",
      () =>
        new ArgumentError({
          fn: "exercises.defineExercises",
          arg: `exercises.${name}`,
          expected: "an Exercise { prompt: string, hint: string, grade(answer) }",
          received: ex ? `an object with ${Object.keys(ex).join(", ")}` : String(ex),
          fix: "Give every exercise a prompt, a hint and a grade function (or build it with fromSpec).",
        }),
    );
  }
  const find = (name: string, fn: string): Exercise => {
    check(
      Object.prototype.hasOwnProperty.call(exercises, name),
      () =>
        new ArgumentError({
          fn: `exercises.${lesson}.${fn}`,
          arg: "name",
          expected: `one of this lesson's exercises: ${names.join(", ")}`,
          received: JSON.stringify(name),
          fix: `${typeof name === "string" ? suggestion(name, names) : ""} gl.exercises.${lesson}.list() shows every exercise with its prompt; names are case-sensitive.`.trim(),
        }),
    );
    return exercises[name];
  };
  const result = (name: string, g: Grade, attempt: number): CheckResult => {
    const r: CheckResult = { lesson, exercise: name, correct: g.correct, message: g.message, attempt };
    if (g.mistake) r.mistake = g.mistake;
    return r;
  };
  const checkOne = (name: string, answer: unknown): CheckResult => {
    const g = safeGrade(find(name, "check"), answer);
    const key = `${lesson}.${name}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    return showResult(result(name, g, attempt));
  };
  const out: Record<string, unknown> = {
    lesson,
    data: data ?? {},
    check: checkOne,
    grade: (name: string, answer: unknown) => result(name, safeGrade(find(name, "grade"), answer), 0),
    list: () => names.map((name) => ({ name, prompt: exercises[name].prompt })),
    hint: (name: string) => find(name, "hint").hint,
  };
  for (const name of names) out[name] = (answer: unknown) => checkOne(name, answer);
  return out as LessonExercises<E, D>;
}
