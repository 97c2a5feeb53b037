/**
 * The probe's moments pass in WebAssembly: float32 values promoted to float64 in f64x2 lanes
 * (≈ 0.3 ns a value here vs ≈ 1.3 for the plain loop), so recording statistics of every
 * parameter and layer every step stays cheap next to the training step itself.
 */
import type { DataArray } from "../../tensor/tensor";
import type { Moments } from "../kernels";
import { momentsReference } from "../reference/moments";
import { layout } from "./module";

/** Values below which the plain loop is as fast. */
export const wasmMomentsThreshold = { value: 1024 };

export function momentsWasm(x: DataArray, y: DataArray | null, K: number): Moments {
  if (!(x instanceof Float32Array) || (y && !(y instanceof Float32Array)) || x.length < wasmMomentsThreshold.value)
    return momentsReference(x, y, K);
  const { ptrs, f32, k } = layout([x.length, y ? y.length : 0, 8]);
  const [xPtr, yPtr, outPtr] = ptrs;
  f32.set(x, xPtr >> 2);
  if (y) f32.set(y, yPtr >> 2);
  k.moments(xPtr, y ? yPtr : 0, x.length, K, outPtr);
  const [sumD, sumD2, min, max] = new Float64Array(f32.buffer, outPtr, 4);
  return y ? { sumD, sumD2, min: NaN, max: NaN } : { sumD, sumD2, min, max };
}
