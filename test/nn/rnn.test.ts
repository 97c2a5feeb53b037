import { expect } from "chai";
import * as gl from "../../src";
import { RNN } from "../../src/nn/rnn";
import { expectCloseToTf, tf, tfReady, toTf } from "../helpers/tfjs";
import { gradcheckModule } from "./util";

/**
 * The recurrence written again in TensorFlow.js ops from PyTorch's documented formula
 * h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh), time-major: the independent implementation.
 */
function tfRnn(
  x: tf.Tensor,
  h0: tf.Tensor,
  wIh: tf.Tensor,
  wHh: tf.Tensor,
  bIh: tf.Tensor,
  bHh: tf.Tensor,
): { out: tf.Tensor; hN: tf.Tensor } {
  const steps = tf.unstack(x, 0);
  let h = h0;
  const hs: tf.Tensor[] = [];
  for (const xt of steps) {
    h = tf.tanh(tf.add(tf.add(tf.matMul(xt, wIh, false, true), bIh), tf.add(tf.matMul(h, wHh, false, true), bHh)));
    hs.push(h);
  }
  return { out: tf.stack(hs, 0), hN: h };
}

describe("nn.RNN", () => {
  before(() => tfReady());
  beforeEach(() => gl.seed(3));

  it("has PyTorch's parameter names and shapes, initialized U(±1/√hiddenSize)", () => {
    const rnn = new RNN(3, 16);
    expect(rnn.namedParameters().map(([n, p]) => [n, p.shape])).to.deep.equal([
      ["weightIh", [16, 3]],
      ["weightHh", [16, 16]],
      ["biasIh", [16]],
      ["biasHh", [16]],
    ]);
    const all = rnn.parameters().flatMap((p) => Array.from(p.data));
    expect(Math.max(...all.map(Math.abs)))
      .to.be.at.most(0.25)
      .and.above(0.24);
    expect(new RNN(3, 4, { bias: false }).parameters().length).to.equal(2);
  });

  it("output, hN and the gradients of x, h0 and every parameter match the recurrence in tfjs", () => {
    const rnn = new RNN(3, 4);
    const x = gl.randn([5, 2, 3], { requiresGrad: true }); // (T, N, F)
    const h0 = gl.randn([2, 4], { requiresGrad: true }); // (N, H)
    const out = rnn.forward(x, h0);
    const r = gl.randn([5, 2, 4]);
    const s = gl.randn([2, 4]);
    // a loss that reads both the output sequence and the last hidden state
    gl.add(gl.sum(gl.mul(out, r)), gl.sum(gl.mul(gl.reshape(rnn.hN!, [2, 4]), s))).backward();
    const loss = (...a: tf.Tensor[]): tf.Tensor => {
      const { out: o, hN } = tfRnn(a[0], a[1], a[2], a[3], a[4], a[5]);
      return tf.add(tf.sum(tf.mul(o, toTf(r))), tf.sum(tf.mul(hN, toTf(s))));
    };
    const inputs = [x, h0, rnn.weightIh, rnn.weightHh, rnn.biasIh!, rnn.biasHh!];
    const ref = tfRnn(...(inputs.map(toTf) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor]));
    expectCloseToTf(out, ref.out);
    expectCloseToTf(rnn.hN!, tf.reshape(ref.hN, [1, 2, 4]));
    const grads = tf.grads(loss)(inputs.map(toTf));
    inputs.forEach((t, i) => expectCloseToTf(t.grad!, grads[i]));
  });

  it("batchFirst takes [N, T, F] and gives the same numbers as time-major input", () => {
    const tm = new RNN(2, 3);
    const bf = new RNN(2, 3, { batchFirst: true });
    bf.loadStateDict(tm.stateDict());
    const x = gl.randn([4, 3, 2]); // (T, N, F)
    const a = tm.forward(x);
    const b = bf.forward(gl.transpose(x, 0, 1)); // (N, T, F)
    expect(b.shape).to.deep.equal([3, 4, 3]);
    expectCloseToTf(gl.transpose(b, 0, 1), toTf(a));
    expect(Array.from(bf.hN!.data)).to.deep.equal(Array.from(tm.hN!.data));
  });

  it("accepts h0 as [N, H] or PyTorch's [1, N, H], and unbatched [T, F] input", () => {
    const rnn = new RNN(2, 3);
    const x = gl.randn([4, 1, 2]);
    const h0 = gl.randn([1, 3]);
    const a = rnn.forward(x, h0);
    const b = rnn.forward(x, gl.reshape(h0, [1, 1, 3]));
    const c = rnn.forward(gl.reshape(x, [4, 2]), gl.reshape(h0, [3]));
    expect(Array.from(b.data)).to.deep.equal(Array.from(a.data));
    expect(c.shape).to.deep.equal([4, 3]);
    expect(Array.from(c.data)).to.deep.equal(Array.from(a.data));
    expect(rnn.hN!.shape).to.deep.equal([1, 3]);
  });

  it("the output is h_t for every t and hN is the last of them; without h0 it starts from zeros", () => {
    const rnn = new RNN(2, 3, { bias: false });
    const x = gl.zeros([6, 2, 2]);
    expect(Array.from(rnn.forward(x).data).every((v) => v === 0)).to.equal(true); // tanh(0) = 0 all along
    const y = rnn.forward(gl.randn([6, 2, 2]));
    expect(Array.from(rnn.hN!.data)).to.deep.equal(Array.from(gl.select(y, 0, 5).data));
    expect(rnn.hiddenStates.length).to.equal(6);
  });

  it("passes gradcheck w.r.t. input and every parameter (tanh and relu)", () => {
    const r = gradcheckModule(new RNN(3, 4), gl.randn([4, 2, 3]));
    expect(r.ok, `max rel error ${r.maxRelError}`).to.equal(true);
    const bf = gradcheckModule(new RNN(2, 3, { batchFirst: true, nonlinearity: "relu" }), gl.randn([2, 3, 2]), {
      tol: 1e-5,
    });
    expect(bf.ok, `max rel error ${bf.maxRelError}`).to.equal(true);
  });

  it("teaches on a wrong input layout, feature count or h0 shape", () => {
    const rnn = new RNN(3, 4);
    expect(() => rnn.forward(gl.zeros([2, 4, 5]))).to.throw(gl.ShapeError, /F = 3.*RNN\(5, 4\)/s);
    expect(() => rnn.forward(gl.zeros([2, 3, 5]))).to.throw(gl.ShapeError, /batchFirst: true/);
    expect(() => rnn.forward(gl.zeros([7, 2, 3]), gl.zeros([3, 4]))).to.throw(gl.ShapeError, /h0.*\[2, 4\]/s);
    expect(() => rnn.forward(gl.zeros([8]))).to.throw(gl.ShapeError, /\[T, N, F\]/);
    expect(() => new RNN(3, 4, { nonlinearity: "sigmoid" as "tanh" })).to.throw(gl.ArgumentError, /"tanh" or "relu"/);
  });
});

describe("probe.gradientThroughTime", () => {
  beforeEach(() => gl.seed(5));

  it("‖∂L/∂h_t‖ shrinks going back in time when ρ(W_hh) < 1 and grows when ρ > 1", () => {
    const norms = (rho: number): number[] => {
      const rnn = new RNN(2, 16, { bias: false });
      rnn.weightHh.data.set(gl.init.orthogonal([16, 16], { gain: rho }).data); // every |eigenvalue| = ρ
      return gl.probe.gradientThroughTime(rnn, gl.randn([30, 4, 2]).mul(0.001)).norms;
    };
    const small = norms(0.8);
    const large = norms(1.25);
    expect(small.length).to.equal(30);
    expect(small[0] / small[29]).to.be.below(0.8 ** 25); // ≈ 0.8^29 in the linear regime
    expect(large[0] / large[29]).to.be.above(1.25 ** 25);
  });

  it("equals the gradient autograd gives h_t directly, and leaves parameter gradients alone", () => {
    const rnn = new RNN(2, 3);
    rnn.weightIh.grad = gl.ones([3, 2]);
    const x = gl.randn([5, 1, 2]);
    const g = gl.probe.gradientThroughTime(rnn, x);
    expect(Array.from(rnn.weightIh.grad.data)).to.deep.equal([1, 1, 1, 1, 1, 1]);
    // ∂(Σ h_T)/∂h_T is all ones: norm √(N·H)
    expect(g.norms[4]).to.be.closeTo(Math.sqrt(3), 1e-6);
    // one step back by hand: ∂L/∂h_{T−1} = W_hhᵀ·(1 − h_T²)
    const hT = Array.from(rnn.hiddenStates[4].data);
    const d = hT.map((h) => 1 - h * h);
    const W = rnn.weightHh.data;
    const back = [0, 1, 2].map((j) => d.reduce((s, di, i) => s + di * W[i * 3 + j], 0));
    expect(g.norms[3]).to.be.closeTo(Math.hypot(...back), 1e-5);
    expect(() => gl.probe.gradientThroughTime(new gl.nn.Linear(2, 2) as unknown as RNN, x)).to.throw(
      gl.ArgumentError,
      /gl.nn.RNN/,
    );
  });
});
