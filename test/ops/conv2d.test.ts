import { expect } from "chai";
import * as gl from "../../src";
import { withBackend } from "../../src/backend/registry";
import { describeAllBackends } from "../helpers/backends";
import { expectClose } from "../helpers/close";
import { expectCloseToTf, tf, tfReady, toTf } from "../helpers/tfjs";

/** gradlab NCHW tensor -> tfjs NHWC. */
const nhwc = (x: gl.Tensor): tf.Tensor4D => tf.transpose(toTf(x), [0, 2, 3, 1]) as tf.Tensor4D;
/** gradlab weight [Cout, Cin, kh, kw] -> tfjs filter HWIO. */
const hwio = (w: gl.Tensor): tf.Tensor4D => tf.transpose(toTf(w), [2, 3, 1, 0]) as tf.Tensor4D;
/** tfjs NHWC -> NCHW, to compare with gradlab. */
const nchw = (t: tf.Tensor): tf.Tensor => tf.transpose(t, [0, 3, 1, 2]);

interface Case {
  title: string;
  x: number[];
  w: number[];
  opts: gl.Conv2dOptions;
  /** The same convolution in tfjs, on NHWC input and HWIO filter. */
  tfConv: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D;
  /** tfjs has no gradient for this case (dilation > 1): compare the output only (gradcheck covers the gradient). */
  forwardOnly?: boolean;
}

const cases: Case[] = [
  {
    title: "3×3, padding 1",
    x: [2, 3, 7, 6],
    w: [4, 3, 3, 3],
    opts: { padding: 1 },
    tfConv: (x, w) =>
      tf.conv2d(x, w, 1, [
        [0, 0],
        [1, 1],
        [1, 1],
        [0, 0],
      ]),
  },
  {
    title: "stride 2, padding [1, 2]",
    x: [2, 2, 9, 8],
    w: [3, 2, 3, 3],
    opts: { stride: 2, padding: [1, 2] },
    tfConv: (x, w) =>
      tf.conv2d(x, w, 2, [
        [0, 0],
        [1, 1],
        [2, 2],
        [0, 0],
      ]),
  },
  {
    title: "dilation 2",
    x: [1, 2, 9, 9],
    w: [3, 2, 3, 3],
    opts: { dilation: 2, padding: 1 },
    tfConv: (x, w) =>
      tf.conv2d(
        x,
        w,
        1,
        [
          [0, 0],
          [1, 1],
          [1, 1],
          [0, 0],
        ],
        "NHWC",
        2,
      ),
    forwardOnly: true,
  },
  {
    title: "'same' with an even 4×4 kernel (asymmetric padding)",
    x: [1, 2, 7, 8],
    w: [2, 2, 4, 4],
    opts: { padding: "same" },
    tfConv: (x, w) => tf.conv2d(x, w, 1, "same"),
  },
  {
    title: "'same' with stride 2 (TensorFlow's SAME)",
    x: [2, 2, 9, 10],
    w: [3, 2, 3, 3],
    opts: { stride: 2, padding: "same" },
    tfConv: (x, w) => tf.conv2d(x, w, 2, "same"),
  },
  {
    title: "'valid' with a 2×3 kernel",
    x: [2, 1, 6, 7],
    w: [2, 1, 2, 3],
    opts: { padding: "valid" },
    tfConv: (x, w) => tf.conv2d(x, w, 1, "valid"),
  },
  {
    title: "groups 2 (two independent halves)",
    x: [2, 4, 6, 6],
    w: [6, 2, 3, 3],
    opts: { groups: 2, padding: 1 },
    tfConv: (x, w) => {
      const [x0, x1] = tf.split(x, 2, 3);
      const [w0, w1] = tf.split(w, 2, 3);
      return tf.concat(
        [tf.conv2d(x0 as tf.Tensor4D, w0 as tf.Tensor4D, 1, 1), tf.conv2d(x1 as tf.Tensor4D, w1 as tf.Tensor4D, 1, 1)],
        3,
      );
    },
  },
];

describeAllBackends("conv2d agrees with TensorFlow.js (rtol 1e-4, atol 1e-4)", () => {
  before(() => tfReady());

  for (const c of cases) {
    it(`${c.title}: ${c.forwardOnly ? "output (tfjs has no gradient for dilation > 1)" : "output, ∂x, ∂w and ∂bias"}`, () => {
      gl.seed(1);
      const x = gl.randn(c.x, { requiresGrad: true });
      const w = gl.randn(c.w, { requiresGrad: true });
      const b = gl.randn([c.w[0]], { requiresGrad: true });
      const y = gl.conv2d(x, w, b, c.opts);
      const r = gl.randn(y.shape); // a random upstream gradient checks the whole vector-Jacobian product
      y.backward(r);

      const bT = toTf(b);
      const f = (xt: tf.Tensor, wt: tf.Tensor) => nchw(tf.add(c.tfConv(xt as tf.Tensor4D, wt as tf.Tensor4D), bT));
      expectCloseToTf(y, f(nhwc(x), hwio(w)), 1e-4, 1e-4);
      if (c.forwardOnly) return;
      const [dx, dw] = tf.grads((xt: tf.Tensor, wt: tf.Tensor) => tf.sum(tf.mul(f(xt, wt), toTf(r))))([
        nhwc(x),
        hwio(w),
      ]);
      expectCloseToTf(x.grad!, nchw(dx), 1e-4, 1e-4);
      expectCloseToTf(w.grad!, tf.transpose(dw, [3, 2, 0, 1]), 1e-4, 1e-4);
      expectCloseToTf(b.grad!, tf.sum(toTf(r), [0, 2, 3]), 1e-4, 1e-4);
    });
  }

  it("groups = channels is a depthwise convolution (tf.depthwiseConv2d), channel multiplier 2", () => {
    gl.seed(2);
    const x = gl.randn([2, 3, 6, 5], { requiresGrad: true });
    const w = gl.randn([6, 1, 3, 3], { requiresGrad: true }); // output channel c·2 + m reads input channel c
    const y = gl.conv2d(x, w, null, { groups: 3, padding: 1 });
    const r = gl.randn(y.shape);
    y.backward(r);
    // tfjs depthwise filter: [kh, kw, C, multiplier]
    const f = (xt: tf.Tensor, wt: tf.Tensor) => nchw(tf.depthwiseConv2d(xt as tf.Tensor4D, wt as tf.Tensor4D, 1, 1));
    const wT = tf.transpose(tf.reshape(toTf(w), [3, 2, 3, 3]), [2, 3, 0, 1]);
    expectCloseToTf(y, f(nhwc(x), wT), 1e-4, 1e-4);
    const [dx, dw] = tf.grads((xt: tf.Tensor, wt: tf.Tensor) => tf.sum(tf.mul(f(xt, wt), toTf(r))))([nhwc(x), wT]);
    expectCloseToTf(x.grad!, nchw(dx), 1e-4, 1e-4);
    expectCloseToTf(w.grad!, tf.reshape(tf.transpose(dw, [2, 3, 0, 1]), [6, 1, 3, 3]), 1e-4, 1e-4);
  });

  it("a larger layer (B8, 16→16 channels, 14×14, 'same') matches the reference loops", () => {
    gl.seed(3);
    const x = gl.randn([8, 16, 14, 14]);
    const w = gl.randn([16, 16, 3, 3]);
    const here = gl.conv2d(x, w, null, { padding: "same" });
    const ref = withBackend("reference", () => gl.conv2d(x, w, null, { padding: "same" }));
    expectClose(here, ref, 1e-4, 1e-4);
  });
});

describe("conv2d gradients by finite differences (float64)", () => {
  const configs: [string, number[], number[], gl.Conv2dOptions][] = [
    ["padding 1", [2, 2, 5, 5], [3, 2, 3, 3], { padding: 1 }],
    ["stride 2 with padding", [1, 2, 7, 6], [2, 2, 3, 3], { stride: 2, padding: 1 }],
    ["dilation 2", [1, 1, 7, 7], [2, 1, 3, 3], { dilation: 2, padding: 2 }],
    ["groups 2", [1, 4, 5, 5], [4, 2, 3, 3], { groups: 2, padding: "same" }],
    ["'same' with an even kernel", [1, 2, 5, 6], [2, 2, 2, 2], { padding: "same" }],
  ];
  for (const [title, xs, ws, opts] of configs) {
    it(`${title}: ∂x, ∂w and ∂bias pass gradcheck`, () => {
      gl.seed(4);
      const r = gl.gradcheck((x, w, b) => gl.conv2d(x, w, b, opts), [gl.randn(xs), gl.randn(ws), gl.randn([ws[0]])]);
      expect(r.ok, `max relative error ${r.maxRelError} at ${JSON.stringify(r.worst)}`).to.equal(true);
      expect(r.perInput).to.have.length(3);
    });
  }
});

describe("conv2d output sizes", () => {
  const size = (h: number, k: number, opts: gl.Conv2dOptions) =>
    gl.conv2d(gl.zeros([1, 1, h, h]), gl.zeros([1, 1, k, k]), null, opts).shape.slice(2);

  it("128 input, 3×3 kernel, stride 2, padding 1 gives 64 (floor((128 + 2 − 3)/2) + 1)", () => {
    expect(size(128, 3, { stride: 2, padding: 1 })).to.deep.equal([64, 64]);
  });
  it("padding 'same' keeps H and W for odd and even kernels and with dilation", () => {
    expect(size(28, 3, { padding: "same" })).to.deep.equal([28, 28]);
    expect(size(28, 4, { padding: "same" })).to.deep.equal([28, 28]);
    expect(size(28, 3, { padding: "same", dilation: 3 })).to.deep.equal([28, 28]);
  });
  it("padding 'same' with stride 2 gives ceil(in / 2), as TensorFlow's SAME", () => {
    expect(size(28, 3, { padding: "same", stride: 2 })).to.deep.equal([14, 14]);
    expect(size(27, 3, { padding: "same", stride: 2 })).to.deep.equal([14, 14]);
  });
  it("'valid' shrinks by k − 1; dilation 2 makes a 3×3 kernel span 5×5", () => {
    expect(size(28, 5, { padding: "valid" })).to.deep.equal([24, 24]);
    expect(size(28, 3, { dilation: 2 })).to.deep.equal([24, 24]);
  });
  it("'same' with an even kernel pads the extra row at the bottom, like PyTorch", () => {
    // 1×1 input of value 1 at the top-left of a 2×2 kernel window that reaches down/right
    const x = gl.tensor([1, 2, 3, 4], [1, 1, 2, 2]);
    const w = gl.tensor([1, 0, 0, 0], [1, 1, 2, 2]); // picks the window's top-left: no shift
    expect(gl.conv2d(x, w, null, { padding: "same" }).toList()).to.deep.equal([1, 2, 3, 4]);
  });
  it("a 3-D input [C, H, W] is a batch of one", () => {
    expect(gl.conv2d(gl.zeros([3, 8, 8]), gl.zeros([4, 3, 3, 3])).shape).to.deep.equal([4, 6, 6]);
  });
  it("the JSDoc example runs", () => {
    const x = gl.randn([1, 1, 28, 28]);
    const w = gl.randn([8, 1, 3, 3]);
    expect(gl.conv2d(x, w, null, { padding: 1 }).shape).to.deep.equal([1, 8, 28, 28]);
    expect(gl.conv2d(x, w, null, { stride: 2, padding: 1 }).shape).to.deep.equal([1, 8, 14, 14]);
  });
});

describe("conv2d errors teach", () => {
  const x = gl.zeros([2, 3, 8, 8]);
  const w = gl.zeros([8, 3, 3, 3]);
  const cases: [string, () => unknown, typeof gl.ShapeError | typeof gl.ArgumentError, RegExp][] = [
    [
      "an RGB image into a grayscale conv suggests grayscale or Conv2d(3, 8, 3)",
      () => gl.conv2d(x, gl.zeros([8, 1, 3, 3])),
      gl.ShapeError,
      /1 channel on axis 1.*3 channels.*grayscale.*Conv2d\(3, 8, 3\)/,
    ],
    [
      "channels-last input suggests permute",
      () => gl.conv2d(gl.zeros([2, 8, 8, 3]), w),
      gl.ShapeError,
      /NHWC.*permute\(x, \[0, 3, 1, 2\]\)/,
    ],
    [
      "a 2-D image suggests reshape to [1, 1, H, W]",
      () => gl.conv2d(gl.zeros([8, 8]), w),
      gl.ShapeError,
      /4-D input.*reshape\(x, \[1, 1, 8, 8\]\)/,
    ],
    [
      "a 2-D weight is named a Linear weight",
      () => gl.conv2d(x, gl.zeros([8, 27])),
      gl.ShapeError,
      /4-D weight.*Linear/,
    ],
    [
      "groups that do not divide the channels",
      () => gl.conv2d(x, gl.zeros([8, 1, 3, 3]), null, { groups: 2 }),
      gl.ArgumentError,
      /'groups'.*divides.*3/,
    ],
    ["groups 0", () => gl.conv2d(x, w, null, { groups: 0 }), gl.ArgumentError, /'groups'.*≥ 1/],
    ["a fractional stride", () => gl.conv2d(x, w, null, { stride: 1.5 }), gl.ArgumentError, /'stride'.*whole number/],
    ["stride 0", () => gl.conv2d(x, w, null, { stride: 0 }), gl.ArgumentError, /'stride'.*≥ 1/],
    ["negative padding", () => gl.conv2d(x, w, null, { padding: -1 }), gl.ArgumentError, /'padding'.*≥ 0/],
    [
      "an unknown padding mode",
      () => gl.conv2d(x, w, null, { padding: "SAME" as "same" }),
      gl.ArgumentError,
      /'padding'.*lower case/,
    ],
    ["dilation 0", () => gl.conv2d(x, w, null, { dilation: [1, 0] }), gl.ArgumentError, /'dilation'/],
    [
      "a kernel larger than the padded input",
      () => gl.conv2d(gl.zeros([1, 3, 2, 2]), w),
      gl.ShapeError,
      /fits in the padded input \(2×2.*3×3 kernel/,
    ],
    [
      "a dilated kernel larger than the input says how far it spans",
      () => gl.conv2d(gl.zeros([1, 3, 4, 4]), w, null, { dilation: 2 }),
      gl.ShapeError,
      /spanning 5×5/,
    ],
    ["a bias of the wrong length", () => gl.conv2d(x, w, gl.zeros([3])), gl.ShapeError, /'bias'.*8 values/],
    [
      "an array instead of a tensor",
      () => gl.conv2d([1, 2] as unknown as gl.Tensor, w),
      gl.ArgumentError,
      /'x'.*Tensor/,
    ],
  ];
  for (const [title, call, type, pattern] of cases) {
    it(title, () => {
      expect(call).to.throw(type, pattern);
    });
  }
});
