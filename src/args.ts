/**
 * The one argument-checking layer every public entry point uses, so the same mistake gets the same
 * teaching error everywhere: a whole number in a range, a finite number in a range, a true/false
 * flag, a function, a module, one of a list of names, and an options object with known keys only
 * (a misspelled key gets "did you mean …?"). Tensors and shapes are checked in the same way by
 * `tensor/check.ts` (it needs the Tensor class, which this floor does not import).
 *
 * Conventions (as PyTorch's None): `undefined` and `null` both mean "not given" for an optional
 * argument or option, and take its default. Each check returns the checked value, so a call reads
 * `const k = int(fn, "kernelSize", opts.kernelSize, { min: 1 })`.
 */
import { ArgumentError, check, show } from "./errors";

const given = (v: unknown): boolean => v !== undefined && v !== null;

export interface IntOptions {
  min?: number;
  max?: number;
  fix?: string;
}

/** A whole number in [min, max]. */
export function int(fn: string, arg: string, value: unknown, o: IntOptions = {}): number {
  const min = o.min ?? -Infinity;
  const max = o.max ?? Number.MAX_SAFE_INTEGER;
  const range = o.max === undefined ? (o.min === undefined ? "" : ` ≥ ${min}`) : ` in [${min}, ${max}]`;
  check(
    typeof value === "number" && Number.isInteger(value) && value >= min && value <= max,
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: `a whole number${range}`,
        received: show(value),
        fix:
          o.fix ??
          (typeof value === "string"
            ? `Pass a number, not a string: ${arg}: ${Number(value)}.`
            : typeof value === "number" && Number.isFinite(value) && !Number.isInteger(value)
              ? `'${arg}' counts something, so it is whole: check where a division left a fraction (Math.floor?).`
              : `Pass a whole number${range} as '${arg}'.`),
      }),
  );
  return value;
}

/** `int` for an optional argument: undefined/null give `fallback`. */
export function optionalInt(fn: string, arg: string, value: unknown, fallback: number, o: IntOptions = {}): number {
  return given(value) ? int(fn, arg, value, o) : fallback;
}

export interface NumberOptions {
  min?: number;
  max?: number;
  /** min itself is not allowed (e.g. a learning rate > 0). */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** ±Infinity are valid values (e.g. the ∞-norm, an open clamp bound). */
  allowInfinity?: boolean;
  /** Says what is expected in the function's own words (default: the range). */
  expected?: string;
  fix?: string;
}

function describeRange(o: NumberOptions): string {
  if (o.min !== undefined && o.max !== undefined)
    return `in ${o.minExclusive ? "(" : "["}${o.min}, ${o.max}${o.maxExclusive ? ")" : "]"}`;
  const lo = o.min === undefined ? null : `${o.minExclusive ? ">" : "≥"} ${o.min}`;
  const hi = o.max === undefined ? null : `${o.maxExclusive ? "<" : "≤"} ${o.max}`;
  return [lo, hi].filter(Boolean).join(" and ");
}

/** A number (finite unless allowInfinity) in the given range. */
export function num(fn: string, arg: string, value: unknown, o: NumberOptions = {}): number {
  const ok =
    typeof value === "number" &&
    !Number.isNaN(value) &&
    (o.allowInfinity || Number.isFinite(value)) &&
    (o.min === undefined || (o.minExclusive ? value > o.min : value >= o.min)) &&
    (o.max === undefined || (o.maxExclusive ? value < o.max : value <= o.max));
  const range = describeRange(o);
  check(
    ok,
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: o.expected ?? `a ${o.allowInfinity ? "" : "finite "}number${range ? ` ${range}` : ""}`,
        received: show(value),
        fix:
          o.fix ??
          (typeof value === "string"
            ? `Pass a number, not a string: ${arg}: ${Number(value)}.`
            : typeof value === "number" && Number.isNaN(value)
              ? `'${arg}' is NaN: it was probably computed from a value that was undefined or NaN; print it before the call.`
              : `Pass a number${range ? ` ${range}` : ""} as '${arg}'.`),
      }),
  );
  return value as number;
}

/** `num` for an optional argument: undefined/null give `fallback`. */
export function optionalNum(fn: string, arg: string, value: unknown, fallback: number, o: NumberOptions = {}): number {
  return given(value) ? num(fn, arg, value, o) : fallback;
}

/** true or false (not the string "false", not 0/1). undefined/null give `fallback`. */
export function bool(fn: string, arg: string, value: unknown, fallback: boolean): boolean {
  if (!given(value)) return fallback;
  check(
    typeof value === "boolean",
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: "true or false",
        received: show(value),
        fix:
          typeof value === "string"
            ? `Write ${arg}: ${value === "false" ? "false" : "true"} without quotes: any non-empty string counts as true.`
            : `Write ${arg}: true or ${arg}: false.`,
      }),
  );
  return value;
}

/** A function (callbacks, losses, the function gradcheck differentiates). */
export function fnArg<F extends (...a: never[]) => unknown>(
  fn: string,
  arg: string,
  value: unknown,
  example: string,
): F {
  check(
    typeof value === "function",
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: `a function, e.g. ${example}`,
        received: show(value),
        fix: `Pass the function itself (without calling it): ${example}.`,
      }),
  );
  return value as F;
}

/** A value of one of the listed strings. */
export function oneOf<S extends string>(fn: string, arg: string, value: unknown, allowed: readonly S[]): S {
  check(
    typeof value === "string" && (allowed as readonly string[]).includes(value),
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: `one of ${allowed.map((s) => JSON.stringify(s)).join(", ")}`,
        received: show(value),
        fix:
          typeof value === "string"
            ? suggestion(value, allowed) || `Use one of the names listed.`
            : `Use one of the names listed.`,
      }),
  );
  return value as S;
}

/** Levenshtein distance (insert, delete, substitute), for "did you mean …?". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}

/** "Did you mean 'stride'?" for a name close to one of the known ones (snake_case read as camelCase), else "". */
export function suggestion(name: string, known: readonly string[]): string {
  const camel = name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  let best = "";
  let bestD = Infinity;
  for (const k of known) {
    const dd = Math.min(distance(name.toLowerCase(), k.toLowerCase()), distance(camel.toLowerCase(), k.toLowerCase()));
    if (dd < bestD) [best, bestD] = [k, dd];
  }
  return best && bestD <= Math.max(2, Math.floor(best.length / 3)) ? `Did you mean '${best}'?` : "";
}

/**
 * Options that are true/false flags wherever they appear in gradlab: a value other than true or
 * false (the string "false", 0/1) is refused by `options`, since `if ("false")` would count as true.
 */
export const FLAG_OPTIONS: ReadonlySet<string> = new Set([
  "bias",
  "affine",
  "elementwiseAffine",
  "ceilMode",
  "countIncludePad",
  "trackRunningStats",
  "nesterov",
  "amsgrad",
  "centered",
  "keepDims",
  "unbiased",
  "requiresGrad",
  "shuffle",
  "flatten",
  "residual",
  "batchNorm",
  "cycleMomentum",
  "checkFinite",
]);

/** A module: anything with forward() and parameters() (gl.nn layers, Sequential, your own Module). */
export function moduleArg(fn: string, arg: string, value: unknown): void {
  const v = value as { forward?: unknown; parameters?: unknown } | null | undefined;
  check(
    typeof v === "object" && v !== null && typeof v.forward === "function" && typeof v.parameters === "function",
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: "a model: a gl.nn.Module (with forward and parameters)",
        received: show(value),
        fix:
          value === null || value === undefined
            ? `Pass the model itself, e.g. new gl.nn.Sequential([...]); check that the cell defining it ran.`
            : `Build the model from gl.nn layers (new gl.nn.Linear(2, 8), …) or a class extending gl.nn.Module.`,
      }),
  );
}

/** A seed: a whole number in [0, 2³² − 1]; undefined/null give `fallback`. */
export function seedArg(fn: string, arg: string, value: unknown, fallback: number): number {
  return optionalInt(fn, arg, value, fallback, {
    min: 0,
    max: 2 ** 32 - 1,
    fix: `A seed is a whole number such as 0 or 42: the same seed gives the same numbers.`,
  });
}

/**
 * An options object with known keys only. undefined/null give {}; a key that is not known is an
 * error suggesting the closest known key (a misspelled option would otherwise be ignored silently).
 */
export function options<O extends object>(
  fn: string,
  arg: string,
  value: unknown,
  known: readonly string[],
): Partial<O> {
  if (!given(value)) return {};
  check(
    typeof value === "object" && value !== null && !Array.isArray(value) && !("shape" in value && "data" in value),
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: `an options object with keys among ${known.join(", ")}`,
        received: show(value),
        fix: `Write the options as { ${known[0]}: … }.`,
      }),
  );
  for (const key of Object.keys(value as object)) {
    if (FLAG_OPTIONS.has(key) && known.includes(key)) bool(fn, key, (value as Record<string, unknown>)[key], false);
    check(
      known.includes(key),
      () =>
        new ArgumentError({
          fn,
          arg: key,
          expected: `an option among ${known.join(", ")}`,
          received: `an unknown option '${key}'`,
          fix: suggestion(key, known) || `Remove '${key}': ${fn} would ignore it.`,
        }),
    );
  }
  return value as Partial<O>;
}

export interface NumberListOptions {
  /** NaN and null are allowed (a line or heatmap draws a gap there); ±Infinity never are. */
  gaps?: boolean;
  /** The length the list must have, and what it must match (e.g. "'x'"). */
  length?: number;
  lengthOf?: string;
  /** The fewest values it may hold (default 0). */
  minLength?: number;
  /** Every value must be > 0 (e.g. learning rates on a log axis). */
  positive?: boolean;
  /** ±Infinity are allowed too (a loss that diverged; plotly leaves the point out). */
  infinite?: boolean;
}

/**
 * A list of numbers: an array or a typed array (t.data, or t.toList() of a 1-D tensor) of finite
 * numbers (NaN/null too with `gaps`), of a given length when asked. Returns it as a plain array.
 */
export function numberList(fn: string, arg: string, value: unknown, o: NumberListOptions = {}): number[] {
  const isList = Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  check(
    isList,
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: "a list of numbers, e.g. [0.5, 0.25, 0.125]",
        received: show(value),
        fix:
          value === null || value === undefined
            ? `Pass the numbers as '${arg}'; if they come from an earlier cell, check that it ran.`
            : typeof value === "object" && "shape" in value && "data" in value
              ? `Pass the tensor's values as a list: t.toList() (1-D) or Array.from(t.data).`
              : `Put the numbers in an array: [${typeof value === "number" ? value : "…"}].`,
      }),
  );
  const list = Array.from(value as ArrayLike<unknown>);
  list.forEach((v, i) => {
    const gap = o.gaps && (v === null || (typeof v === "number" && Number.isNaN(v)));
    check(
      gap ||
        (typeof v === "number" &&
          (Number.isFinite(v) || (o.infinite === true && !Number.isNaN(v))) &&
          (!o.positive || v > 0)),
      () =>
        new ArgumentError({
          fn,
          arg: `${arg}[${i}]`,
          expected: `a ${o.positive ? "positive" : "finite"} number${o.gaps ? " (or NaN/null for a gap)" : ""}`,
          received: show(v),
          fix:
            typeof v === "string"
              ? `Pass numbers, not strings: ${Number(v)}.`
              : typeof v === "number" && Number.isNaN(v)
                ? `'${arg}' holds NaN at index ${i}: it was probably computed from a value that was undefined or NaN.`
                : `Check how '${arg}' was computed: every value must be a ${o.positive ? "positive" : "finite"} number.`,
        }),
    );
  });
  const n = list.length;
  check(
    (o.length === undefined || n === o.length) && n >= (o.minLength ?? 0),
    () =>
      new ArgumentError({
        fn,
        arg,
        expected:
          o.length !== undefined
            ? `${o.length} values (one per value of ${o.lengthOf ?? "the other list"})`
            : `at least ${o.minLength} value${o.minLength === 1 ? "" : "s"}`,
        received: `${n} value${n === 1 ? "" : "s"}`,
        fix:
          o.length !== undefined
            ? `Give '${arg}' one value per value of ${o.lengthOf ?? "the other list"}.`
            : `Give '${arg}' at least ${o.minLength} value${o.minLength === 1 ? "" : "s"}.`,
      }),
  );
  return list as number[];
}

/** A list (an array) of things described by `what`, e.g. "panels { name, values }". */
export function listArg(
  fn: string,
  arg: string,
  value: unknown,
  o: { what: string; example: string; minLength?: number },
): unknown[] {
  check(
    Array.isArray(value) && value.length >= (o.minLength ?? 0),
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: `a ${o.minLength ? "non-empty " : ""}list of ${o.what}`,
        received: Array.isArray(value) ? "an empty list" : show(value),
        fix: `Pass a list, e.g. ${arg}: ${o.example}.`,
      }),
  );
  return value;
}

/**
 * A plain object holding data (a grid, a history, probe records), described by `what`, with the
 * `keys` it must have.
 */
export function objectArg(
  fn: string,
  arg: string,
  value: unknown,
  o: { what: string; fix: string; keys?: readonly string[] },
): Record<string, unknown> {
  const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
  const missing = isObject ? (o.keys ?? []).filter((k) => (value as Record<string, unknown>)[k] === undefined) : [];
  check(
    isObject && missing.length === 0,
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: o.what,
        received:
          value instanceof Promise
            ? "a Promise (not yet awaited)"
            : isObject
              ? `an object without ${missing.map((k) => `'${k}'`).join(", ")}`
              : show(value),
        fix: value instanceof Promise ? `Await it first: const r = await …; then pass r.` : o.fix,
      }),
  );
  return value as Record<string, unknown>;
}
