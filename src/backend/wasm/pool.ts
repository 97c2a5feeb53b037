/**
 * Max and average pooling (and their gradients) as plain loops in WebAssembly: gpu.js's generated
 * pooling kernel cost ≈ 15 ms for the backward of a [64, 16, 28, 28] 2×2 pool, these ≈ 1 ms.
 * Same definitions as the reference loops (ties keep the first winner, a NaN wins and stays,
 * padding never wins; the average divides by the window as countIncludePad says).
 */
import type { DataArray } from "../../tensor/tensor";
import type { Pool2dGeometry } from "../kernels";
import {
  avgPool2dBackwardReference,
  avgPool2dReference,
  maxPool2dBackwardReference,
  maxPool2dReference,
} from "../reference/pool";
import { layout } from "./module";

/**
 * Input elements below which the reference loops are as fast. `node scripts/bench-threshold.js
 * webasm` (2026-11-28): 1×4×8×8 = 256 inputs: 0.002 ms vs 0.003; 1024: 0.001 vs 0.006.
 */
export const wasmPoolThreshold = { value: 256 };

const small = (g: Pool2dGeometry): boolean => g.n * g.c * g.h * g.w < wasmPoolThreshold.value;

export function maxPool2dWasm(x: DataArray, g: Pool2dGeometry): { y: DataArray; argmax: Int32Array } {
  if (!(x instanceof Float32Array) || small(g)) return maxPool2dReference(x, g);
  const outs = g.n * g.c * g.outH * g.outW;
  const { ptrs, f32, k } = layout([x.length, outs, outs]);
  const [xPtr, yPtr, aPtr] = ptrs;
  f32.set(x, xPtr >> 2);
  const [sh, sw] = g.stride;
  const [dh, dw] = g.dilation;
  k.maxPool2d(
    xPtr,
    g.n * g.c,
    g.h,
    g.w,
    g.kh,
    g.kw,
    sh,
    sw,
    g.padding[0],
    g.padding[2],
    dh,
    dw,
    g.outH,
    g.outW,
    yPtr,
    aPtr,
  );
  return {
    y: f32.slice(yPtr >> 2, (yPtr >> 2) + outs),
    argmax: new Int32Array(f32.buffer, aPtr, outs).slice(),
  };
}

export function maxPool2dBackwardWasm(dy: DataArray, argmax: Int32Array, g: Pool2dGeometry): DataArray {
  if (!(dy instanceof Float32Array) || small(g)) return maxPool2dBackwardReference(dy, argmax, g);
  const size = g.n * g.c * g.h * g.w;
  const { ptrs, f32, k } = layout([dy.length, argmax.length, size]);
  const [dyPtr, aPtr, dxPtr] = ptrs;
  f32.set(dy, dyPtr >> 2);
  new Int32Array(f32.buffer).set(argmax, aPtr >> 2);
  f32.fill(0, dxPtr >> 2, (dxPtr >> 2) + size);
  k.maxPool2dBackward(dyPtr, aPtr, g.n * g.c, g.h, g.w, g.outH, g.outW, dxPtr);
  return f32.slice(dxPtr >> 2, (dxPtr >> 2) + size);
}

function avg(src: DataArray, g: Pool2dGeometry, backward: boolean): DataArray {
  const size = g.n * g.c * g.h * g.w;
  const outs = g.n * g.c * g.outH * g.outW;
  const { ptrs, f32, k } = layout([src.length, backward ? size : outs]);
  const [srcPtr, dstPtr] = ptrs;
  f32.set(src, srcPtr >> 2);
  if (backward) f32.fill(0, dstPtr >> 2, (dstPtr >> 2) + size);
  const [pt, pb, pl, pr] = g.padding;
  k.avgPool2d(
    srcPtr,
    g.n * g.c,
    g.h,
    g.w,
    g.kh,
    g.kw,
    g.stride[0],
    g.stride[1],
    pt,
    pb,
    pl,
    pr,
    g.outH,
    g.outW,
    g.countIncludePad ? 1 : 0,
    backward ? 1 : 0,
    dstPtr,
  );
  return f32.slice(dstPtr >> 2, (dstPtr >> 2) + (backward ? size : outs));
}

export function avgPool2dWasm(x: DataArray, g: Pool2dGeometry): DataArray {
  if (!(x instanceof Float32Array) || small(g)) return avgPool2dReference(x, g);
  return avg(x, g, false);
}

export function avgPool2dBackwardWasm(dy: DataArray, g: Pool2dGeometry): DataArray {
  if (!(dy instanceof Float32Array) || small(g)) return avgPool2dBackwardReference(dy, g);
  return avg(dy, g, true);
}
