/**
 * The floating-point type new tensors get (float32 normally; float64 inside `gradcheck`), and
 * allocation of data arrays in it: tensor state, so it lives under tensor/ where everything
 * above (backends, autograd, ops, layers) can read it.
 */
import type { DType, DataArray } from "./tensor";

let defaultDType: DType = "float32";

/** The dtype creation functions use now. */
export function getDefaultDType(): DType {
  return defaultDType;
}

/** Runs `fn` with new tensors created in `dtype` (gradcheck uses float64). */
export function withDType<T>(dtype: DType, fn: () => T): T {
  const prev = defaultDType;
  defaultDType = dtype;
  try {
    return fn();
  } finally {
    defaultDType = prev;
  }
}

/** Allocates a zeroed array of `n` values in `dtype`. */
export function allocData(n: number, dtype: DType = defaultDType): DataArray {
  return dtype === "float64" ? new Float64Array(n) : new Float32Array(n);
}

/** The dtype of an op's result: float64 if any input is float64. */
export function resultDType(...dtypes: DType[]): DType {
  return dtypes.includes("float64") ? "float64" : "float32";
}
