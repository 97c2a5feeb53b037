/**
 * gpu.js conv2d and its gradients. The input is zero-padded once in plain TypeScript, so the
 * kernels need no bounds checks. One thread computes 4 neighbouring output channels at one
 * output position:
 *   y[b, o0 + r, i, j] = Σ_{c, p, q} xPadded[b, g·Cg + c, i·sh + p·dh, j·sw + q·dw] · w[o0 + r, c, p, q]
 * (on webasm, 4 neighbouring positions run as one SIMD step; the weight reads are shared).
 * ∂L/∂x is the same kernel run on ∂L/∂y spread out by the stride and padded ("full"
 * convolution) with the kernel flipped and its in/out channels swapped:
 *   ∂L/∂x[b, ci, r, s] = Σ_{o, p, q} up(∂L/∂y)[b, o, r + p·dh, s + q·dw] · w[o, c, kh−1−p, kw−1−q]
 * ∂L/∂w has its own kernel, one thread per (c, p, q) and 4 output channels, summing over b, i, j.
 * Groups are supported when each group's output channels come in whole blocks of 4 (or
 * groups = 1); other grouped shapes (e.g. depthwise) run on the reference loops.
 */
import type { DataArray } from "../../tensor/tensor";
import type { Conv2dGeometry } from "../kernels";
import { conv2dGradInputReference, conv2dGradWeightReference, conv2dReference } from "../reference/conv2d";
import { registrar } from "../registry";
import { GPU_MODES, GpuMode, KernelThis, asFloat32, cachedKernel, compile, flatResult, sizeThresholds } from "./engine";

const registerKernel = registrar("gpujs");

function conv2dKernel(this: KernelThis, xp: number[], w: number[]): number[] {
  const i = Math.floor(this.thread.x / this.constants.outW); // output row
  const j = this.thread.x - i * this.constants.outW; // output column
  const o0 = this.thread.y * 4; // first of 4 output channels (clamped to the last: extras dropped)
  const g = Math.floor(o0 / this.constants.cOutPG); // their group
  const w0 = Math.min(o0, this.constants.oLast) * this.constants.wO;
  const w1 = Math.min(o0 + 1, this.constants.oLast) * this.constants.wO;
  const w2 = Math.min(o0 + 2, this.constants.oLast) * this.constants.wO;
  const w3 = Math.min(o0 + 3, this.constants.oLast) * this.constants.wO;
  let xc =
    ((this.thread.z * this.constants.cIn + g * this.constants.cInPG) * this.constants.hp + i * this.constants.sh) *
      this.constants.wp +
    j * this.constants.sw;
  let wi = 0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let c = 0; c < this.constants.cInPG; c++) {
    let xr = xc;
    for (let p = 0; p < this.constants.kh; p++) {
      let xq = xr;
      for (let q = 0; q < this.constants.kw; q++) {
        const xv = xp[xq];
        s0 += xv * w[w0 + wi];
        s1 += xv * w[w1 + wi];
        s2 += xv * w[w2 + wi];
        s3 += xv * w[w3 + wi];
        wi += 1;
        xq += this.constants.dw;
      }
      xr += this.constants.dhRow;
    }
    xc += this.constants.plane;
  }
  return [s0, s1, s2, s3];
}

function conv2dGradWeightKernel(this: KernelThis, xp: number[], dy: number[]): number[] {
  const c = Math.floor(this.thread.x / this.constants.khkw); // input channel within the group
  const pq = this.thread.x - c * this.constants.khkw;
  const p = Math.floor(pq / this.constants.kw);
  const q = pq - p * this.constants.kw;
  const o0 = this.thread.y * 4;
  const g = Math.floor(o0 / this.constants.cOutPG);
  const d0 = Math.min(o0, this.constants.oLast) * this.constants.outHW;
  const d1 = Math.min(o0 + 1, this.constants.oLast) * this.constants.outHW;
  const d2 = Math.min(o0 + 2, this.constants.oLast) * this.constants.outHW;
  const d3 = Math.min(o0 + 3, this.constants.oLast) * this.constants.outHW;
  let xb =
    ((g * this.constants.cInPG + c) * this.constants.hp + p * this.constants.dh) * this.constants.wp +
    q * this.constants.dw;
  let db = 0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let b = 0; b < this.constants.n; b++) {
    let xr = xb;
    let dr = db;
    for (let i = 0; i < this.constants.outH; i++) {
      let xq = xr;
      for (let j = 0; j < this.constants.outW; j++) {
        const xv = xp[xq];
        s0 += xv * dy[d0 + dr + j];
        s1 += xv * dy[d1 + dr + j];
        s2 += xv * dy[d2 + dr + j];
        s3 += xv * dy[d3 + dr + j];
        xq += this.constants.sw;
      }
      xr += this.constants.shRow;
      dr += this.constants.outW;
    }
    xb += this.constants.xBatch;
    db += this.constants.dyBatch;
  }
  return [s0, s1, s2, s3];
}

/**
 * x [n, c, h, w] copied into a zero array [n, c, h + top + bottom, w + left + right] at (top, left).
 * Negative padding crops. Returns the array and its padded height and width.
 */
function padInput(
  x: DataArray,
  n: number,
  c: number,
  h: number,
  w: number,
  [top, bottom, left, right]: number[],
): { data: Float32Array; hp: number; wp: number } {
  const hp = h + top + bottom;
  const wp = w + left + right;
  const data = new Float32Array(n * c * hp * wp);
  for (let plane = 0; plane < n * c; plane++) {
    for (let r = Math.max(0, -top); r < Math.min(h, hp - top); r++) {
      const src = (plane * h + r) * w;
      const dst = (plane * hp + r + top) * wp + left;
      for (let s = Math.max(0, -left); s < Math.min(w, wp - left); s++) data[dst + s] = x[src + s];
    }
  }
  return { data, hp, wp };
}

/** Whether the 4-channel blocks of the gpu.js kernels fit this geometry (see the file comment). */
function blocksFit(cOutPerGroup: number, groups: number): boolean {
  return groups === 1 || cOutPerGroup % 4 === 0;
}

/** Runs the forward kernel on already padded input and adds `bias` (one value per output channel). Returns [n, cOut, outH, outW]. */
function forwardPadded(
  mode: GpuMode,
  xp: Float32Array,
  hp: number,
  wp: number,
  w: Float32Array,
  geom: Conv2dGeometry,
  bias: ArrayLike<number>,
): Float32Array {
  const { n, cIn, cOut, kh, kw, outH, outW, groups } = geom;
  const [sh, sw] = geom.stride;
  const [dh, dw] = geom.dilation;
  const blocks = Math.ceil(cOut / 4);
  const constants = {
    outW,
    cOutPG: cOut / groups,
    cInPG: cIn / groups,
    oLast: cOut - 1,
    wO: (cIn / groups) * kh * kw,
    cIn,
    hp,
    wp,
    sh,
    sw,
    kh,
    kw,
    dw,
    dhRow: dh * wp,
    plane: hp * wp,
  };
  const output = n > 1 ? [outH * outW, blocks, n] : [outH * outW, blocks];
  const key = `conv2d|${output.join("x")}|${Object.values(constants).join(",")}|${xp.length}|${w.length}`;
  const kernel = cachedKernel(mode, key, (gpu) =>
    compile(gpu, conv2dKernel, { output, constants, loopMaxIterations: Math.max(constants.cInPG, kh, kw) + 1 }),
  );
  const flat = flatResult(kernel(xp, w), outH * outW * blocks * n, 4);
  // flat[((b·blocks + y)·outHW + s)·4 + r] holds y[b, 4y + r, s]
  const hw = outH * outW;
  const y = new Float32Array(n * cOut * hw);
  for (let b = 0; b < n; b++) {
    for (let blk = 0; blk < blocks; blk++) {
      const channels = Math.min(4, cOut - 4 * blk);
      let src = (b * blocks + blk) * hw * 4;
      const dst = (b * cOut + 4 * blk) * hw;
      if (channels === 4) {
        // read the kernel's output in order, write 4 channel planes at once
        for (let s = 0; s < hw; s++, src += 4) {
          y[dst + s] = flat[src] + bias[4 * blk];
          y[dst + hw + s] = flat[src + 1] + bias[4 * blk + 1];
          y[dst + 2 * hw + s] = flat[src + 2] + bias[4 * blk + 2];
          y[dst + 3 * hw + s] = flat[src + 3] + bias[4 * blk + 3];
        }
      } else {
        for (let r = 0; r < channels; r++) {
          const br = bias[4 * blk + r];
          for (let s = 0; s < hw; s++) y[dst + r * hw + s] = flat[src + 4 * s + r] + br;
        }
      }
    }
  }
  return y;
}

const work = (g: Conv2dGeometry): number => g.n * g.cOut * g.outH * g.outW * (g.cIn / g.groups) * g.kh * g.kw;

export function conv2dGpu(
  mode: GpuMode,
  x: DataArray,
  weight: DataArray,
  bias: DataArray | null,
  geom: Conv2dGeometry,
): DataArray {
  if (work(geom) < sizeThresholds[mode].conv2d || !blocksFit(geom.cOut / geom.groups, geom.groups))
    return conv2dReference(x, weight, bias, geom);
  const { data: xp, hp, wp } = padInput(x, geom.n, geom.cIn, geom.h, geom.w, geom.padding);
  return forwardPadded(mode, xp, hp, wp, asFloat32(weight), geom, bias ?? new Float32Array(geom.cOut));
}

export function conv2dGradInputGpu(mode: GpuMode, dy: DataArray, weight: DataArray, geom: Conv2dGeometry): DataArray {
  const { n, cIn, h, w, cOut, kh, kw, outH, outW, groups } = geom;
  const cInPG = cIn / groups;
  const cOutPG = cOut / groups;
  if (work(geom) < sizeThresholds[mode].conv2d || !blocksFit(cInPG, groups))
    return conv2dGradInputReference(dy, weight, geom);
  const [sh, sw] = geom.stride;
  const [dh, dw] = geom.dilation;
  const [top, , left] = geom.padding;
  // up(dy): dy[b, o, i, j] placed at (i·sh + (kh−1)·dh − top, j·sw + (kw−1)·dw − left) of a zero
  // array of size (h + (kh−1)·dh) × (w + (kw−1)·dw); entries that land outside touch no input
  const hu = h + (kh - 1) * dh;
  const wu = w + (kw - 1) * dw;
  const up = new Float32Array(n * cOut * hu * wu);
  for (let plane = 0; plane < n * cOut; plane++) {
    for (let i = 0; i < outH; i++) {
      const r = i * sh + (kh - 1) * dh - top;
      if (r < 0 || r >= hu) continue;
      for (let j = 0; j < outW; j++) {
        const s = j * sw + (kw - 1) * dw - left;
        if (s < 0 || s >= wu) continue;
        up[(plane * hu + r) * wu + s] = dy[(plane * outH + i) * outW + j];
      }
    }
  }
  // flipped weight with channels swapped: wf[g·Cg + c, oLocal, p, q] = w[g·Cog + oLocal, c, kh−1−p, kw−1−q]
  const wf = new Float32Array(weight.length);
  for (let g = 0; g < groups; g++) {
    for (let oLocal = 0; oLocal < cOutPG; oLocal++) {
      for (let c = 0; c < cInPG; c++) {
        for (let p = 0; p < kh; p++) {
          for (let q = 0; q < kw; q++) {
            wf[(((g * cInPG + c) * cOutPG + oLocal) * kh + p) * kw + q] =
              weight[(((g * cOutPG + oLocal) * cInPG + c) * kh + (kh - 1 - p)) * kw + (kw - 1 - q)];
          }
        }
      }
    }
  }
  const full: Conv2dGeometry = {
    n,
    cIn: cOut,
    h: hu,
    w: wu,
    cOut: cIn,
    kh,
    kw,
    outH: h,
    outW: w,
    stride: [1, 1],
    padding: [0, 0, 0, 0],
    dilation: [dh, dw],
    groups,
  };
  return forwardPadded(mode, up, hu, wu, wf, full, new Float32Array(cIn));
}

export function conv2dGradWeightGpu(mode: GpuMode, x: DataArray, dy: DataArray, geom: Conv2dGeometry): DataArray {
  const { n, cIn, h, w, cOut, kh, kw, outH, outW, groups } = geom;
  if (work(geom) < sizeThresholds[mode].conv2d || !blocksFit(cOut / groups, groups))
    return conv2dGradWeightReference(x, dy, geom);
  const { data: xp, hp, wp } = padInput(x, n, cIn, h, w, geom.padding);
  const [sh, sw] = geom.stride;
  const [dh, dw] = geom.dilation;
  const cInPG = cIn / groups;
  const taps = cInPG * kh * kw;
  const blocks = Math.ceil(cOut / 4);
  const constants = {
    khkw: kh * kw,
    kw,
    cOutPG: cOut / groups,
    cInPG,
    oLast: cOut - 1,
    outHW: outH * outW,
    hp,
    wp,
    dh,
    dw,
    n,
    outH,
    outW,
    sw,
    shRow: sh * wp,
    xBatch: cIn * hp * wp,
    dyBatch: cOut * outH * outW,
  };
  const output = [taps, blocks];
  const key = `conv2dGradWeight|${output.join("x")}|${Object.values(constants).join(",")}`;
  const kernel = cachedKernel(mode, key, (gpu) =>
    compile(gpu, conv2dGradWeightKernel, { output, constants, loopMaxIterations: Math.max(n, outH, outW) + 1 }),
  );
  const flat = flatResult(kernel(xp, Float32Array.from(dy)), taps * blocks, 4);
  // flat[(y·taps + t)·4 + r] holds dw[4y + r, t]
  const dW = new Float32Array(cOut * taps);
  for (let o = 0; o < cOut; o++) {
    const blk = Math.floor(o / 4);
    const r = o % 4;
    for (let t = 0; t < taps; t++) dW[o * taps + t] = flat[(blk * taps + t) * 4 + r];
  }
  return dW;
}

for (const mode of GPU_MODES) {
  registerKernel("conv2d", mode, (x: DataArray, w: DataArray, b: DataArray | null, g: Conv2dGeometry) =>
    conv2dGpu(mode, x, w, b, g),
  );
  registerKernel("conv2dGradInput", mode, (dy: DataArray, w: DataArray, g: Conv2dGeometry) =>
    conv2dGradInputGpu(mode, dy, w, g),
  );
  registerKernel("conv2dGradWeight", mode, (x: DataArray, dy: DataArray, g: Conv2dGeometry) =>
    conv2dGradWeightGpu(mode, x, dy, g),
  );
}
