/** Reference relu and its gradient: the table's f and g·f′ (gl.activations.relu) as loops. */
import { allocData } from "../../tensor/dtype";
import type { DataArray } from "../../tensor/tensor";
import { registrar } from "../registry";

const registerKernel = registrar("reference");

const dtypeOf = (...arrays: DataArray[]) => (arrays.some((a) => a instanceof Float64Array) ? "float64" : "float32");

export function reluReference(x: DataArray): DataArray {
  const out = allocData(x.length, dtypeOf(x));
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v > 0 ? v : 0;
  }
  return out;
}

export function reluBackwardReference(x: DataArray, g: DataArray): DataArray {
  const dx = allocData(x.length, dtypeOf(x, g));
  for (let i = 0; i < x.length; i++) dx[i] = g[i] * (x[i] > 0 ? 1 : 0);
  return dx;
}

registerKernel("relu", "reference", reluReference);
registerKernel("reluBackward", "reference", reluBackwardReference);
