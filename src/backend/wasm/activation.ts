/**
 * relu and its gradient as f32x4 loops: f32x4.pmax(0, x) is exactly x > 0 ? x : 0 (NaN → 0
 * included), and g·(x > 0 ? 1 : 0) is g times a lane mask of 1s. A scalar loop's branch on the
 * sign of random data mispredicts about half the time (≈ 4 ns per element vs ≈ 0.3 here).
 */
import type { DataArray } from "../../tensor/tensor";
import { reluBackwardReference, reluReference } from "../reference/activation";
import { layout } from "./module";

/**
 * Elements below which the reference loop is as fast (the copies in and out cost more).
 * `node scripts/bench-threshold.js webasm` (2026-11-28): 512: both 0.001 ms; 1024: 0.001 vs 0.004.
 */
export const wasmReluThreshold = { value: 1024 };

export function reluWasm(x: DataArray): DataArray {
  if (!(x instanceof Float32Array) || x.length < wasmReluThreshold.value) return reluReference(x);
  const { ptrs, f32, k } = layout([x.length, x.length]);
  const [xPtr, yPtr] = ptrs;
  f32.set(x, xPtr >> 2);
  k.relu(xPtr, x.length, yPtr);
  return f32.slice(yPtr >> 2, (yPtr >> 2) + x.length);
}

export function reluBackwardWasm(x: DataArray, g: DataArray): DataArray {
  if (!(x instanceof Float32Array && g instanceof Float32Array) || x.length < wasmReluThreshold.value)
    return reluBackwardReference(x, g);
  const { ptrs, f32, k } = layout([x.length, g.length, x.length]);
  const [xPtr, gPtr, dxPtr] = ptrs;
  f32.set(x, xPtr >> 2);
  f32.set(g, gPtr >> 2);
  k.reluBackward(xPtr, gPtr, x.length, dxPtr);
  return f32.slice(dxPtr >> 2, (dxPtr >> 2) + x.length);
}
