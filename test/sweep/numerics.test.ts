/**
 * Numeric edge cases where PyTorch gives a finite (or the mathematically right) answer, each
 * checked against the value PyTorch 2.x returns for the same call (worked out from its formulas).
 */
import { expect } from "chai";
import * as gl from "../../src";

describe("numeric edge cases answer as PyTorch does", () => {
  it("norm at the zero vector has gradient 0 (torch.linalg.norm's subgradient), x/‖x‖ elsewhere", () => {
    const z = gl.zeros([3], { requiresGrad: true });
    gl.norm(z).backward();
    expect(Array.from(z.grad!.data)).to.deep.equal([0, 0, 0]);
    const x = gl.tensor([3, 4], null, { requiresGrad: true });
    gl.norm(x).backward();
    expect(Array.from(x.grad!.data)).to.deep.equal([0.6000000238418579, 0.800000011920929]);
    // rows: one zero row, one non-zero row, with keepDims
    const m = gl.tensor(
      [
        [0, 0],
        [3, 4],
      ],
      null,
      { requiresGrad: true },
    );
    gl.sum(gl.norm(m, 2, 1, true)).backward();
    expect(Array.from(m.grad!.data).map((v) => +v.toFixed(6))).to.deep.equal([0, 0, 0.6, 0.8]);
  });

  it("norm's gradient passes gradcheck away from zero", () => {
    const r = gl.gradcheck((v) => gl.norm(v, 2, 1), [gl.randn([3, 4], { dtype: "float64", requiresGrad: true })]);
    expect(r.ok).to.equal(true);
  });

  it("logsumexp of all −Infinity is −Infinity (torch.logsumexp), not NaN", () => {
    expect(gl.logsumexp(gl.tensor([-Infinity, -Infinity])).item()).to.equal(-Infinity);
    expect(
      gl
        .logsumexp(
          gl.tensor([
            [-Infinity, -Infinity],
            [0, 0],
          ]),
          1,
        )
        .toArray(),
    ).to.deep.equal([-Infinity, Math.fround(Math.LN2)]);
  });

  it("crossEntropy with a −Infinity logit on another class is finite (masked logits)", () => {
    const logits = gl.tensor([[2, -Infinity, 0]], null, { requiresGrad: true });
    const l = gl.loss.crossEntropy(logits, [0]);
    expect(l.item()).to.be.closeTo(Math.log(1 + Math.exp(-2)), 1e-6);
    l.backward();
    expect(Array.from(logits.grad!.data).every(Number.isFinite)).to.equal(true);
  });

  it("binaryCrossEntropy at p = 0 and p = 1 is finite, with PyTorch's clamped log and gradient", () => {
    const p = gl.tensor([0, 1, 0, 0.25], null, { requiresGrad: true });
    const y = gl.tensor([0, 1, 1, 1]);
    const l = gl.loss.binaryCrossEntropy(p, y, { reduction: "sum" });
    expect(l.item()).to.be.closeTo(100 + Math.log(4), 1e-4); // −log clamped at −100 for p = 0, y = 1
    l.backward();
    const g = Array.from(p.grad!.data);
    expect(g[0]).to.equal(0); // (0 − 0)/max(0, 1e-12)
    expect(g[1]).to.equal(0);
    expect(g[2]).to.be.closeTo(-1e12, 1e6); // (0 − 1)/1e-12, as torch.nn.functional.binary_cross_entropy
    expect(g[3]).to.be.closeTo(-4, 1e-5); // −1/p
  });

  it("binaryCrossEntropy agrees with its composite definition −(y log p + (1 − y) log(1 − p)) inside (0, 1)", () => {
    gl.seed(3);
    const p = gl.rand([5, 2], { low: 0.05, high: 0.95, requiresGrad: true });
    const y = gl.rand([5, 2]);
    gl.loss.binaryCrossEntropy(p, y).backward();
    const fused = Array.from(p.grad!.data);
    const q = p.detach().clone();
    q.requiresGrad = true;
    gl.mean(gl.neg(gl.add(gl.mul(y, gl.log(q)), gl.mul(gl.sub(1, y), gl.log(gl.sub(1, q)))))).backward();
    Array.from(q.grad!.data).forEach((v, i) => expect(fused[i]).to.be.closeTo(v, 1e-5));
  });
});

describe("autograd traps are caught", () => {
  it("a second backward() through the same graph throws instead of doubling the gradients", () => {
    const w = gl.tensor([2], null, { requiresGrad: true });
    const loss = gl.sum(gl.mul(w, w));
    loss.backward();
    expect(w.grad!.item()).to.equal(4);
    expect(() => loss.backward()).to.throw(
      gl.ArgumentError,
      /already backpropagated.*forward pass .* again|retainGraph/s,
    );
    expect(w.grad!.item()).to.equal(4); // untouched by the refused call
  });

  it("retainGraph allows a second pass, which adds up as in PyTorch", () => {
    const w = gl.tensor([2], null, { requiresGrad: true });
    const loss = gl.sum(gl.mul(w, w));
    loss.backward(undefined, { retainGraph: true });
    loss.backward();
    expect(w.grad!.item()).to.equal(8);
  });

  it("a fresh forward pass each step backpropagates as often as you like", () => {
    const w = gl.tensor([2], null, { requiresGrad: true });
    for (let i = 0; i < 3; i++) gl.sum(gl.mul(w, w)).backward();
    expect(w.grad!.item()).to.equal(12);
  });
});

describe("autograd: values changed in place between forward and backward (PyTorch's version counter)", () => {
  const grads = (w: gl.Tensor) => Array.from(w.grad!.data);

  it("a write into a weight's data after the forward pass stops backward, names the op and leaves .grad alone", () => {
    const w = gl.tensor([1, 2, 3], null, { requiresGrad: true, name: "w" });
    const x = gl.tensor([4, 5, 6]);
    const loss = gl.sum(gl.mul(w, x));
    loss.backward(undefined, { retainGraph: true });
    expect(grads(w)).to.deep.equal([4, 5, 6]);
    x.data[0] = 100; // mul's backward rule needs x to compute w's gradient
    let err: unknown;
    try {
      loss.backward();
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(gl.ArgumentError);
    const e = err as gl.ArgumentError;
    expect(e.fn).to.equal("backward");
    expect(e.received).to.match(/input 1 of op 'mul'.*flat index 0 went from 4 to 100/);
    expect(e.fix).to.match(/forward pass again/);
    expect(grads(w)).to.deep.equal([4, 5, 6]); // the refused call stored nothing
  });

  it("without the check the gradient would be silently wrong: the refused case is exactly the one that differs", () => {
    // what backward would have computed from the changed x (100, 5, 6) is not the gradient of the
    // loss that was evaluated (with 4, 5, 6): recomputing the forward pass gives the right one
    const w = gl.tensor([1, 2, 3], null, { requiresGrad: true });
    const x = gl.tensor([4, 5, 6]);
    const stale = gl.sum(gl.mul(w, x));
    x.data[0] = 100;
    expect(() => stale.backward()).to.throw(gl.ArgumentError, /changed after the forward pass/);
    gl.sum(gl.mul(w, x)).backward(); // a fresh forward pass with the new value is fine
    expect(grads(w)).to.deep.equal([100, 5, 6]);
  });

  it("an optimizer step between the forward pass and backward is caught by the version counter", () => {
    const model = new gl.nn.Linear(3, 1);
    const opt = new gl.optim.SGD(model.parameters(), { lr: 0.1 });
    const X = gl.randn([4, 3]);
    gl.loss.mse(model.forward(X), gl.zeros([4, 1])).backward();
    const v = model.weight.version;
    const loss = gl.loss.mse(model.forward(X), gl.zeros([4, 1]));
    opt.step(); // a learner's order mistake: step before this loss's backward
    expect(model.weight.version).to.equal(v + 1);
    expect(() => loss.backward()).to.throw(
      gl.ArgumentError,
      /changed in place 1 time\(s\) by gradlab \(an optimizer step/,
    );
  });

  it("replacing data (x.data = ...) and filling it are caught; changes after backward, and the usual loop, are not errors", () => {
    const w = gl.randn([5, 5], { requiresGrad: true });
    const y = gl.sum(gl.tanh(w)); // tanh saves its output
    w.data = new Float32Array(25);
    expect(() => y.backward()).to.throw(gl.ArgumentError, /replaced by another array/);
    const z = gl.tanh(gl.randn([40, 50], { requiresGrad: true }));
    const loss = gl.sum(z);
    z.data.fill(0);
    expect(() => loss.backward()).to.throw(gl.ArgumentError, /the output of op 'tanh'/);
    // forward, backward, step, many times: never refused
    const model = new gl.nn.Sequential([new gl.nn.Linear(2, 8), new gl.nn.ReLU(), new gl.nn.Linear(8, 1)]);
    const opt = new gl.optim.Adam(model.parameters(), { lr: 0.01 });
    const X = gl.randn([16, 2]);
    for (let i = 0; i < 5; i++) {
      opt.zeroGrad();
      gl.loss.mse(model.forward(X), gl.zeros([16, 1])).backward();
      opt.step();
    }
    expect(opt.stepCount).to.equal(5);
  });

  it("markChanged() lets code that writes into data itself be caught as well", () => {
    const w = gl.randn([1000], { requiresGrad: true });
    const loss = gl.sum(gl.square(w));
    w.data[17] += 1; // between two sampled positions of a large tensor: the sample can miss it
    w.markChanged(); // ...so code that writes in place says so
    expect(() => loss.backward()).to.throw(gl.ArgumentError, /changed in place 1 time/);
  });
});

describe("statistics of too few values", () => {
  it("the unbiased variance of one value is an error naming 'unbiased' (PyTorch returns NaN with a warning)", () => {
    expect(() => gl.variance(gl.tensor([3]))).to.throw(gl.ArgumentError, /unbiased.*n − 1/s);
    expect(() => gl.std(gl.randn([4, 1]), 1)).to.throw(gl.ArgumentError, /1 value per slice/);
    expect(gl.variance(gl.tensor([3]), undefined, { unbiased: false }).item()).to.equal(0);
    expect(gl.std(gl.randn([4, 1]), 1, { unbiased: false }).toList()).to.deep.equal([0, 0, 0, 0]);
    // two values: (1 − 2)² + (3 − 2)² over n − 1 = 1
    expect(gl.variance(gl.tensor([1, 3])).item()).to.equal(2);
  });
});

describe("no silent NaN from empty reductions or a hand-set gradient", () => {
  it("mean, variance and std over an axis of size 0 are errors (PyTorch: NaN with a warning); sum of nothing is 0", () => {
    const empty = gl.zeros([0, 3]);
    expect(() => gl.mean(empty, 0)).to.throw(gl.ShapeError, /axis 0 has size 0.*0\/0/s);
    expect(() => gl.variance(empty, 0)).to.throw(gl.ShapeError, /axis 0 has size 0/);
    expect(() => gl.std(empty, 0, { unbiased: false })).to.throw(gl.ShapeError, /axis 0 has size 0/);
    expect(gl.sum(empty, 0).toList()).to.deep.equal([0, 0, 0]);
    // an empty result is not an error: the mean over the 3 columns of no rows is no values
    expect(gl.mean(empty, 1).shape).to.deep.equal([0]);
  });

  it("an optimizer step with a gradient of the wrong shape is refused instead of writing NaN into the weight", () => {
    const w = gl.tensor([1, 2, 3], null, { requiresGrad: true, name: "w" });
    const opt = new gl.optim.SGD([w], { lr: 0.1 });
    w.grad = gl.tensor([1, 1]);
    expect(() => opt.step()).to.throw(gl.ShapeError, /grad of 'w'.*shape \[3\].*shape \[2\]/s);
    expect(w.toList()).to.deep.equal([1, 2, 3]);
  });

  it("a broadcasting error names both operands as the learner passed them", () => {
    try {
      gl.add(gl.zeros([2, 3]), gl.zeros([4]));
      expect.fail("add should refuse shapes that do not broadcast");
    } catch (e) {
      const err = e as gl.ShapeError;
      expect(err.arg).to.equal("a, b");
      expect(err.received).to.match(/a of shape \[2, 3\] and b of shape \[4\]/);
    }
  });
});
