/**
 * The machinery of elementwise ops: applying a function to every element (unary), to pairs of
 * elements under NumPy broadcasting (binary), and summing a broadcast gradient back to the shape
 * of the input it came from (`sumToShape`) — the backward half of broadcasting.
 */
import { allocData, resultDType } from "../autograd/mode";
import { asTensor } from "../tensor/create";
import { Shape, broadcastShapes, sameShape, sizeOf, stridesOf } from "../tensor/shape";
import { DataArray, Tensor, TensorLike } from "../tensor/tensor";

/** Applies `f` to every element: out[i] = f(x[i]). */
export function mapData(x: Tensor, f: (v: number) => number): Tensor {
  const out = allocData(x.size, x.dtype);
  const d = x.data;
  for (let i = 0; i < d.length; i++) out[i] = f(d[i]);
  return new Tensor(out, x.shape);
}

/** Strides of `shape` seen from an output of rank `rank`, with 0 on broadcast axes. */
function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const rank = outShape.length;
  const own = stridesOf(shape);
  const out = new Array<number>(rank).fill(0);
  for (let i = 0; i < shape.length; i++) {
    const axis = rank - shape.length + i;
    out[axis] = shape[i] === 1 && outShape[axis] !== 1 ? 0 : own[i];
  }
  return out;
}

/** Converts the operands of a binary op to tensors, numbers taking the other operand's dtype. */
export function operands(a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  const dtype = a instanceof Tensor ? a.dtype : b instanceof Tensor ? b.dtype : undefined;
  return [asTensor(a, dtype), asTensor(b, dtype)];
}

/** out = f(a, b) elementwise under NumPy broadcasting. */
export function zipData(fn: string, a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const dtype = resultDType(a.dtype, b.dtype);
  const ad = a.data;
  const bd = b.data;
  if (sameShape(a.shape, b.shape)) {
    const out = allocData(a.size, dtype);
    for (let i = 0; i < out.length; i++) out[i] = f(ad[i], bd[i]);
    return new Tensor(out, a.shape);
  }
  const shape = broadcastShapes(fn, a.shape, b.shape);
  const n = sizeOf(shape);
  const out = allocData(n, dtype);
  if (b.size === 1) {
    const y = bd[0];
    for (let i = 0; i < n; i++) out[i] = f(ad[i], y);
    return new Tensor(out, shape);
  }
  if (a.size === 1) {
    const x = ad[0];
    for (let i = 0; i < n; i++) out[i] = f(x, bd[i]);
    return new Tensor(out, shape);
  }
  const rank = shape.length;
  const sa = broadcastStrides(a.shape, shape);
  const sb = broadcastStrides(b.shape, shape);
  const idx = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let i = 0; i < n; i++) {
    out[i] = f(ad[ia], bd[ib]);
    // advance the multi-index like an odometer, keeping both input offsets in step
    for (let axis = rank - 1; axis >= 0; axis--) {
      idx[axis]++;
      ia += sa[axis];
      ib += sb[axis];
      if (idx[axis] < shape[axis]) break;
      ia -= sa[axis] * shape[axis];
      ib -= sb[axis] * shape[axis];
      idx[axis] = 0;
    }
  }
  return new Tensor(out, shape);
}

/**
 * Sums `grad` over the axes that broadcasting expanded, so it matches `shape` again
 * (a bias of shape [C] added to [N, C] receives the sum over N).
 */
export function sumToShape(grad: Tensor, shape: Shape): Tensor {
  if (sameShape(grad.shape, shape)) return grad;
  const rank = grad.shape.length;
  const out = allocData(sizeOf(shape), grad.dtype);
  const so = broadcastStrides(shape, grad.shape);
  const gd = grad.data;
  const idx = new Array<number>(rank).fill(0);
  let io = 0;
  for (let i = 0; i < gd.length; i++) {
    out[io] += gd[i];
    for (let axis = rank - 1; axis >= 0; axis--) {
      idx[axis]++;
      io += so[axis];
      if (idx[axis] < grad.shape[axis]) break;
      io -= so[axis] * grad.shape[axis];
      idx[axis] = 0;
    }
  }
  return new Tensor(out, shape);
}

/** A new tensor with the same shape as `like` holding `data`. */
export function withData(like: Tensor, data: DataArray): Tensor {
  return new Tensor(data, like.shape);
}
