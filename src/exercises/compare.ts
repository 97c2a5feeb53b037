/**
 * Checkers for answers that are values: numbers, arrays, tensors and shapes, compared with a
 * tolerance |answer − expected| <= atol + rtol·|expected| (default {@link DEFAULT_TOLERANCE}). A
 * wrong answer is matched against a list of known mistakes (a wrong value the mistake produces,
 * or a test on the answer) so the feedback can name it: "you used the biased variance (divided
 * by N, not N − 1)". Checkers return a {@link Grade} and show nothing: an exercise's `grade`
 * calls them, and the lesson's `check` shows the result.
 */
import { ArgumentError, check, show } from "../errors";
import { num, optionalNum, options } from "../args";
import { Tensor } from "../tensor/tensor";
import { checkShape as checkShape_ } from "../tensor/check";
import type { NestedArray } from "../tensor/tensor";
import { fail, Grade, pass } from "./result";

export interface Tolerance {
  /** Relative tolerance, default 1e-3 (see DEFAULT_TOLERANCE). */
  rtol?: number;
  /** Absolute tolerance, default 1e-9. */
  atol?: number;
}

/**
 * The tolerance every checker uses unless an exercise says otherwise: rtol 1e-3 accepts an answer
 * typed with four significant digits (0.3679 for e⁻¹) and float32 round-off; atol 1e-9 only
 * absorbs round-off around an expected 0 (a larger atol would accept 0 for a small expected value
 * such as 0.25¹⁰ ≈ 1e-6).
 * @example gl.exercises.DEFAULT_TOLERANCE.rtol // 0.001
 */
export const DEFAULT_TOLERANCE: Readonly<Required<Tolerance>> = Object.freeze({ rtol: 1e-3, atol: 1e-9 });

/** A known wrong answer and what to tell the learner who gives it: the one Mistake type of gl.exercises. */
export interface Mistake<T = unknown> {
  /** A short stable id (e.g. "biased-variance"), recorded in the check's result. */
  code?: string;
  /** The value this mistake produces (compared with the same tolerance). */
  value?: T;
  /** Or a test on the answer (a test that throws counts as no match). */
  when?: (answer: T) => boolean;
  /** Names the mistake and how to fix it, without giving the answer. */
  message: string;
}

export interface CheckOptions<T> extends Tolerance {
  mistakes?: Mistake<T>[];
  /** Said after a correct answer (e.g. why it is right). */
  explanation?: string;
  /** What the answer is, in words, for the generic "wrong" message (default: shows the expected value). */
  expectedText?: string;
}

/**
 * |a − b| <= atol + rtol·|b| (NaN is never close; an infinite b only equals itself).
 * @example gl.exercises.close(0.3679, Math.exp(-1)) // true
 */
export function close(a: number, b: number, tol: Tolerance = {}): boolean {
  // NaN is a documented input (never close); only a non-number is a mistake
  if (typeof a !== "number") num("exercises.close", "a", a, { allowInfinity: true });
  if (typeof b !== "number") num("exercises.close", "b", b, { allowInfinity: true });
  const t = tolerance("exercises.close", "tol", tol, []);
  return within(a, b, t);
}

/** |a − b| <= atol + rtol·|b| for a tolerance already checked (the checkers call it once per value). */
export function within(a: number, b: number, { rtol, atol }: Required<Tolerance>): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

/**
 * A checker's options, checked once: known keys only, rtol and atol finite and ≥ 0 (defaults
 * DEFAULT_TOLERANCE), mistakes a list. Returns the options with the tolerance filled in.
 */
export function tolerance<O extends Tolerance & { mistakes?: unknown }>(
  fn: string,
  arg: string,
  value: unknown,
  otherKeys: readonly string[],
): Omit<Partial<O>, "rtol" | "atol"> & Required<Tolerance> {
  const o = options<O>(fn, arg, value, ["rtol", "atol", ...otherKeys]);
  const fix = "A tolerance is a finite number ≥ 0, e.g. { rtol: 1e-3 } (relative) or { atol: 0.5 } (absolute).";
  const rtol = optionalNum(fn, "rtol", o.rtol, DEFAULT_TOLERANCE.rtol, { min: 0, fix });
  const atol = optionalNum(fn, "atol", o.atol, DEFAULT_TOLERANCE.atol, { min: 0, fix });
  check(
    o.mistakes === undefined || Array.isArray(o.mistakes),
    () =>
      new ArgumentError({
        fn,
        arg: "mistakes",
        expected: "a list of Mistake objects { value or when, message }",
        received: show(o.mistakes),
        fix: 'Wrap a single mistake in brackets: mistakes: [{ value: 63, message: "…" }].',
      }),
  );
  return { ...o, rtol, atol };
}

const CHECK_KEYS = ["mistakes", "explanation", "expectedText"] as const;

/** Numbers and their shape from a number, (nested) array or tensor; null when it is not numeric or ragged. */
export function flat(x: Tensor | NestedArray): { values: number[]; shape: number[] } | null {
  if (x instanceof Tensor) return { values: Array.from(x.data), shape: [...x.shape] };
  if (typeof x === "number") return { values: [x], shape: [] };
  if (!Array.isArray(x)) return null;
  const shape: number[] = [];
  let v: NestedArray = x;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0];
  }
  const values: number[] = [];
  const walk = (node: NestedArray, depth: number): boolean => {
    if (depth === shape.length) {
      if (typeof node !== "number") return false;
      values.push(node);
      return true;
    }
    return Array.isArray(node) && node.length === shape[depth] && node.every((c) => walk(c, depth + 1));
  };
  return walk(x, 0) ? { values, shape } : null;
}

function allClose(a: Tensor | NestedArray, b: Tensor | NestedArray, tol: Required<Tolerance>): boolean {
  const fa = flat(a);
  const fb = flat(b);
  if (!fa || !fb || fa.values.length !== fb.values.length) return false;
  if (fa.shape.length === fb.shape.length && fa.shape.some((d, i) => d !== fb.shape[i])) return false;
  return fa.values.every((v, i) => within(v, fb.values[i], tol));
}

/** The first of `mistakes` the answer matches (by value with `same`, or by its test). */
export function findMistake<T>(
  answer: T,
  mistakes: Mistake<T>[] | undefined,
  same: (a: T, b: T) => boolean,
): Mistake<T> | undefined {
  return mistakes?.find(
    (m) => (m.value !== undefined && same(answer, m.value)) || (m.when !== undefined && safe(() => m.when!(answer))),
  );
}

/** The grade for an answer recognised as mistake `m`, its message after `prefix`. */
export function mistakeGrade<T>(m: Mistake<T>, prefix = ""): Grade {
  const mistake = m.code === undefined ? { message: m.message } : { code: m.code, message: m.message };
  return { correct: false, message: prefix + m.message, mistake };
}

function safe(f: () => boolean): boolean {
  try {
    return f();
  } catch {
    return false;
  }
}

/**
 * Checks a number against the expected value, naming a known mistake when the answer matches one.
 * @example
 * gl.exercises.checkNumber(63, 64, { mistakes: [{ value: 63, message: "off by one: did you forget +1 in (W−F+2P)/S+1?" }] });
 * // { correct: false, message: "63: off by one: did you forget +1 in (W−F+2P)/S+1?" }
 * gl.exercises.checkNumber(0.3679, Math.exp(-1)).correct // true (within the default rtol 1e-3)
 */
export function checkNumber(answer: unknown, expected: number, optsIn: CheckOptions<number> = {}): Grade {
  num("exercises.checkNumber", "expected", expected, { allowInfinity: true });
  const opts = tolerance<CheckOptions<number>>("exercises.checkNumber", "opts", optsIn, CHECK_KEYS);
  if (answer instanceof Tensor && answer.size === 1) answer = answer.data[0];
  if (typeof answer !== "number" || Number.isNaN(answer)) return fail(`expected a number, but got ${show(answer)}.`);
  if (within(answer, expected, opts))
    return pass(`${show(answer)} is right.${opts.explanation ? ` ${opts.explanation}` : ""}`);
  const m = findMistake(answer, opts.mistakes, (a, b) => within(a, b, opts));
  if (m) return mistakeGrade(m, `${show(answer)}: `);
  return fail(
    `${show(answer)} is not right${opts.expectedText ? `; ${opts.expectedText}` : ""}. Check each step of the computation.`,
  );
}

/**
 * Checks an array or tensor: shape first (a transposed answer is named as such), then values.
 * @example
 * gl.exercises.checkValues([[1, 2], [3, 4]], gl.tensor([[1, 2], [3, 4]])); // correct
 */
export function checkValues(
  answer: unknown,
  expected: Tensor | NestedArray,
  optsIn: CheckOptions<Tensor | NestedArray> = {},
): Grade {
  const opts = tolerance<CheckOptions<Tensor | NestedArray>>("exercises.checkValues", "opts", optsIn, CHECK_KEYS);
  const fe = flat(expected);
  check(
    fe !== null && fe.values.every((v) => typeof v === "number"),
    () =>
      new ArgumentError({
        fn: "exercises.checkValues",
        arg: "expected",
        expected: "the right values: a number, a (nested) array of numbers or a tensor",
        received: show(expected),
        fix: "Pass the expected values the answer is compared with, e.g. checkValues(answer, [[1, 2], [3, 4]]).",
      }),
  );
  const fa = flat(answer as Tensor | NestedArray);
  if (!fa) return fail(`expected numbers shaped ${show(fe.shape)} (an array or a tensor), but got ${show(answer)}.`);
  const m = findMistake(answer as Tensor | NestedArray, opts.mistakes, (a, b) => allClose(a, b, opts));
  const sameShape = fa.shape.length === fe.shape.length && fa.shape.every((d, i) => d === fe.shape[i]);
  if (!sameShape) {
    if (m) return mistakeGrade(m);
    const transposed =
      fa.shape.length === 2 && fe.shape.length === 2 && fa.shape[0] === fe.shape[1] && fa.shape[1] === fe.shape[0];
    return fail(
      `the shape is ${show(fa.shape)} but should be ${show(fe.shape)}.${transposed ? " Rows and columns are swapped: did you transpose?" : ""}`,
    );
  }
  let worst = -1;
  let worstErr = 0;
  fa.values.forEach((v, i) => {
    const err = Math.abs(v - fe.values[i]);
    if (!within(v, fe.values[i], opts) && (worst < 0 || err > worstErr || Number.isNaN(err))) {
      worst = i;
      worstErr = err;
    }
  });
  if (worst < 0)
    return pass(`all ${fe.values.length} values are right.${opts.explanation ? ` ${opts.explanation}` : ""}`);
  if (m) return mistakeGrade(m);
  if (fe.shape.length === 2 && fe.shape[0] === fe.shape[1] && fe.shape[0] > 1) {
    const n = fe.shape[0];
    const transposed = fa.values.every((v, i) => within(v, fe.values[(i % n) * n + Math.floor(i / n)], opts));
    if (transposed) return fail("these are the right values transposed (rows and columns swapped).", "transposed");
  }
  const wrong = fa.values.filter((v, i) => !within(v, fe.values[i], opts)).length;
  return fail(
    `${wrong} of ${fe.values.length} values are off; the largest difference is at flat index ${worst}: ${show(fa.values[worst])} instead of ${show(fe.values[worst])}.`,
  );
}

/**
 * Checks a shape such as [N, C, H, W].
 * @example gl.exercises.checkShape([1, 64, 112, 112], [1, 64, 112, 112]); // correct
 */
export function checkShape(
  answer: unknown,
  expected: number[],
  optsIn: { mistakes?: Mistake<number[]>[]; explanation?: string } = {},
): Grade {
  checkShape_("exercises.checkShape", "expected", expected);
  const opts = options<{ mistakes?: Mistake<number[]>[]; explanation?: string }>(
    "exercises.checkShape",
    "opts",
    optsIn,
    ["mistakes", "explanation"],
  );
  if (!Array.isArray(answer) || !answer.every((d) => typeof d === "number"))
    return fail(`a shape is a list of sizes such as ${show(expected.map(() => 1))}; got ${show(answer)}.`);
  const same = (a: number[], b: number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
  if (same(answer, expected)) return pass(`${show(answer)} is right.${opts.explanation ? ` ${opts.explanation}` : ""}`);
  const m = findMistake(answer as number[], opts.mistakes, same);
  if (m) return mistakeGrade(m, `${show(answer)}: `);
  if (answer.length !== expected.length)
    return fail(`${show(answer)} has ${answer.length} axes; the answer has ${expected.length}.`);
  const axes = expected.map((d, i) => (answer[i] === d ? -1 : i)).filter((i) => i >= 0);
  return fail(`${show(answer)}: axis ${axes.join(" and ")} ${axes.length > 1 ? "are" : "is"} wrong.`);
}
