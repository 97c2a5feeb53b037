/**
 * gpu.js matmul: C[b] = A[b]·B[b]. One kernel thread computes 4 neighbouring columns of one row,
 *   C[i, j0 + c] = Σ_p A[i, p] · B[p, j0 + c]   (c < 4)
 * so each A value read is used 4 times. On webasm, 4 threads with neighbouring rows i run as one
 * f32x4 SIMD step: the B reads are shared by the 4 lanes (one load each), only A is gathered.
 * Transposed or shared (unbatched) operands are handled by strides, without copies.
 */
import { matmulReference } from "../reference/matmul";
import type { MatmulArgs } from "../kernels";
import { registerKernel } from "../registry";
import type { DataArray } from "../../tensor/tensor";
import { GPU_MODES, GpuMode, KernelThis, asFloat32, cachedKernel, compile, flatResult, sizeThresholds } from "./engine";

function matmulKernel(this: KernelThis, a: number[], b: number[]): number[] {
  const j0 = this.thread.y * 4; // first of this thread's 4 columns (clamped to the last: extras are dropped)
  const o0 = Math.min(j0, this.constants.nLast) * this.constants.bCol;
  const o1 = Math.min(j0 + 1, this.constants.nLast) * this.constants.bCol;
  const o2 = Math.min(j0 + 2, this.constants.nLast) * this.constants.bCol;
  const o3 = Math.min(j0 + 3, this.constants.nLast) * this.constants.bCol;
  let ai = this.thread.z * this.constants.aBatch + this.thread.x * this.constants.aRow; // A[b, i, 0]
  let bi = this.thread.z * this.constants.bBatch; // B[b, 0, 0]
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let p = 0; p < this.constants.k; p++) {
    const av = a[ai];
    s0 += av * b[bi + o0];
    s1 += av * b[bi + o1];
    s2 += av * b[bi + o2];
    s3 += av * b[bi + o3];
    ai += this.constants.aCol;
    bi += this.constants.bRow;
  }
  return [s0, s1, s2, s3];
}

export function matmulGpu(mode: GpuMode, args: MatmulArgs): DataArray {
  const { batch, m, k, n, transA, transB, aBatched, bBatched } = args;
  if (batch * m * k * n < sizeThresholds[mode].matmul) return matmulReference(args);
  const blocks = Math.ceil(n / 4);
  const constants = {
    k,
    nLast: n - 1,
    aRow: transA ? 1 : k, // stride between rows i of A
    aCol: transA ? m : 1, // stride between columns p of A
    bRow: transB ? 1 : n, // stride between rows p of B
    bCol: transB ? k : 1, // stride between columns j of B
    aBatch: aBatched ? m * k : 0,
    bBatch: bBatched ? k * n : 0,
  };
  const output = batch > 1 ? [m, blocks, batch] : [m, blocks];
  const key = `matmul|${output.join("x")}|${Object.values(constants).join(",")}|${args.a.length}|${args.b.length}`;
  const kernel = cachedKernel(mode, key, (gpu) =>
    compile(gpu, matmulKernel, { output, constants, loopMaxIterations: k + 1 }),
  );
  const flat = flatResult(kernel(asFloat32(args.a), asFloat32(args.b)), m * blocks * batch, 4);
  // flat[((b·blocks + y)·m + i)·4 + c] holds C[b, i, 4y + c]
  const out = new Float32Array(batch * m * n);
  for (let bz = 0; bz < batch; bz++) {
    for (let y = 0; y < blocks; y++) {
      const cols = Math.min(4, n - 4 * y);
      for (let i = 0; i < m; i++) {
        const src = ((bz * blocks + y) * m + i) * 4;
        const dst = (bz * m + i) * n + 4 * y;
        for (let c = 0; c < cols; c++) out[dst + c] = flat[src + c];
      }
    }
  }
  return out;
}

for (const mode of GPU_MODES) registerKernel("matmul", mode, (args: MatmulArgs) => matmulGpu(mode, args));
