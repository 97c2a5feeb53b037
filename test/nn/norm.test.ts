import { expect } from "chai";
import * as gl from "../../src";
import { BatchNorm1d, BatchNorm2d, kerasToTorchMomentum } from "../../src/nn/norm/batchnorm";
import { GroupNorm } from "../../src/nn/norm/groupnorm";
import { InstanceNorm2d } from "../../src/nn/norm/instancenorm";
import { LayerNorm } from "../../src/nn/norm/layernorm";
import { normalizeGroups, scaleShiftGroups } from "../../src/nn/norm/fusedNormalize";
import { normalize } from "../../src/nn/norm/normalize";
import { describeAllBackends } from "../helpers/backends";
import { expectClose } from "../helpers/close";
import { expectCloseToTf, tf, tfReady, toTf } from "../helpers/tfjs";
import { gradcheckModule } from "./util";

/** Float64 per-channel mean and biased/unbiased variance of x[:, c, ...] computed by plain loops. */
function channelStats(x: gl.Tensor): { mean: number[]; biased: number[]; unbiased: number[] } {
  const [N, C] = x.shape;
  const inner = x.size / N / C;
  const mean: number[] = [];
  const biased: number[] = [];
  const unbiased: number[] = [];
  for (let c = 0; c < C; c++) {
    const vals: number[] = [];
    for (let n = 0; n < N; n++) for (let i = 0; i < inner; i++) vals.push(x.data[(n * C + c) * inner + i]);
    const mu = vals.reduce((p, q) => p + q, 0) / vals.length;
    const ss = vals.reduce((p, q) => p + (q - mu) ** 2, 0);
    mean.push(mu);
    biased.push(ss / vals.length);
    unbiased.push(ss / (vals.length - 1));
  }
  return { mean, biased, unbiased };
}

/** Random γ, β so the affine part is exercised. */
function randomizeAffine(m: { weight: gl.Tensor | null; bias: gl.Tensor | null }): void {
  m.weight!.data.set(gl.randn(m.weight!.shape, { mean: 1, std: 0.3 }).data);
  m.bias!.data.set(gl.randn(m.bias!.shape, { std: 0.3 }).data);
}

describeAllBackends("nn norms vs tfjs", () => {
  before(() => tfReady());
  beforeEach(() => gl.seed(3));

  it("BatchNorm2d (train) forward and gradients match tf.moments + tf.batchNorm", () => {
    const bn = new BatchNorm2d(3);
    randomizeAffine(bn);
    const x = gl.randn([4, 3, 2, 2], { mean: 2, std: 3, requiresGrad: true });
    const r = gl.randn([4, 3, 2, 2]);
    const y = bn.forward(x);
    gl.sum(gl.mul(y, r)).backward();
    // tf.batchNorm indexes its vectors along the last axis (NHWC), so go through channels-last
    const f = (xt: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor => {
      const nhwc = tf.transpose(xt, [0, 2, 3, 1]);
      const { mean, variance } = tf.moments(nhwc, [0, 1, 2]);
      return tf.transpose(tf.batchNorm(nhwc, mean, variance, b, g, 1e-5), [0, 3, 1, 2]);
    };
    const args = [toTf(x), toTf(bn.weight!), toTf(bn.bias!)];
    expectCloseToTf(y, f(args[0], args[1], args[2]));
    const [dx, dg, db] = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(f(a, b, c), toTf(r))))(
      args,
    );
    expectCloseToTf(x.grad!, dx, 1e-3, 1e-4);
    expectCloseToTf(bn.weight!.grad!, dg, 1e-3, 1e-4);
    expectCloseToTf(bn.bias!.grad!, db, 1e-3, 1e-4);
  });

  it("LayerNorm forward and gradients match tf.moments over the last axis", () => {
    const ln = new LayerNorm(6);
    randomizeAffine(ln);
    const x = gl.randn([5, 6], { std: 2, requiresGrad: true });
    const r = gl.randn([5, 6]);
    const y = ln.forward(x);
    gl.sum(gl.mul(y, r)).backward();
    const f = (xt: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor => {
      const { mean, variance } = tf.moments(xt, [1], true);
      return tf.add(tf.mul(tf.div(tf.sub(xt, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
    };
    const args = [toTf(x), toTf(ln.weight!), toTf(ln.bias!)];
    expectCloseToTf(y, f(args[0], args[1], args[2]));
    const [dx, dg, db] = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(f(a, b, c), toTf(r))))(
      args,
    );
    expectCloseToTf(x.grad!, dx, 1e-3, 1e-4);
    expectCloseToTf(ln.weight!.grad!, dg, 1e-3, 1e-4);
    expectCloseToTf(ln.bias!.grad!, db, 1e-3, 1e-4);
  });

  it("InstanceNorm2d and GroupNorm forward match tf.moments over their axes", () => {
    const x = gl.randn([2, 4, 3, 3], { std: 2 });
    const xt = toTf(x);
    const inst = tf.moments(xt, [2, 3], true);
    expectCloseToTf(
      new InstanceNorm2d(4).forward(x),
      tf.div(tf.sub(xt, inst.mean), tf.sqrt(tf.add(inst.variance, 1e-5))),
    );
    const g = tf.reshape(xt, [2, 2, 18]);
    const grp = tf.moments(g, [2], true);
    const expected = tf.reshape(tf.div(tf.sub(g, grp.mean), tf.sqrt(tf.add(grp.variance, 1e-5))), [2, 4, 3, 3]);
    expectCloseToTf(new GroupNorm(2, 4).forward(x), expected);
  });
});

describe("nn norms: gradients, statistics, modes", () => {
  beforeEach(() => gl.seed(4));

  it("the fused normalization the layers run equals the composite definition, values and gradients", () => {
    // [shape, axes of the composite, the fused view A, B, D]
    const layouts: [number[], number[], number, number, number][] = [
      [[4, 3, 2, 5], [0, 2, 3], 4, 3, 10], // BatchNorm2d
      [[6, 3], [0], 6, 3, 1], // BatchNorm1d
      [[4, 7], [1], 1, 4, 7], // LayerNorm
      [[2, 3, 4, 4], [2, 3], 1, 6, 16], // InstanceNorm2d
    ];
    for (const [shape, axes, A, B, D] of layouts) {
      const x0 = gl.randn(shape, { mean: 1, std: 2, dtype: "float64" });
      const r = gl.randn(shape, { dtype: "float64" });
      const x1 = x0.detach().requiresGrad_();
      const x2 = x0.detach().requiresGrad_();
      const composite = normalize(x1, axes, 1e-5);
      const fused = normalizeGroups(x2, A, B, D, 1e-5);
      expectClose(fused.xHat, composite.xHat, 1e-10, 1e-12);
      expectClose(fused.mean, composite.mean.data, 1e-10, 1e-12);
      expectClose(fused.variance, composite.variance.data, 1e-10, 1e-12);
      gl.sum(gl.mul(composite.xHat, r)).backward();
      gl.sum(gl.mul(fused.xHat, r)).backward();
      expectClose(x2.grad!, x1.grad!, 1e-8, 1e-10);
    }
    const g = gl.randn([2, 4, 3]); // GroupNorm: groups of 2 channels = the composite over [N, G, rest]
    const viaComposite = normalize(gl.reshape(g, [2, 2, 6]), [2], 1e-5).xHat;
    expectClose(normalizeGroups(g, 1, 4, 6, 1e-5).xHat.data, viaComposite.data, 1e-5, 1e-6);
    expect(gl.gradcheck((t) => normalizeGroups(t, 2, 3, 2, 1e-5).xHat, [gl.randn([2, 3, 2])]).ok).to.equal(true);
  });

  it("BatchNorm's fused scale-and-shift equals add(mul(x̂, γ), β), values and gradients, and passes gradcheck", () => {
    for (const [shape, A, B, D] of [
      [[4, 3, 2, 5], 4, 3, 10],
      [[6, 3], 6, 3, 1],
    ] as [number[], number, number, number][]) {
      const x0 = gl.randn(shape, { dtype: "float64" });
      const w0 = gl.randn([B], { dtype: "float64" });
      const b0 = gl.randn([B], { dtype: "float64" });
      const r = gl.randn(shape, { dtype: "float64" });
      const [x1, w1, b1, x2, w2, b2] = [x0, w0, b0, x0, w0, b0].map((t) => t.detach().requiresGrad_());
      const view = [1, B, ...shape.slice(2).map(() => 1)];
      const composite = gl.add(gl.mul(x1, gl.reshape(w1, view)), gl.reshape(b1, view));
      const fused = scaleShiftGroups(x2, w2, b2, A, B, D);
      expectClose(fused, composite, 1e-12, 1e-12);
      gl.sum(gl.mul(composite, r)).backward();
      gl.sum(gl.mul(fused, r)).backward();
      expectClose(x2.grad!, x1.grad!, 1e-12, 1e-12);
      expectClose(w2.grad!, w1.grad!, 1e-10, 1e-12);
      expectClose(b2.grad!, b1.grad!, 1e-10, 1e-12);
    }
    const [x, w, b] = [gl.randn([2, 3, 4]), gl.randn([3]), gl.randn([3])];
    expect(gl.gradcheck((t, u, v) => scaleShiftGroups(t, u, v, 2, 3, 4), [x, w, b]).ok).to.equal(true);
  });

  it("every norm passes gradcheck w.r.t. input, γ and β", () => {
    const cases: [gl.nn.Module, gl.Tensor][] = [
      [new BatchNorm1d(3), gl.randn([5, 3])],
      [new BatchNorm1d(2), gl.randn([3, 2, 4])],
      [new BatchNorm2d(2), gl.randn([3, 2, 2, 2])],
      [new LayerNorm([2, 3]), gl.randn([2, 2, 3])],
      [new InstanceNorm2d(2, { affine: true }), gl.randn([2, 2, 2, 3])],
      [new GroupNorm(2, 4), gl.randn([2, 4, 2, 2])],
    ];
    for (const [m, x] of cases) {
      const ps = m.parameters();
      for (const p of ps) p.data.set(gl.randn(p.shape, { mean: 0.5 }).data);
      const r = gradcheckModule(m, x, { tol: 1e-5 });
      expect(r.ok, `${m.constructor.name}: max rel error ${r.maxRelError}`).to.equal(true);
    }
  });

  it("BatchNorm normalizes with the biased batch variance: per channel mean 0, biased variance σ²/(σ²+ε)", () => {
    const bn = new BatchNorm1d(3, { eps: 1e-5 });
    const x = gl.randn([8, 3], { mean: 5, std: 2 });
    expect(bn.lastStats.count, "no statistics before the first forward").to.equal(0);
    const s = channelStats(x);
    const y = channelStats(bn.forward(x));
    for (let c = 0; c < 3; c++) {
      expect(y.mean[c]).to.be.closeTo(0, 1e-5);
      expect(y.biased[c]).to.be.closeTo(s.biased[c] / (s.biased[c] + 1e-5), 1e-4);
    }
    expectClose(bn.lastStats.mean, s.mean, 1e-5);
    expectClose(bn.lastStats.variance, s.biased, 1e-4);
    expect(bn.lastStats.axes).to.deep.equal([0]);
    expect(bn.lastStats.count).to.equal(8);
  });

  it("BatchNorm running statistics over 3 steps follow running = 0.9·running + 0.1·batch, with the unbiased variance", () => {
    const bn = new BatchNorm2d(2);
    const rm = [0, 0];
    const rv = [1, 1];
    for (let step = 0; step < 3; step++) {
      const x = gl.randn([3, 2, 2, 2], { mean: step, std: 1 + step });
      bn.forward(x);
      const s = channelStats(x);
      for (let c = 0; c < 2; c++) {
        rm[c] = 0.9 * rm[c] + 0.1 * s.mean[c];
        rv[c] = 0.9 * rv[c] + 0.1 * s.unbiased[c]; // n/(n−1) with n = 3·2·2 = 12
      }
    }
    expectClose(bn.runningMean, rm, 1e-5);
    expectClose(bn.runningVar, rv, 1e-5);
    expect(bn.numBatchesTracked.item()).to.equal(3);
  });

  it("BatchNorm momentum: Keras's 0.99 is PyTorch's 0.01; null is a cumulative average", () => {
    expect(kerasToTorchMomentum(0.99)).to.be.closeTo(0.01, 1e-12);
    const keras = new BatchNorm1d(2, { kerasMomentum: 0.99 });
    const torch = new BatchNorm1d(2, { momentum: 0.01 });
    const x = gl.randn([6, 2], { mean: 3 });
    keras.forward(x);
    torch.forward(x);
    expectClose(keras.runningMean, torch.runningMean);
    expectClose(keras.runningMean, gl.mul(gl.mean(x, 0), 0.01), 1e-5);
    const cumulative = new BatchNorm1d(1, { momentum: null });
    const a = gl.tensor([[1], [3]]);
    const b = gl.tensor([[5], [7]]);
    cumulative.forward(a);
    cumulative.forward(b);
    expect(cumulative.runningMean.item()).to.be.closeTo(4, 1e-6); // mean of batch means 2 and 6
    expect(() => new BatchNorm1d(2, { momentum: 0.1, kerasMomentum: 0.9 })).to.throw(gl.ArgumentError, /not both/);
    expect(() => new BatchNorm1d(2, { momentum: 1.5 })).to.throw(gl.ArgumentError, /kerasMomentum/);
  });

  it("BatchNorm eval uses the running statistics: y = γ(x − running mean)/√(running var + ε) + β, independent of the batch", () => {
    const bn = new BatchNorm1d(2);
    randomizeAffine(bn);
    for (let i = 0; i < 5; i++) bn.forward(gl.randn([4, 2], { mean: 2, std: 3 }));
    bn.eval();
    const x = gl.randn([3, 2]);
    const y = bn.forward(x);
    const expected = x.toList().map((v, i) => {
      const c = i % 2;
      return (
        (bn.weight!.data[c] * (v - bn.runningMean.data[c])) / Math.sqrt(bn.runningVar.data[c] + 1e-5) + bn.bias!.data[c]
      );
    });
    expectClose(y, expected, 1e-5);
    expect(bn.lastStats.normalizedWith).to.equal("running");
    // the first row alone gives the same output as inside the batch
    expectClose(bn.forward(gl.tensor([x.toList().slice(0, 2)])), expected.slice(0, 2), 1e-5);
    bn.train();
    expect(bn.forward(x).toList()).not.to.deep.equal(y.toList());
  });

  it("BatchNorm with trackRunningStats: false always uses batch statistics", () => {
    const bn = new BatchNorm1d(2, { trackRunningStats: false });
    const x = gl.randn([4, 2]);
    const train = bn.forward(x).toList();
    bn.eval();
    expect(bn.forward(x).toList()).to.deep.equal(train);
    expect(bn.namedBuffers()).to.deep.equal([]);
  });

  it("BatchNorm errors teach: wrong channels, images into BatchNorm1d, single value per channel", () => {
    expect(() => new BatchNorm2d(3).forward(gl.randn([2, 4, 2, 2]))).to.throw(gl.ShapeError, /BatchNorm2d\(4\)/);
    expect(() => new BatchNorm1d(3).forward(gl.randn([2, 3, 2, 2]))).to.throw(gl.ShapeError, /BatchNorm2d for images/);
    expect(() => new BatchNorm1d(3).forward(gl.randn([1, 3]))).to.throw(gl.ShapeError, /more than 1 value per channel/);
    const bn = new BatchNorm1d(3).eval();
    expect(bn.forward(gl.randn([1, 3])).shape).to.deep.equal([1, 3]);
  });

  it("LayerNorm statistics are per sample and do not depend on the batch or the mode", () => {
    const ln = new LayerNorm(4);
    const x = gl.randn([3, 4], { mean: 1, std: 2 });
    const y = ln.forward(x);
    expect(ln.lastStats.shape).to.deep.equal([3]);
    const row = gl.tensor([x.toList().slice(4, 8)]);
    ln.eval();
    expectClose(ln.forward(row), y.toList().slice(4, 8), 1e-5);
    expect(() => ln.forward(gl.randn([3, 5]))).to.throw(gl.ShapeError, /last 1 axes are \[4\]/);
  });

  it("GroupNorm with G = C is InstanceNorm and with G = 1 is LayerNorm over (C, H, W)", () => {
    const x = gl.randn([2, 4, 3, 3], { mean: 1, std: 2 });
    expectClose(new GroupNorm(4, 4, { affine: false }).forward(x), new InstanceNorm2d(4).forward(x), 1e-4, 1e-5);
    expectClose(
      new GroupNorm(1, 4, { affine: false }).forward(x),
      new LayerNorm([4, 3, 3], { elementwiseAffine: false }).forward(x),
      1e-4,
      1e-5,
    );
    const gn = new GroupNorm(2, 4);
    gn.forward(x);
    expect(gn.lastStats.shape).to.deep.equal([2, 2]);
    expect(gn.lastStats.groups).to.equal(2);
    expect(() => new GroupNorm(3, 8)).to.throw(gl.ArgumentError, /\[1, 2, 4, 8\]/);
  });

  it("InstanceNorm2d has no parameters by default (like PyTorch) and can track running statistics", () => {
    expect(new InstanceNorm2d(3).parameters().length).to.equal(0);
    const inorm = new InstanceNorm2d(2, { trackRunningStats: true });
    const x = gl.randn([2, 2, 3, 3], { mean: 4 });
    inorm.forward(x);
    const m = inorm.lastStats.mean; // [N, C]
    expectClose(inorm.runningMean, [0.1 * ((m[0] + m[2]) / 2), 0.1 * ((m[1] + m[3]) / 2)], 1e-5);
    inorm.eval();
    expect(inorm.forward(x).shape).to.deep.equal([2, 2, 3, 3]);
    expect(inorm.lastStats.normalizedWith).to.equal("running");
  });
});
