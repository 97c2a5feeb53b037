/**
 * The global switch of the autograd engine: whether ops record the graph (`noGrad`,
 * `enableGrad`). The floating-point type new tensors get lives with the tensor, in tensor/dtype.ts.
 */
import { fnArg } from "../args";

let gradEnabled = true;

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
