// gradlab's hand-written WebAssembly SIMD kernels, in AssemblyScript (a TypeScript dialect that
// compiles to WebAssembly). `node scripts/build-wasm.js` compiles this file into
// src/backend/wasm/binary.ts; src/backend/wasm/module.ts loads it and src/backend/wasm/index.ts
// registers the kernels as the "webasm" backend's matmul, conv2d and its gradients (im2col/col2im
// on the GEMM), max/avg pooling and their gradients, relu and its gradient, and the probe's
// moments pass. They rank above gpu.js's generated webasm kernels (KERNEL_PRECEDENCE in
// src/backend/registry.ts); gpu.js runs the cpu and headlessgl backends, and webasm where this
// module cannot load.
//
// Why not gpu.js here: its WebAssembly code generation reads every input lane by lane and returns
// at most 4 values per thread, which caps matmul at ≈ 4–5 GFLOP/s (bench/RESULTS.md). A GEMM
// needs register blocking: the micro-kernel below keeps a 4×8 block of C in eight f32x4
// registers and, per step along k, does 2 loads of B, 4 broadcasts of A and 8 multiply-adds:
// 64 flops per 14 instructions.
//
// Memory: everything is float32; pointers are byte offsets into linear memory; strides are in
// elements. The callers (src/backend/wasm/matmul.ts, conv2d.ts, pool.ts, ...) place operands and
// the work area.

/** Rows of C per micro-kernel call. */
const MR: i32 = 4;
/** Columns of C per micro-kernel call (two f32x4). */
const NR: i32 = 8;
/** Depth of one packed block (A block MC×KC and B panel KC×NC stay in cache). */
export const KC: i32 = 256;
export const MC: i32 = 64;
export const NC: i32 = 2048;

/** Floats the work area must hold: packed A, packed B and one edge tile. */
export function workFloats(): i32 {
  return MC * KC + KC * NC + MR * NR;
}

/**
 * Transposes a 4×4 block: reads 4 floats at each of s0..s3 (4 rows) and writes 4 floats at
 * dst + q·step for q < 4, where the q-th holds element q of each row (8 shuffles, no scalar moves).
 */
function transpose4(s0: usize, s1: usize, s2: usize, s3: usize, dst: usize, step: usize): void {
  const v0 = v128.load(s0);
  const v1 = v128.load(s1);
  const v2 = v128.load(s2);
  const v3 = v128.load(s3);
  const t0 = v128.shuffle<f32>(v0, v1, 0, 4, 1, 5); // v0[0] v1[0] v0[1] v1[1]
  const t1 = v128.shuffle<f32>(v0, v1, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(v2, v3, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(v2, v3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5)); // v0[0] v1[0] v2[0] v3[0]
  v128.store(dst + step, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
  v128.store(dst + 2 * step, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * step, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
}

/**
 * Packs the mc×kc block of A at `a` (element (i, p) at a + 4·(i·rs + p·cs)) into MR-row panels:
 * dst[(ip·kc + p)·MR + ii] = A[ip·MR + ii, p], rows past mc are zero.
 */
function packA(a: usize, rs: i32, cs: i32, mc: i32, kc: i32, dst: usize): void {
  for (let i0 = 0; i0 < mc; i0 += MR) {
    const rows = min(MR, mc - i0);
    if (rows == MR && rs == 1) {
      // A stored transposed: the 4 rows of one column are contiguous
      let src = a + (<usize>i0 << 2);
      const step = <usize>cs << 2;
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        src += step;
        dst += 16;
      }
    } else if (rows == MR && cs == 1) {
      // A row-major: 4 rows, each contiguous along p; 4×4 transposes, then the last kc % 4 columns
      const r0 = a + (<usize>(i0 * rs) << 2);
      const rstep = <usize>rs << 2;
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        const off = <usize>p << 2;
        transpose4(r0 + off, r0 + rstep + off, r0 + 2 * rstep + off, r0 + 3 * rstep + off, dst, 16);
        dst += 64;
      }
      for (; p < kc; p++) {
        const off = <usize>p << 2;
        store<f32>(dst, load<f32>(r0 + off));
        store<f32>(dst, load<f32>(r0 + rstep + off), 4);
        store<f32>(dst, load<f32>(r0 + 2 * rstep + off), 8);
        store<f32>(dst, load<f32>(r0 + 3 * rstep + off), 12);
        dst += 16;
      }
    } else if (rows == MR) {
      let r0 = a + (<usize>(i0 * rs) << 2);
      const rstep = <usize>rs << 2;
      const step = <usize>cs << 2;
      for (let p = 0; p < kc; p++) {
        store<f32>(dst, load<f32>(r0));
        store<f32>(dst, load<f32>(r0 + rstep), 4);
        store<f32>(dst, load<f32>(r0 + 2 * rstep), 8);
        store<f32>(dst, load<f32>(r0 + 3 * rstep), 12);
        r0 += step;
        dst += 16;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let ii = 0; ii < MR; ii++) {
          store<f32>(dst, ii < rows ? load<f32>(a + (<usize>((i0 + ii) * rs + p * cs) << 2)) : 0);
          dst += 4;
        }
      }
    }
  }
}

/**
 * Packs the kc×nc block of B at `b` (element (p, j) at b + 4·(p·rs + j·cs)) into NR-column
 * panels: dst[(jp·kc + p)·NR + jj] = B[p, jp·NR + jj], columns past nc are zero.
 */
function packB(b: usize, rs: i32, cs: i32, kc: i32, nc: i32, dst: usize): void {
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const cols = min(NR, nc - j0);
    if (cols == NR && cs == 1) {
      let src = b + (<usize>j0 << 2);
      const step = <usize>rs << 2;
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += step;
        dst += 32;
      }
    } else if (cols == NR && rs == 1) {
      // B stored transposed: each of the 8 columns is contiguous along p; two 4×4 transposes per 4 p
      const c0 = b + (<usize>(j0 * cs) << 2);
      const cstep = <usize>cs << 2;
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        const off = <usize>p << 2;
        transpose4(c0 + off, c0 + cstep + off, c0 + 2 * cstep + off, c0 + 3 * cstep + off, dst, 32);
        const c4 = c0 + 4 * cstep + off;
        transpose4(c4, c4 + cstep, c4 + 2 * cstep, c4 + 3 * cstep, dst + 16, 32);
        dst += 128;
      }
      for (; p < kc; p++) {
        for (let jj = 0; jj < NR; jj++) {
          store<f32>(dst, load<f32>(c0 + (<usize>(jj * cs + p) << 2)));
          dst += 4;
        }
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let jj = 0; jj < NR; jj++) {
          store<f32>(dst, jj < cols ? load<f32>(b + (<usize>(p * rs + (j0 + jj) * cs) << 2)) : 0);
          dst += 4;
        }
      }
    }
  }
}

/**
 * C[0..4, 0..8] (row stride ldc) = (beta ? C : 0) + Σ_p A[:, p] B[p, :] over kc packed steps.
 */
function micro(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, beta: bool): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
    pa += 16;
    pb += 32;
  }
  const ld = <usize>ldc << 2;
  let c1 = c + ld;
  let c2 = c1 + ld;
  let c3 = c2 + ld;
  if (beta) {
    c00 = f32x4.add(c00, v128.load(c));
    c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(c1));
    c11 = f32x4.add(c11, v128.load(c1, 16));
    c20 = f32x4.add(c20, v128.load(c2));
    c21 = f32x4.add(c21, v128.load(c2, 16));
    c30 = f32x4.add(c30, v128.load(c3));
    c31 = f32x4.add(c31, v128.load(c3, 16));
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c1, c10);
  v128.store(c1, c11, 16);
  v128.store(c2, c20);
  v128.store(c2, c21, 16);
  v128.store(c3, c30);
  v128.store(c3, c31, 16);
}

/**
 * C (m×n, row-major, row stride ldc) = (accumulate ? C : 0) + op(A)·op(B), where element (i, p)
 * of op(A) is at a + 4·(i·ars + p·acs) and element (p, j) of op(B) at b + 4·(p·brs + j·bcs)
 * (so a transposed operand is just swapped strides). `work` holds workFloats() floats.
 */
export function gemm(
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  ars: i32,
  acs: i32,
  b: usize,
  brs: i32,
  bcs: i32,
  c: usize,
  ldc: i32,
  accumulate: bool,
  work: usize,
): void {
  const packedA = work;
  const packedB = work + (<usize>(MC * KC) << 2);
  const tile = packedB + (<usize>(KC * NC) << 2);
  if (k == 0) {
    if (!accumulate) {
      for (let i = 0; i < m; i++) memory.fill(c + (<usize>(i * ldc) << 2), 0, <usize>n << 2);
    }
    return;
  }
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = min(KC, k - p0);
      const beta = accumulate || p0 > 0;
      packB(b + (<usize>(p0 * brs + j0 * bcs) << 2), brs, bcs, kc, nc, packedB);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = min(MC, m - i0);
        packA(a + (<usize>(i0 * ars + p0 * acs) << 2), ars, acs, mc, kc, packedA);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const pb = packedB + (<usize>(jr * kc) << 2);
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = min(MR, mc - ir);
            const pa = packedA + (<usize>(ir * kc) << 2);
            const cp = c + (<usize>((i0 + ir) * ldc + j0 + jr) << 2);
            if (mr == MR && nr == NR) {
              micro(kc, pa, pb, cp, ldc, beta);
            } else {
              micro(kc, pa, pb, tile, NR, false);
              for (let i = 0; i < mr; i++) {
                for (let j = 0; j < nr; j++) {
                  const dst = cp + (<usize>(i * ldc + j) << 2);
                  const v = load<f32>(tile + (<usize>(i * NR + j) << 2));
                  store<f32>(dst, beta ? load<f32>(dst) + v : v);
                }
              }
            }
          }
        }
      }
    }
  }
}

/** Adds bias[i] to every element of row i of the m×n matrix at c (conv bias per output channel). */
export function addRowBias(c: usize, m: i32, n: i32, bias: usize): void {
  for (let i = 0; i < m; i++) {
    const v = f32x4.splat(load<f32>(bias + (<usize>i << 2)));
    const s = load<f32>(bias + (<usize>i << 2));
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      v128.store(c, f32x4.add(v128.load(c), v));
      c += 16;
    }
    for (; j < n; j++) {
      store<f32>(c, load<f32>(c) + s);
      c += 4;
    }
  }
}

/**
 * im2col for one image x [cIn, h, w] (channels c0 ≤ c < c0 + cn): the column matrix
 * col[((c − c0)·kh + p)·kw + q, i·outW + j] = x[c, i·sh − pt + p·dh, j·sw − pl + q·dw] (0 outside).
 * With `adjoint`, the reverse (col2im, for ∂L/∂x): every col entry is added back onto the x
 * position it was read from (x is zeroed by the caller; positions outside x are dropped).
 */
export function im2col(
  x: usize,
  c0: i32,
  cn: i32,
  h: i32,
  w: i32,
  kh: i32,
  kw: i32,
  sh: i32,
  sw: i32,
  pt: i32,
  pl: i32,
  dh: i32,
  dw: i32,
  outH: i32,
  outW: i32,
  col: usize,
  adjoint: bool,
): void {
  for (let c = c0; c < c0 + cn; c++) {
    const plane = x + (<usize>(c * h * w) << 2);
    for (let p = 0; p < kh; p++) {
      for (let q = 0; q < kw; q++) {
        // output columns j that read inside the row: 0 ≤ j·sw − pl + q·dw < w
        const off = q * dw - pl;
        let jLo = off >= 0 ? 0 : (-off + sw - 1) / sw;
        let jHi = w - 1 - off >= 0 ? (w - 1 - off) / sw + 1 : 0;
        if (jHi > outW) jHi = outW;
        if (jLo > jHi) jLo = jHi;
        for (let i = 0; i < outH; i++) {
          const r = i * sh - pt + p * dh;
          if (r < 0 || r >= h) {
            if (!adjoint) memory.fill(col, 0, <usize>outW << 2); // a padding row
          } else {
            const row = plane + (<usize>(r * w) << 2);
            if (adjoint) addRowBack(col, row, jLo, jHi, sw, off);
            else copyRow(col, row, jLo, jHi, sw, off, outW);
          }
          col += <usize>outW << 2;
        }
      }
    }
  }
}

/** One im2col row: col[j] = row[j·sw + off] for jLo ≤ j < jHi, 0 outside. */
function copyRow(col: usize, row: usize, jLo: i32, jHi: i32, sw: i32, off: i32, outW: i32): void {
  for (let j = 0; j < jLo; j++) store<f32>(col + (<usize>j << 2), 0);
  if (sw == 1) {
    memory.copy(col + (<usize>jLo << 2), row + (<usize>(jLo + off) << 2), <usize>(jHi - jLo) << 2);
  } else {
    for (let j = jLo; j < jHi; j++) store<f32>(col + (<usize>j << 2), load<f32>(row + (<usize>(j * sw + off) << 2)));
  }
  for (let j = jHi; j < outW; j++) store<f32>(col + (<usize>j << 2), 0);
}

/** Its adjoint: row[j·sw + off] += col[j] for jLo ≤ j < jHi (four at a time when sw = 1). */
function addRowBack(col: usize, row: usize, jLo: i32, jHi: i32, sw: i32, off: i32): void {
  let j = jLo;
  if (sw == 1) {
    for (; j + 4 <= jHi; j += 4) {
      const dst = row + (<usize>(j + off) << 2);
      v128.store(dst, f32x4.add(v128.load(dst), v128.load(col + (<usize>j << 2))));
    }
  }
  for (; j < jHi; j++) {
    const dst = row + (<usize>(j * sw + off) << 2);
    store<f32>(dst, load<f32>(dst) + load<f32>(col + (<usize>j << 2)));
  }
}

/**
 * Four neighbouring outputs (i, j … j+3) of 2×2 stride-2 max pooling in f32x4 lanes, the same rule
 * as the scalar loop (windows read in order (0,0), (0,1), (1,0), (1,1); a later input wins only
 * if greater, or if it is NaN and the best so far is not) written with lane masks instead of
 * branches: which input wins is data-dependent, so branches (and V8's f32.max) mispredict.
 */
function maxPool2x2Step(xp: usize, w: i32, i: i32, j: i32, y: usize, argmax: usize): void {
  const top = 2 * i * w + 2 * j;
  const r0 = xp + (<usize>top << 2);
  const r1 = r0 + (<usize>w << 2);
  const a0 = v128.load(r0);
  const a1 = v128.load(r0, 16);
  const b0 = v128.load(r1);
  const b1 = v128.load(r1, 16);
  const c00 = v128.shuffle<f32>(a0, a1, 0, 2, 4, 6); // x[2i, 2j + 2l] for the 4 lanes l
  const c01 = v128.shuffle<f32>(a0, a1, 1, 3, 5, 7);
  const c10 = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6);
  const c11 = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
  const i00 = i32x4.add(i32x4.splat(top), i32x4(0, 2, 4, 6));
  let best = c00;
  let at = i00;
  let wins = v128.or(f32x4.gt(c01, best), v128.andnot(f32x4.ne(c01, c01), f32x4.ne(best, best)));
  best = v128.bitselect(c01, best, wins);
  at = v128.bitselect(i32x4.add(i00, i32x4.splat(1)), at, wins);
  wins = v128.or(f32x4.gt(c10, best), v128.andnot(f32x4.ne(c10, c10), f32x4.ne(best, best)));
  best = v128.bitselect(c10, best, wins);
  at = v128.bitselect(i32x4.add(i00, i32x4.splat(w)), at, wins);
  wins = v128.or(f32x4.gt(c11, best), v128.andnot(f32x4.ne(c11, c11), f32x4.ne(best, best)));
  best = v128.bitselect(c11, best, wins);
  at = v128.bitselect(i32x4.add(i00, i32x4.splat(w + 1)), at, wins);
  v128.store(y, best);
  v128.store(argmax, at);
}

/**
 * Max pooling over `planes` planes of h×w at x: y[plane, i, j] = max over the window, and
 * argmax[plane, i, j] = r·w + s of the first winner (a NaN wins and stays, padding never wins;
 * −1 and −∞ for a window with no real input). Window (i, j) covers rows i·sh − pt + p·dh, p < kh, and
 * columns j·sw − pl + q·dw, q < kw.
 */
export function maxPool2d(
  x: usize,
  planes: i32,
  h: i32,
  w: i32,
  kh: i32,
  kw: i32,
  sh: i32,
  sw: i32,
  pt: i32,
  pl: i32,
  dh: i32,
  dw: i32,
  outH: i32,
  outW: i32,
  y: usize,
  argmax: usize,
): void {
  const pairs = kh == 2 && kw == 2 && sh == 2 && sw == 2 && pt == 0 && pl == 0;
  for (let plane = 0; plane < planes; plane++) {
    const xp = x + (<usize>(plane * h * w) << 2);
    for (let i = 0; i < outH; i++) {
      let j = 0;
      const lanes = min(outW, w >> 1); // outputs whose 2×2 window lies inside the row pair
      if (pairs && 2 * i + 1 < h && lanes >= 4) {
        for (; j + 4 <= lanes; j += 4) {
          maxPool2x2Step(xp, w, i, j, y, argmax);
          y += 16;
          argmax += 16;
        }
        if (j < lanes) {
          // the last 1–3: one more step on the 4 outputs ending at `lanes` (recomputing a few)
          const back = <usize>(j + 4 - lanes) << 2;
          maxPool2x2Step(xp, w, i, lanes - 4, y - back, argmax - back);
          y += <usize>(lanes - j) << 2;
          argmax += <usize>(lanes - j) << 2;
          j = lanes;
        }
      }
      for (; j < outW; j++) {
        let best: f32 = -Infinity;
        let at: i32 = -1;
        for (let p = 0; p < kh; p++) {
          const r = i * sh - pt + p * dh;
          if (r < 0 || r >= h) continue;
          for (let q = 0; q < kw; q++) {
            const s = j * sw - pl + q * dw;
            if (s < 0 || s >= w) continue;
            const v = load<f32>(xp + (<usize>(r * w + s) << 2));
            if (at == -1 || v > best || (v != v && best == best)) {
              best = v;
              at = r * w + s;
            }
          }
        }
        store<f32>(y, best);
        store<i32>(argmax, at);
        y += 4;
        argmax += 4;
      }
    }
  }
}

/** ∂L/∂x of max pooling: dx (zeroed by the caller) gets each dy at its window's argmax. */
export function maxPool2dBackward(dy: usize, argmax: usize, planes: i32, h: i32, w: i32, outH: i32, outW: i32, dx: usize): void {
  const outs = outH * outW;
  for (let plane = 0; plane < planes; plane++) {
    const dxp = dx + (<usize>(plane * h * w) << 2);
    for (let k = 0; k < outs; k++) {
      const at = load<i32>(argmax);
      if (at >= 0) {
        const d = dxp + (<usize>at << 2);
        store<f32>(d, load<f32>(d) + load<f32>(dy));
      }
      dy += 4;
      argmax += 4;
    }
  }
}

/**
 * The divisor of average-pooling window (i, j): the window clipped to the padded input when
 * countIncludePad, else the number of real inputs in it.
 */
function avgDivisor(i: i32, j: i32, h: i32, w: i32, kh: i32, kw: i32, sh: i32, sw: i32, pt: i32, pb: i32, pl: i32, pr: i32, includePad: bool): f32 {
  const r0 = i * sh - pt;
  const s0 = j * sw - pl;
  if (includePad) return <f32>((min(r0 + kh, h + pb) - r0) * (min(s0 + kw, w + pr) - s0));
  const rows = min(r0 + kh, h) - max(r0, 0);
  const cols = min(s0 + kw, w) - max(s0, 0);
  return <f32>(max(rows, 0) * max(cols, 0));
}

/**
 * Average pooling (backward = false: y from x) or its gradient (backward = true: dx, zeroed by the
 * caller, from dy): every real input of window (i, j) contributes value / divisor.
 */
export function avgPool2d(
  src: usize,
  planes: i32,
  h: i32,
  w: i32,
  kh: i32,
  kw: i32,
  sh: i32,
  sw: i32,
  pt: i32,
  pb: i32,
  pl: i32,
  pr: i32,
  outH: i32,
  outW: i32,
  includePad: bool,
  backward: bool,
  dst: usize,
): void {
  for (let plane = 0; plane < planes; plane++) {
    const xp = (backward ? dst : src) + (<usize>(plane * h * w) << 2);
    let yp = (backward ? src : dst) + (<usize>(plane * outH * outW) << 2);
    for (let i = 0; i < outH; i++) {
      for (let j = 0; j < outW; j++) {
        const divisor = avgDivisor(i, j, h, w, kh, kw, sh, sw, pt, pb, pl, pr, includePad);
        const g = backward ? load<f32>(yp) / divisor : 0;
        let acc: f32 = 0;
        for (let p = 0; p < kh; p++) {
          const r = i * sh - pt + p;
          if (r < 0 || r >= h) continue;
          for (let q = 0; q < kw; q++) {
            const s = j * sw - pl + q;
            if (s < 0 || s >= w) continue;
            const at = xp + (<usize>(r * w + s) << 2);
            if (backward) store<f32>(at, load<f32>(at) + g);
            else acc += load<f32>(at) / divisor;
          }
        }
        if (!backward) store<f32>(yp, acc);
        yp += 4;
      }
    }
  }
}

/** y = relu(x) = (x > 0 ? x : 0) for n floats (f32x4.pmax(0, x) is exactly that, NaN → 0 included). */
export function relu(x: usize, n: i32, y: usize): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    v128.store(y, f32x4.pmax(zero, v128.load(x)));
    x += 16;
    y += 16;
  }
  for (; i < n; i++) {
    const v = load<f32>(x);
    store<f32>(y, v > 0 ? v : 0);
    x += 4;
    y += 4;
  }
}

/** dx = g · relu′(x) = g · (x > 0 ? 1 : 0) for n floats. */
export function reluBackward(x: usize, g: usize, n: i32, dx: usize): void {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const mask = f32x4.gt(v128.load(x), zero);
    v128.store(dx, f32x4.mul(v128.load(g), v128.and(mask, one)));
    x += 16;
    g += 16;
    dx += 16;
  }
  for (; i < n; i++) {
    store<f32>(dx, load<f32>(g) * (load<f32>(x) > 0 ? <f32>1 : <f32>0));
    x += 4;
    g += 4;
    dx += 4;
  }
}

/**
 * Moments of n floats for the probe's statistics, accumulated in float64: with d = v − K,
 * out[0] = Σd, out[1] = Σd², out[2] = min, out[3] = max (f64 at out). v = x[i], or x[i] − y[i]
 * (computed in float64) when y ≠ 0; min and max only when y = 0. Two f64x2 lanes per half of each
 * f32x4 load; min and max in f32x4 lanes with pmin/pmax, which skip NaN — a NaN still shows in
 * the sums, so the caller sees it and takes its exact path.
 */
export function moments(x: usize, y: usize, n: i32, K: f64, out: usize): void {
  const k = f64x2.splat(K);
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let q0 = f64x2.splat(0);
  let q1 = f64x2.splat(0);
  let lo4 = f32x4.splat(Infinity);
  let hi4 = f32x4.splat(-Infinity);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x);
    let a = f64x2.promote_low_f32x4(v);
    let b = f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1));
    if (y) {
      const w = v128.load(y);
      a = f64x2.sub(a, f64x2.promote_low_f32x4(w));
      b = f64x2.sub(b, f64x2.promote_low_f32x4(v128.shuffle<f32>(w, w, 2, 3, 0, 1)));
      y += 16;
    } else {
      lo4 = f32x4.pmin(v, lo4); // v < lo ? v : lo — one instruction (f32x4.min's NaN rules cost ~6)
      hi4 = f32x4.pmax(v, hi4);
    }
    a = f64x2.sub(a, k);
    b = f64x2.sub(b, k);
    s0 = f64x2.add(s0, a);
    s1 = f64x2.add(s1, b);
    q0 = f64x2.add(q0, f64x2.mul(a, a));
    q1 = f64x2.add(q1, f64x2.mul(b, b));
    x += 16;
  }
  let sum = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1) + f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
  let sq = f64x2.extract_lane(q0, 0) + f64x2.extract_lane(q0, 1) + f64x2.extract_lane(q1, 0) + f64x2.extract_lane(q1, 1);
  let mn = <f64>min(min(f32x4.extract_lane(lo4, 0), f32x4.extract_lane(lo4, 1)), min(f32x4.extract_lane(lo4, 2), f32x4.extract_lane(lo4, 3)));
  let mx = <f64>max(max(f32x4.extract_lane(hi4, 0), f32x4.extract_lane(hi4, 1)), max(f32x4.extract_lane(hi4, 2), f32x4.extract_lane(hi4, 3)));
  for (; i < n; i++) {
    const raw = <f64>load<f32>(x);
    const v = y ? raw - <f64>load<f32>(y) : raw;
    const d = v - K;
    sum += d;
    sq += d * d;
    mn = min(mn, v);
    mx = max(mx, v);
    x += 4;
    if (y) y += 4;
  }
  store<f64>(out, sum);
  store<f64>(out, sq, 8);
  store<f64>(out, mn, 16);
  store<f64>(out, mx, 24);
}
