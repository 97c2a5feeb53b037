/**
 * A code exercise in the framework's Exercise shape ({ prompt, hint, grade }, define.ts): `grade`
 * runs the learner's function through gradeCode (codeGrader.ts) and returns its Grade, the known
 * wrong version it matched as the mistake code. A lesson registers one as `name: codeExercise(spec)`.
 */
import { CodeExerciseSpec, gradeCode } from "./codeGrader";
import type { Exercise } from "./define";

/**
 * @example
 * const ex = codeExercise({ lesson: "demo", prompt: "Write neg(x).", hint: "Multiply by −1.", signature: "neg(x) → y", args: ["x"],
 *   cases: [{ label: "a vector", make: () => [gl.tensor([1, -2])] }], reference: (x: gl.Tensor) => gl.neg(x) });
 * ex.grade((x: gl.Tensor) => gl.mul(x, -1)).correct // true
 */
export function codeExercise(spec: CodeExerciseSpec): Exercise {
  return { prompt: spec.prompt, hint: spec.hint, grade: (answer: unknown) => gradeCode(spec, answer) };
}
