/**
 * Joining tensors: `concat` lays tensors end to end along an existing axis; `stack` puts them
 * side by side along a new axis (a composite: unsqueeze each, then concat).
 *   concat([a (2, 3), b (4, 3)], 0) -> (6, 3)         stack([a (2, 3), b (2, 3)], 0) -> (2, 2, 3)
 * Backward of concat: each input receives its own block of the gradient.
 */
import { allocData, resultDType } from "../tensor/dtype";
import { record } from "../autograd/engine";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { sizeOf } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { allOf, axisOf, take } from "./indexing";
import { unsqueeze } from "./reshape";

function checkList(fn: string, tensors: unknown): asserts tensors is Tensor[] {
  check(
    Array.isArray(tensors) && tensors.length > 0 && tensors.every((t) => t instanceof Tensor),
    () =>
      new ArgumentError({
        fn,
        arg: "tensors",
        expected: "a non-empty array of Tensors",
        received: Array.isArray(tensors)
          ? `an array of ${tensors.length}: ${show(tensors.map((t) => (t instanceof Tensor ? "Tensor" : t)))}`
          : show(tensors),
        fix: `Pass the tensors in an array: gl.${fn}([a, b], axis).`,
      }),
  );
}

/**
 * Joins tensors along an existing axis; all other sizes must agree.
 * @example gl.concat([gl.tensor([[1, 2]]), gl.tensor([[3, 4]])], 0).toArray() // [[1, 2], [3, 4]]
 */
export function concat(tensors: Tensor[], axis = 0): Tensor {
  checkList("concat", tensors);
  const first = tensors[0];
  const rank = first.rank;
  check(
    rank >= 1,
    () =>
      new ShapeError({
        fn: "concat",
        arg: "tensors",
        expected: "tensors of rank ≥ 1 (there is no axis to join scalars along)",
        received: "scalars (shape [])",
        fix: "Use gl.stack(tensors) to make a vector out of scalars.",
      }),
  );
  const a = axisOf("concat", axis, rank);
  tensors.forEach((t, i) => {
    check(
      t.rank === rank && t.shape.every((d, k) => k === a || d === first.shape[k]),
      () =>
        new ShapeError({
          fn: "concat",
          arg: `tensors[${i}]`,
          expected: `shape [${first.shape.map((d, k) => (k === a ? "any" : d)).join(", ")}] (equal to tensors[0] except on axis ${axis})`,
          received: `shape ${show(t.shape)}`,
          fix: "All sizes except the joined axis must match; check the axis, or transpose/reshape first.",
        }),
    );
  });
  const outer = sizeOf(first.shape.slice(0, a)); // blocks before the axis
  const inner = sizeOf(first.shape.slice(a + 1)); // values per step along the axis
  const total = tensors.reduce((s, t) => s + t.shape[a], 0);
  const shape = first.shape.map((d, k) => (k === a ? total : d));
  const out = allocData(sizeOf(shape), resultDType(...tensors.map((t) => t.dtype)));
  let offset = 0; // where this input's block starts along the axis
  for (const t of tensors) {
    const block = t.shape[a] * inner;
    for (let o = 0; o < outer; o++)
      out.set(t.data.subarray(o * block, (o + 1) * block), o * total * inner + offset * inner);
    offset += t.shape[a];
  }
  return record(new Tensor(out, shape), "concat", tensors, (g) => {
    let start = 0;
    return tensors.map((t) => {
      const n = t.shape[a];
      const lists = shape.map((d, k) => (k === a ? Int32Array.from({ length: n }, (_, i) => start + i) : allOf(d)));
      start += n;
      return t.requiresGrad ? take("concat", g, lists) : null;
    });
  });
}

/**
 * Stacks tensors of the same shape along a new axis (composite: unsqueeze + concat).
 * @example gl.stack([gl.tensor([1, 2]), gl.tensor([3, 4])], 1).toArray() // [[1, 3], [2, 4]]
 */
export function stack(tensors: Tensor[], axis = 0): Tensor {
  checkList("stack", tensors);
  const first = tensors[0];
  tensors.forEach((t, i) => {
    check(
      t.rank === first.rank && t.shape.every((d, k) => d === first.shape[k]),
      () =>
        new ShapeError({
          fn: "stack",
          arg: `tensors[${i}]`,
          expected: `shape ${show(first.shape)} (the shape of tensors[0]; stack needs equal shapes)`,
          received: `shape ${show(t.shape)}`,
          fix: "Use gl.concat to join along an existing axis where sizes differ.",
        }),
    );
  });
  const a = axisOf("stack", axis, first.rank + 1);
  return concat(
    tensors.map((t) => unsqueeze(t, a)),
    a,
  );
}
