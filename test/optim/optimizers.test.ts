import { expect } from "chai";
import * as gl from "../../src";
import { Adagrad } from "../../src/optim/adagrad";
import { Adam, AdamW } from "../../src/optim/adam";
import { Optimizer } from "../../src/optim/optimizer";
import { RMSProp } from "../../src/optim/rmsprop";
import { SGD } from "../../src/optim/sgd";
import { expectClose } from "../helpers/close";
import { tf, tfReady } from "../helpers/tfjs";

/** One scalar parameter θ with loss ½θ², so g = θ: each step's expected value is written out below. */
function run(make: (ps: gl.Tensor[]) => Optimizer<gl.optim.BaseOptions>, theta0: number, steps = 3): number[] {
  const p = gl.tensor([theta0], null, { requiresGrad: true, dtype: "float64" });
  const opt = make([p]);
  const out: number[] = [];
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad();
    gl.mul(gl.square(p), 0.5).sum().backward();
    opt.step();
    out.push(p.data[0]);
  }
  return out;
}

describe("optimizers: the first 3 steps follow PyTorch's documented formulas", () => {
  it("SGD: θ ← θ − lr·g", () => {
    // g = θ: θ₁ = 1 − 0.1·1 = 0.9, θ₂ = 0.9·0.9 = 0.81, θ₃ = 0.729
    expectClose(
      run((ps) => new SGD(ps, { lr: 0.1 }), 1),
      [0.9, 0.81, 0.729],
      1e-12,
    );
  });

  it("SGD with momentum 0.9: b₁ = g₁, bₜ = μbₜ₋₁ + gₜ", () => {
    const t1 = 1 - 0.1 * 1; // b = 1
    const b2 = 0.9 * 1 + t1; // 1.8
    const t2 = t1 - 0.1 * b2;
    const b3 = 0.9 * b2 + t2;
    const t3 = t2 - 0.1 * b3;
    expectClose(
      run((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9 }), 1),
      [t1, t2, t3],
      1e-12,
    );
  });

  it("SGD with Nesterov, dampening and weight decay", () => {
    // nesterov: g' = g + μb
    const b1 = 1;
    const t1 = 1 - 0.1 * (1 + 0.9 * b1);
    const b2 = 0.9 * b1 + t1;
    const t2 = t1 - 0.1 * (t1 + 0.9 * b2);
    const b3 = 0.9 * b2 + t2;
    const t3 = t2 - 0.1 * (t2 + 0.9 * b3);
    expectClose(
      run((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9, nesterov: true }), 1),
      [t1, t2, t3],
      1e-12,
    );
    // dampening τ = 0.5 (not applied on the first step), weight decay λ = 0.1: g = θ + 0.1θ = 1.1θ
    const d1 = 1.1;
    const u1 = 1 - 0.1 * d1;
    const d2 = 0.9 * d1 + 0.5 * 1.1 * u1;
    const u2 = u1 - 0.1 * d2;
    const d3 = 0.9 * d2 + 0.5 * 1.1 * u2;
    const u3 = u2 - 0.1 * d3;
    expectClose(
      run((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9, dampening: 0.5, weightDecay: 0.1 }), 1),
      [u1, u2, u3],
      1e-12,
    );
  });

  it("Adam: bias-corrected moments, eps outside the square root", () => {
    const [b1, b2, lr, eps] = [0.9, 0.999, 0.1, 1e-8];
    let theta = 2;
    let m = 0;
    let v = 0;
    const expected: number[] = [];
    for (let t = 1; t <= 3; t++) {
      const g = theta;
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      theta -= (lr * (m / (1 - b1 ** t))) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
      expected.push(theta);
    }
    // step 1 moves by lr·g/|g| = lr exactly (up to eps): Adam's first steps have size lr
    expect(expected[0]).to.be.closeTo(1.9, 1e-7);
    expectClose(
      run((ps) => new Adam(ps, { lr }), 2),
      expected,
      1e-12,
    );
  });

  it("Adam's weightDecay is added to the gradient; AdamW shrinks θ by lr·λ·θ first", () => {
    const lr = 0.1;
    const wd = 0.5;
    // Adam step 1: g = θ + λθ = 3 (θ = 2); m̂ = g, v̂ = g² → θ₁ = 2 − lr·g/(|g| + eps) ≈ 1.9
    expect(run((ps) => new Adam(ps, { lr, weightDecay: wd }), 2, 1)[0]).to.be.closeTo(1.9, 1e-7);
    // AdamW step 1: θ ← 2·(1 − 0.1·0.5) = 1.9, then Adam with g = 2 (the gradient before decay): 1.9 − 0.1 = 1.8
    expect(run((ps) => new AdamW(ps, { lr, weightDecay: wd }), 2, 1)[0]).to.be.closeTo(1.8, 1e-7);
    expect(new AdamW([gl.zeros([1])]).defaults.weightDecay).to.equal(0.01);
  });

  it("Adam with amsgrad keeps the largest second moment", () => {
    // gradients 3, then 0.1, 0.1: v shrinks, v_max keeps v₁; θ is fixed by a linear loss g·θ
    const p = gl.tensor([0], null, { requiresGrad: true, dtype: "float64" });
    const opt = new Adam([p], { lr: 0.1, amsgrad: true, betas: [0.5, 0.5] });
    const gs = [3, 0.1, 0.1];
    let m = 0;
    let v = 0;
    let vMax = 0;
    let theta = 0;
    gs.forEach((g, i) => {
      const t = i + 1;
      opt.zeroGrad();
      gl.mul(p, g).sum().backward();
      opt.step();
      m = 0.5 * m + 0.5 * g;
      v = 0.5 * v + 0.5 * g * g;
      vMax = Math.max(vMax, v);
      theta -= (0.1 * (m / (1 - 0.5 ** t))) / (Math.sqrt(vMax / (1 - 0.5 ** t)) + 1e-8);
      expect(p.data[0]).to.be.closeTo(theta, 1e-12);
    });
  });

  it("RMSProp: v ← αv + (1−α)g², θ ← θ − lr·g/(√v + ε); centered and momentum variants", () => {
    const [a, lr, eps] = [0.9, 0.01, 1e-8];
    const plain: number[] = [];
    const centered: number[] = [];
    const withMomentum: number[] = [];
    let [t1, t2, t3] = [1, 1, 1];
    let [v1, v2, v3, gAvg, buf] = [0, 0, 0, 0, 0];
    for (let t = 0; t < 3; t++) {
      v1 = a * v1 + (1 - a) * t1 * t1;
      t1 -= (lr * t1) / (Math.sqrt(v1) + eps);
      plain.push(t1);
      v2 = a * v2 + (1 - a) * t2 * t2;
      gAvg = a * gAvg + (1 - a) * t2;
      t2 -= (lr * t2) / (Math.sqrt(v2 - gAvg * gAvg) + eps);
      centered.push(t2);
      v3 = a * v3 + (1 - a) * t3 * t3;
      buf = 0.5 * buf + t3 / (Math.sqrt(v3) + eps);
      t3 -= lr * buf;
      withMomentum.push(t3);
    }
    expectClose(
      run((ps) => new RMSProp(ps, { lr, alpha: a }), 1),
      plain,
      1e-12,
    );
    expectClose(
      run((ps) => new RMSProp(ps, { lr, alpha: a, centered: true }), 1),
      centered,
      1e-12,
    );
    expectClose(
      run((ps) => new RMSProp(ps, { lr, alpha: a, momentum: 0.5 }), 1),
      withMomentum,
      1e-12,
    );
  });

  it("Adagrad: s ← s + g², θ ← θ − lr/(1 + (t−1)·lrDecay)·g/(√s + ε)", () => {
    let theta = 1;
    let s = 0.1;
    const expected: number[] = [];
    for (let t = 1; t <= 3; t++) {
      const g = theta;
      s += g * g;
      theta -= ((0.5 / (1 + (t - 1) * 0.1)) * g) / (Math.sqrt(s) + 1e-10);
      expected.push(theta);
    }
    expectClose(
      run((ps) => new Adagrad(ps, { lr: 0.5, lrDecay: 0.1, initialAccumulatorValue: 0.1 }), 1),
      expected,
      1e-12,
    );
  });
});

describe("optimizers vs tfjs's tf.train (3 steps on the same quadratic loss)", () => {
  before(() => tfReady());

  /** loss = Σ c·(θ − a)², c and a fixed; both frameworks take their own gradients. */
  function compare(ours: (ps: gl.Tensor[]) => Optimizer<gl.optim.BaseOptions>, theirs: () => tf.Optimizer): void {
    gl.seed(21);
    const a = gl.randn([6]);
    const c = gl.rand([6], { low: 0.5, high: 2 });
    const init = gl.randn([6], { std: 2 });
    const p = gl.tensor(init.data.slice(), [6], { requiresGrad: true });
    const opt = ours([p]);
    const v = tf.variable(tf.tensor(Float32Array.from(init.data)));
    const tfOpt = theirs();
    const at = tf.tensor(Float32Array.from(a.data));
    const ct = tf.tensor(Float32Array.from(c.data));
    for (let step = 0; step < 3; step++) {
      opt.zeroGrad();
      gl.sum(gl.mul(c, gl.square(gl.sub(p, a)))).backward();
      opt.step();
      tfOpt.minimize(() => tf.sum(tf.mul(ct, tf.square(tf.sub(v, at)))) as tf.Scalar);
      expectClose(p.data, v.dataSync(), 1e-4, 1e-5);
    }
  }

  it("SGD = tf.train.sgd", () =>
    compare(
      (ps) => new SGD(ps, { lr: 0.05 }),
      () => tf.train.sgd(0.05),
    ));
  it("SGD momentum (and Nesterov) = tf.train.momentum", () => {
    compare(
      (ps) => new SGD(ps, { lr: 0.05, momentum: 0.9 }),
      () => tf.train.momentum(0.05, 0.9),
    );
    compare(
      (ps) => new SGD(ps, { lr: 0.05, momentum: 0.9, nesterov: true }),
      () => tf.train.momentum(0.05, 0.9, true),
    );
  });
  it("Adam = tf.train.adam (same formula; tfjs's default eps is 1e-7, so we pass ours)", () => {
    compare(
      (ps) => new Adam(ps, { lr: 0.1 }),
      () => tf.train.adam(0.1, 0.9, 0.999, 1e-8),
    );
  });
  it("RMSProp ≈ tf.train.rmsprop (tfjs puts eps inside the root; negligible here with eps = 1e-8 and g² ≫ eps)", () => {
    compare(
      (ps) => new RMSProp(ps, { lr: 0.01, alpha: 0.9 }),
      () => tf.train.rmsprop(0.01, 0.9, 0, 1e-8),
    );
    compare(
      (ps) => new RMSProp(ps, { lr: 0.01, alpha: 0.9, momentum: 0.5, centered: true }),
      () => tf.train.rmsprop(0.01, 0.9, 0.5, 1e-8, true),
    );
  });
  it("Adagrad ≈ tf.train.adagrad (tfjs: initial accumulator 0.1 and eps 1e-7 inside the root)", () => {
    compare(
      (ps) => new Adagrad(ps, { lr: 0.1, initialAccumulatorValue: 0.1 }),
      () => tf.train.adagrad(0.1, 0.1),
    );
  });
});

describe("optimizer machinery", () => {
  it("param groups take their own options; namedParameters give names", () => {
    const model = new gl.nn.Sequential([new gl.nn.Linear(2, 3), new gl.nn.Linear(3, 1)]);
    const [l0, l1] = model.layers as gl.nn.Linear[];
    const opt = new SGD([{ params: l0.namedParameters("0") }, { params: l1.parameters(), lr: 0.5 }], { lr: 0.1 });
    expect(opt.paramGroups.map((g) => g.lr)).to.deep.equal([0.1, 0.5]);
    expect(opt.paramGroups.map((g) => g.names)).to.deep.equal([
      ["0.weight", "0.bias"],
      ["param2", "param3"],
    ]);
    const before = [l0.weight.toList(), l1.weight.toList()];
    gl.sum(model.forward(gl.randn([4, 2]))).backward();
    const grads = [l0.weight.grad!.toList(), l1.weight.grad!.toList()];
    opt.step();
    // θ_new = θ_old − lr·g with each group's own lr
    [0.1, 0.5].forEach((lr, k) =>
      expectClose(
        [l0, l1][k].weight.toList(),
        before[k].map((w, i) => w - lr * grads[k][i]),
        1e-6,
      ),
    );
  });

  it("zeroGrad clears gradients; parameters without a gradient are not touched", () => {
    const a = gl.tensor([1], null, { requiresGrad: true });
    const b = gl.tensor([1], null, { requiresGrad: true });
    const opt = new Adam([a, b], { lr: 0.1 });
    gl.mul(a, 2).sum().backward();
    opt.step();
    expect(b.data[0]).to.equal(1);
    expect(a.data[0]).to.be.closeTo(0.9, 1e-6);
    opt.zeroGrad();
    expect(a.grad).to.equal(null);
  });

  it("bad arguments get teaching errors", () => {
    const ps = [gl.zeros([1], { requiresGrad: true })];
    expect(() => new SGD(ps, { lr: -0.1 })).to.throw(gl.ArgumentError, /climbs the loss/);
    expect(() => new SGD(ps, { lr: 0.1, momentum: 1 })).to.throw(gl.ArgumentError, /momentum.*\[0, 1\)/);
    expect(() => new SGD(ps, { lr: 0.1, momentum: -0.5 })).to.throw(gl.ArgumentError, /momentum/);
    expect(() => new SGD(ps, { lr: 0.1, nesterov: true })).to.throw(gl.ArgumentError, /momentum > 0/);
    expect(() => new Adam(ps, { betas: [0.9, 1] })).to.throw(gl.ArgumentError, /betas\[1\]/);
    expect(() => new Adam(ps, { betas: [-0.1, 0.999] })).to.throw(gl.ArgumentError, /betas\[0\]/);
    expect(() => new RMSProp(ps, { alpha: 1.2 })).to.throw(gl.ArgumentError, /alpha/);
    expect(() => new Adam([], {})).to.throw(gl.ArgumentError, /non-empty/);
    expect(() => new SGD([ps[0], ps[0]], { lr: 0.1 })).to.throw(gl.ArgumentError, /twice/);
    expect(() => new SGD([{ params: ps, lr: -1 }], { lr: 0.1 })).to.throw(gl.ArgumentError, /param group 0/);
  });
});
