import { expect } from "chai";
import * as gl from "../../src";
import { GPU_MODES, sizeThresholds, cachedKernelCount, softwareGlReason } from "../../src/backend/gpujs/engine";
import { BackendName, availableBackends, getKernel, kernelsOf, withBackend } from "../../src/backend/registry";
import { wasmConvThreshold } from "../../src/backend/wasm/conv2d";
import { wasmMatmulThreshold } from "../../src/backend/wasm/matmul";
import { wasmPoolThreshold } from "../../src/backend/wasm/pool";
import { expectClose } from "../helpers/close";

/** float32 tolerance of gpu.js kernels vs the reference loops: sums of ≤ a few hundred products of N(0,1) values. */
const RTOL = 1e-4;
const ATOL = 1e-4;

const gpuBackends = availableBackends().filter((b) => b !== "reference");

/**
 * Runs `fn` with every size threshold at 0, so even small inputs go through the backend's kernels
 * (gpu.js's, and on webasm the hand-written WebAssembly matmul, conv2d and pooling).
 */
function withoutThresholds<T>(fn: () => T): T {
  const saved = { ...sizeThresholds };
  const savedWasm = [wasmMatmulThreshold.value, wasmConvThreshold.value, wasmPoolThreshold.value];
  for (const mode of GPU_MODES) sizeThresholds[mode] = { matmul: 0, conv2d: 0, pool: 0 };
  wasmMatmulThreshold.value = wasmConvThreshold.value = wasmPoolThreshold.value = 0;
  try {
    return fn();
  } finally {
    Object.assign(sizeThresholds, saved);
    [wasmMatmulThreshold.value, wasmConvThreshold.value, wasmPoolThreshold.value] = savedWasm;
  }
}

/** The same op on `name` (thresholds off) and on the reference loops. */
function both(name: BackendName, op: () => gl.Tensor | gl.Tensor[]): [gl.Tensor[], gl.Tensor[]] {
  const wrap = (r: gl.Tensor | gl.Tensor[]) => (Array.isArray(r) ? r : [r]);
  return [wrap(withoutThresholds(() => withBackend(name, op))), wrap(withBackend("reference", op))];
}

/** Forward and gradients of `f` at x (and w), for comparing backends. */
function valueAndGrads(f: (...ts: gl.Tensor[]) => gl.Tensor, inputs: gl.Tensor[]): gl.Tensor[] {
  const leaves = inputs.map((t) => gl.tensor(t.data.slice(), t.shape, { requiresGrad: true }));
  const y = f(...leaves);
  gl.seed(11);
  y.backward(gl.randn(y.shape));
  return [y, ...leaves.map((t) => t.grad!)];
}

describe("gpu.js backends", () => {
  it(`the backends available here are listed with a reason for the others (available: ${availableBackends().join(", ")})`, () => {
    const previous = gl.backend().name;
    const info = gl.setBackend("auto"); // the automatic choice explains itself
    gl.setBackend(previous);
    expect(availableBackends()).to.include(info.name);
    expect(info.reason).to.be.a("string").and.not.equal("");
    if (!availableBackends().includes("headlessgl")) expect(info.reason).to.match(/headlessgl: .+/);
  });

  it("auto passes over headless-gl where GL could only run in software (no GPU device node)", () => {
    const previous = gl.backend().name;
    const info = gl.setBackend("auto");
    gl.setBackend(previous);
    const why = softwareGlReason();
    if (why !== null) {
      expect(info.name).to.not.equal("headlessgl");
      expect(info.reason).to.contain("llvmpipe");
    } else if (availableBackends().includes("headlessgl")) {
      expect(info.name).to.equal("headlessgl");
    }
  });

  it("every gpu.js backend has kernels for matmul, conv2d (and both gradients) and pooling", () => {
    for (const name of ["cpu", "webasm", "headlessgl"] as BackendName[]) {
      expect(kernelsOf(name)).to.include.members([
        "matmul",
        "conv2d",
        "conv2dGradInput",
        "conv2dGradWeight",
        "maxPool2d",
        "maxPool2dBackward",
        "avgPool2d",
        "avgPool2dBackward",
      ]);
    }
  });

  it("float64 tensors always run on the reference loops (exact float64 products on every backend)", () => {
    for (const name of gpuBackends) {
      const c = withoutThresholds(() =>
        withBackend(name, () =>
          gl.matmul(
            gl.tensor([[0.1, 0.7]], null, { dtype: "float64" }),
            gl.tensor([[0.3], [0.9]], null, { dtype: "float64" }),
          ),
        ),
      );
      expect(c.dtype).to.equal("float64");
      expect(c.data[0]).to.equal(0.1 * 0.3 + 0.7 * 0.9);
    }
  });

  it("small inputs stay on the reference loops below the measured threshold", () => {
    for (const mode of GPU_MODES) expect(sizeThresholds[mode].matmul).to.be.greaterThan(0);
    if (gpuBackends.length === 0) return;
    const before = cachedKernelCount();
    withBackend(gpuBackends[0], () => gl.matmul(gl.ones([2, 2]), gl.ones([2, 2])));
    expect(cachedKernelCount()).to.equal(before); // no kernel was compiled
    expect(getKernel("matmul", "reference")).to.be.a("function");
  });

  it("a second call with the same shapes reuses the compiled kernel", () => {
    if (gpuBackends.length === 0) return;
    withoutThresholds(() =>
      withBackend(gpuBackends[gpuBackends.length - 1], () => {
        gl.matmul(gl.ones([3, 5]), gl.ones([5, 6]));
        const count = cachedKernelCount();
        gl.matmul(gl.randn([3, 5]), gl.randn([5, 6]));
        expect(cachedKernelCount()).to.equal(count);
      }),
    );
  });
});

for (const name of gpuBackends) {
  describe(`${name} kernels agree with the reference loops (float32, rtol ${RTOL}, atol ${ATOL})`, () => {
    it("matmul: plain, with n not a multiple of 4, batched, shared operand, transposed gradients", () => {
      gl.seed(1);
      const cases: [number[], number[]][] = [
        [
          [7, 9],
          [9, 5],
        ],
        [
          [16, 33],
          [33, 12],
        ],
        [
          [3, 4, 6],
          [3, 6, 7],
        ],
        [
          [2, 5, 8],
          [8, 3],
        ],
      ];
      for (const [as, bs] of cases) {
        const a = gl.randn(as);
        const b = gl.randn(bs);
        const [got, ref] = both(name, () => valueAndGrads(gl.matmul, [a, b]));
        got.forEach((g, i) => expectClose(g, ref[i], RTOL, ATOL));
      }
    });

    const convCases: [string, number[], number[], gl.Conv2dOptions][] = [
      ["3×3 padding 1", [2, 3, 7, 6], [8, 3, 3, 3], { padding: 1 }],
      [
        "stride 2, 5 output channels (a partial block of 4)",
        [2, 2, 9, 8],
        [5, 2, 3, 3],
        { stride: 2, padding: [1, 2] },
      ],
      ["dilation 2", [1, 2, 9, 9], [4, 2, 3, 3], { dilation: 2, padding: 1 }],
      ["'same' with an even kernel, stride 2", [2, 3, 8, 7], [4, 3, 4, 4], { padding: "same", stride: 2 }],
      ["groups 2 with 4 channels per group", [1, 8, 6, 6], [8, 4, 3, 3], { groups: 2, padding: 1 }],
      ["depthwise (runs on the reference loops)", [1, 3, 6, 6], [3, 1, 3, 3], { groups: 3, padding: 1 }],
    ];
    for (const [title, xs, ws, opts] of convCases) {
      it(`conv2d ${title}: output, ∂x, ∂w, ∂bias`, () => {
        gl.seed(2);
        const x = gl.randn(xs);
        const w = gl.randn(ws);
        const b = gl.randn([ws[0]]);
        const [got, ref] = both(name, () => valueAndGrads((xx, ww, bb) => gl.conv2d(xx, ww, bb, opts), [x, w, b]));
        got.forEach((g, i) => expectClose(g, ref[i], RTOL, ATOL));
      });
    }

    const poolCases: [string, (x: gl.Tensor) => gl.Tensor][] = [
      ["maxPool2d 2×2", (x) => gl.maxPool2d(x, 2)],
      [
        "maxPool2d 3×3 stride 2 padding 1 ceilMode",
        (x) => gl.maxPool2d(x, { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }),
      ],
      ["maxPool2d dilation 2", (x) => gl.maxPool2d(x, { kernelSize: 2, stride: 1, dilation: 2 })],
      [
        "avgPool2d 3×3 stride 2 padding 1 ceilMode",
        (x) => gl.avgPool2d(x, { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }),
      ],
      [
        "avgPool2d countIncludePad false",
        (x) => gl.avgPool2d(x, { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false }),
      ],
    ];
    for (const [title, f] of poolCases) {
      it(`${title}: output and ∂x`, () => {
        gl.seed(3);
        const x = gl.randn([2, 3, 9, 8]);
        const [got, ref] = both(name, () => valueAndGrads(f, [x]));
        got.forEach((g, i) => expectClose(g, ref[i], 1e-5, 1e-5));
      });
    }

    it("the same seed gives the same random numbers as on the reference backend", () => {
      gl.seed(5);
      const here = withBackend(name, () => gl.randn([100]));
      gl.seed(5);
      const ref = withBackend("reference", () => gl.randn([100]));
      expect(Array.from(here.data)).to.deep.equal(Array.from(ref.data));
    });
  });
}
