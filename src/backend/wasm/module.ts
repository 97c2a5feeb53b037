/**
 * Loads gradlab's hand-written WebAssembly SIMD kernels (source: `assembly/kernels.ts`, compiled
 * into `binary.ts` by `node scripts/build-wasm.js`) and lends them one growing linear memory.
 *
 * Operands live in JavaScript Float32Arrays, so each kernel call copies its inputs into the
 * module's memory, runs, and copies the result out: for the sizes where these kernels are used
 * the copies cost a few percent of the arithmetic (512³ matmul: 3 MB copied, 0.3 ms of ≈ 7 ms).
 */
import { KERNELS_WASM_BASE64 } from "./binary";

// The few WebAssembly JS API types used here (TypeScript's ES libs and @types/node 20 lack them).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

/** The module's exports (pointers are byte offsets into `memory`, strides are in elements). */
export interface KernelExports {
  memory: WasmMemory;
  workFloats(): number;
  gemm(
    m: number,
    n: number,
    k: number,
    a: number,
    ars: number,
    acs: number,
    b: number,
    brs: number,
    bcs: number,
    c: number,
    ldc: number,
    accumulate: number,
    work: number,
  ): void;
  addRowBias(c: number, m: number, n: number, bias: number): void;
  /** im2col, or with a last argument of 1 its adjoint col2im (see assembly/kernels.ts). */
  im2col(...args: number[]): void;
  maxPool2d(...args: number[]): void;
  maxPool2dBackward(...args: number[]): void;
  avgPool2d(...args: number[]): void;
  relu(x: number, n: number, y: number): void;
  moments(x: number, y: number, n: number, K: number, out: number): void;
  reluBackward(x: number, g: number, n: number, dx: number): void;
}

let loaded: KernelExports | null = null;
let loadError: string | null = null;

/** The kernels, compiled and instantiated on first use, or null (reason in wasmUnavailableReason). */
export function wasmKernels(): KernelExports | null {
  if (loaded || loadError) return loaded;
  try {
    const bytes = Buffer.from(KERNELS_WASM_BASE64, "base64");
    const module = new WebAssembly.Module(bytes);
    const instance = new WebAssembly.Instance(module, {
      env: {
        abort: () => {
          throw new Error("gradlab wasm kernel aborted");
        },
      },
    });
    loaded = instance.exports as unknown as KernelExports;
  } catch (e) {
    loadError = `gradlab's WebAssembly SIMD kernels could not load (${(e as Error).message.split("\n")[0]})`;
  }
  return loaded;
}

/** Why the hand-written kernels cannot run here, or null. */
export function wasmUnavailableReason(): string | null {
  wasmKernels();
  return loadError;
}

/**
 * The most linear memory the kernels may use (WebAssembly's 32-bit addresses allow 4 GiB; V8 may
 * refuse less). An op that needs more runs on its fallback kernel instead (see index.ts).
 */
export const wasmMemoryLimit = { bytes: 2 ** 31 };

/** Thrown by `layout` when an op's operands do not fit the module's memory. */
export class WasmMemoryError extends Error {
  constructor(readonly bytes: number) {
    super(`gradlab's WebAssembly kernels would need ${bytes} bytes of memory`);
  }
}

/** Start of the area callers may use: after the module's own data and the GEMM work area. */
const BASE = 1 << 16;

/**
 * Lays out one kernel call's buffers in linear memory: `floats[i]` floats each, after the GEMM
 * work area, each 16-byte aligned. Grows the memory if needed and returns the byte offsets, the
 * work area's offset, and a Float32Array view of the whole memory (valid until the next call).
 */
export function layout(floats: number[]): { ptrs: number[]; work: number; f32: Float32Array; k: KernelExports } {
  const k = wasmKernels();
  if (!k) throw new Error(loadError ?? "wasm kernels unavailable");
  const work = BASE;
  let next = work + k.workFloats() * 4;
  const ptrs = floats.map((n) => {
    const p = next;
    next += Math.ceil((n * 4) / 16) * 16;
    return p;
  });
  const have = k.memory.buffer.byteLength;
  if (next > wasmMemoryLimit.bytes) throw new WasmMemoryError(next);
  if (next > have) {
    try {
      k.memory.grow(Math.ceil((next - have) / 65536));
    } catch {
      throw new WasmMemoryError(next);
    }
  }
  return { ptrs, work, f32: new Float32Array(k.memory.buffer), k };
}
