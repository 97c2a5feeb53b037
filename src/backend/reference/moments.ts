/** Reference moments: Σd, Σd² (d = v − K) in float64, min and max, in one plain loop. */
import type { Moments } from "../kernels";
import { registrar } from "../registry";

const registerKernel = registrar("reference");

export function momentsReference(x: ArrayLike<number>, y: ArrayLike<number> | null, K: number): Moments {
  let sumD = 0;
  let sumD2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = y ? x[i] - y[i] : x[i];
    const d = v - K;
    sumD += d;
    sumD2 += d * d;
    min = v < min ? v : min;
    max = v > max ? v : max;
  }
  return { sumD, sumD2, min, max };
}

registerKernel("moments", "reference", momentsReference);
