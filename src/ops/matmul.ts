/**
 * Matrix product. For C = A·B (A: m×k, B: k×n):  ∂L/∂A = ∂L/∂C · Bᵀ,  ∂L/∂B = Aᵀ · ∂L/∂C.
 * Batched: leading axes are batch axes; an operand of rank 2 is shared across the batch.
 * 1-D operands are treated as a row (left) or a column (right) vector, like NumPy.
 */
import { tensorArg } from "../tensor/check";
import { record } from "../autograd/engine";
import { allocData } from "../tensor/dtype";
import "../backend/reference/matmul";
import type { MatmulKernel } from "../backend/kernels";
import { getKernel } from "../backend/registry";
import { ShapeError, check, show } from "../errors";
import { sameShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { sumToShape } from "./elementwise";
import { add } from "./arithmetic";
import { reshape, transpose } from "./reshape";

function suggestion(a: number[], b: number[]): string {
  const ka = a[a.length - 1];
  const kb = b[b.length - 2];
  if (b.length >= 2 && b[b.length - 1] === ka)
    return "The last axes match: did you mean to transpose the second operand (gl.transpose(b))?";
  if (a.length >= 2 && a[a.length - 2] === kb) return "Did you mean to transpose the first operand (gl.transpose(a))?";
  return "The number of columns of a must equal the number of rows of b.";
}

/** Raw product of two tensors of rank ≥ 2 with optional transposes; no autograd. */
function product(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  const ar = a.rank;
  const br = b.rank;
  const m = transA ? a.shape[ar - 1] : a.shape[ar - 2];
  const k = transA ? a.shape[ar - 2] : a.shape[ar - 1];
  const kb = transB ? b.shape[br - 1] : b.shape[br - 2];
  const n = transB ? b.shape[br - 2] : b.shape[br - 1];
  check(
    k === kb,
    () =>
      new ShapeError({
        fn: "matmul",
        arg: "b",
        expected: `${k} rows to match a's ${k} columns (a has shape ${show(a.shape)})`,
        received: `shape ${show(b.shape)} with ${kb} rows`,
        fix: suggestion(a.shape, b.shape),
      }),
  );
  const aBatch = a.shape.slice(0, ar - 2);
  const bBatch = b.shape.slice(0, br - 2);
  check(
    aBatch.length === 0 || bBatch.length === 0 || sameShape(aBatch, bBatch),
    () =>
      new ShapeError({
        fn: "matmul",
        expected: "equal batch axes (or one operand of rank 2, shared across the batch)",
        received: `shapes ${show(a.shape)} and ${show(b.shape)}`,
        fix: "Give both operands the same leading axes, or reshape one to rank 2.",
      }),
  );
  const batchShape = aBatch.length ? aBatch : bBatch;
  const batch = batchShape.reduce((p, q) => p * q, 1);
  const kernel = getKernel<MatmulKernel>(
    "matmul",
    a.dtype === "float64" || b.dtype === "float64" ? "reference" : undefined,
  );
  const data = kernel({
    a: a.data,
    b: b.data,
    batch,
    m,
    k,
    n,
    transA,
    transB,
    aBatched: aBatch.length > 0,
    bBatched: bBatch.length > 0,
  });
  return new Tensor(data, [...batchShape, m, n]);
}

/**
 * Matrix product with NumPy's rules for 1-D and batched operands.
 * @example gl.matmul(gl.tensor([[1, 2], [3, 4]]), gl.tensor([[1], [1]])).toArray() // [[3], [7]]
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  tensorArg("matmul", "a", a);
  tensorArg("matmul", "b", b);
  check(
    a.rank >= 1 && b.rank >= 1,
    () =>
      new ShapeError({
        fn: "matmul",
        arg: a.rank < 1 ? "a" : "b",
        expected: "tensors of rank ≥ 1",
        received: `shapes ${show(a.shape)} and ${show(b.shape)}`,
        fix: "Use gl.mul for a product with a scalar.",
      }),
  );
  if (a.rank === 1)
    return reshape(
      matmul(reshape(a, [1, a.shape[0]]), b),
      b.rank === 1 ? [] : [...b.shape.slice(0, -2), b.shape[b.rank - 1]],
    );
  if (b.rank === 1) return reshape(matmul(a, reshape(b, [b.shape[0], 1])), a.shape.slice(0, -1));
  const out = product(a, b, false, false);
  return record(out, "matmul", [a, b], (g) => [
    a.requiresGrad ? sumToShape(product(g, b, false, true), a.shape) : null, // dA = g·Bᵀ
    b.requiresGrad ? gradB(a, g, b.shape) : null, // dB = Aᵀ·g
  ]);
}

/** Aᵀ·g, summed over the batch when B was shared across it. */
function gradB(a: Tensor, g: Tensor, bShape: number[]): Tensor {
  if (bShape.length === 2 && a.rank > 2) {
    const k = a.shape[a.rank - 1];
    const n = g.shape[g.rank - 1];
    return product(reshape(a.detach(), [-1, k]), reshape(g, [-1, n]), true, false);
  }
  return sumToShape(product(a, g, true, false), bShape);
}

/**
 * A fully connected layer's product, y = x·Wᵀ + b, as one op (PyTorch's F.linear): weight is
 * [out, in] and is read transposed in place, never copied; bias [out] is added to every row.
 * x is [N, in] or [..., in]. Backward: ∂x = g·W, ∂W = gᵀ·x, ∂b = column sums of g.
 * @example gl.linear(gl.ones([2, 3]), gl.ones([4, 3]), gl.zeros([4])).shape // [2, 4]
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  tensorArg("linear", "x", x);
  tensorArg("linear", "weight", weight);
  check(
    x instanceof Tensor && x.rank >= 1,
    () =>
      new ShapeError({
        fn: "linear",
        arg: "x",
        expected: "a tensor [N, in]",
        received: show(x),
        fix: "Pass the input batch as a tensor [N, in] (one example: [in]).",
      }),
  );
  check(
    weight instanceof Tensor && weight.rank === 2,
    () =>
      new ShapeError({
        fn: "linear",
        arg: "weight",
        expected: "a 2-D weight [out, in]",
        received: weight instanceof Tensor ? `shape ${show(weight.shape)}` : show(weight),
        fix: "A Linear weight is [outFeatures, inFeatures]; reshape it or check which tensor you passed.",
      }),
  );
  const [outF, inF] = weight.shape;
  check(
    x.shape[x.rank - 1] === inF,
    () =>
      new ShapeError({
        fn: "linear",
        arg: "x",
        expected: `a last axis of ${inF} features (weight has shape ${show(weight.shape)})`,
        received: `shape ${show(x.shape)}`,
        fix: "weight is [out, in]: the input's last axis must have `in` entries.",
      }),
  );
  check(
    bias === null || (bias instanceof Tensor && bias.rank === 1 && bias.shape[0] === outF),
    () =>
      new ShapeError({
        fn: "linear",
        arg: "bias",
        expected: `a 1-D bias of ${outF} values (one per output feature) or null`,
        received: bias instanceof Tensor ? `shape ${show(bias.shape)}` : show(bias),
        fix: "The bias has one value per output: shape [out] (or null for no bias).",
      }),
  );
  if (bias && (bias.dtype !== x.dtype || bias.dtype !== weight.dtype)) {
    // mixed float32/float64: the composite keeps the usual dtype rule (float64 wins)
    return add(matmul(x, transpose(weight)), bias);
  }
  const rows = x.size / inF;
  const x2 = x.rank === 2 ? x : new Tensor(x.data, [rows, inF]);
  const y = product(x2, weight, false, true); // (rows, out)
  if (bias) {
    const yd = y.data;
    const bd = bias.data;
    for (let r = 0; r < rows; r++) for (let j = 0, o = r * outF; j < outF; j++) yd[o + j] += bd[j];
  }
  const out = x.rank === 2 ? y : new Tensor(y.data, [...x.shape.slice(0, -1), outF]);
  const inputs = bias ? [x, weight, bias] : [x, weight];
  return record(out, "linear", inputs, (g) => {
    const g2 = new Tensor(g.data, [rows, outF]);
    const grads: (Tensor | null)[] = [
      x.requiresGrad ? new Tensor(product(g2, weight, false, false).data, x.shape) : null, // g·W
      weight.requiresGrad ? product(g2, x2, true, false) : null, // gᵀ·x
    ];
    if (bias) {
      let db: Tensor | null = null;
      if (bias.requiresGrad) {
        db = new Tensor(allocData(outF, g.dtype), [outF]);
        const gd = g.data;
        const dd = db.data;
        for (let r = 0; r < rows; r++) for (let j = 0, o = r * outF; j < outF; j++) dd[j] += gd[o + j];
      }
      grads.push(db);
    }
    return grads;
  });
}
