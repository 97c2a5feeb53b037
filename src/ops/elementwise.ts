/**
 * The machinery of elementwise ops: applying a function to every element (unary), to pairs of
 * elements under NumPy broadcasting (binary), and summing a broadcast gradient back to the shape
 * of the input it came from (`sumToShape`) — the backward half of broadcasting.
 */
import { allocData, resultDType } from "../tensor/dtype";
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

/**
 * out[o + j] = a[ia + j·da] ∘ b[ib + j·db] for j < n, written out for the four arithmetic ops:
 * calling `f` per element through one shared loop costs a non-inlined call each (≈ 5 ns), these
 * loops ≈ 0.5 ns. Other ops use `f`.
 */
type InnerLoop = (
  out: DataArray,
  o: number,
  ad: DataArray,
  ia: number,
  da: number,
  bd: DataArray,
  ib: number,
  db: number,
  n: number,
) => void;
const innerLoops: Record<string, InnerLoop> = {
  add: (out, o, ad, ia, da, bd, ib, db, n) => {
    for (let j = 0; j < n; j++) out[o + j] = ad[ia + j * da] + bd[ib + j * db];
  },
  sub: (out, o, ad, ia, da, bd, ib, db, n) => {
    for (let j = 0; j < n; j++) out[o + j] = ad[ia + j * da] - bd[ib + j * db];
  },
  mul: (out, o, ad, ia, da, bd, ib, db, n) => {
    for (let j = 0; j < n; j++) out[o + j] = ad[ia + j * da] * bd[ib + j * db];
  },
  div: (out, o, ad, ia, da, bd, ib, db, n) => {
    for (let j = 0; j < n; j++) out[o + j] = ad[ia + j * da] / bd[ib + j * db];
  },
};

/** out = f(a, b) elementwise under NumPy broadcasting. */
export function zipData(fn: string, a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const dtype = resultDType(a.dtype, b.dtype);
  const ad = a.data;
  const bd = b.data;
  const loop: InnerLoop | undefined = innerLoops[fn];
  if (sameShape(a.shape, b.shape)) {
    const out = allocData(a.size, dtype);
    if (loop) loop(out, 0, ad, 0, 1, bd, 0, 1, out.length);
    else for (let i = 0; i < out.length; i++) out[i] = f(ad[i], bd[i]);
    return new Tensor(out, a.shape);
  }
  const shape = broadcastShapes(fn, a.shape, b.shape);
  const n = sizeOf(shape);
  const out = allocData(n, dtype);
  if (b.size === 1) {
    const y = bd[0];
    if (loop) loop(out, 0, ad, 0, 1, bd, 0, 0, n);
    else for (let i = 0; i < n; i++) out[i] = f(ad[i], y);
    return new Tensor(out, shape);
  }
  if (a.size === 1) {
    const x = ad[0];
    if (loop) loop(out, 0, ad, 0, 0, bd, 0, 1, n);
    else for (let i = 0; i < n; i++) out[i] = f(x, bd[i]);
    return new Tensor(out, shape);
  }
  const [dims, [sa, sb]] = collapseAxes(shape, [broadcastStrides(a.shape, shape), broadcastStrides(b.shape, shape)]);
  // the innermost (merged) axis runs as a plain loop; the outer axes advance like an odometer
  const last = dims.length - 1;
  const inner = dims[last];
  const da = sa[last];
  const db = sb[last];
  const idx = new Array<number>(last).fill(0);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < n; o += inner) {
    if (loop) {
      loop(out, o, ad, ia, da, bd, ib, db, inner);
    } else if (da === 1 && db === 0) {
      const y = bd[ib];
      for (let j = 0; j < inner; j++) out[o + j] = f(ad[ia + j], y);
    } else if (da === 0 && db === 1) {
      const x = ad[ia];
      for (let j = 0; j < inner; j++) out[o + j] = f(x, bd[ib + j]);
    } else {
      for (let j = 0; j < inner; j++) out[o + j] = f(ad[ia + j * da], bd[ib + j * db]);
    }
    for (let axis = last - 1; axis >= 0; axis--) {
      idx[axis]++;
      ia += sa[axis];
      ib += sb[axis];
      if (idx[axis] < dims[axis]) break;
      ia -= sa[axis] * dims[axis];
      ib -= sb[axis] * dims[axis];
      idx[axis] = 0;
    }
  }
  return new Tensor(out, shape);
}

/**
 * Merges neighbouring axes that every operand walks contiguously (stride[i] = stride[i+1]·shape[i+1]
 * for all, or 0 on both for all), so loops run over few long axes instead of many short ones:
 * adding a bias [C] to [N, C, H, W] broadcast as [1, C, 1, 1] becomes shape [N·C, H·W].
 * Size-1 axes are dropped. Returns the merged shape (at least one axis) and each operand's strides.
 */
export function collapseAxes(shape: Shape, strides: number[][]): [number[], number[][]] {
  const dims: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let axis = 0; axis < shape.length; axis++) {
    const size = shape[axis];
    if (size === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && strides.every((st, k) => outStrides[k][last] === st[axis] * size)) {
      dims[last] *= size;
      strides.forEach((st, k) => (outStrides[k][last] = st[axis]));
    } else {
      dims.push(size);
      strides.forEach((st, k) => outStrides[k].push(st[axis]));
    }
  }
  if (dims.length === 0) {
    dims.push(1);
    outStrides.forEach((st) => st.push(0));
  }
  return [dims, outStrides];
}

/**
 * Sums `grad` over the axes that broadcasting expanded, so it matches `shape` again
 * (a bias of shape [C] added to [N, C] receives the sum over N).
 */
export function sumToShape(grad: Tensor, shape: Shape): Tensor {
  if (sameShape(grad.shape, shape)) return grad;
  const out = allocData(sizeOf(shape), grad.dtype);
  const gd = grad.data;
  const [dims, [, so]] = collapseAxes(grad.shape, [stridesOf(grad.shape), broadcastStrides(shape, grad.shape)]);
  const last = dims.length - 1;
  const inner = dims[last];
  const dOut = so[last];
  const idx = new Array<number>(last).fill(0);
  let io = 0;
  for (let i = 0; i < gd.length; i += inner) {
    if (dOut === 0) {
      let s = 0;
      for (let j = i, end = i + inner; j < end; j++) s += gd[j];
      out[io] += s;
    } else {
      for (let j = 0; j < inner; j++) out[io + j * dOut] += gd[i + j];
    }
    for (let axis = last - 1; axis >= 0; axis--) {
      idx[axis]++;
      io += so[axis];
      if (idx[axis] < dims[axis]) break;
      io -= so[axis] * dims[axis];
      idx[axis] = 0;
    }
  }
  return new Tensor(out, shape);
}

/** A new tensor with the same shape as `like` holding `data`. */
export function withData(like: Tensor, data: DataArray): Tensor {
  return new Tensor(data, like.shape);
}
