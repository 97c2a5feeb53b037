/**
 * gpu.js matmul: C[b] = A[b]·B[b]. One kernel thread computes 4 neighbouring rows of one column,
 *   C[i0 + r, j] = Σ_p A[i0 + r, p] · B[p, j]   (r < 4)
 * so each B value read is used 4 times. On webasm, 4 threads with neighbouring columns j run as one
 * f32x4 SIMD step: the 4 A reads are shared by the 4 lanes (one load each), only B is gathered.
 * (Measured in CPU time at 512³: 4.3 GFLOP/s this way vs 3.6 with lanes over rows and 4 columns
 * per thread.) Transposed or shared (unbatched) operands are handled by strides, without copies.
 */
import { matmulReference } from "../reference/matmul";
import type { MatmulArgs } from "../kernels";
import { registrar } from "../registry";
import type { DataArray } from "../../tensor/tensor";
import { GPU_MODES, GpuMode, KernelThis, asFloat32, cachedKernel, compile, flatResult, sizeThresholds } from "./engine";

const registerKernel = registrar("gpujs");

function matmulKernel(this: KernelThis, a: number[], b: number[]): number[] {
  const i0 = this.thread.y * 4; // first of this thread's 4 rows (clamped to the last: extras are dropped)
  const aBase = this.thread.z * this.constants.aBatch;
  let a0 = aBase + Math.min(i0, this.constants.mLast) * this.constants.aRow; // A[b, i0, 0]
  let a1 = aBase + Math.min(i0 + 1, this.constants.mLast) * this.constants.aRow;
  let a2 = aBase + Math.min(i0 + 2, this.constants.mLast) * this.constants.aRow;
  let a3 = aBase + Math.min(i0 + 3, this.constants.mLast) * this.constants.aRow;
  let bi = this.thread.z * this.constants.bBatch + this.thread.x * this.constants.bCol; // B[b, 0, j]
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let p = 0; p < this.constants.k; p++) {
    const bv = b[bi];
    s0 += a[a0] * bv;
    s1 += a[a1] * bv;
    s2 += a[a2] * bv;
    s3 += a[a3] * bv;
    a0 += this.constants.aCol;
    a1 += this.constants.aCol;
    a2 += this.constants.aCol;
    a3 += this.constants.aCol;
    bi += this.constants.bRow;
  }
  return [s0, s1, s2, s3];
}

export function matmulGpu(mode: GpuMode, args: MatmulArgs): DataArray {
  const { batch, m, k, n, transA, transB, aBatched, bBatched } = args;
  if (batch * m * k * n < sizeThresholds[mode].matmul) return matmulReference(args);
  const blocks = Math.ceil(m / 4);
  const constants = {
    k,
    mLast: m - 1,
    aRow: transA ? 1 : k, // stride between rows i of A
    aCol: transA ? m : 1, // stride between columns p of A
    bRow: transB ? 1 : n, // stride between rows p of B
    bCol: transB ? k : 1, // stride between columns j of B
    aBatch: aBatched ? m * k : 0,
    bBatch: bBatched ? k * n : 0,
  };
  const output = batch > 1 ? [n, blocks, batch] : [n, blocks];
  const key = `matmul|${output.join("x")}|${Object.values(constants).join(",")}|${args.a.length}|${args.b.length}`;
  const kernel = cachedKernel(mode, key, (gpu) =>
    compile(gpu, matmulKernel, { output, constants, loopMaxIterations: k + 1 }),
  );
  const flat = flatResult(kernel(asFloat32(args.a), asFloat32(args.b)), n * blocks * batch, 4);
  // flat[((b·blocks + y)·n + j)·4 + r] holds C[b, 4y + r, j]
  const out = new Float32Array(batch * m * n);
  for (let bz = 0; bz < batch; bz++) {
    for (let y = 0; y < blocks; y++) {
      const rows = Math.min(4, m - 4 * y);
      const src = (bz * blocks + y) * n * 4;
      for (let r = 0; r < rows; r++) {
        const dst = (bz * m + 4 * y + r) * n;
        for (let j = 0; j < n; j++) out[dst + j] = flat[src + 4 * j + r];
      }
    }
  }
  return out;
}

for (const mode of GPU_MODES) registerKernel("matmul", mode, (args: MatmulArgs) => matmulGpu(mode, args));
