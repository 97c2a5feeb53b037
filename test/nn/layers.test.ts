import { expect } from "chai";
import * as gl from "../../src";
import { Dropout } from "../../src/nn/dropout";
import { Flatten } from "../../src/nn/flatten";
import { Identity } from "../../src/nn/identity";
import { Linear } from "../../src/nn/linear";
import { Maxout } from "../../src/nn/maxout";
import { Residual } from "../../src/nn/residual";
import { Sequential } from "../../src/nn/sequential";
import { describeAllBackends } from "../helpers/backends";
import { expectClose } from "../helpers/close";
import { expectCloseToTf, tf, tfReady, toTf } from "../helpers/tfjs";
import { gradcheckModule } from "./util";

describeAllBackends("nn.Linear", () => {
  before(() => tfReady());
  beforeEach(() => gl.seed(0));

  it("forward and gradients match tfjs's matMul(x, Wᵀ) + b", () => {
    const fc = new Linear(5, 3);
    const x = gl.randn([4, 5], { requiresGrad: true });
    const y = fc.forward(x);
    const r = gl.randn([4, 3]); // upstream gradient
    gl.sum(gl.mul(y, r)).backward();
    const f = (xt: tf.Tensor, wt: tf.Tensor, bt: tf.Tensor): tf.Tensor =>
      tf.sum(tf.mul(tf.add(tf.matMul(xt, wt, false, true), bt), toTf(r)));
    const grads = tf.grads(f as (...a: tf.Tensor[]) => tf.Tensor)([toTf(x), toTf(fc.weight), toTf(fc.bias!)]);
    expectCloseToTf(y, tf.add(tf.matMul(toTf(x), toTf(fc.weight), false, true), toTf(fc.bias!)));
    expectCloseToTf(x.grad!, grads[0]);
    expectCloseToTf(fc.weight.grad!, grads[1]);
    expectCloseToTf(fc.bias!.grad!, grads[2]);
  });

  it("passes gradcheck w.r.t. input, weight and bias", () => {
    const r = gradcheckModule(new Linear(4, 3), gl.randn([2, 4]));
    expect(r.ok, `max rel error ${r.maxRelError}`).to.equal(true);
  });

  it("has PyTorch's default init: weight and bias in U(±1/√inFeatures)", () => {
    const fc = new Linear(400, 300);
    const bound = 1 / 20;
    const w = fc.weight.data;
    expect(fc.weight.shape).to.deep.equal([300, 400]);
    expect(Math.max(...w))
      .to.be.at.most(bound)
      .and.above(0.99 * bound);
    expect(Math.min(...w))
      .to.be.at.least(-bound)
      .and.below(-0.99 * bound);
    let ss = 0;
    for (const v of w) ss += v * v;
    expect(Math.sqrt(ss / w.length)).to.be.closeTo(bound / Math.sqrt(3), 0.02 * bound);
    expect(Math.max(...fc.bias!.data.map(Math.abs))).to.be.at.most(bound);
  });

  it("takes init by name or function, and bias: false", () => {
    const fc = new Linear(3, 2, { init: (s) => gl.init.constant(s, 0.5), bias: false });
    expect(fc.bias).to.equal(null);
    expect(fc.parameters().length).to.equal(1);
    expectClose(fc.forward(gl.tensor([[1, 2, 3]])), [3, 3]);
    expect(new Linear(3, 2, { init: "zeros" }).weight.toList()).to.deep.equal([0, 0, 0, 0, 0, 0]);
  });

  it("works on [batch, time, features] inputs", () => {
    expect(new Linear(4, 2).forward(gl.randn([3, 5, 4])).shape).to.deep.equal([3, 5, 2]);
  });

  it("fed unflattened images, says to flatten", () => {
    const fc = new Linear(784, 10);
    expect(() => fc.forward(gl.zeros([2, 1, 28, 28]))).to.throw(
      gl.ShapeError,
      /Linear\(784, 10\).*28 features.*forget to flatten/,
    );
    expect(() => fc.forward(gl.zeros([2, 100]))).to.throw(gl.ShapeError, /Linear\(100, 10\)/);
    expect(() => new Linear(0, 3)).to.throw(gl.ArgumentError, /inFeatures/);
  });
});

describe("nn containers and simple layers", () => {
  beforeEach(() => gl.seed(1));

  it("Sequential runs layers in order and names children 0, 1, …", () => {
    const a = new Linear(3, 4);
    const b = new Linear(4, 2);
    const model = new Sequential([a, new Identity(), b]);
    expect(model.namedParameters().map(([n]) => n)).to.deep.equal(["0.weight", "0.bias", "2.weight", "2.bias"]);
    expect(model.length).to.equal(3);
    expect(model.at(-1)).to.equal(b);
    const x = gl.randn([5, 3]);
    expectClose(model.forward(x), b.forward(a.forward(x)));
    expect(model.toString()).to.contain("(0): Linear(3, 4, bias=true)");
    expect(() => new Sequential([gl.exp as unknown as Linear])).to.throw(gl.ArgumentError, /ReLU\(\)/);
  });

  it("Flatten keeps the batch axis", () => {
    expect(new Flatten().forward(gl.zeros([8, 3, 4, 4])).shape).to.deep.equal([8, 48]);
  });

  it("Residual adds the input to f(x), and the gradient of x gets 1 + f'(x)", () => {
    const inner = new Linear(3, 3, { init: "zeros", bias: false });
    const res = new Residual(inner);
    const x = gl.randn([2, 3], { requiresGrad: true });
    expectClose(res.forward(x), x);
    gl.sum(res.forward(x)).backward();
    expectClose(x.grad!, gl.ones([2, 3]));
    expect(gradcheckModule(new Residual(new Linear(3, 3)), gl.randn([2, 3])).ok).to.equal(true);
    expect(() => new Residual(new Linear(3, 2)).forward(gl.randn([2, 3]))).to.throw(
      gl.ShapeError,
      /keep the input's shape/,
    );
  });

  it("Dropout (inverted): ≈ p of the units are zeroed, survivors scaled by 1/(1−p), mean preserved", () => {
    const drop = new Dropout(0.3);
    const x = gl.ones([100, 100]);
    const y = drop.forward(x);
    const zeros = y.data.filter((v) => v === 0).length / y.size;
    const se = Math.sqrt((0.3 * 0.7) / y.size);
    expect(Math.abs(zeros - 0.3)).to.be.below(4 * se);
    for (const v of y.data) if (v !== 0) expect(v).to.be.closeTo(1 / 0.7, 1e-6);
    expect(gl.mean(y).item()).to.be.closeTo(1, 4 * Math.sqrt(0.3 / 0.7 / y.size));
  });

  it("Dropout is off in eval mode, passes gradients through the kept units and is seeded", () => {
    const drop = new Dropout(0.5);
    const x = gl.randn([4, 4], { requiresGrad: true });
    drop.eval();
    expect(drop.forward(x)).to.equal(x);
    drop.train();
    gl.seed(9);
    const y = drop.forward(x);
    gl.sum(y).backward();
    expectClose(x.grad!, drop.lastMask!);
    gl.seed(9);
    expect(drop.forward(x).toList()).to.deep.equal(y.toList());
    expect(() => new Dropout(1.5)).to.throw(gl.ArgumentError, /probability of dropping/);
  });

  it("Maxout takes the max over k linear pieces", () => {
    const m = new Maxout(3, 2, 4);
    const x = gl.randn([5, 3]);
    const z = m.linear.forward(x).toArray() as number[][];
    const y = m.forward(x).toArray() as number[][];
    for (let n = 0; n < 5; n++)
      for (let i = 0; i < 2; i++) expect(y[n][i]).to.equal(Math.max(...z[n].slice(i * 4, i * 4 + 4)));
    expect(gradcheckModule(new Maxout(3, 2, 3), gl.randn([4, 3])).ok).to.equal(true);
  });
});
