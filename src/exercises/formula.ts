/**
 * Checking a formula typed as text ("(W - F + 2P)/S + 1") with mathjs: the answer is parsed,
 * then evaluated on many seeded random values of its variables and compared with the right
 * formula. Two formulas that agree everywhere we look are taken as equal (so "1 + (2P + W - F)/S"
 * passes); one that matches a known wrong formula (a Mistake whose `value` is that formula) on
 * every sample gets that mistake's message.
 */
import { parse } from "mathjs";
import type { MathNode } from "mathjs";
import { Generator } from "../random";
import { DEFAULT_TOLERANCE, Mistake, mistakeGrade, tolerance, within } from "./compare";
import { optionalInt } from "../args";
import { ArgumentError, check, show } from "../errors";
import { fail, Grade, pass } from "./result";

/** Range of one variable: whole numbers from min to max unless `integer` is false. */
export interface VariableRange {
  min: number;
  max: number;
  integer?: boolean;
}

/** A formula: mathjs text in the exercise's variables, or a function of them. */
export type Formula = string | ((vars: Record<string, number>) => number);

export interface FormulaCheckOptions {
  /** The right formula (mathjs syntax) or a function of the variables. */
  expected: Formula;
  /** The variables the answer may use and their ranges. */
  variables: Record<string, VariableRange>;
  /** Keeps only meaningful samples (e.g. the kernel fits in the padded input). */
  valid?: (vars: Record<string, number>) => boolean;
  /** Known wrong formulas: `value` is the wrong formula (mathjs text or a function, same variables). */
  mistakes?: Mistake<Formula>[];
  /** How many samples to compare on. Default 200. */
  samples?: number;
  /** Evaluate on exactly these points instead of seeded samples (a grid that covers every case). */
  points?: Record<string, number>[];
  /** Relative tolerance of the comparison on each sample (default DEFAULT_TOLERANCE.rtol). */
  rtol?: number;
  /** Said after a correct answer. */
  explanation?: string;
  /** Said after a wrong formula that matches no known mistake (after the counterexample). */
  advice?: string;
}

/** The variable names a formula uses (function names such as floor are not variables). */
export function formulaSymbols(node: MathNode): string[] {
  const names = new Set<string>();
  node.traverse((n, path, parent) => {
    if (
      (n as { isSymbolNode?: boolean }).isSymbolNode &&
      !(parent && (parent as { isFunctionNode?: boolean }).isFunctionNode && path === "fn")
    )
      names.add((n as unknown as { name: string }).name);
  });
  return [...names];
}

const CONSTANTS = new Set(["pi", "e", "PI", "E", "Infinity"]);

/** Seeded sample points (a fixed seed: the same answer always gets the same verdict). */
function samplePoints(opts: FormulaCheckOptions): Record<string, number>[] {
  const g = new Generator(20240601);
  const out: Record<string, number>[] = [];
  const want = opts.samples ?? 200;
  for (let tries = 0; out.length < want && tries < want * 50; tries++) {
    const vars: Record<string, number> = {};
    for (const [name, r] of Object.entries(opts.variables))
      vars[name] = r.integer === false ? g.uniform(r.min, r.max) : r.min + g.int(r.max - r.min + 1);
    if (!opts.valid || opts.valid(vars)) out.push(vars);
  }
  return out;
}

/** A formula as a function of the variables; NaN where it cannot be evaluated. */
function evaluator(formula: Formula): (vars: Record<string, number>) => number {
  const f =
    typeof formula === "function"
      ? formula
      : (
          (code) => (vars: Record<string, number>) =>
            code.evaluate({ ...vars }) as unknown
        )(parse(formula).compile());
  return (vars) => {
    try {
      const v = f(vars);
      return typeof v === "number" ? v : Number.NaN;
    } catch {
      return Number.NaN;
    }
  };
}

function safeWhen(when: (a: Formula) => boolean, answer: string): boolean {
  try {
    return when(answer);
  } catch {
    return false;
  }
}

/**
 * Checks a formula answer by evaluating it on many values.
 * @example
 * gl.exercises.checkFormula("floor((W - F + 2P)/S) + 1", {
 *   expected: "floor((W - F + 2 P) / S) + 1",
 *   variables: { W: { min: 5, max: 64 }, F: { min: 1, max: 7 }, P: { min: 0, max: 3 }, S: { min: 1, max: 4 } },
 * }); // { correct: true }
 */
export function checkFormula(answer: unknown, optsIn: FormulaCheckOptions): Grade {
  const fn = "exercises.checkFormula";
  const o = tolerance<FormulaCheckOptions>(fn, "opts", optsIn, [
    "expected",
    "variables",
    "valid",
    "mistakes",
    "samples",
    "points",
    "explanation",
    "advice",
  ]);
  check(
    o.expected !== undefined && o.variables !== null && typeof o.variables === "object",
    () =>
      new ArgumentError({
        fn,
        arg: o.expected === undefined ? "expected" : "variables",
        expected: "options { expected: the right formula, variables: { name: { min, max } } }",
        received: show(o.expected === undefined ? o.expected : o.variables),
        fix: 'e.g. checkFormula(answer, { expected: "(W - F) / S + 1", variables: { W: { min: 5, max: 64 }, F: { min: 1, max: 7 }, S: { min: 1, max: 4 } } }).',
      }),
  );
  const opts = {
    ...o,
    samples: optionalInt(fn, "samples", o.samples, 200, { min: 1, max: 100_000 }),
  } as FormulaCheckOptions & { rtol: number; samples: number };
  const allowed = Object.keys(opts.variables);
  if (typeof answer !== "string")
    return fail(`type the formula as text, e.g. "${allowed.join(" + ")}"; got ${typeof answer}.`);
  let node: MathNode;
  try {
    node = parse(answer);
  } catch (err) {
    return fail(`could not read "${answer}": ${(err as Error).message}. Check the brackets and operators.`);
  }
  const unknown = formulaSymbols(node).filter((s) => !allowed.includes(s) && !CONSTANTS.has(s));
  if (unknown.length > 0)
    return fail(
      `"${answer}" uses ${unknown.join(", ")}, which ${unknown.length > 1 ? "are" : "is"} not among the variables ${allowed.join(", ")}. Use only ${allowed.join(", ")} (names are case-sensitive).`,
    );
  const mine = evaluator(answer);
  const right = evaluator(opts.expected);
  const points = opts.points ?? samplePoints(opts);
  // checked once above: compare each sample without re-checking the tolerance
  const tol = { rtol: opts.rtol, atol: DEFAULT_TOLERANCE.atol };
  const agrees = (f: (v: Record<string, number>) => number): boolean =>
    points.every((p) => within(f(p), right(p), tol));
  if (agrees(mine))
    return pass(
      `"${answer}" agrees with the right formula on ${points.length} sets of values.${opts.explanation ? ` ${opts.explanation}` : ""}`,
    );
  for (const m of opts.mistakes ?? []) {
    const wrong = m.value === undefined ? undefined : evaluator(m.value);
    const same = wrong !== undefined && points.every((p) => within(mine(p), wrong(p), tol));
    if (same || (m.when !== undefined && safeWhen(m.when, answer))) return mistakeGrade(m);
  }
  const p = points.find((q) => !within(mine(q), right(q), tol))!;
  const values = Object.entries(p)
    .map(([k, v]) => `${k} = ${+v.toPrecision(6)}`)
    .join(", ");
  return fail(
    `"${answer}" gives ${+mine(p).toPrecision(6)} for ${values}, but the right value is ${+right(p).toPrecision(6)}.${opts.advice ? ` ${opts.advice}` : ""}`,
  );
}
