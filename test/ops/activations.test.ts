import { expect } from "chai";
import * as gl from "../../src";
import { describeAllBackends } from "../helpers/backends";
import { expectClose } from "../helpers/close";
import { tf } from "../helpers/tfjs";
import { beforeTf, expectGradcheck, itMatchesTf, randomInputs } from "./harness";

const SHAPE = [6, 7];

describeAllBackends("activations vs TensorFlow.js (rtol 1e-4)", () => {
  beforeTf();

  itMatchesTf("sigmoid", () => ({
    inputs: randomInputs(1, [SHAPE]).map((x) => gl.mul(x, 4)),
    gl: gl.sigmoid,
    tf: (x) => tf.sigmoid(x),
  }));
  itMatchesTf("tanh", () => ({
    inputs: randomInputs(2, [SHAPE]).map((x) => gl.mul(x, 2)),
    gl: gl.tanh,
    tf: (x) => tf.tanh(x),
  }));
  itMatchesTf("relu", () => ({ inputs: randomInputs(3, [SHAPE], "awayFromZero"), gl: gl.relu, tf: (x) => tf.relu(x) }));
  itMatchesTf("leakyRelu with the default alpha 0.01", () => ({
    inputs: randomInputs(4, [SHAPE], "awayFromZero"),
    gl: (x) => gl.leakyRelu(x),
    tf: (x) => tf.leakyRelu(x, 0.01),
  }));
  itMatchesTf("leakyRelu with alpha 0.2", () => ({
    inputs: randomInputs(5, [SHAPE], "awayFromZero"),
    gl: (x) => gl.leakyRelu(x, 0.2),
    tf: (x) => tf.leakyRelu(x, 0.2),
  }));
  itMatchesTf("elu", () => ({
    inputs: randomInputs(6, [SHAPE], "awayFromZero"),
    gl: (x) => gl.elu(x),
    tf: (x) => tf.elu(x),
  }));
  itMatchesTf("elu with alpha 0.5 (tfjs composite: relu(x) + α(e^min(x, 0) − 1))", () => ({
    inputs: randomInputs(7, [SHAPE], "awayFromZero"),
    gl: (x) => gl.elu(x, 0.5),
    tf: (x) => tf.add(tf.relu(x), tf.mul(0.5, tf.sub(tf.exp(tf.minimum(x, 0)), 1))),
  }));
  itMatchesTf("selu", () => ({ inputs: randomInputs(8, [SHAPE], "awayFromZero"), gl: gl.selu, tf: (x) => tf.selu(x) }));
  itMatchesTf("gelu (exact; tfjs composite x·½(1 + erf(x/√2)))", () => ({
    inputs: randomInputs(9, [SHAPE]).map((x) => gl.mul(x, 2)),
    gl: (x) => gl.gelu(x),
    tf: (x) => tf.mul(x, tf.mul(0.5, tf.add(1, tf.erf(tf.div(x, Math.SQRT2))))),
  }));
  itMatchesTf("gelu with approximate 'tanh' (tfjs composite)", () => ({
    inputs: randomInputs(10, [SHAPE]).map((x) => gl.mul(x, 2)),
    gl: (x) => gl.gelu(x, { approximate: "tanh" }),
    tf: (x) =>
      tf.mul(
        tf.mul(0.5, x),
        tf.add(1, tf.tanh(tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3)))))),
      ),
  }));
  itMatchesTf("silu (tfjs composite x·σ(x))", () => ({
    inputs: randomInputs(11, [SHAPE]).map((x) => gl.mul(x, 3)),
    gl: (x) => gl.silu(x),
    tf: (x) => tf.mul(x, tf.sigmoid(x)),
  }));
  itMatchesTf("silu with beta 1.7 (swish)", () => ({
    inputs: randomInputs(12, [SHAPE]).map((x) => gl.mul(x, 3)),
    gl: (x) => gl.silu(x, 1.7),
    tf: (x) => tf.mul(x, tf.sigmoid(tf.mul(1.7, x))),
  }));
  itMatchesTf("mish (tfjs composite x·tanh(softplus(x)))", () => ({
    inputs: randomInputs(13, [SHAPE]).map((x) => gl.mul(x, 3)),
    gl: gl.mish,
    tf: (x) => tf.mul(x, tf.tanh(tf.softplus(x))),
  }));
  itMatchesTf("softplus", () => ({
    inputs: randomInputs(14, [SHAPE]).map((x) => gl.mul(x, 5)),
    gl: (x) => gl.softplus(x),
    tf: (x) => tf.softplus(x),
  }));
  itMatchesTf("softplus with beta 2 ((1/β)·softplus(βx))", () => ({
    inputs: randomInputs(15, [SHAPE]).map((x) => gl.mul(x, 5)),
    gl: (x) => gl.softplus(x, { beta: 2 }),
    tf: (x) => tf.div(tf.softplus(tf.mul(x, 2)), 2),
  }));
  itMatchesTf("relu6", () => ({
    inputs: randomInputs(16, [SHAPE], "awayFromZero").map((x) => gl.mul(x, 4)),
    gl: gl.relu6,
    tf: (x) => tf.relu6(x),
  }));
  itMatchesTf("hardtanh (tfjs clipByValue)", () => ({
    inputs: randomInputs(17, [SHAPE]).map((x) => gl.mul(x, 2)),
    gl: (x) => gl.hardtanh(x),
    tf: (x) => tf.clipByValue(x, -1, 1),
  }));
  itMatchesTf("softmax over the last axis", () => ({
    inputs: randomInputs(18, [[5, 4, 6]]).map((x) => gl.mul(x, 3)),
    gl: (x) => gl.softmax(x),
    tf: (x) => tf.softmax(x),
  }));
  itMatchesTf("softmax over axis 0 (tfjs: transpose, softmax, transpose back)", () => ({
    inputs: randomInputs(19, [[5, 4]]),
    gl: (x) => gl.softmax(x, 0),
    tf: (x) => tf.transpose(tf.softmax(tf.transpose(x))),
  }));
  itMatchesTf("logSoftmax over the last axis", () => ({
    inputs: randomInputs(20, [[5, 4, 6]]).map((x) => gl.mul(x, 3)),
    gl: (x) => gl.logSoftmax(x),
    tf: (x) => tf.logSoftmax(x),
  }));
  itMatchesTf("logSoftmax over axis 1 of a 3-D tensor", () => ({
    inputs: randomInputs(21, [[3, 5, 4]]),
    gl: (x) => gl.logSoftmax(x, 1),
    tf: (x) => tf.transpose(tf.logSoftmax(tf.transpose(x, [0, 2, 1])), [0, 2, 1]),
  }));
});

describe("activations: gradcheck in float64 (relative error < 1e-6)", () => {
  const cases: [string, (x: gl.Tensor) => gl.Tensor][] = [
    ["sigmoid", gl.sigmoid],
    ["tanh", gl.tanh],
    ["relu", gl.relu],
    ["leakyRelu", (x) => gl.leakyRelu(x, 0.1)],
    ["elu", (x) => gl.elu(x, 0.7)],
    ["selu", gl.selu],
    ["gelu", (x) => gl.gelu(x)],
    ["gelu tanh", (x) => gl.gelu(x, { approximate: "tanh" })],
    ["silu", (x) => gl.silu(x, 1.5)],
    ["mish", gl.mish],
    ["softplus", (x) => gl.softplus(x, { beta: 0.5 })],
    ["relu6", gl.relu6],
    ["hardtanh", (x) => gl.hardtanh(x, -0.5, 0.5)],
    ["softmax", (x) => gl.softmax(x, 0)],
    ["logSoftmax", (x) => gl.logSoftmax(x)],
  ];
  for (const [name, fn] of cases) {
    it(`${name} passes gradcheck`, () => expectGradcheck(fn, randomInputs(40, [[4, 5]], "awayFromZero")));
  }
});

describe("activations table: { f, df } pairs a lesson can plot", () => {
  const points = [-30, -6, -2.5, -1.1, -0.3, 0.2, 0.7, 1.5, 3, 5.5, 30];
  for (const [name, act] of Object.entries(gl.activations)) {
    it(`${name}: df is the derivative of f (central differences) and the formulas are written out`, () => {
      expect(act.formula.length).to.be.greaterThan(5);
      expect(act.dformula.length).to.be.greaterThan(5);
      for (const x of points) {
        const h = 1e-6;
        const numeric = (act.f(x + h) - act.f(x - h)) / (2 * h);
        expect(act.df(x), `${name}'(${x})`).to.be.closeTo(numeric, 1e-6 + 1e-6 * Math.abs(numeric));
        if (act.dfOfOutput)
          expect(act.dfOfOutput(act.f(x)), `${name}' from the output at ${x}`).to.be.closeTo(act.df(x), 1e-12);
      }
    });
  }

  it("parameterized entries take their parameter as the second argument", () => {
    expect(gl.activations.leakyRelu.f(-2, 0.3)).to.be.closeTo(-0.6, 1e-12);
    expect(gl.activations.leakyRelu.param).to.deep.equal({ name: "alpha", default: 0.01 });
    expect(gl.activations.elu.df(-1, 2)).to.be.closeTo(2 * Math.exp(-1), 1e-12);
  });

  it("relu, leakyRelu, tanh and sigmoid (run as whole-array loops) equal the table's f and g·f′ exactly", () => {
    const ops: [string, (x: gl.Tensor) => gl.Tensor, gl.Activation, number | undefined][] = [
      ["relu", gl.relu, gl.activations.relu, undefined],
      ["leakyRelu", (x) => gl.leakyRelu(x, 0.2), gl.activations.leakyRelu, 0.2],
      ["tanh", gl.tanh, gl.activations.tanh, undefined],
      ["sigmoid", gl.sigmoid, gl.activations.sigmoid, undefined],
    ];
    for (const dtype of ["float32", "float64"] as const) {
      const values = [-40, -3.5, -1, -0.25, 0, 0.25, 1, 3.5, 40, NaN];
      const g = gl.tensor(
        values.map((_, i) => (i % 3) - 1.5 + i / 7),
        null,
        { dtype },
      );
      for (const [name, op, act, param] of ops) {
        const x = gl.tensor(values, null, { dtype, requiresGrad: true });
        const y = op(x);
        y.backward(g);
        const round = (v: number) => (dtype === "float32" ? Math.fround(v) : v);
        const wantY = values.map((v) => round(act.f(round(v), param)));
        const wantDx = values.map((v, i) =>
          round(g.data[i] * (act.dfOfOutput ? act.dfOfOutput(y.data[i]) : act.df(round(v), param))),
        );
        expect(Array.from(y.data), `${name} ${dtype}`).to.deep.equal(wantY);
        expect(Array.from(x.grad!.data), `${name}' ${dtype}`).to.deep.equal(wantDx);
      }
    }
  });

  it("the ops map exactly the table's f", () => {
    const x = gl.linspace(-4, 4, 17, { dtype: "float64" });
    expectClose(
      gl.mish(x),
      x.toList().map((v) => gl.activations.mish.f(v)),
      0,
      0,
    );
    expectClose(
      gl.selu(x),
      x.toList().map((v) => gl.activations.selu.f(v)),
      0,
      0,
    );
  });

  it("gelu is x·Φ(x) with the standard normal CDF (Φ(1) = 0.841344746068543, Φ(−3) = 0.00134989803163)", () => {
    expect(gl.activations.gelu.f(1)).to.be.closeTo(0.841344746068543, 1e-14);
    expect(gl.activations.gelu.f(-3)).to.be.closeTo(-3 * 0.0013498980316301, 1e-14);
    expect(gl.activations.gelu.f(-10)).to.be.lessThan(0).and.greaterThan(-1e-20);
  });

  it("relu's gradient at 0 is 0 and leakyRelu's is alpha (PyTorch's convention)", () => {
    const x = gl.tensor([0], null, { requiresGrad: true });
    gl.relu(x).sum().backward();
    expect(x.grad!.toList()).to.deep.equal([0]);
    const y = gl.tensor([0], null, { requiresGrad: true });
    gl.leakyRelu(y, 0.25).sum().backward();
    expect(y.grad!.toList()).to.deep.equal([0.25]);
  });
});

describe("activations: numerical stability for large inputs", () => {
  it("sigmoid(±1000) is exactly 0 and 1 with finite (zero) gradients", () => {
    const x = gl.tensor([-1000, 1000], null, { requiresGrad: true });
    const y = gl.sigmoid(x);
    expect(y.toList()).to.deep.equal([0, 1]);
    y.sum().backward();
    expect(x.grad!.toList()).to.deep.equal([0, 0]);
  });

  it("softplus(1000) = 1000 and softplus(−1000) = 0, gradients 1 and 0", () => {
    const x = gl.tensor([1000, -1000, 50], null, { requiresGrad: true });
    const y = gl.softplus(x);
    expect(y.toList()).to.deep.equal([1000, 0, 50]);
    y.sum().backward();
    expect(x.grad!.toList()).to.deep.equal([1, 0, 1]);
  });

  it("softplus without the threshold stays finite and exact for huge inputs", () => {
    const y = gl.softplus(gl.tensor([1000, 89]), { threshold: Infinity });
    expectClose(y, [1000, 89], 1e-7, 0);
  });

  it("logSoftmax of logits around 1e4 is finite and equals the float64 reference", () => {
    const logits = [10000, 9998, 9990, -10000];
    const y = gl.logSoftmax(gl.tensor(logits));
    const m = Math.max(...logits);
    const lse = m + Math.log(logits.reduce((s, v) => s + Math.exp(v - m), 0));
    y.assertFinite("logSoftmax");
    expectClose(
      y,
      logits.map((v) => v - lse),
      1e-6,
      1e-4,
    );
    const p = gl.softmax(gl.tensor([logits]));
    expect(gl.sum(p).item()).to.be.closeTo(1, 1e-6);
    expect(p.toList().every(Number.isFinite)).to.equal(true);
  });

  it("logSoftmax's gradient stays finite for logits around 1e4", () => {
    const x = gl.tensor([[10000, -10000, 9000]], null, { requiresGrad: true });
    gl.sum(gl.mul(gl.logSoftmax(x), gl.tensor([[1, 0, 0]]))).backward();
    x.grad!.assertFinite("logSoftmax backward");
    expectClose(x.grad!, [0, 0, 0], 0, 1e-6); // p ≈ onehot(0): 1 − p₀ ≈ 0, −p₁ ≈ 0, −p₂ ≈ 0
  });

  it("tanh, elu, selu, silu, mish and gelu stay finite at ±1000", () => {
    for (const fn of [gl.tanh, gl.elu, gl.selu, gl.silu, gl.mish, gl.gelu] as ((x: gl.Tensor) => gl.Tensor)[]) {
      const x = gl.tensor([-1000, 1000], null, { requiresGrad: true });
      const y = fn(x).assertFinite("forward");
      y.sum().backward();
      x.grad!.assertFinite("backward");
    }
  });
});

describe("selu: the self-normalizing fixed point", () => {
  it("uses the exact constants λ and α", () => {
    expect(gl.SELU_LAMBDA).to.equal(Number("1.0507009873554804934193349852946"));
    expect(gl.SELU_ALPHA).to.equal(Number("1.6732632423543772848170429916717"));
  });

  it("maps N(0, 1) inputs to mean ≈ 0 and variance ≈ 1", () => {
    gl.seed(5);
    const y = gl.selu(gl.randn([100000], { dtype: "float64" }));
    expect(gl.mean(y).item()).to.be.closeTo(0, 0.015);
    expect(gl.variance(y).item()).to.be.closeTo(1, 0.015);
  });
});

describe("softmax", () => {
  it("rows sum to 1 along the chosen axis and keep their order", () => {
    gl.seed(3);
    const x = gl.randn([4, 5]);
    const p = gl.softmax(x, 0);
    expectClose(gl.sum(p, 0), [1, 1, 1, 1, 1], 1e-6, 1e-6);
    expect(gl.argmax(p, 0).toList()).to.deep.equal(gl.argmax(x, 0).toList());
  });

  it("is unchanged when a constant is added to every logit", () => {
    const x = gl.tensor([[1, 2, 3]]);
    expectClose(gl.softmax(gl.add(x, 100)), gl.softmax(x), 1e-5, 1e-7);
  });
});
