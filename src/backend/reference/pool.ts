/**
 * Reference 2-D pooling (NCHW) and its gradients, as plain loops:
 *   max: y[b, c, i, j] = max over the window of x;  ∂L/∂x gets dy at the argmax of each window
 *   avg: y[b, c, i, j] = (Σ over the window of x) / divisor;  ∂L/∂x gets dy / divisor at every input of the window
 * Window (i, j) covers rows i·sh − top + p·dh (p < kh) and columns j·sw − left + q·dw (q < kw);
 * positions outside the input are padding: ignored by max, counted as 0 by avg. The avg divisor
 * (PyTorch's rule) is the window clipped to the padded input when countIncludePad, else the number
 * of real inputs in the window.
 */
import { allocData } from "../../tensor/dtype";
import type { DataArray } from "../../tensor/tensor";
import type { Pool2dGeometry } from "../kernels";
import { registrar } from "../registry";

const registerKernel = registrar("reference");

const dtypeOf = (a: DataArray) => (a instanceof Float64Array ? "float64" : "float32");

/** Max pooling forward: values and the flat in-plane index (r·w + s) of each window's winner. */
export function maxPool2dReference(x: DataArray, geom: Pool2dGeometry): { y: DataArray; argmax: Int32Array } {
  const { n, c, h, w, kh, kw, outH, outW } = geom;
  const [sh, sw] = geom.stride;
  const [top, , left] = geom.padding;
  const [dh, dw] = geom.dilation;
  const y = allocData(n * c * outH * outW, dtypeOf(x));
  const argmax = new Int32Array(y.length);
  for (let plane = 0; plane < n * c; plane++) {
    for (let i = 0; i < outH; i++) {
      for (let j = 0; j < outW; j++) {
        let best = -Infinity;
        let at = -1;
        for (let p = 0; p < kh; p++) {
          const r = i * sh - top + p * dh;
          if (r < 0 || r >= h) continue; // padding never wins
          for (let q = 0; q < kw; q++) {
            const s = j * sw - left + q * dw;
            if (s < 0 || s >= w) continue;
            const v = x[plane * h * w + r * w + s];
            // the first winner keeps ties; a NaN wins and stays (it propagates, like PyTorch)
            if (at === -1 || v > best || (Number.isNaN(v) && !Number.isNaN(best))) {
              best = v;
              at = r * w + s;
            }
          }
        }
        const yi = (plane * outH + i) * outW + j;
        y[yi] = best;
        argmax[yi] = at;
      }
    }
  }
  return { y, argmax };
}

/** Max pooling backward: each output's gradient goes to its argmax. */
export function maxPool2dBackwardReference(dy: DataArray, argmax: Int32Array, geom: Pool2dGeometry): DataArray {
  const { n, c, h, w, outH, outW } = geom;
  const dx = allocData(n * c * h * w, dtypeOf(dy));
  for (let plane = 0; plane < n * c; plane++) {
    for (let k = 0; k < outH * outW; k++) {
      const at = argmax[plane * outH * outW + k];
      if (at >= 0) dx[plane * h * w + at] += dy[plane * outH * outW + k];
    }
  }
  return dx;
}

/** The divisor of window (i, j) in average pooling (see the file comment). */
export function avgPoolDivisor(geom: Pool2dGeometry, i: number, j: number): number {
  const { h, w, kh, kw, countIncludePad } = geom;
  const [sh, sw] = geom.stride;
  const [top, bottom, left, right] = geom.padding;
  const r0 = i * sh - top;
  const s0 = j * sw - left;
  if (countIncludePad) {
    const r1 = Math.min(r0 + kh, h + bottom);
    const s1 = Math.min(s0 + kw, w + right);
    return (r1 - r0) * (s1 - s0);
  }
  const rows = Math.min(r0 + kh, h) - Math.max(r0, 0);
  const cols = Math.min(s0 + kw, w) - Math.max(s0, 0);
  return Math.max(rows, 0) * Math.max(cols, 0);
}

/** Calls visit(xIndex, yIndex, divisor) for every input of every average-pooling window. */
function forEachAvgTap(geom: Pool2dGeometry, visit: (xi: number, yi: number, divisor: number) => void): void {
  const { n, c, h, w, kh, kw, outH, outW } = geom;
  const [sh, sw] = geom.stride;
  const [top, , left] = geom.padding;
  for (let plane = 0; plane < n * c; plane++) {
    for (let i = 0; i < outH; i++) {
      for (let j = 0; j < outW; j++) {
        const divisor = avgPoolDivisor(geom, i, j);
        const yi = (plane * outH + i) * outW + j;
        for (let p = 0; p < kh; p++) {
          const r = i * sh - top + p;
          if (r < 0 || r >= h) continue;
          for (let q = 0; q < kw; q++) {
            const s = j * sw - left + q;
            if (s < 0 || s >= w) continue;
            visit(plane * h * w + r * w + s, yi, divisor);
          }
        }
      }
    }
  }
}

/** Average pooling forward. */
export function avgPool2dReference(x: DataArray, geom: Pool2dGeometry): DataArray {
  const y = allocData(geom.n * geom.c * geom.outH * geom.outW, dtypeOf(x));
  forEachAvgTap(geom, (xi, yi, divisor) => {
    y[yi] += x[xi] / divisor;
  });
  return y;
}

/** Average pooling backward. */
export function avgPool2dBackwardReference(dy: DataArray, geom: Pool2dGeometry): DataArray {
  const dx = allocData(geom.n * geom.c * geom.h * geom.w, dtypeOf(dy));
  forEachAvgTap(geom, (xi, yi, divisor) => {
    dx[xi] += dy[yi] / divisor;
  });
  return dx;
}

registerKernel("maxPool2d", "reference", maxPool2dReference);
registerKernel("maxPool2dBackward", "reference", maxPool2dBackwardReference);
registerKernel("avgPool2d", "reference", avgPool2dReference);
registerKernel("avgPool2dBackward", "reference", avgPool2dBackwardReference);
