/**
 * A lesson's graded exercises as data: for each exercise the expected answer, a tolerance, and
 * the wrong answers a likely mistake produces, each with the explanation to show. `check(id,
 * answer)` prints the feedback in the notebook; `grade(id, answer)` returns it (for tests).
 *   correct ⇔ |answer − expected| ≤ atol + rtol·|expected| elementwise, with the same shape
 */
import { Tensor } from "../tensor/tensor";

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
  /** The text shown to the learner. */
  message: string;
  /** Which known mistake matched, if any (its index in `mistakes`). */
  mistake?: number;
}

interface Flat {
  shape: number[];
  values: number[];
}

/** Numbers and their shape from an answer, or null when it is not numeric. */
function flatten(a: Answer): Flat | null {
  if (typeof a === "number") return { shape: [], values: [a] };
  if (a instanceof Tensor) return { shape: [...a.shape], values: Array.from(a.data) };
  if (Array.isArray(a)) {
    if (a.length === 0) return { shape: [0], values: [] };
    const parts = a.map((v) => flatten(v as Answer));
    if (parts.some((p) => p === null)) return null;
    const inner = parts[0]!.shape;
    if (parts.some((p) => p!.shape.join() !== inner.join())) return null;
    return { shape: [a.length, ...inner], values: parts.flatMap((p) => p!.values) };
  }
  return null;
}

/** True when `a` matches `b` within tolerance (numbers elementwise and shape; strings case-insensitively; objects field by field). */
export function matches(a: Answer, b: Answer, rtol = 1e-3, atol = 1e-6): boolean {
  if (typeof b === "string") return typeof a === "string" && a.trim().toLowerCase() === b.trim().toLowerCase();
  if (typeof b === "boolean") return a === b;
  const fb = flatten(b);
  if (fb) {
    const fa = flatten(a);
    if (!fa || fa.shape.join() !== fb.shape.join()) return false;
    return fb.values.every((e, i) => Math.abs(fa.values[i] - e) <= atol + rtol * Math.abs(e));
  }
  if (b && typeof b === "object" && !(b instanceof Tensor)) {
    if (!a || typeof a !== "object" || Array.isArray(a) || a instanceof Tensor) return false;
    const ao = a as Record<string, unknown>;
    return Object.entries(b).every(([k, v]) => matches(ao[k] as Answer, v as Answer, rtol, atol));
  }
  return a === b;
}

/** The shape of a numeric answer as text, e.g. "[2, 3]" or "a number". */
export function describeShape(a: Answer): string {
  const f = flatten(a);
  if (!f) return typeof a === "object" ? "an object" : `a ${typeof a}`;
  return f.shape.length === 0 ? "a number" : `shape [${f.shape.join(", ")}]`;
}

export interface LessonExercises<D> {
  /** The given values of the exercises, so the notebook and the checker use the same numbers. */
  data: D;
  /** The ids of the exercises, in order. */
  ids: string[];
  /** Grades an answer and returns the feedback. */
  grade(id: string, answer: Answer): Feedback;
  /** Grades an answer and prints the feedback (what a notebook cell calls). */
  check(id: string, answer: Answer): void;
}

/** Builds a lesson's `check`/`grade` from its exercise specs. */
export function defineExercises<D>(lesson: string, data: D, specs: Record<string, ExerciseSpec>): LessonExercises<D> {
  const grade = (id: string, answer: Answer): Feedback => {
    const spec = specs[id];
    if (!spec) {
      return {
        id,
        correct: false,
        message: `No exercise "${id}" in lesson ${lesson}. The exercises are: ${Object.keys(specs).join(", ")}.`,
      };
    }
    if (answer === null || answer === undefined) {
      return { id, correct: false, message: `Not answered yet. ${spec.prompt}` };
    }
    const { rtol = 1e-3, atol = 1e-6 } = spec;
    if (matches(answer, spec.expected, rtol, atol)) {
      return { id, correct: true, message: `✔ Correct.${spec.explain ? " " + spec.explain : ""}` };
    }
    const mistakes = spec.mistakes ?? [];
    for (let i = 0; i < mistakes.length; i++) {
      const m = mistakes[i];
      const hit = m.test ? m.test(answer) : matches(answer, m.value as Answer, rtol, atol);
      if (hit) return { id, correct: false, message: `✘ Not yet. ${m.why}`, mistake: i };
    }
    const fe = flatten(spec.expected);
    const fa = flatten(answer);
    if (fe && (!fa || fa.shape.join() !== fe.shape.join())) {
      return {
        id,
        correct: false,
        message: `✘ Not yet. The answer should have ${describeShape(spec.expected)}, but yours has ${describeShape(answer)}.`,
      };
    }
    return { id, correct: false, message: `✘ Not yet, and not a mistake this checker knows. ${spec.prompt}` };
  };
  return {
    data,
    ids: Object.keys(specs),
    grade,
    check: (id, answer) => {
      console.log(`[${lesson} · ${id}] ${grade(id, answer).message}`);
    },
  };
}
