/**
 * Comparisons (1 where true, 0 where false; no gradient) and `where`, which picks elementwise
 * from two tensors and routes the gradient to the one that was picked.
 */
import { tensorArg, tensorLikeArg } from "../tensor/check";
import { record } from "../autograd/engine";
import { Tensor, TensorLike } from "../tensor/tensor";
import { broadcastShapes } from "../tensor/shape";
import { mul, sub } from "./arithmetic";
import { operands, sumToShape, zipData } from "./elementwise";

const compare =
  (fn: string, test: (p: number, q: number) => boolean) =>
  (a: TensorLike, b: TensorLike): Tensor => {
    tensorLikeArg(fn, "a", a);
    tensorLikeArg(fn, "b", b);
    const [x, y] = operands(a, b);
    return zipData(fn, x, y, (p, q) => (test(p, q) ? 1 : 0));
  };

/** 1 where a == b. @example gl.eq(gl.tensor([1, 2]), 2).toArray() // [0, 1] */
export const eq = compare("eq", (p, q) => p === q);
/** 1 where a != b. @example gl.ne(gl.tensor([1, 2]), 2).toArray() // [1, 0] */
export const ne = compare("ne", (p, q) => p !== q);
/** 1 where a < b. @example gl.lt(gl.tensor([1, 3]), 2).toArray() // [1, 0] */
export const lt = compare("lt", (p, q) => p < q);
/** 1 where a <= b. @example gl.le(gl.tensor([2, 3]), 2).toArray() // [1, 0] */
export const le = compare("le", (p, q) => p <= q);
/** 1 where a > b. @example gl.gt(gl.tensor([1, 3]), 2).toArray() // [0, 1] */
export const gt = compare("gt", (p, q) => p > q);
/** 1 where a >= b. @example gl.ge(gl.tensor([1, 2]), 2).toArray() // [0, 1] */
export const ge = compare("ge", (p, q) => p >= q);

/**
 * a where cond is non-zero, else b (broadcasting all three).
 * @example gl.where(gl.tensor([1, 0]), gl.tensor([5, 5]), 0).toArray() // [5, 0]
 */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  tensorArg("where", "cond", cond);
  tensorLikeArg("where", "a", a);
  tensorLikeArg("where", "b", b);
  const [x, y] = operands(a, b);
  const shape = broadcastShapes("where", broadcastShapes("where", cond.shape, x.shape, ["cond", "a"]), y.shape, [
    "cond and a",
    "b",
  ]);
  const full = new Tensor(new Float32Array(shape.reduce((p, q) => p * q, 1)), shape);
  const mask = zipData("where", cond, full, (c) => (c !== 0 ? 1 : 0)); // 1 where a is picked
  // picked values are copied, not computed as m·a + (1−m)·b, so an Inf in the other branch cannot leak
  const fromA = zipData("where", mask, x, (m, p) => (m ? p : 0));
  const fromB = zipData("where", mask, y, (m, q) => (m ? 0 : q));
  const out = zipData("where", fromA, fromB, (p, q) => p + q);
  return record(out, "where", [x, y], (g) => [
    x.requiresGrad ? sumToShape(mul(g, mask), x.shape) : null,
    y.requiresGrad ? sumToShape(mul(g, sub(1, mask)), y.shape) : null,
  ]);
}
