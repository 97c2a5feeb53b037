// gradlab's hand-written WebAssembly SIMD kernels, in AssemblyScript (a TypeScript dialect that
// compiles to WebAssembly). `node scripts/build-wasm.js` compiles this file into
// src/backend/wasm/binary.ts; src/backend/wasm/index.ts loads it and registers the kernels as the
// "webasm" backend's matmul and conv2d (gpu.js keeps everything else).
//
// Why not gpu.js here: its WebAssembly code generation reads every input lane by lane and returns
// at most 4 values per thread, which caps matmul at ≈ 4–5 GFLOP/s (bench/RESULTS.md). A GEMM
// needs register blocking: the micro-kernel below keeps a 4×8 block of C in eight f32x4
// registers and, per step along k, does 2 loads of B, 4 broadcasts of A and 8 multiply-adds:
// 64 flops per 14 instructions.
//
// Memory: everything is float32; pointers are byte offsets into linear memory; strides are in
// elements. The caller (src/backend/wasm/gemm.ts) places operands and the work area.

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
 * im2col for one image x [cIn, h, w] (channels c0 ≤ c < c0 + cn): column matrix
 * col[((c − c0)·kh + p)·kw + q, i·outW + j] = x[c, i·sh − pt + p·dh, j·sw − pl + q·dw] (0 outside).
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
): void {
  for (let c = c0; c < c0 + cn; c++) {
    const plane = x + (<usize>(c * h * w) << 2);
    for (let p = 0; p < kh; p++) {
      for (let q = 0; q < kw; q++) {
        // valid output columns j: 0 ≤ j·sw − pl + q·dw < w
        const off = q * dw - pl;
        let jLo = off >= 0 ? 0 : (-off + sw - 1) / sw;
        let jHi = (w - 1 - off) >= 0 ? (w - 1 - off) / sw + 1 : 0;
        if (jHi > outW) jHi = outW;
        if (jLo > jHi) jLo = jHi;
        for (let i = 0; i < outH; i++) {
          const r = i * sh - pt + p * dh;
          if (r < 0 || r >= h) {
            memory.fill(col, 0, <usize>outW << 2);
          } else {
            const row = plane + (<usize>(r * w) << 2);
            for (let j = 0; j < jLo; j++) store<f32>(col + (<usize>j << 2), 0);
            if (sw == 1) {
              memory.copy(col + (<usize>jLo << 2), row + (<usize>(jLo + off) << 2), <usize>(jHi - jLo) << 2);
            } else {
              for (let j = jLo; j < jHi; j++) {
                store<f32>(col + (<usize>j << 2), load<f32>(row + (<usize>(j * sw + off) << 2)));
              }
            }
            for (let j = jHi; j < outW; j++) store<f32>(col + (<usize>j << 2), 0);
          }
          col += <usize>outW << 2;
        }
      }
    }
  }
}

/** The adjoint of im2col: adds every col entry back onto the x position it was read from. */
export function col2im(
  col: usize,
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
  x: usize,
): void {
  for (let c = c0; c < c0 + cn; c++) {
    const plane = x + (<usize>(c * h * w) << 2);
    for (let p = 0; p < kh; p++) {
      for (let q = 0; q < kw; q++) {
        const off = q * dw - pl;
        let jLo = off >= 0 ? 0 : (-off + sw - 1) / sw;
        let jHi = (w - 1 - off) >= 0 ? (w - 1 - off) / sw + 1 : 0;
        if (jHi > outW) jHi = outW;
        if (jLo > jHi) jLo = jHi;
        for (let i = 0; i < outH; i++) {
          const r = i * sh - pt + p * dh;
          if (r >= 0 && r < h) {
            const row = plane + (<usize>(r * w) << 2);
            if (sw == 1) {
              let j = jLo;
              for (; j + 4 <= jHi; j += 4) {
                const dst = row + (<usize>(j + off) << 2);
                v128.store(dst, f32x4.add(v128.load(dst), v128.load(col + (<usize>j << 2))));
              }
              for (; j < jHi; j++) {
                const dst = row + (<usize>(j + off) << 2);
                store<f32>(dst, load<f32>(dst) + load<f32>(col + (<usize>j << 2)));
              }
            } else {
              for (let j = jLo; j < jHi; j++) {
                const dst = row + (<usize>(j * sw + off) << 2);
                store<f32>(dst, load<f32>(dst) + load<f32>(col + (<usize>j << 2)));
              }
            }
          }
          col += <usize>outW << 2;
        }
      }
    }
  }
}
