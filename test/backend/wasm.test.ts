/**
 * gradlab's hand-written WebAssembly SIMD kernels (the webasm backend's matmul and conv2d) against
 * the reference loops computed in float64, on shapes that exercise every edge of the blocking:
 * partial 4×8 tiles, k beyond one KC=256 block, m beyond one MC=64 block, transposes, batches,
 * groups, strides, dilations, asymmetric padding and 1×1 convolutions.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";
import * as gl from "../../src";
import type { Conv2dGeometry, MatmulArgs } from "../../src/backend/kernels";
import {
  conv2dGradInputReference,
  conv2dGradWeightReference,
  conv2dReference,
} from "../../src/backend/reference/conv2d";
import { matmulReference } from "../../src/backend/reference/matmul";
import { getKernel } from "../../src/backend/registry";
import { conv2dGpu } from "../../src/backend/gpujs/conv2d";
import { sizeThresholds } from "../../src/backend/gpujs/engine";
import { matmulGpu } from "../../src/backend/gpujs/matmul";
import {
  conv2dGradInputWasm,
  conv2dGradWeightWasm,
  conv2dWasm,
  handWrittenWasm,
  matmulWasm,
  wasmUnavailableReason,
} from "../../src/backend/wasm";
import { wasmConvThreshold } from "../../src/backend/wasm/conv2d";
import { wasmMatmulThreshold } from "../../src/backend/wasm/matmul";
import { wasmPoolThreshold } from "../../src/backend/wasm/pool";
import { reluBackwardWasm, reluWasm, wasmReluThreshold } from "../../src/backend/wasm/activation";
import { reluBackwardReference, reluReference } from "../../src/backend/reference/activation";
import { momentsReference } from "../../src/backend/reference/moments";
import { momentsWasm } from "../../src/backend/wasm/moments";
import { WasmMemoryError, wasmMemoryLimit } from "../../src/backend/wasm/module";
import { withBackend } from "../../src/backend/registry";
import { expectClose } from "../helpers/close";

const ROOT = path.join(__dirname, "../../..");

function random(n: number, seed: number): Float32Array {
  gl.seed(seed);
  return gl.randn([n]).data as Float32Array;
}
const f64 = (a: Float32Array | null): Float64Array | null => (a ? Float64Array.from(a) : null);

/** Runs fn with the wasm size thresholds at 0, so even tiny inputs go through the kernels. */
function noThresholds<T>(fn: () => T): T {
  const saved = [wasmMatmulThreshold.value, wasmConvThreshold.value, wasmPoolThreshold.value, wasmReluThreshold.value];
  wasmMatmulThreshold.value = wasmConvThreshold.value = wasmPoolThreshold.value = wasmReluThreshold.value = 0;
  try {
    return fn();
  } finally {
    [wasmMatmulThreshold.value, wasmConvThreshold.value, wasmPoolThreshold.value, wasmReluThreshold.value] = saved;
  }
}

describe("hand-written WebAssembly SIMD kernels (webasm matmul, conv2d, pooling, relu)", () => {
  it("load on this machine (Node ≥ 20's WebAssembly has SIMD), so webasm runs them", () => {
    expect(wasmUnavailableReason()).to.equal(null);
    expect(handWrittenWasm()).to.equal(true);
  });

  it("are the webasm backend's matmul and conv2d kernels", () => {
    const args: MatmulArgs = {
      a: random(64 * 64, 1),
      b: random(64 * 64, 2),
      batch: 1,
      m: 64,
      k: 64,
      n: 64,
      transA: false,
      transB: false,
      aBatched: false,
      bBatched: false,
    };
    expect(getKernel<(a: MatmulArgs) => Float32Array>("matmul", "webasm")(args)).to.deep.equal(matmulWasm(args));
  });

  describe("matmul equals the float64 reference (atol 2e-6·k)", () => {
    const cases: [string, number, number, number, number][] = [
      // title, batch, m, k, n
      ["1×1×1", 1, 1, 1, 1],
      ["partial tiles 7×9·9×5", 1, 7, 9, 5],
      ["k = 0 gives zeros", 1, 3, 0, 4],
      ["k over one block (300) and m over one block (70)", 1, 70, 300, 21],
      ["wide n = 2100 (over one NC block of 2048)", 1, 5, 12, 2100],
      ["batched", 3, 13, 17, 19],
    ];
    for (const [title, batch, m, k, n] of cases) {
      for (const [transA, transB] of [
        [false, false],
        [true, false],
        [false, true],
        [true, true],
      ]) {
        for (const shared of ["none", "a", "b"] as const) {
          if (batch === 1 && shared !== "none") continue;
          it(`${title}, transA ${transA}, transB ${transB}${shared !== "none" ? `, ${shared} shared` : ""}`, () => {
            const aBatched = batch > 1 && shared !== "a";
            const bBatched = batch > 1 && shared !== "b";
            const a = random((aBatched ? batch : 1) * m * k, 3);
            const b = random((bBatched ? batch : 1) * k * n, 4);
            const args = { a, b, batch, m, k, n, transA, transB, aBatched, bBatched };
            const got = noThresholds(() => matmulWasm(args));
            const want = matmulReference({ ...args, a: f64(a)!, b: f64(b)! });
            expect(got).to.be.instanceOf(Float32Array);
            expectClose(got, want, 1e-5, 2e-6 * Math.max(k, 1));
          });
        }
      }
    }
  });

  describe("conv2d, ∂x and ∂w equal the float64 reference", () => {
    const geom = (
      n: number,
      cIn: number,
      h: number,
      w: number,
      cOut: number,
      kh: number,
      kw: number,
      stride: [number, number],
      padding: [number, number, number, number],
      dilation: [number, number],
      groups: number,
    ): Conv2dGeometry => ({
      n,
      cIn,
      h,
      w,
      cOut,
      kh,
      kw,
      stride,
      padding,
      dilation,
      groups,
      outH: Math.floor((h + padding[0] + padding[1] - dilation[0] * (kh - 1) - 1) / stride[0]) + 1,
      outW: Math.floor((w + padding[2] + padding[3] - dilation[1] * (kw - 1) - 1) / stride[1]) + 1,
    });
    const cases: [string, Conv2dGeometry][] = [
      ["3×3 padding 1", geom(2, 3, 7, 6, 8, 3, 3, [1, 1], [1, 1, 1, 1], [1, 1], 1)],
      ["stride 2, asymmetric padding", geom(2, 2, 9, 8, 5, 3, 3, [2, 2], [1, 2, 0, 1], [1, 1], 1)],
      ["stride (1, 3)", geom(1, 2, 8, 11, 3, 3, 2, [1, 3], [0, 0, 1, 1], [1, 1], 1)],
      ["dilation 2", geom(1, 2, 9, 9, 4, 3, 3, [1, 1], [1, 1, 1, 1], [2, 2], 1)],
      ["padding wider than the kernel reach", geom(1, 1, 4, 4, 2, 2, 2, [1, 1], [3, 3, 3, 3], [1, 1], 1)],
      ["groups 2", geom(1, 8, 6, 6, 6, 3, 3, [1, 1], [1, 1, 1, 1], [1, 1], 2)],
      ["depthwise (groups = channels)", geom(2, 3, 6, 6, 3, 3, 3, [1, 1], [1, 1, 1, 1], [1, 1], 3)],
      ["1×1 (no im2col)", geom(2, 5, 4, 3, 7, 1, 1, [1, 1], [0, 0, 0, 0], [1, 1], 1)],
      ["1×1 grouped", geom(1, 4, 3, 3, 6, 1, 1, [1, 1], [0, 0, 0, 0], [1, 1], 2)],
      ["MNIST-sized 5×5, 20 channels", geom(3, 20, 12, 12, 24, 5, 5, [1, 1], [2, 2, 2, 2], [1, 1], 1)],
    ];
    for (const [title, g] of cases) {
      it(title, () => {
        const x = random(g.n * g.cIn * g.h * g.w, 5);
        const w = random(g.cOut * (g.cIn / g.groups) * g.kh * g.kw, 6);
        const bias = random(g.cOut, 7);
        const dy = random(g.n * g.cOut * g.outH * g.outW, 8);
        const k = (g.cIn / g.groups) * g.kh * g.kw;
        const tol = 2e-6 * Math.max(k, g.cOut * g.outH * g.outW);
        const [y, dx, dw] = noThresholds(() => [
          conv2dWasm(x, w, bias, g),
          conv2dGradInputWasm(dy, w, g),
          conv2dGradWeightWasm(x, dy, g),
        ]);
        expectClose(y, conv2dReference(f64(x)!, f64(w)!, f64(bias), g), 1e-5, tol);
        expectClose(conv2dWasm(x, w, null, g), conv2dReference(f64(x)!, f64(w)!, null, g), 1e-5, tol);
        expectClose(dx, conv2dGradInputReference(f64(dy)!, f64(w)!, g), 1e-5, tol);
        expectClose(dw, conv2dGradWeightReference(f64(x)!, f64(dy)!, g), 1e-5, tol * g.n);
      });
    }
  });

  describe("pooling and its gradient equal the reference loops (through the ops, on webasm)", () => {
    // ties (the first winner takes the gradient), NaNs that must win, −∞, and padding that never
    // wins; 18 columns so that 2×2 pooling also runs its 4-lane SIMD path (and a scalar remainder)
    const special = (i: number) =>
      i % 37 === 17 ? NaN : i % 41 === 3 ? -Infinity : i % 5 === 0 ? 2 : i % 11 === 0 ? -0 : Math.sin(i);
    const x = gl.tensor(
      Float32Array.from({ length: 2 * 3 * 9 * 18 }, (_, i) => special(i)),
      [2, 3, 9, 18],
    );
    const cases: [string, (t: gl.Tensor) => gl.Tensor][] = [
      ["maxPool2d 2×2", (t) => gl.maxPool2d(t, 2)],
      [
        "maxPool2d 3×3 stride 2 padding 1 ceilMode",
        (t) => gl.maxPool2d(t, { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }),
      ],
      ["maxPool2d dilation 2", (t) => gl.maxPool2d(t, { kernelSize: 2, stride: 1, dilation: 2 })],
      ["avgPool2d 2×2", (t) => gl.avgPool2d(t, 2)],
      [
        "avgPool2d 3×3 stride 2 padding 1 ceilMode",
        (t) => gl.avgPool2d(t, { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }),
      ],
      [
        "avgPool2d countIncludePad false",
        (t) => gl.avgPool2d(t, { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false }),
      ],
    ];
    for (const [title, f] of cases) {
      it(title, () => {
        const run = () => {
          const leaf = gl.tensor(x.data.slice(), x.shape, { requiresGrad: true });
          const y = f(leaf);
          y.backward(
            gl.tensor(
              Float32Array.from({ length: y.size }, (_, i) => (i % 7) - 3),
              y.shape,
            ),
          );
          return [y, leaf.grad!];
        };
        const [y, dx] = noThresholds(() => withBackend("webasm", run));
        const [yRef, dxRef] = withBackend("reference", run);
        expectClose(y, yRef, 1e-6, 1e-6);
        expectClose(dx, dxRef, 1e-6, 1e-6);
      });
    }
  });

  it("relu and its gradient equal the reference loops bit for bit (NaN, ±0, ±∞; SIMD body and tail)", () => {
    for (const n of [1, 7, 4099]) {
      const x = Float32Array.from(
        { length: n },
        (_, i) => [NaN, -0, 0, Infinity, -Infinity, 1e-30, -1e-30][i % 9] ?? Math.sin(i) * 3,
      );
      const g = Float32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? NaN : Math.cos(i)));
      const [y, dx] = noThresholds(() => [reluWasm(x), reluBackwardWasm(x, g)]);
      // chai's deep equality tells −0 from +0 and NaN equals NaN
      expect(Array.from(y)).to.deep.equal(Array.from(reluReference(x)));
      expect(Array.from(dx)).to.deep.equal(Array.from(reluBackwardReference(x, g)));
    }
  });

  it("moments (the probe's statistics pass) equal the float64 reference loop; a NaN shows in the sums", () => {
    for (const n of [1025, 4099]) {
      const x = Float32Array.from({ length: n }, (_, i) => 100 + Math.sin(i) * 3);
      const y = Float32Array.from({ length: n }, (_, i) => 100 + Math.cos(i));
      for (const other of [null, y]) {
        const K = other ? x[0] - other[0] : x[0];
        const got = momentsWasm(x, other, K);
        const want = momentsReference(x, other, K);
        expect(got.sumD).to.be.closeTo(want.sumD, 1e-9 * n);
        expect(got.sumD2).to.be.closeTo(want.sumD2, 1e-9 * want.sumD2);
        if (!other) expect([got.min, got.max]).to.deep.equal([want.min, want.max]);
      }
    }
    const withNaN = Float32Array.from({ length: 2000 }, (_, i) => (i === 1500 ? NaN : i));
    expect(momentsWasm(withNaN, null, 0).sumD).to.be.NaN;
  });

  it("an op too big for the module's memory runs on the fallback kernel, with the same result", () => {
    const a = gl.randn([300, 200]);
    const b = gl.randn([200, 100]);
    const want = withBackend("reference", () => gl.matmul(a, b));
    const saved = wasmMemoryLimit.bytes;
    wasmMemoryLimit.bytes = 0; // nothing fits
    try {
      expect(() =>
        matmulWasm({
          a: a.data,
          b: b.data,
          batch: 1,
          m: 300,
          k: 200,
          n: 100,
          transA: false,
          transB: false,
          aBatched: false,
          bBatched: false,
        }),
      ).to.throw(WasmMemoryError);
      const got = withBackend("webasm", () => gl.matmul(a, b));
      expectClose(got, want, 1e-4, 1e-4);
    } finally {
      wasmMemoryLimit.bytes = saved;
    }
  });

  it("a result is a fresh array: the next call does not overwrite it", () => {
    const args = (seed: number): MatmulArgs => ({
      a: random(40 * 30, seed),
      b: random(30 * 20, seed + 1),
      batch: 1,
      m: 40,
      k: 30,
      n: 20,
      transA: false,
      transB: false,
      aBatched: false,
      bBatched: false,
    });
    const first = matmulWasm(args(1));
    const copy = first.slice();
    matmulWasm(args(9));
    expect(first).to.deep.equal(copy);
  });

  it("float64 data goes to the reference loops (exact float64 products)", () => {
    const a = Float64Array.from([0.1, 0.7]);
    const b = Float64Array.from([0.3, 0.9]);
    const c = noThresholds(() =>
      matmulWasm({ a, b, batch: 1, m: 1, k: 2, n: 1, transA: false, transB: false, aBatched: false, bBatched: false }),
    );
    expect(c).to.be.instanceOf(Float64Array);
    expect(c[0]).to.equal(0.1 * 0.3 + 0.7 * 0.9);
  });

  it("gpu.js's own webasm kernels (the fallback where this module cannot load) still agree", () => {
    const saved = { ...sizeThresholds.webasm };
    sizeThresholds.webasm = { matmul: 0, conv2d: 0, pool: 0 };
    try {
      const args: MatmulArgs = {
        a: random(9 * 7, 1),
        b: random(7 * 6, 2),
        batch: 1,
        m: 9,
        k: 7,
        n: 6,
        transA: false,
        transB: true,
        aBatched: false,
        bBatched: false,
      };
      expectClose(matmulGpu("webasm", args), matmulReference(args), 1e-4, 1e-4);
      const g: Conv2dGeometry = {
        n: 1,
        cIn: 2,
        h: 6,
        w: 5,
        cOut: 4,
        kh: 3,
        kw: 3,
        outH: 6,
        outW: 5,
        stride: [1, 1],
        padding: [1, 1, 1, 1],
        dilation: [1, 1],
        groups: 1,
      };
      const x = random(60, 3);
      const w = random(72, 4);
      expectClose(conv2dGpu("webasm", x, w, null, g), conv2dReference(x, w, null, g), 1e-4, 1e-4);
    } finally {
      sizeThresholds.webasm = saved;
    }
  });

  it("src/backend/wasm/binary.ts is what assembly/kernels.ts compiles to (npm run build:wasm)", function () {
    this.timeout(60000);
    const r = spawnSync(process.execPath, [path.join(ROOT, "scripts/build-wasm.js"), "--check"], { encoding: "utf8" });
    expect(r.status, r.stdout + r.stderr).to.equal(0);
  });
});
