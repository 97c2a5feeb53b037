/**
 * Signatures of the kernels heavy ops look up in the registry. Every backend implements these
 * on flat row-major arrays; `reference/` holds the readable definitions.
 */
import type { DataArray } from "../tensor/tensor";

/**
 * C[b] = op(A[b]) · op(B[b]) for b < batch, where op transposes when asked.
 * A[b] is m×k (stored k×m if transA), B[b] is k×n (stored n×k if transB); an operand that is
 * not batched is shared by every b. Returns batch·m·n values, float64 if either operand is.
 */
export interface MatmulArgs {
  a: DataArray;
  b: DataArray;
  batch: number;
  m: number;
  k: number;
  n: number;
  transA: boolean;
  transB: boolean;
  aBatched: boolean;
  bBatched: boolean;
}
export type MatmulKernel = (args: MatmulArgs) => DataArray;
