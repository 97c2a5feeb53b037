/**
 * gpu.js pooling, one thread per output (forward) or per input (backward, gather form: each
 * input sums the windows that contain it, so threads never write to the same place):
 *   max forward:  y = max over the window, and the in-plane index of the winner (first on ties)
 *   max backward: ∂L/∂x[r, s] = Σ over windows (i, j) containing (r, s) whose argmax is (r, s) of dy[i, j]
 *   avg forward:  y = Σ window / divisor;  avg backward: ∂L/∂x[r, s] = Σ over windows containing (r, s) of dy / divisor
 * A window (i, j) contains row r when r = i·sh − top + p·dh for some tap p < kh.
 * NaN inputs: only the reference loops promise NaN propagation.
 */
import type { DataArray } from "../../tensor/tensor";
import type { Pool2dGeometry } from "../kernels";
import {
  avgPool2dBackwardReference,
  avgPool2dReference,
  maxPool2dBackwardReference,
  maxPool2dReference,
} from "../reference/pool";
import { registrar } from "../registry";
import { GPU_MODES, GpuMode, KernelThis, asFloat32, cachedKernel, compile, flatResult, sizeThresholds } from "./engine";

const registerKernel = registrar("gpujs");

function maxPoolKernel(this: KernelThis, x: number[]): number[] {
  const i = Math.floor(this.thread.x / this.constants.outW);
  const j = this.thread.x - i * this.constants.outW;
  const base = this.thread.y * this.constants.h * this.constants.w; // this (n, c) plane
  let best = -3.4e38;
  let at = -1;
  for (let p = 0; p < this.constants.kh; p++) {
    const r = i * this.constants.sh - this.constants.top + p * this.constants.dh;
    for (let q = 0; q < this.constants.kw; q++) {
      const s = j * this.constants.sw - this.constants.left + q * this.constants.dw;
      if (r >= 0 && r < this.constants.h && s >= 0 && s < this.constants.w) {
        const v = x[base + r * this.constants.w + s];
        if (at < 0 || v > best) {
          best = v;
          at = r * this.constants.w + s;
        }
      }
    }
  }
  return [best, at];
}

function maxPoolBackwardKernel(this: KernelThis, dy: number[], argmax: number[]): number {
  const r = Math.floor(this.thread.x / this.constants.w);
  const s = this.thread.x - r * this.constants.w;
  const base = this.thread.y * this.constants.outH * this.constants.outW;
  const me = this.thread.x;
  let sum = 0;
  for (let p = 0; p < this.constants.kh; p++) {
    const ti = r + this.constants.top - p * this.constants.dh; // = i·sh if window row i holds r at tap p
    const i = Math.floor(ti / this.constants.sh);
    if (ti >= 0 && i * this.constants.sh === ti && i < this.constants.outH) {
      for (let q = 0; q < this.constants.kw; q++) {
        const tj = s + this.constants.left - q * this.constants.dw;
        const j = Math.floor(tj / this.constants.sw);
        if (tj >= 0 && j * this.constants.sw === tj && j < this.constants.outW) {
          const k = base + i * this.constants.outW + j;
          if (argmax[k] === me) sum += dy[k];
        }
      }
    }
  }
  return sum;
}

function avgPoolKernel(this: KernelThis, x: number[]): number {
  const i = Math.floor(this.thread.x / this.constants.outW);
  const j = this.thread.x - i * this.constants.outW;
  const base = this.thread.y * this.constants.h * this.constants.w;
  const r0 = i * this.constants.sh - this.constants.top;
  const s0 = j * this.constants.sw - this.constants.left;
  let sum = 0;
  for (let p = 0; p < this.constants.kh; p++) {
    for (let q = 0; q < this.constants.kw; q++) {
      const r = r0 + p;
      const s = s0 + q;
      if (r >= 0 && r < this.constants.h && s >= 0 && s < this.constants.w) sum += x[base + r * this.constants.w + s];
    }
  }
  // divisor: the window clipped to the padded input (countIncludePad) or to the input
  let divisor =
    (Math.min(r0 + this.constants.kh, this.constants.h + this.constants.bottom) - r0) *
    (Math.min(s0 + this.constants.kw, this.constants.w + this.constants.right) - s0);
  if (this.constants.countIncludePad === 0) {
    divisor =
      (Math.min(r0 + this.constants.kh, this.constants.h) - Math.max(r0, 0)) *
      (Math.min(s0 + this.constants.kw, this.constants.w) - Math.max(s0, 0));
  }
  return sum / divisor;
}

function avgPoolBackwardKernel(this: KernelThis, dy: number[]): number {
  const r = Math.floor(this.thread.x / this.constants.w);
  const s = this.thread.x - r * this.constants.w;
  const base = this.thread.y * this.constants.outH * this.constants.outW;
  let sum = 0;
  for (let p = 0; p < this.constants.kh; p++) {
    const ti = r + this.constants.top - p;
    const i = Math.floor(ti / this.constants.sh);
    if (ti >= 0 && i * this.constants.sh === ti && i < this.constants.outH) {
      for (let q = 0; q < this.constants.kw; q++) {
        const tj = s + this.constants.left - q;
        const j = Math.floor(tj / this.constants.sw);
        if (tj >= 0 && j * this.constants.sw === tj && j < this.constants.outW) {
          const r0 = i * this.constants.sh - this.constants.top;
          const s0 = j * this.constants.sw - this.constants.left;
          let divisor =
            (Math.min(r0 + this.constants.kh, this.constants.h + this.constants.bottom) - r0) *
            (Math.min(s0 + this.constants.kw, this.constants.w + this.constants.right) - s0);
          if (this.constants.countIncludePad === 0) {
            divisor =
              (Math.min(r0 + this.constants.kh, this.constants.h) - Math.max(r0, 0)) *
              (Math.min(s0 + this.constants.kw, this.constants.w) - Math.max(s0, 0));
          }
          sum += dy[base + i * this.constants.outW + j] / divisor;
        }
      }
    }
  }
  return sum;
}

function constantsOf(geom: Pool2dGeometry): Record<string, number> {
  return {
    h: geom.h,
    w: geom.w,
    kh: geom.kh,
    kw: geom.kw,
    outH: geom.outH,
    outW: geom.outW,
    sh: geom.stride[0],
    sw: geom.stride[1],
    top: geom.padding[0],
    bottom: geom.padding[1],
    left: geom.padding[2],
    right: geom.padding[3],
    dh: geom.dilation[0],
    dw: geom.dilation[1],
    countIncludePad: geom.countIncludePad ? 1 : 0,
  };
}

const small = (mode: GpuMode, geom: Pool2dGeometry): boolean =>
  geom.n * geom.c * geom.h * geom.w < sizeThresholds[mode].pool;

function run(
  mode: GpuMode,
  op: string,
  fn: Parameters<typeof compile>[1],
  geom: Pool2dGeometry,
  perInput: boolean,
  components: number,
  args: Float32Array[],
): Float32Array {
  const constants = constantsOf(geom);
  const cells = perInput ? geom.h * geom.w : geom.outH * geom.outW;
  const output = [cells, geom.n * geom.c];
  const key = `${op}|${output.join("x")}|${Object.values(constants).join(",")}`;
  const kernel = cachedKernel(mode, key, (gpu) =>
    compile(gpu, fn, { output, constants, loopMaxIterations: Math.max(geom.kh, geom.kw) + 1 }),
  );
  return flatResult(kernel(...args), cells * geom.n * geom.c, components);
}

export function maxPool2dGpu(mode: GpuMode, x: DataArray, geom: Pool2dGeometry): { y: DataArray; argmax: Int32Array } {
  if (small(mode, geom)) return maxPool2dReference(x, geom);
  const flat = run(mode, "maxPool2d", maxPoolKernel, geom, false, 2, [asFloat32(x)]);
  const y = new Float32Array(flat.length / 2);
  const argmax = new Int32Array(y.length);
  for (let k = 0; k < y.length; k++) {
    y[k] = flat[2 * k];
    argmax[k] = flat[2 * k + 1];
  }
  return { y, argmax };
}

export function maxPool2dBackwardGpu(
  mode: GpuMode,
  dy: DataArray,
  argmax: Int32Array,
  geom: Pool2dGeometry,
): DataArray {
  if (small(mode, geom)) return maxPool2dBackwardReference(dy, argmax, geom);
  return run(mode, "maxPool2dBackward", maxPoolBackwardKernel, geom, true, 1, [
    asFloat32(dy),
    Float32Array.from(argmax),
  ]);
}

export function avgPool2dGpu(mode: GpuMode, x: DataArray, geom: Pool2dGeometry): DataArray {
  if (small(mode, geom)) return avgPool2dReference(x, geom);
  return run(mode, "avgPool2d", avgPoolKernel, geom, false, 1, [asFloat32(x)]);
}

export function avgPool2dBackwardGpu(mode: GpuMode, dy: DataArray, geom: Pool2dGeometry): DataArray {
  if (small(mode, geom)) return avgPool2dBackwardReference(dy, geom);
  return run(mode, "avgPool2dBackward", avgPoolBackwardKernel, geom, true, 1, [asFloat32(dy)]);
}

for (const mode of GPU_MODES) {
  registerKernel("maxPool2d", mode, (x: DataArray, g: Pool2dGeometry) => maxPool2dGpu(mode, x, g));
  registerKernel("maxPool2dBackward", mode, (dy: DataArray, a: Int32Array, g: Pool2dGeometry) =>
    maxPool2dBackwardGpu(mode, dy, a, g),
  );
  registerKernel("avgPool2d", mode, (x: DataArray, g: Pool2dGeometry) => avgPool2dGpu(mode, x, g));
  registerKernel("avgPool2dBackward", mode, (dy: DataArray, g: Pool2dGeometry) => avgPool2dBackwardGpu(mode, dy, g));
}
