import { expect } from "chai";
import * as gl from "../../src";
import * as loss from "../../src/nn/loss";
import { describeAllBackends } from "../helpers/backends";
import { expectClose } from "../helpers/close";
import { expectCloseToTf, tf, tfReady, toTf } from "../helpers/tfjs";

/** Checks value and gradient w.r.t. the prediction of a gradlab loss against a tfjs loss. */
function compareWithTf(ours: (p: gl.Tensor) => gl.Tensor, theirs: (p: tf.Tensor) => tf.Tensor, pred: gl.Tensor): void {
  const p = pred.detach().requiresGrad_();
  const l = ours(p);
  l.backward();
  expectCloseToTf(l, theirs(toTf(pred)));
  expectCloseToTf(p.grad!, tf.grad(theirs)(toTf(pred)));
}

function oneHot(indices: number[], C: number): gl.Tensor {
  return gl.tensor(
    indices.flatMap((k) => Array.from({ length: C }, (_, c) => (c === k ? 1 : 0))),
    [indices.length, C],
  );
}

describeAllBackends("gl.loss vs tfjs", () => {
  before(() => tfReady());
  beforeEach(() => gl.seed(11));

  it("crossEntropy (with and without label smoothing) matches tf.losses.softmaxCrossEntropy", () => {
    const logits = gl.randn([6, 4], { std: 3 });
    const y = [0, 3, 1, 1, 2, 0];
    const labels = toTf(oneHot(y, 4));
    for (const labelSmoothing of [0, 0.1]) {
      compareWithTf(
        (z) => loss.crossEntropy(z, y, { labelSmoothing }),
        (z) => tf.losses.softmaxCrossEntropy(labels, z, undefined, labelSmoothing),
        logits,
      );
    }
    const sum = loss.crossEntropy(logits, y, { reduction: "sum" }).item();
    expect(sum).to.be.closeTo(6 * loss.crossEntropy(logits, y).item(), 1e-4);
    expect(loss.crossEntropy(logits, y, { reduction: "none" }).shape).to.deep.equal([6]);
  });

  it("mse, l1 and huber match tf.losses.meanSquaredError / absoluteDifference / huberLoss", () => {
    const pred = gl.randn([5, 3], { std: 2 });
    const target = gl.randn([5, 3]);
    const t = toTf(target);
    compareWithTf(
      (p) => loss.mse(p, target),
      (p) => tf.losses.meanSquaredError(t, p),
      pred,
    );
    compareWithTf(
      (p) => loss.l1(p, target),
      (p) => tf.losses.absoluteDifference(t, p),
      pred,
    );
    compareWithTf(
      (p) => loss.huber(p, target, { delta: 0.7 }),
      (p) => tf.losses.huberLoss(t, p, undefined, 0.7),
      pred,
    );
  });

  it("binaryCrossEntropyWithLogits matches tf.losses.sigmoidCrossEntropy", () => {
    const logits = gl.randn([4, 3], { std: 4 });
    const y = gl.rand([4, 3]);
    compareWithTf(
      (z) => loss.binaryCrossEntropyWithLogits(z, y),
      (z) => tf.losses.sigmoidCrossEntropy(toTf(y), z),
      logits,
    );
  });
});

describe("gl.loss: values, stability, gradients, errors", () => {
  beforeEach(() => gl.seed(12));

  it("crossEntropy of uniform logits is ln C (the initial-loss check) and matches its formula", () => {
    expect(loss.crossEntropy(gl.zeros([3, 10]), [1, 5, 9]).item()).to.be.closeTo(Math.log(10), 1e-6);
    expect(loss.crossEntropy(gl.tensor([[2, 0, 0]]), [0]).item()).to.be.closeTo(
      -Math.log(Math.exp(2) / (Math.exp(2) + 2)),
      1e-6,
    );
  });

  it("crossEntropy is stable for huge logits: finite loss and gradient softmax − onehot", () => {
    const z = gl.tensor([[1000, 0, -1000]], null, { requiresGrad: true });
    const right = loss.crossEntropy(z, [0]);
    expect(right.item()).to.be.closeTo(0, 1e-6);
    const wrong = loss.crossEntropy(z, [2]);
    expect(wrong.item()).to.be.closeTo(2000, 1e-2);
    wrong.backward();
    expectClose(z.grad!, [1, 0, -1], 1e-6, 1e-6);
  });

  it("crossEntropy = nllLoss(logSoftmax); binaryCrossEntropy agrees with the logits form", () => {
    const z = gl.randn([4, 5]);
    const y = [4, 0, 2, 2];
    const logp = gl.sub(z, gl.logsumexp(z, 1, true));
    expect(loss.nllLoss(logp, y).item()).to.be.closeTo(loss.crossEntropy(z, y).item(), 1e-5);
    const logits = gl.randn([6]);
    const t = gl.tensor([0, 1, 1, 0, 1, 0]);
    const p = gl.div(1, gl.add(gl.exp(gl.neg(logits)), 1));
    expect(loss.binaryCrossEntropy(p, t).item()).to.be.closeTo(
      loss.binaryCrossEntropyWithLogits(logits, t).item(),
      1e-5,
    );
    expect(loss.binaryCrossEntropyWithLogits(gl.tensor([-200, 200]), gl.tensor([1, 0])).item()).to.be.closeTo(
      200,
      1e-3,
    );
  });

  it("every loss passes gradcheck", () => {
    const z = gl.randn([3, 4]);
    const t = gl.randn([3, 4]);
    const y01 = gl.rand([3, 4]);
    const fns: [string, (a: gl.Tensor) => gl.Tensor][] = [
      ["crossEntropy", (a) => loss.crossEntropy(a, [1, 0, 3], { labelSmoothing: 0.2 })],
      ["nllLoss", (a) => loss.nllLoss(a, [1, 0, 3], { reduction: "sum" })],
      ["mse", (a) => loss.mse(a, t)],
      ["l1", (a) => loss.l1(a, t)],
      ["huber", (a) => loss.huber(a, t, { delta: 0.5 })],
      ["bceWithLogits", (a) => loss.binaryCrossEntropyWithLogits(a, y01)],
      ["bce", (a) => loss.binaryCrossEntropy(gl.div(1, gl.add(gl.exp(gl.neg(a)), 1)), y01)],
      ["l1Penalty", (a) => loss.l1Penalty([a])],
      ["l2Penalty", (a) => loss.l2Penalty([a, gl.mul(a, 2)])],
    ];
    for (const [name, f] of fns) {
      const r = gl.gradcheck(f, [z]);
      expect(r.ok, `${name}: ${r.maxRelError}`).to.equal(true);
    }
  });

  it("penalties: l1 = Σ|w|, l2 = Σw²; (λ/2)·l2 adds λ·w to the gradient", () => {
    const w = gl.tensor([3, -4], null, { requiresGrad: true });
    expect(loss.l1Penalty([w, gl.tensor([1])]).item()).to.equal(8);
    expect(loss.l2Penalty([w]).item()).to.equal(25);
    gl.mul(loss.l2Penalty([w]), 0.1 / 2).backward();
    expectClose(w.grad!, [0.3, -0.4]);
  });

  it("teaching errors: one-hot targets, out-of-range and non-integer classes, shape mismatches", () => {
    const z = gl.zeros([2, 3]);
    expect(() =>
      loss.crossEntropy(
        z,
        gl.tensor([
          [1, 0, 0],
          [0, 1, 0],
        ]),
      ),
    ).to.throw(gl.ShapeError, /one-hot.*argmax/);
    expect(() => loss.crossEntropy(z, [0, 3])).to.throw(gl.ArgumentError, /0\.\.2.*received 3 at index 1.*shifted/);
    expect(() => loss.crossEntropy(z, [0, 0.5])).to.throw(gl.ArgumentError, /not probabilities/);
    expect(() => loss.crossEntropy(z, [0])).to.throw(gl.ShapeError, /shape \[2\]/);
    expect(() => loss.crossEntropy(gl.zeros([3]), [0])).to.throw(gl.ShapeError, /unsqueeze/);
    expect(() => loss.crossEntropy(z, [0, 1], { reduction: "avg" as loss.Reduction })).to.throw(
      gl.ArgumentError,
      /"mean"/,
    );
    expect(() => loss.mse(gl.zeros([4, 1]), gl.zeros([4]))).to.throw(gl.ShapeError, /\[N, N\]/);
    expect(() => loss.binaryCrossEntropy(gl.tensor([2]), gl.tensor([1]))).to.throw(gl.ArgumentError, /WithLogits/);
    expect(() => loss.binaryCrossEntropyWithLogits(gl.tensor([2]), gl.tensor([-1]))).to.throw(
      gl.ArgumentError,
      /\(y \+ 1\)\/2/,
    );
  });
});
