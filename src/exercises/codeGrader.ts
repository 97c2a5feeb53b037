/**
 * Exercises whose answer is a function the learner wrote (CS231n-style: implement the layer, the
 * notebook checks it). `gradeCode(spec, fn)` calls `fn` on seeded inputs (edge cases included),
 * compares each output with gradlab's own implementation, and on a mismatch runs the known wrong
 * versions too: an output that matches one of them on every input names that mistake. A function
 * that throws, returns the wrong type or shape, changes its input in place, or only calls the op it
 * was asked to write gets a message saying so; the cell never crashes. Feedback says what differs
 * and where (the element, a factor, a sign), never the expected values themselves.
 *   correct ⇔ for every case c: compare(fn(c), reference(c)) finds no difference (and `extra` passes)
 */
import { rng } from "../random";
import { Tensor } from "../tensor/tensor";
import type { Grade } from "./result";

/** The verdict of a grader: what a check shows the learner (the framework's one Grade type, result.ts). */
export type CodeVerdict = Grade;

/** One input the grader calls the function on; `make` runs right after `gl.seed(seed)`. */
export interface CodeCase {
  /** Names the input in feedback: "a batch of 1, negative values". */
  label: string;
  make: () => unknown[];
}

/** A known wrong version: running it tells the grader what that mistake's output looks like. */
export interface WrongVersion {
  /** Short name of the mistake, e.g. "1 − x² on the input". */
  name: string;
  fn: (...args: never[]) => unknown;
  /** What to tell the learner whose output matches it: names the mistake and how to think about the fix. */
  why: string;
}

/** Code that means the learner only called the op being implemented (checked on the function's source). */
export interface Shortcut {
  /** Matched against the function's source with comments removed, e.g. /\.\s*softmax\s*\(/. */
  pattern: RegExp;
  message: string;
}

export interface CodeExerciseSpec {
  /** The lesson's name under gl.exercises, e.g. "backprop" (for "run gl.exercises.backprop.hint(...)"). */
  lesson: string;
  prompt: string;
  hint: string;
  /** How the function is called, shown in messages: "tanhBackward(x, dy) → dx". */
  signature: string;
  /** Names of the arguments, in order (for "it changed its input dy"). */
  args: string[];
  /** The inputs, edge cases included; each is made under its own seed. */
  cases: CodeCase[];
  /** gradlab's own implementation: the output the learner's must match. */
  reference: (...args: never[]) => unknown;
  wrong?: WrongVersion[];
  shortcuts?: Shortcut[];
  /** How two outputs are compared: null when they agree, else what differs (default: `differences`). */
  compare?: (got: unknown, want: unknown) => string | null;
  /** Further checks once every case matches (a gradient check, a depth profile): what passed or failed. */
  extra?: (fn: (...args: never[]) => unknown) => { ok: boolean; message: string };
  /** Said after a correct answer. */
  explain?: string;
}

const SEED0 = 1000;

/**
 * Grades a learner's function: runs it on every case, compares with the reference, names a known
 * wrong version its output matches. Never throws.
 * @example
 * const spec = {
 *   lesson: "demo", prompt: "Write double(x) = 2x.", hint: "Multiply.", signature: "double(x) → y", args: ["x"],
 *   cases: [{ label: "a vector", make: () => [gl.tensor([1, -2, 3])] }],
 *   reference: (x: gl.Tensor) => gl.mul(x, 2),
 *   wrong: [{ name: "squared", fn: (x: gl.Tensor) => gl.mul(x, x), why: "You squared x instead of doubling it." }],
 * };
 * gradeCode(spec, (x: gl.Tensor) => gl.add(x, x)).correct; // true
 * gradeCode(spec, (x: gl.Tensor) => gl.mul(x, x)).message; // "You squared x instead of doubling it."
 */
export function gradeCode(spec: CodeExerciseSpec, answer: unknown): CodeVerdict {
  const name = spec.signature.split("(")[0];
  if (answer === null || answer === undefined) return { correct: false, message: `Not answered yet. ${spec.prompt}` };
  if (typeof answer !== "function")
    return {
      correct: false,
      message: `Pass the function itself, ${name}, not ${describe(answer)}: check("${name}", ${name}) with no parentheses after it.`,
    };
  const fn = answer as (...args: unknown[]) => unknown;
  const source = stripComments(Function.prototype.toString.call(fn));
  const shortcut = spec.shortcuts?.find((s) => s.pattern.test(source));
  if (shortcut) return { correct: false, message: shortcut.message };
  const compare = spec.compare ?? differences;

  for (let i = 0; i < spec.cases.length; i++) {
    const c = spec.cases[i];
    const args = seeded(SEED0 + i, c.make);
    const before = args.map(snapshot);
    let got: unknown;
    try {
      got = seeded(SEED0 + i, () => fn(...args));
    } catch (e) {
      const threw = `${spec.signature} threw: ${e instanceof Error ? e.message : String(e)}`;
      return wrongVerdict(spec, fn, c.label, threw);
    }
    const changed = args.findIndex((a, k) => before[k] !== snapshot(a));
    if (changed >= 0)
      return {
        correct: false,
        message: `On ${c.label}, your function changed its input ${spec.args[changed] ?? `#${changed + 1}`} in place. Compute the result into new tensors (gl ops return new ones) and leave the inputs as they came.`,
      };
    const want = seeded(SEED0 + i, () => (spec.reference as (...a: unknown[]) => unknown)(...args));
    const diff = kindMismatch(got, want) ?? compare(got, want);
    if (diff !== null) return wrongVerdict(spec, fn, c.label, diff);
  }
  let note = "";
  if (spec.extra) {
    let r: { ok: boolean; message: string };
    try {
      r = spec.extra(fn as (...args: never[]) => unknown);
    } catch (e) {
      r = { ok: false, message: `A further check threw: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (!r.ok) return { correct: false, message: r.message };
    note = ` ${r.message}`;
  }
  return {
    correct: true,
    message: `${name} is right on all ${spec.cases.length} inputs (${spec.cases.map((c) => c.label).join("; ")}).${note}${spec.explain ? ` ${spec.explain}` : ""}`,
  };
}

/**
 * The message for the first case that differs: a known mistake by name when the learner's outputs
 * match that wrong version's on every case (both failing counts as agreeing, but at least one case
 * must produce an output), else what differs and where.
 */
function wrongVerdict(
  spec: CodeExerciseSpec,
  fn: (...args: unknown[]) => unknown,
  label: string,
  diff: string,
): CodeVerdict {
  const compare = spec.compare ?? differences;
  const learner = spec.cases.map((c, i) => runQuiet(fn, c, i));
  const agree = (mine: unknown, theirs: unknown): boolean =>
    mine === FAILED || theirs === FAILED
      ? mine === theirs
      : kindMismatch(mine, theirs) === null && compare(mine, theirs) === null;
  const known = spec.wrong?.find((w) => {
    const theirs = spec.cases.map((c, i) => runQuiet(w.fn as (...a: unknown[]) => unknown, c, i));
    return theirs.some((t) => t !== FAILED) && theirs.every((t, i) => agree(learner[i], t));
  });
  if (known) return { correct: false, message: known.why, mistake: { code: known.name, message: known.why } };
  const stop = /[.!?:]$/.test(diff.trim()) ? "" : ".";
  return {
    correct: false,
    message: `On ${label}, ${diff}${stop} Run gl.exercises.${spec.lesson}.hint("${spec.signature.split("(")[0]}") if you are stuck.`,
  };
}

const FAILED = Symbol("failed");

function runQuiet(fn: (...a: unknown[]) => unknown, c: CodeCase, i: number): unknown {
  try {
    const args = seeded(SEED0 + i, c.make);
    return seeded(SEED0 + i, () => fn(...args));
  } catch {
    return FAILED;
  }
}

function seeded<T>(s: number, f: () => T): T {
  rng.seed(s);
  return f();
}

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

function describe(v: unknown): string {
  if (v instanceof Tensor) return `a tensor (shape [${v.shape.join(", ")}])`;
  if (Array.isArray(v)) return "an array";
  if (v === null || v === undefined) return String(v);
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** A copy of an argument's contents, to notice a function that writes into its input. */
function snapshot(a: unknown): string {
  if (a instanceof Tensor) return `T${a.shape.join(",")}:${Array.from(a.data).join(",")}`;
  try {
    return JSON.stringify(a, (_, v) => (v instanceof Tensor ? Array.from(v.data) : v)) ?? String(a);
  } catch {
    return String(a);
  }
}

/** Whether `got` has the type and structure of `want`; null when it does, else a sentence. */
export function kindMismatch(got: unknown, want: unknown, path = "the result"): string | null {
  if (want instanceof Tensor) {
    if (!(got instanceof Tensor))
      return `${path} should be a gl.Tensor of shape [${want.shape.join(", ")}], but your function returned ${describe(got)}${Array.isArray(got) ? " (wrap it: gl.tensor(...))" : ""}.`;
    if (got.shape.length !== want.shape.length || got.shape.some((d, i) => d !== want.shape[i])) {
      const swapped =
        got.shape.length === 2 &&
        want.shape.length === 2 &&
        got.shape[0] === want.shape[1] &&
        got.shape[1] === want.shape[0];
      return `${path} has shape [${got.shape.join(", ")}] but should have shape [${want.shape.join(", ")}].${swapped ? " Rows and columns are swapped: is it transposed?" : ""}`;
    }
    return null;
  }
  if (typeof want === "number") {
    if (got instanceof Tensor && got.size === 1) return null;
    return typeof got === "number" ? null : `${path} should be a number, but your function returned ${describe(got)}.`;
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length)
      return `${path} should be an array of ${want.length}, but your function returned ${Array.isArray(got) ? `an array of ${got.length}` : describe(got)}.`;
    for (let i = 0; i < want.length; i++) {
      const inner = kindMismatch(got[i], want[i], `element ${i} of ${path}`);
      if (inner) return inner;
    }
    return null;
  }
  if (want && typeof want === "object") {
    if (!got || typeof got !== "object" || Array.isArray(got) || got instanceof Tensor)
      return `${path} should be an object { ${Object.keys(want).join(", ")} }, but your function returned ${describe(got)}.`;
    for (const [k, v] of Object.entries(want)) {
      if (!(k in (got as object))) return `${path} has no field "${k}": return { ${Object.keys(want).join(", ")} }.`;
      const inner = kindMismatch((got as Record<string, unknown>)[k], v, k);
      if (inner) return inner;
    }
    return null;
  }
  return null;
}

export interface DifferenceOptions {
  rtol?: number;
  atol?: number;
}

/**
 * The default comparison of two outputs (tensors, numbers, objects of those) of the same kind:
 * null when every value agrees within atol + rtol·|expected|, else where and how they differ.
 * @example differences(gl.tensor([1, 2]), gl.tensor([1, 4])) // "1 of 2 values differ (the first at [1]): yours is 0.5× the right value."
 */
export function differences(got: unknown, want: unknown, opts: DifferenceOptions = {}): string | null {
  const { rtol = 1e-4, atol = 1e-5 } = opts;
  if (want instanceof Tensor || typeof want === "number") {
    const g = toValues(got);
    const w = toValues(want);
    return describeDiff(g, w, want instanceof Tensor ? want.shape : [], rtol, atol);
  }
  if (Array.isArray(want)) {
    for (let i = 0; i < want.length; i++) {
      const d = differences((got as unknown[])[i], want[i], opts);
      if (d) return `element ${i}: ${d}`;
    }
  } else if (want && typeof want === "object") {
    for (const [k, v] of Object.entries(want)) {
      const d = differences((got as Record<string, unknown>)[k], v, opts);
      if (d) return `${k}: ${d}`;
    }
  }
  return null;
}

/** A tolerance-specific `differences`, for a spec's `compare`. */
export const differencesWithin =
  (opts: DifferenceOptions) =>
  (got: unknown, want: unknown): string | null =>
    differences(got, want, opts);

function toValues(v: unknown): number[] {
  if (v instanceof Tensor) return Array.from(v.data);
  if (typeof v === "number") return [v];
  return [];
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : String(+x.toPrecision(3)));

function indexOf(flatIndex: number, shape: number[]): string {
  if (shape.length <= 1) return shape.length === 0 ? "" : `[${flatIndex}]`;
  const idx: number[] = [];
  let r = flatIndex;
  for (let a = shape.length - 1; a >= 0; a--) {
    idx.unshift(r % shape[a]);
    r = Math.floor(r / shape[a]);
  }
  return `[${idx.join(", ")}]`;
}

function describeDiff(g: number[], w: number[], shape: number[], rtol: number, atol: number): string | null {
  const bad: number[] = [];
  for (let i = 0; i < w.length; i++) {
    const ok = Number.isFinite(g[i])
      ? Math.abs(g[i] - w[i]) <= atol + rtol * Math.abs(w[i])
      : g[i] === w[i] || (Number.isNaN(g[i]) && Number.isNaN(w[i]));
    if (!ok) bad.push(i);
  }
  if (bad.length === 0) return null;
  const what = shape.length === 0 ? "the value" : `${bad.length} of ${w.length} values differ`;
  const nonFinite = bad.find((i) => !Number.isFinite(g[i]));
  if (nonFinite !== undefined)
    return `${what}; yours has ${g[nonFinite]} at ${indexOf(nonFinite, shape) || "the value"}: something overflowed or divided by zero.`;
  if (g.every((v) => v === 0)) return `${what}: yours is all zeros (not written yet?).`;
  const ratios = bad.map((i) => (w[i] === 0 ? NaN : g[i] / w[i]));
  const r0 = ratios[0];
  const sameRatio = Number.isFinite(r0) && ratios.every((r) => Math.abs(r - r0) <= 1e-3 * Math.abs(r0));
  const first = indexOf(bad[0], shape);
  let how: string;
  if (sameRatio && Math.abs(r0 + 1) < 1e-3) how = "the sign is flipped";
  else if (sameRatio) how = `yours is ${fmt(r0)}× the right value`;
  else {
    const worst = bad.reduce((a, b) => (Math.abs(g[b] - w[b]) > Math.abs(g[a] - w[a]) ? b : a), bad[0]);
    how = `the largest difference is at ${indexOf(worst, shape) || "the value"}, off by ${fmt(Math.abs(g[worst] - w[worst]))}`;
  }
  const where = shape.length === 0 ? "" : bad.length === w.length ? " (every element)" : ` (the first at ${first})`;
  return `${what}${where}: ${how}.`;
}
