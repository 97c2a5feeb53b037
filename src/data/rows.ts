/**
 * Row bookkeeping shared by loaders, scalers and data sets: reading a tensor as [N, D] rows and
 * gathering rows (examples) by index, keeping the dtype. Plain loops; no autograd.
 */
import { ShapeError, check, show } from "../errors";
import { Tensor } from "../tensor/tensor";
import type { DataArray } from "../tensor/tensor";

/** A zeroed array like `data` (same dtype) with `n` values. */
export function allocLike(data: DataArray, n: number): DataArray {
  return data instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
}

/** The examples at `indices` (along axis 0), as a new tensor. */
export function takeRows(t: Tensor, indices: ArrayLike<number>): Tensor {
  const n = t.shape[0];
  const rowSize = n === 0 ? 0 : t.size / n;
  const out = allocLike(t.data, indices.length * rowSize);
  for (let i = 0; i < indices.length; i++) {
    const start = indices[i] * rowSize;
    out.set(t.data.subarray(start, start + rowSize), i * rowSize);
  }
  return new Tensor(out, [indices.length, ...t.shape.slice(1)]);
}

/** Checks that X is a 2-D [N, D] table of examples × features and returns [N, D]. */
export function checkTable(fn: string, arg: string, X: unknown): [number, number] {
  check(
    X instanceof Tensor && X.shape.length === 2,
    () =>
      new ShapeError({
        fn,
        arg,
        expected: "a 2-D tensor [N, D]: one row per example, one column per feature",
        received: X instanceof Tensor ? `a tensor of shape ${show(X.shape)}` : show(X),
        fix:
          X instanceof Tensor
            ? "Flatten the features first, e.g. X.reshape([N, -1]) for images."
            : "Wrap the data with gl.tensor(...).",
      }),
  );
  return [(X as Tensor).shape[0], (X as Tensor).shape[1]];
}
