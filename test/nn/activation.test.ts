import { expect } from "chai";
import * as gl from "../../src";
import * as act from "../../src/nn/activation";
import { describeAllBackends } from "../helpers/backends";
import { expectClose } from "../helpers/close";
import { expectCloseToTf, tf, tfReady, toTf } from "../helpers/tfjs";
import { gradcheckModule } from "./util";

describeAllBackends("activation modules vs tfjs", () => {
  before(() => tfReady());
  beforeEach(() => gl.seed(31));

  it("each module's forward and input gradient match tfjs", () => {
    const cases: [gl.nn.Module, (x: tf.Tensor) => tf.Tensor][] = [
      [new act.Sigmoid(), tf.sigmoid],
      [new act.Tanh(), tf.tanh],
      [new act.ReLU(), tf.relu],
      [new act.ReLU6(), tf.relu6],
      [new act.LeakyReLU(0.2), (x) => tf.leakyRelu(x, 0.2)],
      [new act.ELU(), tf.elu],
      [new act.SELU(), tf.selu],
      [new act.Softplus(), tf.softplus],
      [new act.SiLU(), (x) => tf.mul(x, tf.sigmoid(x))],
      [new act.Mish(), (x) => tf.mul(x, tf.tanh(tf.softplus(x)))],
      [new act.Softmax(), (x) => tf.softmax(x)],
      [new act.LogSoftmax(), (x) => tf.logSoftmax(x)],
      [new act.PReLU(), (x) => tf.prelu(x, tf.scalar(0.25))],
    ];
    const x0 = gl.randn([4, 5], { std: 2 });
    const r = gl.randn([4, 5]);
    for (const [m, f] of cases) {
      const x = x0.detach().requiresGrad_();
      const y = m.forward(x);
      gl.sum(gl.mul(y, r)).backward();
      expectCloseToTf(y, f(toTf(x0)));
      expectCloseToTf(x.grad!, tf.grad((t: tf.Tensor) => tf.sum(tf.mul(f(t), toTf(r))))(toTf(x0)), 1e-3, 1e-4);
    }
  });

  it("per-channel PReLU matches tf.prelu with one slope per channel (NCHW → NHWC)", () => {
    const m = new act.PReLU(3);
    m.weight.data.set([0.1, 0.5, -0.3]);
    const x = gl.randn([2, 3, 2, 2]);
    const nhwc = tf.transpose(toTf(x), [0, 2, 3, 1]);
    const expected = tf.transpose(tf.prelu(nhwc, tf.tensor1d([0.1, 0.5, -0.3])), [0, 3, 1, 2]);
    expectCloseToTf(m.forward(x), expected);
  });
});

describe("activation modules: f/f′ pairs, PReLU, RReLU", () => {
  beforeEach(() => gl.seed(32));

  it("f and df are the table's pair and agree with the forward pass and autograd", () => {
    const mods: act.ElementwiseActivation[] = [
      new act.Sigmoid(),
      new act.Tanh(),
      new act.ReLU(),
      new act.LeakyReLU(0.1),
      new act.ELU(0.5),
      new act.SELU(),
      new act.GELU(),
      new act.GELU({ approximate: "tanh" }),
      new act.SiLU(),
      new act.Swish(2),
      new act.Mish(),
      new act.Softplus(),
    ];
    const xs = [-2.5, -0.7, 0.3, 1.9];
    for (const m of mods) {
      const x = gl.tensor(xs, null, { requiresGrad: true, dtype: "float64" });
      const y = m.forward(x);
      gl.sum(y).backward();
      expectClose(
        y,
        xs.map((v) => m.f(v)),
        1e-6,
      );
      expectClose(
        x.grad!,
        xs.map((v) => m.df(v)),
        1e-6,
      );
      expect(m.formula.length).to.be.above(3);
      expect(m.dformula.length).to.be.above(3);
    }
    expect(new act.Sigmoid().df(0)).to.equal(0.25);
    expect(new act.LeakyReLU(0.2).toString()).to.equal("LeakyReLU(alpha=0.2)");
    expect(new act.Softmax().jacobian([0, 0])).to.deep.equal([
      [0.25, -0.25],
      [-0.25, 0.25],
    ]);
  });

  it("PReLU learns its slope: ∂L/∂a = Σ min(x, 0)·upstream; gradcheck w.r.t. x and a (shared and per channel)", () => {
    const m = new act.PReLU();
    const x = gl.tensor([-2, 3, -1]);
    gl.sum(m.forward(x)).backward();
    expectClose(m.weight.grad!, [-3]);
    expect(gradcheckModule(new act.PReLU(), gl.randn([3, 4])).ok).to.equal(true);
    const per = new act.PReLU(2, 0.1);
    per.weight.data.set([0.1, -0.4]);
    expect(gradcheckModule(per, gl.randn([2, 2, 3])).ok).to.equal(true);
    expect(() => per.forward(gl.randn([2, 3]))).to.throw(gl.ShapeError, /one slope per channel/);
    expect(m.df(-1)).to.be.closeTo(0.25, 1e-7);
  });

  it("RReLU: random slopes in [lower, upper] per negative element in train mode, (lower+upper)/2 in eval", () => {
    const m = new act.RReLU();
    const x = gl.full([2000], -1, { requiresGrad: true });
    const y = m.forward(x);
    const slopes = y.toList().map((v) => -v);
    expect(Math.min(...slopes)).to.be.at.least(1 / 8);
    expect(Math.max(...slopes)).to.be.at.most(1 / 3);
    const mean = slopes.reduce((a, b) => a + b, 0) / slopes.length;
    const sd = (1 / 3 - 1 / 8) / Math.sqrt(12);
    expect(Math.abs(mean - (1 / 8 + 1 / 3) / 2)).to.be.below((4 * sd) / Math.sqrt(2000));
    gl.sum(y).backward();
    expectClose(x.grad!, m.lastSlopes!); // the gradient uses the same slopes
    expectClose(m.forward(gl.tensor([2, 0])), [2, 0]); // positives pass through
    m.eval();
    expectClose(m.forward(gl.tensor([-24, 5])), [-24 * (11 / 48), 5], 1e-6);
    gl.seed(5);
    const a = new act.RReLU().forward(gl.full([5], -1)).toList();
    gl.seed(5);
    expect(new act.RReLU().forward(gl.full([5], -1)).toList()).to.deep.equal(a);
    expect(() => new act.RReLU(0.5, 0.1)).to.throw(gl.ArgumentError, /lower ≤ upper/);
  });
});

describe("the one list of activations (nn/activation.ts activationModules)", () => {
  it("holds every activation class of the file, under its own class name, each with its kind", () => {
    const classes = Object.entries(act).filter(
      ([name, v]) => typeof v === "function" && v.prototype instanceof gl.nn.Module && name !== "ElementwiseActivation",
    );
    expect(Object.keys(act.activationModules).sort()).to.deep.equal(classes.map(([n]) => n).sort());
    for (const [name, cls] of Object.entries(act.activationModules)) expect(cls.name).to.equal(name);
    const kinds = Object.fromEntries(Object.keys(act.activationModules).map((n) => [n, gl.probe.kindOf(n)]));
    expect(kinds).to.deep.include({ Tanh: "tanh", Hardtanh: "tanh", Sigmoid: "sigmoid", ReLU: "relu", PReLU: "relu" });
    expect(kinds).to.deep.include({ RReLU: "relu", ReLU6: "relu", LeakyReLU: "relu", GELU: "none", Softmax: "none" });
    expect(gl.probe.kindOf("Hardsigmoid"), "not a gradlab class").to.equal("none");
  });

  it("summary reads a learnable activation (PReLU, with a parameter) as a layer that keeps the shape", () => {
    const model = new gl.nn.Sequential([new gl.nn.Linear(4, 3), new gl.nn.PReLU(), new gl.nn.Linear(3, 2)]);
    const rows = gl.summary(model, [1, 4]).rows;
    const prelu = rows.find((r) => r.type === "PReLU")!;
    expect(prelu.outputShape).to.deep.equal([1, 3]);
    expect(prelu.params).to.equal(1);
  });
});
