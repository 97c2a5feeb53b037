/**
 * Reference 2-D convolution (NCHW) and its two gradients, as plain loops:
 *   y[b, o, i, j]  = Σ_{c, p, q} x[b, g·Cg + c, i·sh − top + p·dh, j·sw − left + q·dw] · w[o, c, p, q]
 *   ∂L/∂x[b, ci, r, s] = Σ over every (o, i, j, p, q) that read x[b, ci, r, s] of dy[b, o, i, j] · w[o, c, p, q]
 *   ∂L/∂w[o, c, p, q]  = Σ_{b, i, j} dy[b, o, i, j] · x[b, g·Cg + c, i·sh − top + p·dh, j·sw − left + q·dw]
 * (Cg = channels per group, g = o's group; reads outside the input are zero padding). The
 * gradients are written as the forward loop with the multiply-add sent the other way.
 */
import { allocData } from "../../tensor/dtype";
import type { DataArray } from "../../tensor/tensor";
import type { Conv2dGeometry } from "../kernels";
import { registrar } from "../registry";

const registerKernel = registrar("reference");

const dtypeOf = (...arrays: DataArray[]) => (arrays.some((a) => a instanceof Float64Array) ? "float64" : "float32");

/**
 * Calls visit(xIndex, wIndex, yIndex) for every multiply-add of the convolution, in the order
 * batch, output channel, output row, output column, input channel, kernel row, kernel column.
 * The forward and both gradients are this one loop nest with a different body.
 */
function forEachTap(geom: Conv2dGeometry, visit: (xi: number, wi: number, yi: number) => void): void {
  const { n, cIn, h, w, cOut, kh, kw, outH, outW, groups } = geom;
  const [sh, sw] = geom.stride;
  const [top, , left] = geom.padding;
  const [dh, dw] = geom.dilation;
  const cInPerGroup = cIn / groups;
  const cOutPerGroup = cOut / groups;
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < cOut; o++) {
      const g = Math.floor(o / cOutPerGroup);
      for (let i = 0; i < outH; i++) {
        for (let j = 0; j < outW; j++) {
          const yi = ((b * cOut + o) * outH + i) * outW + j;
          for (let c = 0; c < cInPerGroup; c++) {
            const ci = g * cInPerGroup + c;
            for (let p = 0; p < kh; p++) {
              const r = i * sh - top + p * dh; // input row
              if (r < 0 || r >= h) continue; // zero padding
              for (let q = 0; q < kw; q++) {
                const s = j * sw - left + q * dw; // input column
                if (s < 0 || s >= w) continue;
                visit(((b * cIn + ci) * h + r) * w + s, ((o * cInPerGroup + c) * kh + p) * kw + q, yi);
              }
            }
          }
        }
      }
    }
  }
}

/** y = conv2d(x, weight) + bias. */
export function conv2dReference(
  x: DataArray,
  weight: DataArray,
  bias: DataArray | null,
  geom: Conv2dGeometry,
): DataArray {
  const { n, cOut, outH, outW } = geom;
  const y = allocData(n * cOut * outH * outW, dtypeOf(x, weight));
  forEachTap(geom, (xi, wi, yi) => {
    y[yi] += x[xi] * weight[wi];
  });
  if (bias) {
    const plane = outH * outW;
    for (let k = 0; k < y.length; k++) y[k] += bias[Math.floor(k / plane) % cOut];
  }
  return y;
}

/** ∂L/∂x: every tap sends dy · w back to the input it read. */
export function conv2dGradInputReference(dy: DataArray, weight: DataArray, geom: Conv2dGeometry): DataArray {
  const dx = allocData(geom.n * geom.cIn * geom.h * geom.w, dtypeOf(dy, weight));
  forEachTap(geom, (xi, wi, yi) => {
    dx[xi] += dy[yi] * weight[wi];
  });
  return dx;
}

/** ∂L/∂w: every tap sends dy · x back to the weight it used. */
export function conv2dGradWeightReference(x: DataArray, dy: DataArray, geom: Conv2dGeometry): DataArray {
  const dw = allocData(geom.cOut * (geom.cIn / geom.groups) * geom.kh * geom.kw, dtypeOf(x, dy));
  forEachTap(geom, (xi, wi, yi) => {
    dw[wi] += dy[yi] * x[xi];
  });
  return dw;
}

registerKernel("conv2d", "reference", conv2dReference);
registerKernel("conv2dGradInput", "reference", conv2dGradInputReference);
registerKernel("conv2dGradWeight", "reference", conv2dGradWeightReference);
