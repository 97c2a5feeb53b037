/**
 * matmul on the hand-written WebAssembly SIMD GEMM (`assembly/kernels.ts`): blocked and packed
 * like BLAS (KC×NC panels of B, MC×KC blocks of A) around a 4×8 register-blocked micro-kernel.
 * Transposed operands are just swapped strides for the packing step, so no copies are made.
 * Measured single-threaded on 2-core AMD EPYC: ≈ 40 GFLOP/s at 256³–1024³ (bench/RESULTS.md).
 */
import type { DataArray } from "../../tensor/tensor";
import type { MatmulArgs } from "../kernels";
import { matmulReference } from "../reference/matmul";
import { layout } from "./module";

/**
 * Multiply-adds (m·k·n summed over the batch) below which the reference loops are as fast.
 * `node scripts/bench-threshold.js webasm` (2026-11-28, 2 cores): 4³ ties at 0.001 ms, from 8³
 * = 512 the kernel wins (0.001 vs 0.002 ms; 16³: 0.001 vs 0.010).
 */
export const wasmMatmulThreshold = { value: 512 };

export function matmulWasm(args: MatmulArgs): DataArray {
  const { a, b, batch, m, k, n, transA, transB, aBatched, bBatched } = args;
  if (!(a instanceof Float32Array && b instanceof Float32Array) || batch * m * k * n < wasmMatmulThreshold.value)
    return matmulReference(args);
  const { ptrs, work, f32, k: wasm } = layout([a.length, b.length, batch * m * n]);
  const [aPtr, bPtr, cPtr] = ptrs;
  f32.set(a, aPtr >> 2);
  f32.set(b, bPtr >> 2);
  // element (i, p) of op(A) at i·ars + p·acs; element (p, j) of op(B) at p·brs + j·bcs
  const [ars, acs] = transA ? [1, m] : [k, 1];
  const [brs, bcs] = transB ? [1, k] : [n, 1];
  for (let z = 0; z < batch; z++) {
    const aOff = aBatched ? z * m * k * 4 : 0;
    const bOff = bBatched ? z * k * n * 4 : 0;
    wasm.gemm(m, n, k, aPtr + aOff, ars, acs, bPtr + bOff, brs, bcs, cPtr + z * m * n * 4, n, 0, work);
  }
  return f32.slice(cPtr >> 2, (cPtr >> 2) + batch * m * n);
}
