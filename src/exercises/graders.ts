/**
 * Exercises written as graders: a grader returns { correct, message } without printing, so the
 * grading logic reads as plain code and tests can call it; `gradedExercises` turns a record of
 * graders into a lesson's exercises (defineExercises), whose `check` prints the verdict.
 */
import { defineExercises, Exercise, LessonExercises } from "./define";
import { verdict } from "./result";

/** What a grader decides. */
export interface Verdict {
  correct: boolean;
  message: string;
}

export interface Grader {
  /** The question as the notebook asks it. */
  prompt: string;
  hint?: string;
  grade(answer: unknown): Verdict;
}

/**
 * A lesson's exercises from its graders.
 * @example
 * const lesson = gl.exercises.gradedExercises("demo", { two: { prompt: "1 + 1?", grade: (a) => ({ correct: a === 2, message: "" }) } });
 * lesson.check("two", 2).correct; // true
 */
export function gradedExercises<K extends string>(
  lesson: string,
  graders: Record<K, Grader>,
): LessonExercises<Record<K, Exercise>> {
  const exercises = {} as Record<K, Exercise>;
  for (const name of Object.keys(graders) as K[]) {
    const g = graders[name];
    exercises[name] = {
      prompt: g.prompt,
      hint: g.hint,
      check: (answer: unknown) => {
        const v = g.grade(answer);
        return verdict(v.correct, v.message);
      },
    };
  }
  return defineExercises(lesson, exercises);
}
