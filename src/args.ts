/**
 * The one argument-checking layer every public entry point uses, so the same mistake gets the same
 * teaching error everywhere: a tensor (or a number), a shape, a whole number in a range, a finite
 * number in a range, a true/false flag, a function, a module, and an options object with known keys
 * only (a misspelled key gets "did you mean …?").
 *
 * Conventions (as PyTorch's None): `undefined` and `null` both mean "not given" for an optional
 * argument or option, and take its default. Each check returns the checked value, so a call reads
 * `const k = int(fn, "kernelSize", opts.kernelSize, { min: 1 })`.
 */
import { ArgumentError, ShapeError, check, show } from "./errors";
import { Tensor } from "./tensor/tensor";
export { checkShape, MAX_ELEMENTS } from "./tensor/shape";

const given = (v: unknown): boolean => v !== undefined && v !== null;

/** A tensor; `rank` when the function needs one. */
export function tensorArg(
  fn: string,
  arg: string,
  value: unknown,
  opts: { rank?: number | number[]; fix?: string } = {},
): Tensor {
  check(
    value instanceof Tensor,
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: "a Tensor (gl.Tensor)",
        received: Array.isArray(value) ? `a plain array ${show(value)}` : show(value),
        fix:
          value === null || value === undefined
            ? `Pass a tensor as '${arg}'; if it comes from an earlier cell, check that the cell ran and assigned it.`
            : Array.isArray(value) || typeof value === "number"
              ? `Wrap the data in gl.tensor(...) first.`
              : (opts.fix ?? `Make '${arg}' with gl.tensor, gl.zeros, gl.randn, … .`),
      }),
  );
  const ranks = opts.rank === undefined ? null : Array.isArray(opts.rank) ? opts.rank : [opts.rank];
  check(
    ranks === null || ranks.includes(value.shape.length),
    () =>
      new ShapeError({
        fn,
        arg,
        expected: `a tensor of rank ${ranks!.join(" or ")}`,
        received: `shape ${show(value.shape)} (rank ${value.shape.length})`,
        fix:
          opts.fix ?? "Reshape the tensor (gl.reshape, gl.unsqueeze, gl.flatten) to the rank this function works on.",
      }),
  );
  return value;
}

/** A tensor or a plain number (operands of elementwise ops). */
export function tensorLikeArg(fn: string, arg: string, value: unknown): Tensor | number {
  check(
    value instanceof Tensor || typeof value === "number",
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: "a gl.Tensor or a number",
        received: show(value),
        fix: Array.isArray(value)
          ? "Wrap the array in gl.tensor(...) first."
          : `Pass a tensor or a number as '${arg}'.`,
      }),
  );
  return value;
}

/** A non-empty list of tensors. */
export function tensorListArg(fn: string, arg: string, value: unknown, opts: { allowEmpty?: boolean } = {}): Tensor[] {
  check(
    Array.isArray(value) && (opts.allowEmpty || value.length > 0),
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: opts.allowEmpty ? "a list of gl.Tensors" : "a non-empty list of gl.Tensors",
        received: value instanceof Tensor ? "one tensor (not in a list)" : show(value),
        fix: value instanceof Tensor ? `Put it in a list: [t].` : "Pass an array of tensors, e.g. model.parameters().",
      }),
  );
  value.forEach((t, i) => tensorArg(fn, `${arg}[${i}]`, t));
  return value as Tensor[];
}

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
        expected: `a ${o.allowInfinity ? "" : "finite "}number${range ? ` ${range}` : ""}`,
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
    typeof value === "object" && !Array.isArray(value) && !(value instanceof Tensor),
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
