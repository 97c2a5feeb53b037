/**
 * Ops that move values without changing them: reshape, permute/transpose, flatten,
 * squeeze/unsqueeze and broadcastTo. Their gradients move the gradient back the same way.
 */
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
  const rank = x.rank;
  const axes = dims.map((d) => normalizeAxis("permute", d, rank));
  check(
    axes.length === rank && new Set(axes).size === rank,
    () =>
      new ArgumentError({
        fn: "permute",
        arg: "dims",
        expected: `a reordering of the ${rank} axes 0..${rank - 1}, each once`,
        received: show(dims),
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
  check(
    x.rank >= 2 || (x.rank < 2 && dim0 === -2 && dim1 === -1),
    () =>
      new ShapeError({
        fn: "transpose",
        arg: "x",
        expected: "a tensor of rank ≥ 2",
        received: `shape ${show(x.shape)}`,
      }),
  );
  if (x.rank < 2) return x;
  const a = normalizeAxis("transpose", dim0, x.rank);
  const b = normalizeAxis("transpose", dim1, x.rank);
  const dims = Array.from({ length: x.rank }, (_, i) => (i === a ? b : i === b ? a : i));
  return permute(x, dims);
}

/**
 * Merges axes startDim..endDim into one. @example gl.flatten(gl.zeros([8, 3, 4, 4]), 1).shape // [8, 48]
 */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.rank === 0) return reshape(x, [1]);
  const s = normalizeAxis("flatten", startDim, x.rank);
  const e = normalizeAxis("flatten", endDim, x.rank);
  check(
    s <= e,
    () =>
      new ArgumentError({
        fn: "flatten",
        arg: "startDim",
        expected: `startDim ≤ endDim`,
        received: `${startDim} > ${endDim}`,
      }),
  );
  const shape = [...x.shape.slice(0, s), sizeOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return reshape(x, shape);
}

/** Inserts a size-1 axis at `dim`. @example gl.unsqueeze(gl.zeros([3]), 0).shape // [1, 3] */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = dim < 0 ? dim + x.rank + 1 : dim;
  check(
    Number.isInteger(d) && d >= 0 && d <= x.rank,
    () =>
      new ArgumentError({
        fn: "unsqueeze",
        arg: "dim",
        expected: `an axis in [${-x.rank - 1}, ${x.rank}]`,
        received: show(dim),
      }),
  );
  return reshape(x, [...x.shape.slice(0, d), 1, ...x.shape.slice(d)]);
}

/** Removes size-1 axes (all, or the one at `dim`). @example gl.squeeze(gl.zeros([1, 3, 1])).shape // [3] */
export function squeeze(x: Tensor, dim?: number): Tensor {
  if (dim === undefined)
    return reshape(
      x,
      x.shape.filter((d) => d !== 1),
    );
  const d = normalizeAxis("squeeze", dim, x.rank);
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
  const target = broadcastShapes("broadcastTo", x.shape, shape);
  check(
    sameShape(target, shape),
    () =>
      new ShapeError({
        fn: "broadcastTo",
        arg: "shape",
        expected: `a shape that ${show(x.shape)} broadcasts to`,
        received: show(shape),
      }),
  );
  if (sameShape(x.shape, shape)) return x;
  const zeros = new Tensor(allocData(sizeOf(shape), x.dtype), shape);
  const out = zipData("broadcastTo", zeros, x, (_, v) => v);
  return record(out, "broadcastTo", [x], (g) => [sumToShape(g, x.shape)]);
}
