/** Reference matmul: C = A·B written as the triple loop (i, p, j order so the inner loop is contiguous). */
import { allocData } from "../../tensor/dtype";
import type { DataArray } from "../../tensor/tensor";
import type { MatmulArgs } from "../kernels";
import { registrar } from "../registry";

const registerKernel = registrar("reference");

export function matmulReference({ a, b, batch, m, k, n, transA, transB, aBatched, bBatched }: MatmulArgs): DataArray {
  const out = allocData(batch * m * n, a instanceof Float64Array || b instanceof Float64Array ? "float64" : "float32");
  for (let bi = 0; bi < batch; bi++) {
    const aOff = aBatched ? bi * m * k : 0;
    const bOff = bBatched ? bi * k * n : 0;
    const cOff = bi * m * n;
    for (let i = 0; i < m; i++) {
      for (let p = 0; p < k; p++) {
        const aip = transA ? a[aOff + p * m + i] : a[aOff + i * k + p]; // A[i, p]
        if (aip === 0) continue;
        const row = cOff + i * n;
        if (transB) {
          for (let j = 0; j < n; j++) out[row + j] += aip * b[bOff + j * k + p]; // B[p, j] stored as [j, p]
        } else {
          const bRow = bOff + p * n;
          for (let j = 0; j < n; j++) out[row + j] += aip * b[bRow + j];
        }
      }
    }
  }
  return out;
}

registerKernel("matmul", "reference", matmulReference);
