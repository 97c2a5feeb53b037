/**
 * Registers the hand-written WebAssembly SIMD kernels (GEMM and conv2d through im2col) as the
 * "webasm" backend's matmul and conv2d kernels, in place of gpu.js's generated ones (which stay
 * the kernels of the "cpu" and "headlessgl" backends, and webasm's where this module cannot load).
 * Everything else on webasm (pooling) stays on gpu.js.
 */
import type { DataArray } from "../../tensor/tensor";
import { conv2dGpu, conv2dGradInputGpu, conv2dGradWeightGpu } from "../gpujs/conv2d";
import { matmulGpu } from "../gpujs/matmul";
import type { Conv2dGeometry, MatmulArgs } from "../kernels";
import { registerKernel } from "../registry";
import { conv2dGradInputWasm, conv2dGradWeightWasm, conv2dWasm } from "./conv2d";
import { matmulWasm } from "./matmul";
import { wasmUnavailableReason } from "./module";

/** True when gradlab's own WebAssembly kernels run here (else webasm falls back to gpu.js's). */
export const handWrittenWasm = (): boolean => wasmUnavailableReason() === null;

registerKernel("matmul", "webasm", (args: MatmulArgs) =>
  handWrittenWasm() ? matmulWasm(args) : matmulGpu("webasm", args),
);
registerKernel("conv2d", "webasm", (x: DataArray, w: DataArray, b: DataArray | null, g: Conv2dGeometry) =>
  handWrittenWasm() ? conv2dWasm(x, w, b, g) : conv2dGpu("webasm", x, w, b, g),
);
registerKernel("conv2dGradInput", "webasm", (dy: DataArray, w: DataArray, g: Conv2dGeometry) =>
  handWrittenWasm() ? conv2dGradInputWasm(dy, w, g) : conv2dGradInputGpu("webasm", dy, w, g),
);
registerKernel("conv2dGradWeight", "webasm", (x: DataArray, dy: DataArray, g: Conv2dGeometry) =>
  handWrittenWasm() ? conv2dGradWeightWasm(x, dy, g) : conv2dGradWeightGpu("webasm", x, dy, g),
);

export { matmulWasm, conv2dWasm, conv2dGradInputWasm, conv2dGradWeightWasm, wasmUnavailableReason };
