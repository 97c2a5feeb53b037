/**
 * conv2d and its two gradients on the WebAssembly SIMD GEMM, through im2col: per image and group,
 * the input windows are laid out as the columns of a matrix, col[(c·kh + p)·kw + q, i·outW + j]
 * (= x[c, i·sh − top + p·dh, j·sw − left + q·dw], 0 in the padding), and then
 *   forward      y[b, g]  = W[g] · col                 (cOut/G × cIn/G·kh·kw  times  … × outH·outW)
 *   ∂L/∂x        col      = W[g]ᵀ · ∂L/∂y[b, g], then col2im adds each entry back onto its x
 *   ∂L/∂W        ∂L/∂W[g] += ∂L/∂y[b, g] · colᵀ        (summed over the batch)
 * A 1×1 convolution with stride 1 and no padding needs no im2col: col is the input itself.
 */
import type { DataArray } from "../../tensor/tensor";
import type { Conv2dGeometry } from "../kernels";
import { conv2dGradInputReference, conv2dGradWeightReference, conv2dReference } from "../reference/conv2d";
import { KernelExports, layout } from "./module";

/**
 * Multiply-adds below which the reference loops are as fast. `node scripts/bench-threshold.js
 * webasm` (2026-11-28): the kernel already wins at the smallest size tried, 1×4×2×2 → 8, 3×3 =
 * 1152 (0.003 vs 0.005 ms), so the threshold is that size.
 */
export const wasmConvThreshold = { value: 1152 };

const work = (g: Conv2dGeometry): number => (g.n * g.cOut * g.outH * g.outW * (g.cIn / g.groups) * g.kh * g.kw) | 0;

/** True when im2col is the identity (1×1 kernel, stride 1, no padding). */
const pointwise = (g: Conv2dGeometry): boolean =>
  g.kh === 1 && g.kw === 1 && g.stride[0] === 1 && g.stride[1] === 1 && g.padding.every((p) => p === 0);

/** im2col / col2im of image `xPtr`, channels of group `grp`, to/from `colPtr`. */
function windows(
  fn: "im2col" | "col2im",
  wasm: KernelExports,
  g: Conv2dGeometry,
  grp: number,
  xPtr: number,
  colPtr: number,
): void {
  const cInPG = g.cIn / g.groups;
  const args = [grp * cInPG, cInPG, g.h, g.w, g.kh, g.kw, ...g.stride, g.padding[0], g.padding[2], ...g.dilation];
  wasm.im2col(xPtr, ...args, g.outH, g.outW, colPtr, fn === "col2im" ? 1 : 0);
}

/**
 * The column matrix of image `xPtr`, group `grp` (kSize × outH·outW): written by im2col into
 * `colPtr`, or, for a pointwise convolution, the group's channels of the image itself.
 */
function columns(
  wasm: KernelExports,
  g: Conv2dGeometry,
  grp: number,
  xPtr: number,
  colPtr: number,
  direct: boolean,
): number {
  if (direct) return xPtr + grp * (g.cIn / g.groups) * g.outH * g.outW * 4;
  windows("im2col", wasm, g, grp, xPtr, colPtr);
  return colPtr;
}

const isF32 = (...arrays: (DataArray | null)[]): boolean =>
  arrays.every((a) => a === null || a instanceof Float32Array);

export function conv2dWasm(x: DataArray, weight: DataArray, bias: DataArray | null, g: Conv2dGeometry): DataArray {
  if (!isF32(x, weight, bias) || work(g) < wasmConvThreshold.value) return conv2dReference(x, weight, bias, g);
  const { n, cIn, h, w, cOut, groups } = g;
  const cOutPG = cOut / groups;
  const kSize = (cIn / groups) * g.kh * g.kw;
  const hw = g.outH * g.outW;
  const direct = pointwise(g);
  const {
    ptrs,
    work: wk,
    f32,
    k: wasm,
  } = layout([x.length, weight.length, cOut, n * cOut * hw, direct ? 0 : kSize * hw]);
  const [xPtr, wPtr, bPtr, yPtr, colPtr] = ptrs;
  f32.set(x, xPtr >> 2);
  f32.set(weight, wPtr >> 2);
  for (let b = 0; b < n; b++) {
    const xb = xPtr + b * cIn * h * w * 4;
    for (let grp = 0; grp < groups; grp++) {
      const col = columns(wasm, g, grp, xb, colPtr, direct);
      const yb = yPtr + (b * cOut + grp * cOutPG) * hw * 4;
      wasm.gemm(cOutPG, hw, kSize, wPtr + grp * cOutPG * kSize * 4, kSize, 1, col, hw, 1, yb, hw, 0, wk);
    }
    if (bias) {
      f32.set(bias, bPtr >> 2);
      wasm.addRowBias(yPtr + b * cOut * hw * 4, cOut, hw, bPtr);
    }
  }
  return f32.slice(yPtr >> 2, (yPtr >> 2) + n * cOut * hw);
}

export function conv2dGradInputWasm(dy: DataArray, weight: DataArray, g: Conv2dGeometry): DataArray {
  if (!isF32(dy, weight) || work(g) < wasmConvThreshold.value) return conv2dGradInputReference(dy, weight, g);
  const { n, cIn, h, w, cOut, groups } = g;
  const cOutPG = cOut / groups;
  const kSize = (cIn / groups) * g.kh * g.kw;
  const hw = g.outH * g.outW;
  const direct = pointwise(g);
  const { ptrs, work: wk, f32, k: wasm } = layout([dy.length, weight.length, n * cIn * h * w, direct ? 0 : kSize * hw]);
  const [dyPtr, wPtr, dxPtr, colPtr] = ptrs;
  f32.set(dy, dyPtr >> 2);
  f32.set(weight, wPtr >> 2);
  if (!direct) f32.fill(0, dxPtr >> 2, (dxPtr >> 2) + n * cIn * h * w);
  for (let b = 0; b < n; b++) {
    const dxb = dxPtr + b * cIn * h * w * 4;
    for (let grp = 0; grp < groups; grp++) {
      const dyb = dyPtr + (b * cOut + grp * cOutPG) * hw * 4;
      // col (kSize × hw) = W[g]ᵀ · dy[b, g]; W[g] is stored cOutPG × kSize, so op(A)(i, p) = W[p, i]
      const col = direct ? dxb + grp * kSize * hw * 4 : colPtr;
      wasm.gemm(kSize, hw, cOutPG, wPtr + grp * cOutPG * kSize * 4, 1, kSize, dyb, hw, 1, col, hw, 0, wk);
      if (!direct) windows("col2im", wasm, g, grp, dxb, colPtr);
    }
  }
  return f32.slice(dxPtr >> 2, (dxPtr >> 2) + n * cIn * h * w);
}

export function conv2dGradWeightWasm(x: DataArray, dy: DataArray, g: Conv2dGeometry): DataArray {
  if (!isF32(x, dy) || work(g) < wasmConvThreshold.value) return conv2dGradWeightReference(x, dy, g);
  const { n, cIn, h, w, cOut, groups } = g;
  const cOutPG = cOut / groups;
  const kSize = (cIn / groups) * g.kh * g.kw;
  const hw = g.outH * g.outW;
  const direct = pointwise(g);
  const { ptrs, work: wk, f32, k: wasm } = layout([x.length, dy.length, cOut * kSize, direct ? 0 : kSize * hw]);
  const [xPtr, dyPtr, dwPtr, colPtr] = ptrs;
  f32.set(x, xPtr >> 2);
  f32.set(dy, dyPtr >> 2);
  for (let b = 0; b < n; b++) {
    const xb = xPtr + b * cIn * h * w * 4;
    for (let grp = 0; grp < groups; grp++) {
      const col = columns(wasm, g, grp, xb, colPtr, direct);
      const dyb = dyPtr + (b * cOut + grp * cOutPG) * hw * 4;
      // dW[g] (cOutPG × kSize) += dy[b, g] · colᵀ; col is stored kSize × hw, so op(B)(p, j) = col[j, p]
      const dwg = dwPtr + grp * cOutPG * kSize * 4;
      wasm.gemm(cOutPG, kSize, hw, dyb, hw, 1, col, 1, hw, dwg, kSize, b > 0 ? 1 : 0, wk);
    }
  }
  return f32.slice(dwPtr >> 2, (dwPtr >> 2) + cOut * kSize);
}
