/** Creating tensors: from nested arrays or typed arrays, constants, ranges and seeded random values. */
import { bool, int, num, oneOf, options, optionalNum } from "../args";
import { tensorArg, tensorLikeArg } from "./check";
import { allocData, getDefaultDType } from "./dtype";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { rng } from "../random";
import { checkShape, sizeOf } from "./shape";
import { DType, DataArray, NestedArray, Tensor } from "./tensor";

export interface CreateOptions {
  requiresGrad?: boolean;
  dtype?: DType;
  name?: string;
}

const CREATE_KEYS = ["dtype", "requiresGrad", "name"] as const;

/** Checks creation options (known keys only, dtype "float32" | "float64", requiresGrad a boolean). */
function createOptions<O extends CreateOptions>(fn: string, opts: unknown, extraKeys: readonly string[] = []): O {
  const o = options<O>(fn, "opts", opts, [...CREATE_KEYS, ...extraKeys]);
  const out = { ...o, requiresGrad: bool(fn, "requiresGrad", o.requiresGrad, false) } as O;
  if (o.dtype === undefined || o.dtype === null) delete out.dtype;
  else out.dtype = oneOf(fn, "dtype", o.dtype, ["float32", "float64"] as const);
  return out;
}

function inferShape(value: NestedArray, fn: string): number[] {
  const shape: number[] = [];
  let v: NestedArray = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0];
  }
  return shape;
}

function flattenNested(value: NestedArray, shape: number[], out: DataArray, fn: string): void {
  let k = 0;
  const walk = (v: NestedArray, axis: number, path: number[]): void => {
    if (axis === shape.length) {
      check(
        typeof v === "number",
        () =>
          new ShapeError({
            fn,
            arg: "data",
            expected: `a number at index [${path.join(", ")}] (a rectangular nested array of shape ${show(shape)})`,
            received: Array.isArray(v) ? `an array of length ${v.length}` : show(v),
            fix: "Every row must have the same length and contain plain numbers.",
          }),
      );
      out[k++] = v;
      return;
    }
    check(
      Array.isArray(v) && v.length === shape[axis],
      () =>
        new ShapeError({
          fn,
          arg: "data",
          expected: `${shape[axis]} entries at index [${path.join(", ")}] (a rectangular nested array of shape ${show(shape)})`,
          received: Array.isArray(v) ? `${v.length} entries` : show(v),
          fix: "Every row must have the same length (ragged arrays are not tensors).",
        }),
    );
    (v as NestedArray[]).forEach((item, i) => walk(item, axis + 1, [...path, i]));
  };
  walk(value, 0, []);
}

/**
 * Makes a tensor from nested arrays, or from a flat array / typed array and a shape.
 * @example
 * gl.tensor([[1, 2], [3, 4]]).shape // [2, 2]
 * gl.tensor([1, 2, 3, 4, 5, 6], [2, 3]).toArray() // [[1, 2, 3], [4, 5, 6]]
 */
export function tensor(
  data: NestedArray | ArrayLike<number>,
  shape?: number[] | null,
  opts: CreateOptions = {},
): Tensor {
  const fn = "tensor";
  opts = createOptions(fn, opts);
  const dtype = opts.dtype ?? getDefaultDType();
  let values: DataArray;
  let finalShape: number[];
  if (typeof data === "number") {
    values = allocData(1, dtype);
    values[0] = data;
    finalShape = shape ?? [];
  } else if (ArrayBuffer.isView(data) || (Array.isArray(data) && shape)) {
    const flat = data as ArrayLike<number>;
    values = allocData(flat.length, dtype);
    for (let i = 0; i < flat.length; i++) {
      const v = flat[i];
      check(
        typeof v === "number",
        () =>
          new ArgumentError({
            fn,
            arg: "data",
            expected: "a flat list of numbers when a shape is given",
            received: `${show(v)} at index ${i}`,
            fix: "Pass nested arrays without a shape, or flatten the data first.",
          }),
      );
      values[i] = v;
    }
    finalShape = shape ?? [flat.length];
  } else {
    check(
      Array.isArray(data),
      () =>
        new ArgumentError({
          fn,
          arg: "data",
          expected: "a number, nested arrays of numbers, or a typed array",
          received: show(data),
          fix: "Pass numbers, e.g. gl.tensor([[1, 2], [3, 4]]).",
        }),
    );
    finalShape = inferShape(data as NestedArray, fn);
    values = allocData(sizeOf(finalShape), dtype);
    flattenNested(data as NestedArray, finalShape, values, fn);
  }
  checkShape(fn, "shape", finalShape);
  check(
    values.length === sizeOf(finalShape),
    () =>
      new ShapeError({
        fn,
        arg: "shape",
        expected: `a shape whose sizes multiply to ${values.length} (the number of values)`,
        received: `${show(finalShape)} (${sizeOf(finalShape)} elements)`,
        fix: "Check the shape, or let gl.tensor infer it from nested arrays.",
      }),
  );
  return new Tensor(values, finalShape, opts);
}

/** A tensor of `shape` filled with `value`. @example gl.full([2], 7).toArray() // [7, 7] */
export function full(shape: number[], value: number, opts: CreateOptions = {}): Tensor {
  return filled("full", shape, value, opts);
}

function filled(fn: string, shape: number[], value: number, opts: CreateOptions): Tensor {
  checkShape(fn, "shape", shape);
  num(fn, "value", value, { allowInfinity: true, fix: "Give the fill value as a number, e.g. gl.full([2, 3], 0.5)." });
  opts = createOptions(fn, opts);
  const data = allocData(sizeOf(shape), opts.dtype ?? getDefaultDType());
  data.fill(value);
  return new Tensor(data, shape, opts);
}

/** A tensor of zeros. @example gl.zeros([2, 3]).toArray() // [[0, 0, 0], [0, 0, 0]] */
export function zeros(shape: number[], opts: CreateOptions = {}): Tensor {
  return filled("zeros", shape, 0, opts);
}

/** A tensor of ones. @example gl.ones([2]).toArray() // [1, 1] */
export function ones(shape: number[], opts: CreateOptions = {}): Tensor {
  return filled("ones", shape, 1, opts);
}

/**
 * Samples from N(mean, std²) with the global seeded generator.
 * @example gl.seed(0); gl.randn([784, 10], { std: 0.01 }).shape // [784, 10]
 */
export function randn(shape: number[], opts: CreateOptions & { mean?: number; std?: number } = {}): Tensor {
  checkShape("randn", "shape", shape);
  opts = createOptions("randn", opts, ["mean", "std"]);
  const mean = optionalNum("randn", "mean", opts.mean, 0);
  const std = optionalNum("randn", "std", opts.std, 1, {
    min: 0,
    fix: "A standard deviation is ≥ 0: to flip the sign of the samples, multiply the result by −1.",
  });
  const data = allocData(sizeOf(shape), opts.dtype ?? getDefaultDType());
  for (let i = 0; i < data.length; i++) data[i] = mean + std * rng.normal();
  return new Tensor(data, shape, opts);
}

/**
 * Samples uniformly from [low, high) (default [0, 1)) with the global seeded generator.
 * @example gl.rand([2, 2], { low: -1, high: 1 }).shape // [2, 2]
 */
export function rand(shape: number[], opts: CreateOptions & { low?: number; high?: number } = {}): Tensor {
  checkShape("rand", "shape", shape);
  opts = createOptions("rand", opts, ["low", "high"]);
  const low = optionalNum("rand", "low", opts.low, 0);
  const high = optionalNum("rand", "high", opts.high, 1);
  check(
    low <= high,
    () =>
      new ArgumentError({
        fn: "rand",
        arg: "high",
        expected: `high ≥ low (${show(low)})`,
        received: show(high),
        fix: "Swap low and high.",
      }),
  );
  const data = allocData(sizeOf(shape), opts.dtype ?? getDefaultDType());
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform(low, high);
  return new Tensor(data, shape, opts);
}

/**
 * 0, 1, …, n−1 — or start, start+step, … below end, like Python's range.
 * @example gl.arange(5).toArray() // [0, 1, 2, 3, 4]
 */
export function arange(startOrEnd: number, end?: number, step = 1, opts: CreateOptions = {}): Tensor {
  num("arange", end === undefined || end === null ? "end" : "start", startOrEnd);
  if (end === null) end = undefined;
  if (end !== undefined) num("arange", "end", end);
  step = optionalNum("arange", "step", step, 1);
  opts = createOptions("arange", opts);
  const start = end === undefined ? 0 : startOrEnd;
  const stop = end === undefined ? startOrEnd : end;
  check(
    step !== 0 && Number.isFinite(step),
    () =>
      new ArgumentError({
        fn: "arange",
        arg: "step",
        expected: "a finite non-zero step",
        received: show(step),
        fix: "step is the distance between values, e.g. 1 or 0.5 (negative to count down).",
      }),
  );
  check(
    Number.isFinite(start) && Number.isFinite(stop),
    () =>
      new ArgumentError({
        fn: "arange",
        arg: end === undefined ? "end" : "start",
        expected: "finite start and end",
        received: `start ${show(start)}, end ${show(stop)}`,
        fix: "Give finite bounds, e.g. gl.arange(0, 10).",
      }),
  );
  check(
    (stop - start) * step >= 0,
    () =>
      new ArgumentError({
        fn: "arange",
        arg: "step",
        expected: `a step that moves from start ${show(start)} toward end ${show(stop)} (${stop > start ? "positive" : "negative"} here)`,
        received: show(step),
        fix: "Flip the sign of step, or swap start and end.",
      }),
  );
  const n = Math.max(0, Math.ceil((stop - start) / step));
  checkShape("arange", "end", [n]);
  const data = allocData(n, opts.dtype ?? getDefaultDType());
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n], opts);
}

/**
 * n evenly spaced values from a to b inclusive.
 * @example gl.linspace(0, 1, 5).toArray() // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(a: number, b: number, n: number, opts: CreateOptions = {}): Tensor {
  num("linspace", "a", a);
  num("linspace", "b", b);
  int("linspace", "n", n, {
    min: 1,
    fix: "n counts the points, end points included: gl.linspace(0, 1, 5) gives 0, 0.25, …, 1.",
  });
  checkShape("linspace", "n", [n]);
  opts = createOptions("linspace", opts);
  check(
    Number.isFinite(a) && Number.isFinite(b),
    () =>
      new ArgumentError({
        fn: "linspace",
        arg: Number.isFinite(a) ? "b" : "a",
        expected: "finite end points",
        received: `a = ${show(a)}, b = ${show(b)}`,
        fix: "Give finite end points, e.g. gl.linspace(-5, 5, 100).",
      }),
  );
  const data = allocData(n, opts.dtype ?? getDefaultDType());
  for (let i = 0; i < n; i++) data[i] = n === 1 ? a : a + ((b - a) * i) / (n - 1);
  return new Tensor(data, [n], opts);
}

/** The n×m identity matrix (m defaults to n). @example gl.eye(2).toArray() // [[1, 0], [0, 1]] */
export function eye(n: number, m = n, opts: CreateOptions = {}): Tensor {
  int("eye", "n", n, { min: 1 });
  if (m === null) m = n;
  int("eye", "m", m, { min: 1 });
  checkShape("eye", "m", [n, m]);
  const t = zeros([n, m], opts);
  for (let i = 0; i < Math.min(n, m); i++) t.data[i * m + i] = 1;
  return t;
}

/** Zeros with x's shape and dtype. @example gl.zerosLike(gl.ones([2, 3])).shape // [2, 3] */
export function zerosLike(x: Tensor, opts: CreateOptions = {}): Tensor {
  tensorArg("zerosLike", "x", x);
  return zeros(x.shape, { dtype: x.dtype, ...createOptions("zerosLike", opts) });
}
/** Ones with x's shape and dtype. @example gl.onesLike(gl.zeros([2])).toArray() // [1, 1] */
export function onesLike(x: Tensor, opts: CreateOptions = {}): Tensor {
  tensorArg("onesLike", "x", x);
  return ones(x.shape, { dtype: x.dtype, ...createOptions("onesLike", opts) });
}
/** `value` everywhere, with x's shape and dtype. @example gl.fullLike(gl.zeros([2]), 3).toArray() // [3, 3] */
export function fullLike(x: Tensor, value: number, opts: CreateOptions = {}): Tensor {
  tensorArg("fullLike", "x", x);
  return filled("fullLike", x.shape, value, { dtype: x.dtype, ...createOptions("fullLike", opts) });
}
/** Standard normal samples with x's shape and dtype. @example gl.randnLike(gl.zeros([4, 5])).shape // [4, 5] */
export function randnLike(x: Tensor, opts: CreateOptions & { mean?: number; std?: number } = {}): Tensor {
  tensorArg("randnLike", "x", x);
  return randn(x.shape, { dtype: x.dtype, ...createOptions("randnLike", opts, ["mean", "std"]) });
}
/** Uniform [0, 1) samples with x's shape and dtype. @example gl.randLike(gl.zeros([3])).shape // [3] */
export function randLike(x: Tensor, opts: CreateOptions & { low?: number; high?: number } = {}): Tensor {
  tensorArg("randLike", "x", x);
  return rand(x.shape, { dtype: x.dtype, ...createOptions("randLike", opts, ["low", "high"]) });
}

/** Turns a number into a scalar tensor of the given dtype; tensors pass through. @example gl.asTensor(3).shape // [] */
export function asTensor(x: Tensor | number, dtype?: DType): Tensor {
  tensorLikeArg("asTensor", "x", x);
  if (x instanceof Tensor) return x;
  return tensor(x, [], { dtype: dtype ?? getDefaultDType() });
}
