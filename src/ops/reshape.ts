/**
 * Ops that move values without changing them: reshape, permute/transpose, flatten,
 * squeeze/unsqueeze and broadcastTo. Their gradients move the gradient back the same way.
 */
import { checkShape, tensorArg } from "../tensor/check";
import { allocData } from "../tensor/dtype";
import { record } from "../autograd/engine";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { broadcastShapes, normalizeAxis, sameShape, sizeOf, stridesOf } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { sumToShape, zipData } from "./elementwise";

/**
 * The same values with a new shape (one size may be −1: inferred).
 * @example gl.reshape(gl.arange(6), [2, 3]).shape // [2, 3]
 */
export function reshape(x: Tensor, shape: number[]): Tensor {
  tensorArg("reshape", "x", x);
  check(
    Array.isArray(shape),
    () =>
      new ArgumentError({
        fn: "reshape",
        arg: "shape",
        expected: "a shape: a list of sizes, one of which may be −1",
        received: show(shape),
        fix:
          typeof shape === "number"
            ? `Put the size in a list: [${shape}].`
            : "Pass the new sizes as an array, e.g. [2, -1].",
      }),
  );
  const known = shape.filter((d) => d !== -1);
  const inferred = shape.length - known.length;
  check(
    inferred <= 1 && known.every((d) => Number.isInteger(d) && d >= 0),
    () =>
      new ShapeError({
        fn: "reshape",
        arg: "shape",
        expected: "non-negative whole sizes, with at most one −1 (inferred)",
        received: show(shape),
        fix: "Give each size as a whole number; write −1 for at most one size to let reshape work it out.",
      }),
  );
  const knownSize = sizeOf(known);
  const resolved = shape.map((d) => (d === -1 ? (knownSize === 0 ? 0 : x.size / knownSize) : d));
  check(
    sizeOf(resolved) === x.size && resolved.every(Number.isInteger),
    () =>
      new ShapeError({
        fn: "reshape",
        arg: "shape",
        expected: `a shape with ${x.size} elements (the input has shape ${show(x.shape)})`,
        received: `${show(shape)} (${inferred ? "no whole size fits −1" : `${sizeOf(resolved)} elements`})`,
        fix: "The product of the new sizes must equal the number of elements.",
      }),
  );
  if (sameShape(resolved, x.shape)) return x;
  const out = new Tensor(x.data, resolved);
  return record(out, "reshape", [x], (g) => [reshape(g, x.shape)]);
}

/**
 * Reorders the axes: output axis i is input axis dims[i].
 * @example gl.permute(gl.zeros([2, 3, 4]), [2, 0, 1]).shape // [4, 2, 3]
 */
export function permute(x: Tensor, dims: number[]): Tensor {
  tensorArg("permute", "x", x);
  const rank = x.rank;
  const axes = dims.map((d) => normalizeAxis("permute", d, rank, "dims"));
  check(
    axes.length === rank && new Set(axes).size === rank,
    () =>
      new ArgumentError({
        fn: "permute",
        arg: "dims",
        expected: `a reordering of the ${rank} axes 0..${rank - 1}, each once`,
        received: show(dims),
        fix: "List every axis once, e.g. gl.permute(x, [1, 0]) swaps the two axes of a matrix.",
      }),
  );
  if (axes.every((a, i) => a === i)) return x;
  const shape = axes.map((a) => x.shape[a]);
  const inStrides = stridesOf(x.shape);
  const strides = axes.map((a) => inStrides[a]); // step in the input per step along each output axis
  const out = allocData(x.size, x.dtype);
  const src = x.data;
  const idx = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = src[offset];
    for (let axis = rank - 1; axis >= 0; axis--) {
      idx[axis]++;
      offset += strides[axis];
      if (idx[axis] < shape[axis]) break;
      offset -= strides[axis] * shape[axis];
      idx[axis] = 0;
    }
  }
  const inverse = new Array<number>(rank);
  axes.forEach((a, i) => (inverse[a] = i));
  return record(new Tensor(out, shape), "permute", [x], (g) => [permute(g, inverse)]);
}

/**
 * Swaps two axes (default: the last two, the matrix transpose).
 * @example gl.transpose(gl.zeros([2, 3])).shape // [3, 2]
 */
export function transpose(x: Tensor, dim0 = -2, dim1 = -1): Tensor {
  tensorArg("transpose", "x", x);
  check(
    x.rank >= 2 || (x.rank < 2 && dim0 === -2 && dim1 === -1),
    () =>
      new ShapeError({
        fn: "transpose",
        arg: "x",
        expected: "a tensor of rank ≥ 2",
        received: `shape ${show(x.shape)}`,
        fix: "transpose swaps two axes, so it needs a matrix or more; a vector [n] becomes a column with gl.reshape(v, [n, 1]).",
      }),
  );
  if (x.rank < 2) return x;
  const a = normalizeAxis("transpose", dim0 ?? -2, x.rank, "dim0");
  const b = normalizeAxis("transpose", dim1 ?? -1, x.rank, "dim1");
  const dims = Array.from({ length: x.rank }, (_, i) => (i === a ? b : i === b ? a : i));
  return permute(x, dims);
}

/**
 * Merges axes startDim..endDim into one. @example gl.flatten(gl.zeros([8, 3, 4, 4]), 1).shape // [8, 48]
 */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  tensorArg("flatten", "x", x);
  if (x.rank === 0) return reshape(x, [1]);
  const s = normalizeAxis("flatten", startDim ?? 0, x.rank, "startDim");
  const e = normalizeAxis("flatten", endDim ?? -1, x.rank, "endDim");
  check(
    s <= e,
    () =>
      new ArgumentError({
        fn: "flatten",
        arg: "startDim",
        expected: `startDim ≤ endDim`,
        received: `${startDim} > ${endDim}`,
        fix: "Swap them: startDim is the first axis merged, endDim the last.",
      }),
  );
  const shape = [...x.shape.slice(0, s), sizeOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return reshape(x, shape);
}

/** Inserts a size-1 axis at `dim`. @example gl.unsqueeze(gl.zeros([3]), 0).shape // [1, 3] */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  tensorArg("unsqueeze", "x", x);
  const d = dim < 0 ? dim + x.rank + 1 : dim;
  check(
    Number.isInteger(d) && d >= 0 && d <= x.rank,
    () =>
      new ArgumentError({
        fn: "unsqueeze",
        arg: "dim",
        expected: `an axis in [${-x.rank - 1}, ${x.rank}]`,
        received: show(dim),
        fix: `The new axis of size 1 goes before axis dim: 0 puts it first, ${x.rank} (or −1) last.`,
      }),
  );
  return reshape(x, [...x.shape.slice(0, d), 1, ...x.shape.slice(d)]);
}

/** Removes size-1 axes (all, or the one at `dim`). @example gl.squeeze(gl.zeros([1, 3, 1])).shape // [3] */
export function squeeze(x: Tensor, dim?: number): Tensor {
  tensorArg("squeeze", "x", x);
  if (dim === undefined)
    return reshape(
      x,
      x.shape.filter((d) => d !== 1),
    );
  const d = normalizeAxis("squeeze", dim, x.rank, "dim");
  if (x.shape[d] !== 1) return x;
  return reshape(
    x,
    x.shape.filter((_, i) => i !== d),
  );
}

/**
 * Repeats values along size-1 axes to reach `shape` (NumPy broadcasting); the gradient is summed back.
 * @example gl.broadcastTo(gl.tensor([1, 2]), [3, 2]).shape // [3, 2]
 */
export function broadcastTo(x: Tensor, shape: number[]): Tensor {
  tensorArg("broadcastTo", "x", x);
  checkShape("broadcastTo", "shape", shape);
  const target = broadcastShapes("broadcastTo", x.shape, shape, ["x", "shape"]);
  check(
    sameShape(target, shape),
    () =>
      new ShapeError({
        fn: "broadcastTo",
        arg: "shape",
        expected: `a shape that ${show(x.shape)} broadcasts to`,
        received: show(shape),
        fix: "Each size of x must equal the target size or be 1 (sizes aligned at the right); use gl.unsqueeze to add an axis.",
      }),
  );
  if (sameShape(x.shape, shape)) return x;
  const zeros = new Tensor(allocData(sizeOf(shape), x.dtype), shape);
  const out = zipData("broadcastTo", zeros, x, (_, v) => v);
  return record(out, "broadcastTo", [x], (g) => [sumToShape(g, x.shape)]);
}
