/**
 * Registers gradlab's hand-written WebAssembly kernels as the "webasm" backend's: matmul (SIMD
 * GEMM), conv2d and both gradients (im2col on that GEMM), max/avg pooling and their gradients,
 * relu and its gradient, and the probe's moments pass. They take precedence over gpu.js's
 * generated webasm kernels by KERNEL_PRECEDENCE in ../registry.ts, not by import order (matmul ≈ 8×
 * and 2×2 max pooling's backward ≈ 15× faster, bench/RESULTS.md); gpu.js's stay webasm's fallback
 * where this module cannot load, and remain the engine of the cpu and headlessgl backends.
 */
import type { DataArray } from "../../tensor/tensor";
import {
  reluBackwardReference as reluBackwardReferenceOf,
  reluReference as reluReferenceOf,
} from "../reference/activation";
import { conv2dGpu, conv2dGradInputGpu, conv2dGradWeightGpu } from "../gpujs/conv2d";
import { matmulGpu } from "../gpujs/matmul";
import { avgPool2dBackwardGpu, avgPool2dGpu, maxPool2dBackwardGpu, maxPool2dGpu } from "../gpujs/pool";
import type { Conv2dGeometry, MatmulArgs, Pool2dGeometry } from "../kernels";
import { registrar } from "../registry";
import { conv2dGradInputWasm, conv2dGradWeightWasm, conv2dWasm } from "./conv2d";
import { matmulWasm } from "./matmul";
import { reluBackwardWasm, reluWasm } from "./activation";
import { momentsWasm } from "./moments";
import { momentsReference } from "../reference/moments";
import { avgPool2dBackwardWasm, avgPool2dWasm, maxPool2dBackwardWasm, maxPool2dWasm } from "./pool";
import { WasmMemoryError, wasmUnavailableReason } from "./module";

const registerKernel = registrar("wasm");

/** True when gradlab's own WebAssembly kernels run here (else webasm falls back to gpu.js's). */
export const handWrittenWasm = (): boolean => wasmUnavailableReason() === null;

/**
 * Runs an op on the hand-written kernel, or on its fallback where the module cannot load or the
 * operands would not fit its memory (then the fallback's own limits apply).
 */
function viaWasm<T>(wasm: () => T, fallback: () => T): T {
  if (!handWrittenWasm()) return fallback();
  try {
    return wasm();
  } catch (e) {
    if (e instanceof WasmMemoryError) return fallback();
    throw e;
  }
}

registerKernel("matmul", "webasm", (args: MatmulArgs) =>
  viaWasm(
    () => matmulWasm(args),
    () => matmulGpu("webasm", args),
  ),
);
registerKernel("conv2d", "webasm", (x: DataArray, w: DataArray, b: DataArray | null, g: Conv2dGeometry) =>
  viaWasm(
    () => conv2dWasm(x, w, b, g),
    () => conv2dGpu("webasm", x, w, b, g),
  ),
);
registerKernel("conv2dGradInput", "webasm", (dy: DataArray, w: DataArray, g: Conv2dGeometry) =>
  viaWasm(
    () => conv2dGradInputWasm(dy, w, g),
    () => conv2dGradInputGpu("webasm", dy, w, g),
  ),
);
registerKernel("conv2dGradWeight", "webasm", (x: DataArray, dy: DataArray, g: Conv2dGeometry) =>
  viaWasm(
    () => conv2dGradWeightWasm(x, dy, g),
    () => conv2dGradWeightGpu("webasm", x, dy, g),
  ),
);
registerKernel("maxPool2d", "webasm", (x: DataArray, g: Pool2dGeometry) =>
  viaWasm(
    () => maxPool2dWasm(x, g),
    () => maxPool2dGpu("webasm", x, g),
  ),
);
registerKernel("maxPool2dBackward", "webasm", (dy: DataArray, argmax: Int32Array, g: Pool2dGeometry) =>
  viaWasm(
    () => maxPool2dBackwardWasm(dy, argmax, g),
    () => maxPool2dBackwardGpu("webasm", dy, argmax, g),
  ),
);
registerKernel("avgPool2d", "webasm", (x: DataArray, g: Pool2dGeometry) =>
  viaWasm(
    () => avgPool2dWasm(x, g),
    () => avgPool2dGpu("webasm", x, g),
  ),
);
registerKernel("avgPool2dBackward", "webasm", (dy: DataArray, g: Pool2dGeometry) =>
  viaWasm(
    () => avgPool2dBackwardWasm(dy, g),
    () => avgPool2dBackwardGpu("webasm", dy, g),
  ),
);
// relu and moments have no gpu.js kernel: their fallback is the reference loop
registerKernel("relu", "webasm", (x: DataArray) =>
  viaWasm(
    () => reluWasm(x),
    () => reluReferenceOf(x),
  ),
);
registerKernel("reluBackward", "webasm", (x: DataArray, g: DataArray) =>
  viaWasm(
    () => reluBackwardWasm(x, g),
    () => reluBackwardReferenceOf(x, g),
  ),
);
registerKernel("moments", "webasm", (x: DataArray, y: DataArray | null, K: number) =>
  viaWasm(
    () => momentsWasm(x, y, K),
    () => momentsReference(x, y, K),
  ),
);

export { reluWasm, reluBackwardWasm, momentsWasm };
export { maxPool2dWasm, maxPool2dBackwardWasm, avgPool2dWasm, avgPool2dBackwardWasm };
export { matmulWasm, conv2dWasm, conv2dGradInputWasm, conv2dGradWeightWasm, wasmUnavailableReason };
