/**
 * Per-element picking with an index tensor, and one-hot encoding of class labels.
 *   gather (PyTorch's torch.gather), for axis 1 of a 2-D x:  out[i][j] = x[i][indices[i][j]]
 *     — e.g. the log-probability of each sample's true class: gather(logp, 1, y (N, 1)).
 *   Backward: ∂L/∂x[i][indices[i][j]] += ∂L/∂out[i][j] (a scatter-add).
 *   oneHot(y, C)[..., c] = 1 if y[...] == c else 0 (no gradient: labels are not learned).
 */
import { allocData } from "../tensor/dtype";
import { record } from "../autograd/engine";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { stridesOf } from "../tensor/shape";
import { NestedArray, Tensor } from "../tensor/tensor";
import { asIndexTensor, axisOf, checkTensor, indexValues } from "./indexing";

/** The input offset each output element of gather reads (shared by forward and backward). */
function gatherOffsets(xShape: number[], axis: number, idxShape: number[], positions: Int32Array): Int32Array {
  const strides = stridesOf(xShape);
  const rank = idxShape.length;
  const offsets = new Int32Array(positions.length);
  const idx = new Array<number>(rank).fill(0);
  for (let i = 0; i < positions.length; i++) {
    let offset = 0;
    for (let k = 0; k < rank; k++) offset += (k === axis ? positions[i] : idx[k]) * strides[k];
    offsets[i] = offset;
    for (let k = rank - 1; k >= 0; k--) {
      if (++idx[k] < idxShape[k]) break;
      idx[k] = 0;
    }
  }
  return offsets;
}

/**
 * Picks, for every position of `indices`, the entry of x along `axis` that the index names
 * (indices has x's rank; along the other axes its sizes are at most x's).
 * @example gl.gather(gl.tensor([[1, 2], [3, 4]]), 1, [[1], [0]]).toArray() // [[2], [3]]
 */
export function gather(x: Tensor, axis: number, indices: Tensor | NestedArray): Tensor {
  checkTensor("gather", "x", x);
  const a = axisOf("gather", axis, x.rank);
  const idx = asIndexTensor("gather", "indices", indices);
  check(
    idx.rank === x.rank && idx.shape.every((d, k) => k === a || d <= x.shape[k]),
    () =>
      new ShapeError({
        fn: "gather",
        arg: "indices",
        expected: `rank ${x.rank} (the rank of x, shape ${show(x.shape)}) with sizes ≤ x's on every axis but ${axis}`,
        received: `shape ${show(idx.shape)}`,
        fix:
          idx.rank === x.rank - 1
            ? `Add the gathered axis back: gl.unsqueeze(indices, ${axis}) (e.g. labels of shape [N] become [N, 1]).`
            : "Give indices the same number of axes as x.",
      }),
  );
  const positions = indexValues("gather", "indices", idx, x.shape[a], `axis ${axis} of x has size ${x.shape[a]}`);
  const offsets = gatherOffsets(x.shape, a, idx.shape, positions);
  const out = allocData(offsets.length, x.dtype);
  for (let i = 0; i < offsets.length; i++) out[i] = x.data[offsets[i]];
  return record(new Tensor(out, idx.shape), "gather", [x], (g) => {
    const dx = allocData(x.size, g.dtype);
    for (let i = 0; i < offsets.length; i++) dx[offsets[i]] += g.data[i];
    return [new Tensor(dx, x.shape)];
  });
}

/**
 * One-hot encoding: labels of shape S become a tensor of shape [...S, numClasses] with a 1 at
 * each label's class (numClasses defaults to the largest label + 1).
 * @example gl.oneHot(gl.tensor([0, 2]), 3).toArray() // [[1, 0, 0], [0, 0, 1]]
 */
export function oneHot(indices: Tensor | NestedArray, numClasses?: number): Tensor {
  const idx = asIndexTensor("oneHot", "indices", indices);
  let maxLabel = -1;
  for (const v of idx.data) if (v > maxLabel) maxLabel = v;
  const classes = numClasses ?? maxLabel + 1;
  check(
    Number.isInteger(classes) && classes >= 1,
    () =>
      new ArgumentError({
        fn: "oneHot",
        arg: "numClasses",
        expected: "a whole number of classes ≥ 1",
        received: show(numClasses),
        fix: "Pass the number of classes, e.g. gl.oneHot(y, 10) for MNIST digits.",
      }),
  );
  const labels = indexValues("oneHot", "indices", idx, classes, `numClasses is ${classes}`);
  const out = allocData(labels.length * classes, idx.dtype);
  for (let i = 0; i < labels.length; i++) out[i * classes + labels[i]] = 1;
  return new Tensor(out, [...idx.shape, classes]);
}
