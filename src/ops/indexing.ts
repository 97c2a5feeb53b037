/**
 * Indexing: picking a list of positions along each axis (`take`, the primitive), and what is
 * built on it — `slice` (Python's x[start:end:step] per axis), `narrow`, `select`, `indexSelect`.
 *   out[i₀, i₁, …] = x[lists₀[i₀], lists₁[i₁], …]       (a list entry of −1 reads `fill`)
 * Backward: the gradient is added back into a zero tensor of x's shape at the positions that
 * were read (twice if a position was read twice), ∂L/∂x[j] = Σ over reads of j of ∂L/∂out.
 */
import { int } from "../args";
import { allocData } from "../tensor/dtype";
import { record } from "../autograd/engine";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { tensor } from "../tensor/create";
import { sizeOf, stridesOf } from "../tensor/shape";
import { NestedArray, Tensor } from "../tensor/tensor";
import { reshape } from "./reshape";

/** Throws a teaching error unless `x` is a Tensor. */
export function checkTensor(fn: string, arg: string, x: unknown): asserts x is Tensor {
  check(
    x instanceof Tensor,
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: "a Tensor",
        received: Array.isArray(x) ? `a plain array ${show(x)}` : show(x),
        fix: "Wrap the values first with gl.tensor(values).",
      }),
  );
}

/** Normalizes one axis argument (negative counts from the end), naming the argument in errors. */
export function axisOf(fn: string, axis: number, rank: number, arg = "axis"): number {
  check(
    Number.isInteger(axis) && axis >= -rank && axis < rank,
    () =>
      new ArgumentError({
        fn,
        arg,
        expected:
          rank === 0
            ? "no axis: the tensor is a scalar (rank 0)"
            : `an axis in [${-rank}, ${rank - 1}] for a tensor of rank ${rank}`,
        received: show(axis),
        fix: "Axes count from 0 (first) or from -1 (last).",
      }),
  );
  return axis < 0 ? axis + rank : axis;
}

/**
 * Checks that every value of an index tensor is a whole number in [0, bound) and returns them.
 * `what` says where the bound comes from, for the message ("axis 1 of x has size 5").
 */
export function indexValues(fn: string, arg: string, indices: Tensor, bound: number, what: string): Int32Array {
  const out = new Int32Array(indices.size);
  const d = indices.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    check(
      Number.isInteger(v),
      () =>
        new ArgumentError({
          fn,
          arg,
          expected: "whole-number indices",
          received: `${show(v)} at flat index ${i}`,
          fix: "Indices must be integers, e.g. class labels 0..C−1. If you have scores or probabilities, take gl.argmax(x, -1) first.",
        }),
    );
    check(
      v >= 0 && v < bound,
      () =>
        new ArgumentError({
          fn,
          arg,
          expected: `indices in [0, ${bound - 1}] (${what})`,
          received: `${v} at flat index ${i}`,
          fix:
            bound > 0 && v === bound
              ? "Indices start at 0: the last valid one is size − 1."
              : "Check the labels against the number of classes/positions.",
        }),
    );
    out[i] = v;
  }
  return out;
}

/** Accepts a Tensor or (nested) arrays of indices. */
export function asIndexTensor(fn: string, arg: string, indices: Tensor | NestedArray): Tensor {
  if (indices instanceof Tensor) return indices;
  check(
    typeof indices === "number" || Array.isArray(indices),
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: "a Tensor or (nested) arrays of whole numbers",
        received: show(indices),
        fix: "Pass class indices, e.g. gl.tensor([0, 2, 1]) or [0, 2, 1].",
      }),
  );
  return tensor(indices as NestedArray);
}

/**
 * The primitive behind every indexing op: output axis k runs over `lists[k]`, a list of positions
 * along input axis k (−1 reads `fill`, used by padding).
 */
export function take(fn: string, x: Tensor, lists: ArrayLike<number>[], fill = 0): Tensor {
  const shape = lists.map((l) => l.length);
  const rank = shape.length;
  const n = sizeOf(shape);
  const out = allocData(n, x.dtype);
  const strides = stridesOf(x.shape);
  const src = x.data;
  const idx = new Array<number>(rank).fill(0);
  for (let i = 0; i < n; i++) {
    let offset = 0;
    let inside = true;
    for (let axis = 0; axis < rank; axis++) {
      const j = lists[axis][idx[axis]];
      if (j < 0) inside = false;
      offset += j * strides[axis];
    }
    out[i] = inside ? src[offset] : fill;
    for (let axis = rank - 1; axis >= 0; axis--) {
      if (++idx[axis] < shape[axis]) break;
      idx[axis] = 0;
    }
  }
  return record(new Tensor(out, shape), fn, [x], (g) => [putBack(g, x.shape, lists)]);
}

/** The backward of `take`: adds g into zeros of `shape` at the positions `lists` read. */
function putBack(g: Tensor, shape: number[], lists: ArrayLike<number>[]): Tensor {
  const out = allocData(sizeOf(shape), g.dtype);
  const strides = stridesOf(shape);
  const rank = shape.length;
  const gd = g.data;
  const idx = new Array<number>(rank).fill(0);
  for (let i = 0; i < gd.length; i++) {
    let offset = 0;
    let inside = true;
    for (let axis = 0; axis < rank; axis++) {
      const j = lists[axis][idx[axis]];
      if (j < 0) inside = false;
      offset += j * strides[axis];
    }
    if (inside) out[offset] += gd[i];
    for (let axis = rank - 1; axis >= 0; axis--) {
      if (++idx[axis] < g.shape[axis]) break;
      idx[axis] = 0;
    }
  }
  return new Tensor(out, shape);
}

/** Every position along an axis of size n. */
export function allOf(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/** A Python-style range for one axis: [start, end, step], each optional (null = default). */
export type SliceRange = readonly [start?: number | null, end?: number | null, step?: number | null];

/** The positions Python's x[start:end:step] reads along an axis of size n (negative counts from the end). */
function rangePositions(fn: string, axis: number, n: number, range: SliceRange): number[] {
  const [start = null, end = null, step = 1] = range;
  const stepV = step ?? 1;
  for (const [name, v] of [
    ["start", start],
    ["end", end],
    ["step", stepV],
  ] as const) {
    check(
      v === null || Number.isInteger(v),
      () =>
        new ArgumentError({
          fn,
          arg: `ranges[${axis}]`,
          expected: `a whole-number ${name} (or null for the default)`,
          received: show(v),
          fix: "Range parts are whole-number positions; null takes the default.",
        }),
    );
  }
  check(
    stepV !== 0,
    () =>
      new ArgumentError({
        fn,
        arg: `ranges[${axis}]`,
        expected: "a non-zero step",
        received: "step 0",
        fix: "Use step 1 (every element) or -1 (reversed).",
      }),
  );
  // Python's slice.indices: clamp start and end into the axis, from the side the step walks
  const lower = stepV > 0 ? 0 : -1;
  const upper = stepV > 0 ? n : n - 1;
  const clampEnd = (v: number | null, dflt: number): number =>
    v === null ? dflt : v < 0 ? Math.max(v + n, lower) : Math.min(v, upper);
  const from = clampEnd(start, stepV > 0 ? lower : upper);
  const to = clampEnd(end, stepV > 0 ? upper : lower);
  const out: number[] = [];
  for (let i = from; stepV > 0 ? i < to : i > to; i += stepV) out.push(i);
  return out;
}

/**
 * Python/NumPy slicing, one range per axis: `slice(x, [[0, 2], null, [null, null, -1]])` is
 * x[0:2, :, ::-1]. Each range is [start, end, step] (any may be null/omitted: 0, size, 1);
 * negative start/end count from the end; axes without a range are kept whole.
 * @example gl.slice(gl.tensor([[1, 2, 3], [4, 5, 6]]), [null, [1]]).toArray() // [[2, 3], [5, 6]]
 */
export function slice(x: Tensor, ranges: (SliceRange | null | undefined)[]): Tensor {
  checkTensor("slice", "x", x);
  check(
    Array.isArray(ranges) && ranges.length <= x.rank,
    () =>
      new ArgumentError({
        fn: "slice",
        arg: "ranges",
        expected: `an array of at most ${x.rank} ranges (one per axis of shape ${show(x.shape)})`,
        received: Array.isArray(ranges) ? `${ranges.length} ranges` : show(ranges),
        fix: "Give one [start, end, step] (or null) per axis, first axis first.",
      }),
  );
  const lists = x.shape.map((n, axis) => {
    const r = ranges[axis];
    if (r === null || r === undefined) return allOf(n);
    check(
      Array.isArray(r) && r.length <= 3,
      () =>
        new ArgumentError({
          fn: "slice",
          arg: `ranges[${axis}]`,
          expected: "[start, end, step] with each part optional, or null for the whole axis",
          received: show(r),
          fix: "To pick a single index and drop the axis, use gl.select(x, axis, index).",
        }),
    );
    return rangePositions("slice", axis, n, r);
  });
  return take("slice", x, lists);
}

/**
 * `length` consecutive entries along `axis` starting at `start` (PyTorch's narrow).
 * @example gl.narrow(gl.arange(10), 0, 2, 3).toArray() // [2, 3, 4]
 */
export function narrow(x: Tensor, axis: number, start: number, length: number): Tensor {
  checkTensor("narrow", "x", x);
  const a = axisOf("narrow", axis, x.rank);
  const n = x.shape[a];
  int("narrow", "start", start, {
    min: -n,
    max: n,
    fix: `start is an index along axis ${axis} (size ${n}); negative counts from the end.`,
  });
  int("narrow", "length", length, { min: 0, max: n, fix: `length counts entries along axis ${axis} (size ${n}).` });
  const s = start < 0 ? start + n : start;
  check(
    Number.isInteger(s) && Number.isInteger(length) && s >= 0 && length >= 0 && s + length <= n,
    () =>
      new ArgumentError({
        fn: "narrow",
        arg: "start",
        expected: `start and length with 0 ≤ start, start + length ≤ ${n} (axis ${axis} has size ${n})`,
        received: `start ${show(start)}, length ${show(length)}`,
        fix: `Take at most ${n} − start = ${n - s} entries from start ${s}.`,
      }),
  );
  const lists = x.shape.map((d, i) => (i === a ? Int32Array.from({ length }, (_, k) => s + k) : allOf(d)));
  return take("narrow", x, lists);
}

/**
 * The slice at `index` along `axis`, with that axis removed (x[:, index] for axis 1).
 * @example gl.select(gl.tensor([[1, 2], [3, 4]]), 1, -1).toArray() // [2, 4]
 */
export function select(x: Tensor, axis: number, index: number): Tensor {
  checkTensor("select", "x", x);
  const a = axisOf("select", axis, x.rank);
  const n = x.shape[a];
  check(
    Number.isInteger(index) && index >= -n && index < n,
    () =>
      new ArgumentError({
        fn: "select",
        arg: "index",
        expected: `a whole number in [${-n}, ${n - 1}] (axis ${axis} has size ${n})`,
        received: show(index),
        fix: `Indices run from 0 to ${n - 1}; −1 is the last entry.`,
      }),
  );
  const i = index < 0 ? index + n : index;
  const lists = x.shape.map((d, k) => (k === a ? [i] : allOf(d)));
  return reshape(
    take("select", x, lists),
    x.shape.filter((_, k) => k !== a),
  );
}

/**
 * The entries at `indices` along `axis` (repeats allowed; their gradients add up). PyTorch's
 * index_select; indices is a 1-D tensor or array of whole numbers.
 * @example gl.indexSelect(gl.tensor([[1, 2], [3, 4], [5, 6]]), 0, [2, 0]).toArray() // [[5, 6], [1, 2]]
 */
export function indexSelect(x: Tensor, axis: number, indices: Tensor | number[]): Tensor {
  checkTensor("indexSelect", "x", x);
  const a = axisOf("indexSelect", axis, x.rank);
  const idx = asIndexTensor("indexSelect", "indices", indices);
  check(
    idx.rank === 1,
    () =>
      new ShapeError({
        fn: "indexSelect",
        arg: "indices",
        expected: "a 1-D list of indices",
        received: `shape ${show(idx.shape)}`,
        fix: "Flatten the indices, or use gl.gather for per-element indices.",
      }),
  );
  const positions = indexValues("indexSelect", "indices", idx, x.shape[a], `axis ${axis} of x has size ${x.shape[a]}`);
  const lists = x.shape.map((d, k) => (k === a ? positions : allOf(d)));
  return take("indexSelect", x, lists);
}
