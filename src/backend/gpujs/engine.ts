/**
 * The gpu.js engine behind the "headlessgl", "webasm" and "cpu" backends: loads gpu.js only when a
 * gpu.js backend is first asked for, says honestly why a backend cannot run here, keeps one GPU
 * instance per mode, and caches compiled kernels by op + shape (a first compile costs 10–200 ms;
 * a cached call costs microseconds).
 *
 * gpu.js kernels are written once, as plain JavaScript functions of `this.thread.{x,y,z}`, and
 * gpu.js compiles them to GLSL (headlessgl), WebAssembly with f32x4 SIMD (webasm) or JavaScript
 * (cpu). They compute in float32; float64 tensors always run on the reference loops.
 */
import * as fs from "fs";
import type { GPU as GPUClass, IKernelRunShortcut } from "gpu.js";
import type { BackendName } from "../registry";
import { registerBackend } from "../registry";

export type GpuMode = Exclude<BackendName, "reference">;
export const GPU_MODES: readonly GpuMode[] = ["headlessgl", "webasm", "cpu"];

/** `this` inside a gpu.js kernel function. */
export interface KernelThis {
  thread: { x: number; y: number; z: number };
  constants: Record<string, number>;
}

type GpuModule = typeof import("gpu.js");
let gpuModule: GpuModule | null = null;
let loadError: string | null = null;

/** gpu.js itself, loaded on first use (it takes ~0.5 s), or null with the reason in loadError. */
function loadGpuJs(): GpuModule | null {
  if (gpuModule || loadError) return gpuModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    gpuModule = require("gpu.js") as GpuModule;
  } catch (e) {
    loadError = `gpu.js could not be loaded (${(e as Error).message.split("\n")[0]})`;
  }
  return gpuModule;
}

/** Why headless-gl cannot run here, or null. */
function headlessGlProblem(): string | null {
  try {
    require.resolve("gl");
  } catch {
    return "the optional `gl` package (headless-gl) is not installed";
  }
  const mod = loadGpuJs();
  if (!mod) return loadError;
  if (!mod.GPU.isHeadlessGLSupported) {
    return process.env.DISPLAY
      ? `headless-gl found no usable GL context on display ${process.env.DISPLAY}`
      : 'no GL context: headless-gl needs an X server (run under xvfb-run -a -s "-ac -screen 0 1280x1024x24")';
  }
  return null;
}

/** Why `mode` cannot run here, or null if it can. */
export function unavailableReason(mode: GpuMode): string | null {
  if (mode === "headlessgl") return headlessGlProblem();
  const mod = loadGpuJs();
  if (!mod) return loadError;
  if (mode === "webasm" && !mod.GPU.isWebAssemblySupported)
    return "this JavaScript engine has no WebAssembly (with SIMD)";
  return null;
}

const instances = new Map<GpuMode, GPUClass>();

/** The one GPU instance of `mode`. */
export function gpuFor(mode: GpuMode): GPUClass {
  let gpu = instances.get(mode);
  if (!gpu) {
    const mod = loadGpuJs();
    if (!mod) throw new Error(loadError ?? "gpu.js is not available");
    gpu = new mod.GPU({ mode });
    instances.set(mode, gpu);
  }
  return gpu;
}

const cache = new Map<string, IKernelRunShortcut>();

/**
 * The compiled kernel for `key` (op name + everything its code depends on: shapes, strides,
 * flags) on `mode`, built by `build` on first use.
 */
export function cachedKernel(
  mode: GpuMode,
  key: string,
  build: (gpu: GPUClass) => IKernelRunShortcut,
): IKernelRunShortcut {
  const fullKey = `${mode}|${key}`;
  let kernel = cache.get(fullKey);
  if (!kernel) {
    kernel = build(gpuFor(mode));
    const inner = (kernel as unknown as { kernel?: { _shapeOutput?: unknown } }).kernel;
    // The webasm kernel computes into one flat Float32Array and then cuts it into nested arrays
    // (one subarray per cell); we want the flat array itself, so skip the cutting.
    if (mode === "webasm" && inner && typeof inner._shapeOutput === "function")
      inner._shapeOutput = (data: Float32Array) => data;
    cache.set(fullKey, kernel);
  }
  return kernel;
}

/** Number of compiled kernels held (for tests and the bench). */
export function cachedKernelCount(): number {
  return cache.size;
}

/**
 * A kernel's result as one flat Float32Array, x fastest, then y, then z, and for Array(n)
 * returns the n components of each cell together.
 */
export function flatResult(result: unknown, cells: number, components: number): Float32Array {
  if (result instanceof Float32Array && result.length === cells * components) return result;
  const out = new Float32Array(cells * components);
  let i = 0;
  const walk = (v: unknown): void => {
    if (typeof v === "number") out[i++] = v;
    else if (ArrayBuffer.isView(v) && components === 1) {
      out.set(v as Float32Array, i);
      i += (v as Float32Array).length;
    } else {
      const items = v as ArrayLike<unknown>;
      for (let k = 0; k < items.length; k++) walk(items[k]);
    }
  };
  walk(result);
  return out;
}

/** Float32 copy of an array (kernels take float32 data). */
export function asFloat32(data: ArrayLike<number>): Float32Array {
  return data instanceof Float32Array ? data : Float32Array.from(data);
}

/**
 * Why auto should not pick headless-gl here although it may run: on Linux, a machine with no GPU
 * device node (/dev/dri/renderD*, /dev/nvidia*) can only get Mesa's llvmpipe, GL emulated on the
 * CPU (measured here: 256³ matmul ≈ 355 ms vs ≈ 1 ms on webasm). Null where a GPU may exist.
 */
export function softwareGlReason(): string | null {
  if (process.platform !== "linux") return null;
  const has = (dir: string, prefix: string): boolean => {
    try {
      return fs.readdirSync(dir).some((f) => f.startsWith(prefix));
    } catch {
      return false;
    }
  };
  if (has("/dev/dri", "renderD") || has("/dev", "nvidia")) return null;
  return 'no GPU device (/dev/dri/renderD*, /dev/nvidia*), so GL could only run in software (Mesa llvmpipe), slower than webasm; gl.setBackend("headlessgl") still uses it';
}

for (const mode of GPU_MODES) {
  registerBackend({
    name: mode,
    unavailableReason: () => unavailableReason(mode),
    init: () => void gpuFor(mode),
    autoSkipReason: mode === "headlessgl" ? softwareGlReason : undefined,
  });
}

/**
 * Work below which an op stays on the reference loops because a kernel call would cost more than
 * it saves (matmul/conv: multiply-adds; pooling: input elements), per backend. Measured with
 * `node scripts/bench-threshold.js` (kernels compiled, best of many runs; full table in
 * bench/RESULTS.md) on this project's 2-core machine (AMD EPYC, 2026-11-24):
 *   webasm: a cached call costs ~3–5 µs; matmul wins from 16³ = 4096 (0.005 vs 0.006 ms), conv2d
 *           from 4608 (1×4×4×4 → 8, 3×3: 0.006 vs 0.021 ms), maxPool2d from ~9216 inputs (0.043 vs
 *           0.096 ms; at 4096 both take 0.021 ms).
 *   cpu:    matmul wins from 32³ = 32768 (0.046 vs 0.047 ms), conv2d from 4608–18432 (runs differ);
 *           pooling never won up to 64×64×4 inputs (0.51 vs 0.09 ms), so it stays on the reference.
 *   headlessgl (llvmpipe software GL under xvfb; a call costs ~65 µs): conv2d wins from 73728
 *           (0.385 vs 0.391 ms); matmul never won up to 96³ and pooling never up to 64×64×4. The
 *           matmul/pool values below are that ~65 µs fixed cost expressed as reference work
 *           (what a real GPU, where the kernel's own time is small, would need to amortize it).
 * Tests set them to 0 to exercise the kernels on small inputs.
 */
export const sizeThresholds: Record<GpuMode, { matmul: number; conv2d: number; pool: number }> = {
  webasm: { matmul: 4096, conv2d: 4608, pool: 8192 },
  cpu: { matmul: 32768, conv2d: 4608, pool: Infinity },
  headlessgl: { matmul: 48 * 48 * 48, conv2d: 73728, pool: 16384 },
};

/** The createKernel settings gradlab uses (gpu.js's typings omit some of them). */
export interface KernelSettings {
  output: number[];
  constants: Record<string, number>;
  loopMaxIterations: number;
}

/**
 * Compiles a kernel function. Loop counters and index arithmetic are kept integer
 * (`strictIntegers`), and GL backends compute at full float32 precision (`tactic: "precision"`).
 */
export function compile(
  gpu: GPUClass,
  fn: (this: KernelThis, ...args: never[]) => number | number[],
  settings: KernelSettings,
): IKernelRunShortcut {
  const full = { ...settings, strictIntegers: true, tactic: "precision" };
  return gpu.createKernel(fn as never, full as never) as unknown as IKernelRunShortcut;
}
