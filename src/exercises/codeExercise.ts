/**
 * Code exercises in the exercise framework's shapes: `codeExercise(spec)` as an Exercise whose check
 * shows the verdict, `codeGrader(spec)` as a grader among a lesson's graders, and
 * `withCodeExercises(lesson, specs)` to add code exercises to a lesson built from value specs.
 */
import { CodeExerciseSpec, CodeVerdict, gradeCode } from "./codeGrader";
import type { Exercise } from "./define";
import { verdict } from "./result";

/**
 * A code exercise in the framework's shape: `check(fn)` grades the function and shows the verdict.
 * @example
 * const ex = codeExercise({ lesson: "demo", prompt: "Write neg(x).", hint: "Multiply by −1.", signature: "neg(x) → y", args: ["x"],
 *   cases: [{ label: "a vector", make: () => [gl.tensor([1, -2])] }], reference: (x: gl.Tensor) => gl.neg(x) });
 * ex.check((x: gl.Tensor) => gl.mul(x, -1)).correct // true
 */
export function codeExercise(spec: CodeExerciseSpec): Exercise {
  return {
    prompt: spec.prompt,
    hint: spec.hint,
    check: (answer: unknown) => {
      const v = gradeCode(spec, answer);
      return verdict(v.correct, v.message);
    },
  };
}

/** A code exercise as a grader (graders.ts): `grade(fn)` returns the verdict without showing it. */
export function codeGrader(spec: CodeExerciseSpec): {
  prompt: string;
  hint: string;
  grade(answer: unknown): CodeVerdict;
} {
  return { prompt: spec.prompt, hint: spec.hint, grade: (answer: unknown) => gradeCode(spec, answer) };
}

/**
 * A lesson's value exercises plus its code exercises: `check(name, answer)` grades a code exercise
 * by `name` (and shows the verdict), any other name as before; `hint(name)` gives a code exercise's hint.
 */
export function withCodeExercises<L extends { check(id: string, answer: never): unknown }>(
  lesson: L,
  code: Record<string, CodeExerciseSpec>,
): Omit<L, "check"> & { check(id: string, answer: unknown): unknown; hint(name: string): string } {
  const own = (name: string): boolean => Object.prototype.hasOwnProperty.call(code, name);
  const base = lesson as unknown as { check(id: string, answer: unknown): unknown; hint?: (name: string) => string };
  return {
    ...lesson,
    check: (id: string, answer: unknown) => (own(id) ? codeExercise(code[id]).check(answer) : base.check(id, answer)),
    hint: (name: string) =>
      own(name) ? code[name].hint : base.hint ? base.hint(name) : "No hint for this one: reread the lesson's formula.",
  };
}
