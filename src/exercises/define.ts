/**
 * How a lesson declares its exercises: `defineExercises("convArithmetic", { outputSize: { prompt, check } })`
 * gives `gl.exercises.convArithmetic.outputSize(answer)` plus `.check(name, answer)`, `.list()` and
 * `.hint(name)`. Each lesson's checkers live in one file in src/exercises/ and are registered in
 * src/exercises/index.ts.
 */
import { ArgumentError, check } from "../errors";
import type { CheckResult } from "./result";

export interface Exercise {
  /** The question as the notebook asks it. */
  prompt: string;
  /** A nudge for a learner who is stuck (does not give the answer away). */
  hint?: string;
  /** Grades an answer; prints and returns { correct, message }. */
  check(answer: unknown): CheckResult;
}

export type LessonExercises<E extends Record<string, Exercise>> = {
  [K in keyof E]: (answer: unknown) => CheckResult;
} & {
  /** The lesson's name, e.g. "convArithmetic". */
  readonly lesson: string;
  /** Grades the answer to exercise `name`. */
  check(name: keyof E & string, answer: unknown): CheckResult;
  /** Every exercise with its prompt. */
  list(): { name: string; prompt: string }[];
  /** The hint of exercise `name`. */
  hint(name: keyof E & string): string;
};

/**
 * Declares a lesson's exercises.
 * @example
 * const myLesson = gl.exercises.defineExercises("myLesson", {
 *   two: { prompt: "What is 1 + 1?", check: (a) => gl.exercises.checkNumber(a, 2) },
 * });
 * myLesson.two(2).correct; // true
 */
export function defineExercises<E extends Record<string, Exercise>>(lesson: string, exercises: E): LessonExercises<E> {
  const names = Object.keys(exercises);
  const find = (name: string, fn: string): Exercise => {
    check(
      Object.prototype.hasOwnProperty.call(exercises, name),
      () =>
        new ArgumentError({
          fn: `exercises.${lesson}.${fn}`,
          arg: "name",
          expected: `one of this lesson's exercises: ${names.join(", ")}`,
          received: JSON.stringify(name),
        }),
    );
    return exercises[name];
  };
  const out: Record<string, unknown> = {
    lesson,
    check: (name: string, answer: unknown) => find(name, "check").check(answer),
    list: () => names.map((name) => ({ name, prompt: exercises[name].prompt })),
    hint: (name: string) => find(name, "hint").hint ?? "No hint for this one: reread the formula in the lesson.",
  };
  for (const name of names) out[name] = (answer: unknown) => exercises[name].check(answer);
  return out as LessonExercises<E>;
}
