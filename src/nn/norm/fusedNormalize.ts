/**
 * The normalization step as one primitive with a hand-written backward, for speed: the composite
 * `normalize` (normalize.ts, ~8 broadcasting ops forward and more backward) stays the definition
 * and the test oracle. The input is viewed as [A, B, D]; group b holds the n = A·D values
 * x[a, b, d] (BatchNorm: A = N, B = C, D = H·W; LayerNorm: A = 1, B = samples, D = features;
 * InstanceNorm: B = N·C; GroupNorm: B = N·G):
 *   μ_b = mean,  σ²_b = mean of (x − μ_b)²,  x̂ = (x − μ_b)/√(σ²_b + ε)
 * Backward (μ and σ² depend on x), with g = ∂L/∂x̂ and means over each group:
 *   ∂L/∂x = (g − mean(g) − x̂·mean(g·x̂)) / √(σ²_b + ε)
 */
import { record } from "../../autograd/engine";
import { allocData } from "../../tensor/dtype";
import { Tensor } from "../../tensor/tensor";

/** x̂ and the per-group statistics it was computed with (internal: gl.nn.GroupStatistics is the public record of group means and variances). */
export interface NormalizedGroups {
  xHat: Tensor;
  /** μ per group, [B] */
  mean: Float64Array;
  /** biased σ² per group, [B] */
  variance: Float64Array;
}

/** x̂ of `x` viewed as [A, B, D], normalized per b over (a, d); statistics accumulated in float64. */
export function normalizeGroups(x: Tensor, A: number, B: number, D: number, eps: number): NormalizedGroups {
  const data = x.data;
  const n = A * D;
  const mean = new Float64Array(B);
  const variance = new Float64Array(B);
  for (let a = 0; a < A; a++)
    for (let b = 0; b < B; b++) {
      const base = (a * B + b) * D;
      let s = 0;
      for (let d = 0; d < D; d++) s += data[base + d];
      mean[b] += s;
    }
  for (let b = 0; b < B; b++) mean[b] /= n;
  for (let a = 0; a < A; a++)
    for (let b = 0; b < B; b++) {
      const base = (a * B + b) * D;
      const m = mean[b];
      let s = 0;
      for (let d = 0; d < D; d++) s += (data[base + d] - m) ** 2;
      variance[b] += s;
    }
  const invStd = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    variance[b] /= n;
    invStd[b] = 1 / Math.sqrt(variance[b] + eps);
  }
  const out = allocData(x.size, x.dtype);
  for (let a = 0; a < A; a++)
    for (let b = 0; b < B; b++) {
      const base = (a * B + b) * D;
      const m = mean[b];
      const k = invStd[b];
      for (let d = 0; d < D; d++) out[base + d] = (data[base + d] - m) * k;
    }
  const xHat = new Tensor(out, x.shape);
  record(xHat, "normalize", [x], (grad) => {
    const g = grad.data;
    const sumG = new Float64Array(B);
    const sumGX = new Float64Array(B);
    for (let a = 0; a < A; a++)
      for (let b = 0; b < B; b++) {
        const base = (a * B + b) * D;
        let s = 0;
        let sx = 0;
        for (let d = 0; d < D; d++) {
          s += g[base + d];
          sx += g[base + d] * out[base + d];
        }
        sumG[b] += s;
        sumGX[b] += sx;
      }
    const dx = allocData(x.size, grad.dtype);
    for (let a = 0; a < A; a++)
      for (let b = 0; b < B; b++) {
        const base = (a * B + b) * D;
        const mg = sumG[b] / n;
        const mgx = sumGX[b] / n;
        const k = invStd[b];
        for (let d = 0; d < D; d++) dx[base + d] = (g[base + d] - mg - out[base + d] * mgx) * k;
      }
    return [new Tensor(dx, x.shape)];
  });
  return { xHat, mean, variance };
}

/**
 * BatchNorm's learned scale and shift as one primitive, y = x̂·γ_b + β_b for x̂ viewed as
 * [A, B, D] (γ, β of shape [B], one per channel): one pass forward instead of a broadcast multiply
 * and a broadcast add. Backward, with g = ∂L/∂y:  ∂L/∂x̂ = g·γ_b,  ∂L/∂γ_b = Σ_{a,d} g·x̂,
 * ∂L/∂β_b = Σ_{a,d} g. The composite add(mul(x̂, γ), β) is the oracle it is tested against.
 */
export function scaleShiftGroups(xHat: Tensor, weight: Tensor, bias: Tensor, A: number, B: number, D: number): Tensor {
  const xd = xHat.data;
  const w = weight.data;
  const bd = bias.data;
  const out = allocData(xHat.size, xHat.dtype);
  for (let a = 0; a < A; a++)
    for (let b = 0; b < B; b++) {
      const base = (a * B + b) * D;
      const k = w[b];
      const c = bd[b];
      for (let d = 0; d < D; d++) out[base + d] = xd[base + d] * k + c;
    }
  return record(new Tensor(out, xHat.shape), "scaleShift", [xHat, weight, bias], (grad) => {
    const g = grad.data;
    const dx = xHat.requiresGrad ? allocData(xHat.size, grad.dtype) : null;
    const dw = allocData(B, weight.dtype);
    const db = allocData(B, bias.dtype);
    for (let a = 0; a < A; a++)
      for (let b = 0; b < B; b++) {
        const base = (a * B + b) * D;
        const k = w[b];
        let sw = 0;
        let sb = 0;
        for (let d = 0; d < D; d++) {
          const gv = g[base + d];
          sw += gv * xd[base + d];
          sb += gv;
          if (dx) dx[base + d] = gv * k;
        }
        dw[b] += sw;
        db[b] += sb;
      }
    return [
      dx ? new Tensor(dx, xHat.shape) : null,
      weight.requiresGrad ? new Tensor(dw, weight.shape) : null,
      bias.requiresGrad ? new Tensor(db, bias.shape) : null,
    ];
  });
}
