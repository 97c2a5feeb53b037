/**
 * Global switches of the autograd engine: whether ops record the graph (`noGrad`), and the
 * floating-point type new tensors get (float32 normally; float64 inside `gradcheck`).
 */
import { fnArg } from "../args";
import type { DType, DataArray } from "../tensor/tensor";

let gradEnabled = true;
let defaultDType: DType = "float32";

/** Whether ops currently record the graph for backward. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/**
 * Runs `fn` without recording the graph: nothing inside gets a gradient (evaluation,
 * optimizer updates, statistics).
 * @example
 * const w = gl.randn([3], { requiresGrad: true });
 * gl.noGrad(() => w.mul(2)).requiresGrad // false
 */
export function noGrad<T>(fn: () => T): T {
  fnArg("noGrad", "fn", fn, "() => model.forward(x)");
  const prev = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/**
 * Runs `fn` with gradient recording switched on (inside a `noGrad`, for example).
 * @example
 * const w = gl.ones([2], { requiresGrad: true });
 * gl.noGrad(() => gl.enableGrad(() => w.mul(2))).requiresGrad // true
 */
export function enableGrad<T>(fn: () => T): T {
  fnArg("enableGrad", "fn", fn, "() => model.forward(x)");
  const prev = gradEnabled;
  gradEnabled = true;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

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
