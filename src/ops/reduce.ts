/**
 * Reductions over axes (all axes by default), with `keepDims` to keep reduced axes as size 1:
 *   sum: ∂(Σx)/∂xᵢ = 1            mean = sum / n (composite)
 *   max/min: the gradient goes to the extreme element(s), split evenly on ties
 *   argmax/argmin: indices, no gradient.
 */
import { bool } from "../args";
import { tensorArg } from "../tensor/check";
import { allocData } from "../tensor/dtype";
import { record } from "../autograd/engine";
import { ShapeError, check, show } from "../errors";
import { normalizeAxes, sizeOf, stridesOf } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { div, mul } from "./arithmetic";
import { eq } from "./compare";
import { sumToShape } from "./elementwise";
import { broadcastTo, reshape } from "./reshape";

export type Axes = number | number[];

/** The output shape with reduced axes kept as 1, and without them. */
export function reducedShapes(
  fn: string,
  x: Tensor,
  axes?: Axes | null,
): { axes: number[]; kept: number[]; dropped: number[] } {
  const list = normalizeAxes(fn, axes, x.rank);
  const kept = x.shape.map((d, i) => (list.includes(i) ? 1 : d));
  const dropped = x.shape.filter((_, i) => !list.includes(i));
  return { axes: list, kept, dropped };
}

/**
 * Sum over axes. @example gl.sum(gl.tensor([[1, 2], [3, 4]]), 0).toArray() // [4, 6]
 */
export function sum(x: Tensor, axes?: Axes | null, keepDims = false): Tensor {
  tensorArg("sum", "x", x);
  keepDims = bool("sum", "keepDims", keepDims, false);
  const { kept, dropped } = reducedShapes("sum", x, axes);
  const summed = sumToShape(x, kept); // sums over the size-1 axes of `kept`
  const out = new Tensor(summed === x ? x.data.slice() : summed.data, keepDims ? kept : dropped);
  return record(out, "sum", [x], (g) => [broadcastTo(reshape(g, kept), x.shape)]);
}

/**
 * Mean over axes (composite: sum / count). @example gl.mean(gl.tensor([1, 2, 3, 6])).item() // 3
 */
export function mean(x: Tensor, axes?: Axes | null, keepDims = false): Tensor {
  tensorArg("mean", "x", x);
  keepDims = bool("mean", "keepDims", keepDims, false);
  const { kept, axes: list } = reducedShapes("mean", x, axes);
  // an empty axis: the mean is 0/0 (PyTorch returns NaN with a warning); an empty result is fine
  if (sizeOf(kept) > 0) checkNotEmpty("mean", x, list, MEAN_OF_NOTHING);
  const count = x.size / Math.max(1, sizeOf(kept));
  return div(sum(x, axes, keepDims), count);
}

/** What the fix says when a mean (or variance, std) is taken over an axis with no values. */
export const MEAN_OF_NOTHING =
  "The mean of no values is 0/0; check how the tensor was sliced or filtered (a batch or a class with no examples?).";

/** Refuses to reduce over an axis of size 0 where the answer would be undefined (max/min/argmax/argmin: no value to pick; mean: 0/0). */
export function checkNotEmpty(
  fn: string,
  x: Tensor,
  axes: number[],
  fix = "An empty tensor has no largest or smallest value; check how it was sliced or filtered.",
): void {
  const empty = axes.find((a) => x.shape[a] === 0);
  check(
    empty === undefined,
    () =>
      new ShapeError({
        fn,
        arg: "x",
        expected: "a non-empty axis to reduce over",
        received: `shape ${show(x.shape)} (axis ${empty} has size 0)`,
        fix,
      }),
  );
}

/** Walks x once, combining each value into its output slot; returns values and arg indices. */
function reduceExtreme(
  x: Tensor,
  kept: number[],
  better: (v: number, best: number) => boolean,
): { values: Float64Array; args: Int32Array } {
  const n = sizeOf(kept);
  const values = new Float64Array(n).fill(NaN);
  const args = new Int32Array(n).fill(-1);
  const rank = x.rank;
  const outStrides = stridesOf(kept).map((s, i) => (kept[i] === 1 && x.shape[i] !== 1 ? 0 : s));
  const idx = new Array<number>(rank).fill(0);
  let io = 0;
  const d = x.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    let local = 0; // position along the reduced axes (what argmax reports)
    for (let axis = 0; axis < rank; axis++) if (outStrides[axis] === 0) local = local * x.shape[axis] + idx[axis];
    if (args[io] === -1 || better(v, values[io]) || (Number.isNaN(v) && !Number.isNaN(values[io]))) {
      values[io] = v;
      args[io] = local;
    }
    for (let axis = rank - 1; axis >= 0; axis--) {
      idx[axis]++;
      io += outStrides[axis];
      if (idx[axis] < x.shape[axis]) break;
      io -= outStrides[axis] * x.shape[axis];
      idx[axis] = 0;
    }
  }
  return { values, args };
}

function extreme(fn: "max" | "min", x: Tensor, axes?: Axes | null, keepDims = false): Tensor {
  keepDims = bool(fn, "keepDims", keepDims, false);
  const { axes: list, kept, dropped } = reducedShapes(fn, x, axes);
  checkNotEmpty(fn, x, list);
  const { values } = reduceExtreme(x, kept, fn === "max" ? (v, b) => v > b : (v, b) => v < b);
  const data = allocData(values.length, x.dtype);
  data.set(values);
  const out = new Tensor(data, keepDims ? kept : dropped);
  return record(out, fn, [x], (g) => {
    const best = new Tensor(data, kept);
    const isBest = eq(x, best); // 1 at the extreme element(s)
    const count = sumToShape(isBest, kept);
    return [mul(isBest, broadcastTo(div(reshape(g, kept), count), x.shape))];
  });
}

/** Largest value over axes. @example gl.max(gl.tensor([[1, 5], [7, 2]]), 1).toArray() // [5, 7] */
export function max(x: Tensor, axes?: Axes | null, keepDims = false): Tensor {
  tensorArg("max", "x", x);
  return extreme("max", x, axes, keepDims);
}

/** Smallest value over axes. @example gl.min(gl.tensor([[1, 5], [7, 2]]), 1).toArray() // [1, 2] */
export function min(x: Tensor, axes?: Axes | null, keepDims = false): Tensor {
  tensorArg("min", "x", x);
  return extreme("min", x, axes, keepDims);
}

/**
 * Index of the largest value along one axis (over the flattened tensor if axis is omitted).
 * @example gl.argmax(gl.tensor([[1, 5], [7, 2]]), 1).toArray() // [1, 0]
 */
export function argmax(x: Tensor, axis?: number, keepDims = false): Tensor {
  tensorArg("argmax", "x", x);
  keepDims = bool("argmax", "keepDims", keepDims, false);
  const source = axis === undefined ? reshape(x.detach(), [x.size]) : x;
  const { axes: list, kept, dropped } = reducedShapes("argmax", source, axis ?? 0);
  checkNotEmpty("argmax", source, list);
  const { args } = reduceExtreme(source, kept, (v, b) => v > b);
  return new Tensor(Float32Array.from(args), keepDims ? kept : dropped);
}

/** Index of the smallest value along one axis. @example gl.argmin(gl.tensor([3, 1, 2])).item() // 1 */
export function argmin(x: Tensor, axis?: number, keepDims = false): Tensor {
  tensorArg("argmin", "x", x);
  keepDims = bool("argmin", "keepDims", keepDims, false);
  const source = axis === undefined ? reshape(x.detach(), [x.size]) : x;
  const { axes: list, kept, dropped } = reducedShapes("argmin", source, axis ?? 0);
  checkNotEmpty("argmin", source, list);
  const { args } = reduceExtreme(source, kept, (v, b) => v < b);
  return new Tensor(Float32Array.from(args), keepDims ? kept : dropped);
}
