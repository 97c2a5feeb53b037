/** Shapes, strides, axes and NumPy broadcasting: the bookkeeping every op shares. */
import { ArgumentError, ShapeError, check, show } from "../errors";

export type Shape = readonly number[];

/** Number of elements in a tensor of this shape (1 for a scalar, shape []). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides: the step in the flat array for one step along each axis. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** The largest number of elements one tensor may hold (2³¹ − 1: JavaScript typed arrays stop near there). */
export const MAX_ELEMENTS = 2 ** 31 - 1;

/** A shape: a list of whole sizes ≥ 0 whose product fits in one tensor. */
export function checkShape(fn: string, arg: string, value: unknown): asserts value is number[] {
  check(
    Array.isArray(value),
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: "a shape: a list of whole sizes, e.g. [2, 3]",
        received: show(value),
        fix:
          typeof value === "number" ? `Put the size in a list: [${value}].` : "Pass the sizes as an array of numbers.",
      }),
  );
  value.forEach((s, i) =>
    check(
      typeof s === "number" && Number.isInteger(s) && s >= 0,
      () =>
        new ShapeError({
          fn,
          arg,
          expected: "a shape of whole sizes ≥ 0",
          received: `${show(value)} (size ${show(s)} at axis ${i})`,
          fix:
            typeof s === "number" && s < 0
              ? "−1 (an inferred size) is understood by gl.reshape only; give every size here."
              : "Sizes count elements, so they are whole numbers ≥ 0: check where a division left a fraction.",
        }),
    ),
  );
  let n = 1;
  for (const s of value as number[]) n *= s;
  check(
    n <= MAX_ELEMENTS,
    () =>
      new ShapeError({
        fn,
        arg,
        expected: `a shape of at most ${MAX_ELEMENTS} elements (what one JavaScript typed array can hold)`,
        received: `${show(value)} (${n.toExponential(2)} elements)`,
        fix: "Check the sizes: a shape this large usually comes from a wrong multiplication (e.g. a pixel count used as a feature count twice).",
      }),
  );
}

/**
 * NumPy broadcasting: shapes are aligned at the right; each pair of sizes must be equal or one
 * of them 1. `broadcastShapes([3, 1], [4]) -> [3, 4]`.
 */
export function broadcastShapes(
  fn: string,
  a: Shape,
  b: Shape,
  names: readonly [string, string] = ["a", "b"],
): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    check(
      da === db || da === 1 || db === 1,
      () =>
        new ShapeError({
          fn,
          arg: `${names[0]}, ${names[1]}`,
          expected: "shapes that broadcast (aligned at the right, each pair of sizes equal or one of them 1)",
          received: `${names[0]} of shape ${show([...a])} and ${names[1]} of shape ${show([...b])} (axis ${i - n} has ${da} vs ${db})`,
          fix: "Reshape one operand (e.g. add a size-1 axis with reshape) so the sizes line up.",
        }),
    );
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Turns an axis argument (number, list, negative allowed, undefined = all) into sorted,
 * non-negative, unique axes.
 */
export function normalizeAxes(
  fn: string,
  axes: number | readonly number[] | undefined | null,
  rank: number,
  arg = "axes",
): number[] {
  if (axes === undefined || axes === null) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === "number" ? [axes] : [...axes];
  const out: number[] = [];
  for (const a of list) {
    check(
      Number.isInteger(a) && a >= -rank && a < Math.max(rank, 1),
      () =>
        new ArgumentError({
          fn,
          arg,
          expected: `an axis in [${-rank}, ${rank - 1}] for a tensor of rank ${rank}`,
          received: show(a),
          fix: "Axes count from 0 (first) or from -1 (last).",
        }),
    );
    const ax = a < 0 ? a + rank : a;
    check(
      !out.includes(ax),
      () =>
        new ArgumentError({
          fn,
          arg,
          expected: "each axis once",
          received: `${show(list)} (axis ${ax} twice)`,
          fix: "Remove the repeated axis (−1 and rank − 1 name the same axis).",
        }),
    );
    out.push(ax);
  }
  return out.sort((x, y) => x - y);
}

/** Normalizes one axis (negative counts from the end). */
export function normalizeAxis(fn: string, axis: number, rank: number, arg = "axis"): number {
  check(
    typeof axis === "number",
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: "one axis (a whole number)",
        received: show(axis),
        fix: "Pass one axis such as 0 or -1.",
      }),
  );
  return normalizeAxes(fn, axis, rank, arg)[0];
}
