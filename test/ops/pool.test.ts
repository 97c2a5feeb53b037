import { expect } from "chai";
import * as gl from "../../src";
import { withBackend } from "../../src/backend/registry";
import { describeAllBackends } from "../helpers/backends";
import { expectClose } from "../helpers/close";
import { expectCloseToTf, tf, tfReady, toTf } from "../helpers/tfjs";

const nhwc = (x: gl.Tensor): tf.Tensor4D => tf.transpose(toTf(x), [0, 2, 3, 1]) as tf.Tensor4D;
const nchw = (t: tf.Tensor): tf.Tensor => tf.transpose(t, [0, 3, 1, 2]);
/** tfjs explicit padding for NHWC: [[0, 0], [top, bottom], [left, right], [0, 0]]. */
const explicit = (
  top: number,
  bottom: number,
  left: number,
  right: number,
): [[number, number], [number, number], [number, number], [number, number]] => [
  [0, 0],
  [top, bottom],
  [left, right],
  [0, 0],
];

interface Case {
  title: string;
  x: number[];
  pool: (x: gl.Tensor) => gl.Tensor;
  tfPool: (x: tf.Tensor4D) => tf.Tensor;
  /** Why the gradient is not compared with tfjs (gradcheck covers it then). */
  forwardOnly?: string;
}

const cases: Case[] = [
  {
    title: "max 2×2 (stride = kernelSize)",
    x: [2, 3, 8, 6],
    pool: (x) => gl.maxPool2d(x, { kernelSize: 2 }),
    tfPool: (x) => tf.maxPool(x, 2, 2, "valid"),
  },
  {
    title: "max 3×3, stride 2, padding 1 (overlapping, as in AlexNet/ResNet)",
    x: [2, 2, 9, 8],
    pool: (x) => gl.maxPool2d(x, { kernelSize: 3, stride: 2, padding: 1 }),
    tfPool: (x) => tf.maxPool(x, 3, 2, explicit(1, 1, 1, 1)),
  },
  // ceilMode adds one more window at the end; for max that is the same as extra padding there
  {
    title: "max 2×2 with ceilMode on 7×5",
    x: [1, 2, 7, 5],
    pool: (x) => gl.maxPool2d(x, { kernelSize: 2, ceilMode: true }),
    tfPool: (x) => tf.maxPool(x, 2, 2, explicit(0, 1, 0, 1)),
  },
  {
    title: "max 2×2 with dilation 2",
    x: [1, 2, 8, 7],
    pool: (x) => gl.maxPool2d(x, { kernelSize: 2, stride: 1, dilation: 2 }),
    tfPool: (x) => tf.pool(x, 2, "max", "valid", 2, 1),
  },
  {
    title: "avg 2×2",
    x: [2, 3, 6, 8],
    pool: (x) => gl.avgPool2d(x, { kernelSize: 2 }),
    tfPool: (x) => tf.avgPool(x, 2, 2, "valid"),
  },
  // TensorFlow divides by the real inputs only: PyTorch's countIncludePad: false
  {
    title: "avg 3×3, stride 2, padding 1, countIncludePad false",
    x: [1, 2, 7, 7],
    pool: (x) => gl.avgPool2d(x, { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false }),
    tfPool: (x) => tf.avgPool(x, 3, 2, explicit(1, 1, 1, 1)),
    forwardOnly: "tfjs's avgPool gradient divides every window by kh·kw, even windows its forward divided by fewer",
  },
  {
    title: "avg 2×2 with ceilMode on 5×7, countIncludePad false",
    x: [1, 1, 5, 7],
    pool: (x) => gl.avgPool2d(x, { kernelSize: 2, ceilMode: true, countIncludePad: false }),
    tfPool: (x) => tf.avgPool(x, 2, 2, explicit(0, 1, 0, 1)),
    forwardOnly: "tfjs's avgPool gradient divides every window by kh·kw, even windows its forward divided by fewer",
  },
];

describeAllBackends("pooling agrees with TensorFlow.js (rtol 1e-5, atol 1e-5)", () => {
  before(() => tfReady());

  for (const c of cases) {
    it(`${c.title}: ${c.forwardOnly ? `output (∂x not compared: ${c.forwardOnly})` : "output and ∂x"}`, () => {
      gl.seed(5);
      const x = gl.randn(c.x, { requiresGrad: true });
      const y = c.pool(x);
      const r = gl.randn(y.shape);
      y.backward(r);
      const f = (xt: tf.Tensor) => nchw(c.tfPool(xt as tf.Tensor4D));
      expectCloseToTf(y, f(nhwc(x)), 1e-5, 1e-5);
      if (c.forwardOnly) return;
      const dx = tf.grad((xt: tf.Tensor) => tf.sum(tf.mul(f(xt), toTf(r))))(nhwc(x));
      expectCloseToTf(x.grad!, nchw(dx), 1e-5, 1e-5);
    });
  }

  it("a larger map (B8, 16 channels, 28×28, max and avg 2×2) matches the reference loops", () => {
    gl.seed(6);
    const x = gl.randn([8, 16, 28, 28]);
    for (const pool of [
      (t: gl.Tensor) => gl.maxPool2d(t, 2),
      (t: gl.Tensor) => gl.avgPool2d(t, { kernelSize: 3, stride: 2, padding: 1 }),
    ]) {
      expectClose(
        pool(x),
        withBackend("reference", () => pool(x)),
        1e-5,
        1e-6,
      );
    }
  });
});

describe("pooling gradients by finite differences (float64)", () => {
  const configs: [string, (x: gl.Tensor) => gl.Tensor][] = [
    ["maxPool2d 3×3 stride 2 padding 1", (x) => gl.maxPool2d(x, { kernelSize: 3, stride: 2, padding: 1 })],
    ["maxPool2d 2×2 ceilMode", (x) => gl.maxPool2d(x, { kernelSize: 2, ceilMode: true })],
    ["maxPool2d dilation 2", (x) => gl.maxPool2d(x, { kernelSize: 2, stride: 1, dilation: 2 })],
    [
      "avgPool2d 3×3 stride 2 padding 1 (padding counted)",
      (x) => gl.avgPool2d(x, { kernelSize: 3, stride: 2, padding: 1 }),
    ],
    [
      "avgPool2d 2×2 ceilMode, padding not counted",
      (x) => gl.avgPool2d(x, { kernelSize: 2, ceilMode: true, countIncludePad: false }),
    ],
    [
      "avgPool2d 3×3 stride 2 padding 1 ceilMode (padding counted)",
      (x) => gl.avgPool2d(x, { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }),
    ],
    ["globalAvgPool2d", (x) => gl.globalAvgPool2d(x)],
  ];
  for (const [title, f] of configs) {
    it(`${title} passes gradcheck`, () => {
      gl.seed(7);
      // distinct values spaced apart, so no max-pool window has a near-tie that a finite difference could flip
      const x = gl.tensor(
        new gl.Generator(7).permutation(2 * 2 * 7 * 7).map((v) => v * 0.1),
        [2, 2, 7, 7],
      );
      const r = gl.gradcheck(f, [x], { eps: 1e-4 });
      expect(r.ok, `max relative error ${r.maxRelError}`).to.equal(true);
    });
  }
});

describe("pooling output sizes and values", () => {
  it("ceilMode rounds up, but the last window must start inside the input or the left padding", () => {
    // 5 rows, kernel 2, stride 2, padding 1: floor gives 3; ceil would give 4, but window 4 would
    // start at row 6 − 1 = 5, past the input: PyTorch (and gradlab) drop it -> 3
    const x = gl.randn([1, 1, 5, 5]);
    expect(gl.maxPool2d(x, { kernelSize: 2, padding: 1 }).shape).to.deep.equal([1, 1, 3, 3]);
    expect(gl.maxPool2d(x, { kernelSize: 2, padding: 1, ceilMode: true }).shape).to.deep.equal([1, 1, 3, 3]);
    expect(gl.maxPool2d(x, { kernelSize: 2, ceilMode: true }).shape).to.deep.equal([1, 1, 3, 3]);
    expect(gl.maxPool2d(x, { kernelSize: 2 }).shape).to.deep.equal([1, 1, 2, 2]);
  });
  it("stride defaults to kernelSize; overlapping 3×3/2 pooling of 13×13 gives 6×6 (AlexNet)", () => {
    expect(gl.maxPool2d(gl.zeros([1, 1, 28, 28]), 2).shape).to.deep.equal([1, 1, 14, 14]);
    expect(gl.maxPool2d(gl.zeros([1, 1, 13, 13]), { kernelSize: 3, stride: 2 }).shape).to.deep.equal([1, 1, 6, 6]);
  });
  it("avgPool2d counts zero padding in the divisor by default (PyTorch), not with countIncludePad false", () => {
    const x = gl.ones([1, 1, 2, 2]);
    // 3×3 windows at stride 1 with padding 1: every window holds the 4 ones and 5 padding zeros
    expectClose(gl.avgPool2d(x, { kernelSize: 3, stride: 1, padding: 1 }), gl.full([1, 1, 2, 2], 4 / 9));
    expectClose(
      gl.avgPool2d(x, { kernelSize: 3, stride: 1, padding: 1, countIncludePad: false }),
      gl.ones([1, 1, 2, 2]),
    );
  });
  it("avgPool2d with ceilMode divides the last window by its part inside the padded input (ones stay ones)", () => {
    expectClose(gl.avgPool2d(gl.ones([1, 1, 5, 5]), { kernelSize: 2, ceilMode: true }), gl.ones([1, 1, 3, 3]));
  });
  it("maxPool2d sends the gradient to the winner of each window only", () => {
    const x = gl.tensor([1, 5, 2, 0, 3, 4, 9, 8, 7, 6, 1, 2, 0, 0, 3, 1], [1, 1, 4, 4], { requiresGrad: true });
    gl.sum(gl.maxPool2d(x, 2)).backward();
    expect(x.grad!.toList()).to.deep.equal([0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0]);
  });
  it("overlapping max windows that share a winner add their gradients", () => {
    const x = gl.tensor([0, 0, 0, 0, 9, 0, 0, 0, 0], [1, 1, 3, 3], { requiresGrad: true });
    gl.sum(gl.maxPool2d(x, { kernelSize: 2, stride: 1 })).backward();
    expect(x.grad!.toList()).to.deep.equal([0, 0, 0, 0, 4, 0, 0, 0, 0]);
  });
  it("the JSDoc examples run", () => {
    const x = gl.arange(16).reshape([1, 1, 4, 4]);
    expect(gl.maxPool2d(x, { kernelSize: 2 }).toArray()).to.deep.equal([
      [
        [
          [5, 7],
          [13, 15],
        ],
      ],
    ]);
    expect(gl.avgPool2d(x, { kernelSize: 2 }).toArray()).to.deep.equal([
      [
        [
          [2.5, 4.5],
          [10.5, 12.5],
        ],
      ],
    ]);
    expect(gl.globalAvgPool2d(gl.ones([2, 3, 4, 4])).shape).to.deep.equal([2, 3, 1, 1]);
  });
  it("a 3-D input [C, H, W] is pooled as one image", () => {
    expect(gl.maxPool2d(gl.zeros([3, 8, 8]), 2).shape).to.deep.equal([3, 4, 4]);
    expect(gl.avgPool2d(gl.zeros([3, 8, 8]), 2).shape).to.deep.equal([3, 4, 4]);
  });
});

describe("pooling errors teach", () => {
  const x = gl.zeros([1, 1, 6, 6]);
  const cases: [string, () => unknown, typeof gl.ShapeError | typeof gl.ArgumentError, RegExp][] = [
    [
      "padding more than half the window",
      () => gl.maxPool2d(x, { kernelSize: 2, padding: 2 }),
      gl.ArgumentError,
      /'padding'.*at most half/,
    ],
    [
      "a window larger than the padded input",
      () => gl.maxPool2d(x, { kernelSize: 7 }),
      gl.ShapeError,
      /fits in the padded input \(6×6\)/,
    ],
    ["a 2-D input", () => gl.maxPool2d(gl.zeros([6, 6]), 2), gl.ShapeError, /4-D input/],
    ["no kernelSize", () => gl.avgPool2d(x, {} as gl.AvgPool2dOptions), gl.ArgumentError, /kernelSize/],
    ["kernelSize 0", () => gl.avgPool2d(x, 0), gl.ArgumentError, /'kernelSize'.*≥ 1/],
    [
      "a fractional stride",
      () => gl.maxPool2d(x, { kernelSize: 2, stride: 1.5 }),
      gl.ArgumentError,
      /'stride'.*whole number/,
    ],
    ["negative padding", () => gl.avgPool2d(x, { kernelSize: 3, padding: -1 }), gl.ArgumentError, /'padding'/],
    [
      "dilation on avgPool2d",
      () => gl.avgPool2d(x, { kernelSize: 2, dilation: 2 } as gl.AvgPool2dOptions),
      gl.ArgumentError,
      /'dilation'.*no dilation/,
    ],
  ];
  for (const [title, call, type, pattern] of cases) {
    it(title, () => {
      expect(call).to.throw(type, pattern);
    });
  }
});
