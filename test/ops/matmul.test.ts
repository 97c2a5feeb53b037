import { expect } from "chai";
import * as gl from "../../src";
import { describeAllBackends } from "../helpers/backends";
import { expectClose } from "../helpers/close";
import { tf } from "../helpers/tfjs";
import { beforeTf, expectGradcheck, itMatchesTf, randomInputs } from "./harness";

describeAllBackends("matmul vs TensorFlow.js (rtol 1e-4)", () => {
  beforeTf();
  itMatchesTf("2-D [5, 7] × [7, 3]", () => ({
    inputs: randomInputs(1, [
      [5, 7],
      [7, 3],
    ]),
    gl: gl.matmul,
    tf: (a, b) => tf.matMul(a, b),
  }));
  itMatchesTf("batched [2, 5, 7] × [2, 7, 3]", () => ({
    inputs: randomInputs(2, [
      [2, 5, 7],
      [2, 7, 3],
    ]),
    gl: gl.matmul,
    tf: (a, b) => tf.matMul(a, b),
  }));
  itMatchesTf("batched with two batch axes [2, 3, 4, 5] × [2, 3, 5, 2]", () => ({
    inputs: randomInputs(3, [
      [2, 3, 4, 5],
      [2, 3, 5, 2],
    ]),
    gl: gl.matmul,
    tf: (a, b) => tf.matMul(a, b),
  }));
  itMatchesTf("a batch times a shared matrix [4, 5, 7] × [7, 3] (the weight's gradient sums over the batch)", () => ({
    inputs: randomInputs(4, [
      [4, 5, 7],
      [7, 3],
    ]),
    gl: gl.matmul,
    tf: (a, b) => tf.matMul(a, tf.broadcastTo(b, [4, 7, 3])),
  }));
  itMatchesTf("a shared matrix times a batch [5, 7] × [4, 7, 3]", () => ({
    inputs: randomInputs(5, [
      [5, 7],
      [4, 7, 3],
    ]),
    gl: gl.matmul,
    tf: (a, b) => tf.matMul(tf.broadcastTo(a, [4, 5, 7]), b),
  }));
  itMatchesTf("vector × matrix [7] × [7, 3]", () => ({
    inputs: randomInputs(6, [[7], [7, 3]]),
    gl: gl.matmul,
    tf: (a, b) => tf.reshape(tf.matMul(tf.reshape(a, [1, 7]), b), [3]),
  }));
  itMatchesTf("matrix × vector [5, 7] × [7]", () => ({
    inputs: randomInputs(7, [[5, 7], [7]]),
    gl: gl.matmul,
    tf: (a, b) => tf.reshape(tf.matMul(a, tf.reshape(b, [7, 1])), [5]),
  }));
  itMatchesTf("vector · vector (dot product) [7] × [7]", () => ({
    inputs: randomInputs(8, [[7], [7]]),
    gl: gl.matmul,
    tf: (a, b) => tf.sum(tf.mul(a, b)),
  }));
  itMatchesTf("an MLP-sized product [32, 784] × [784, 10]", () => ({
    inputs: randomInputs(9, [
      [32, 784],
      [784, 10],
    ]),
    gl: gl.matmul,
    tf: (a, b) => tf.matMul(a, b),
    atol: 1e-4,
  }));
});

describe("matmul: gradcheck in float64", () => {
  const cases: [string, number[], number[]][] = [
    ["2-D", [3, 4], [4, 2]],
    ["batched", [2, 3, 4], [2, 4, 2]],
    ["batch × shared", [2, 3, 4], [4, 2]],
    ["shared × batch", [3, 4], [2, 4, 2]],
    ["vector × matrix", [4], [4, 2]],
    ["matrix × vector", [3, 4], [4]],
    ["vector · vector", [4], [4]],
  ];
  for (const [label, sa, sb] of cases)
    it(`${label} ${JSON.stringify(sa)} × ${JSON.stringify(sb)} passes gradcheck`, () =>
      expectGradcheck(gl.matmul, randomInputs(20, [sa, sb])));
});

describe("matmul: behaviour", () => {
  it("the result shape follows NumPy's rules", () => {
    expect(gl.matmul(gl.zeros([2, 5, 7]), gl.zeros([7, 3])).shape).to.deep.equal([2, 5, 3]);
    expect(gl.matmul(gl.zeros([7]), gl.zeros([7])).shape).to.deep.equal([]);
    expect(gl.matmul(gl.zeros([7]), gl.zeros([2, 7, 3])).shape).to.deep.equal([2, 3]);
  });

  it("computes in float64 when an operand is float64", () => {
    const a = gl.tensor([[0.1, 0.2]], null, { dtype: "float64" });
    const b = gl.tensor([[1], [1]], null, { dtype: "float64" });
    const c = gl.matmul(a, b);
    expect(c.dtype).to.equal("float64");
    expect(c.item()).to.equal(0.1 + 0.2);
  });
});

describeAllBackends("linear (y = x·Wᵀ + b, one op) vs TensorFlow.js (rtol 1e-4)", () => {
  beforeTf();
  itMatchesTf("[6, 5] with weight [3, 5] and bias [3]", () => ({
    inputs: randomInputs(21, [[6, 5], [3, 5], [3]]),
    gl: (x, w, b) => gl.linear(x, w, b),
    tf: (x, w, b) => tf.add(tf.matMul(x, w, false, true), b),
  }));
  itMatchesTf("rank 3 input [2, 4, 5], no bias", () => ({
    inputs: randomInputs(22, [
      [2, 4, 5],
      [3, 5],
    ]),
    gl: (x, w) => gl.linear(x, w),
    tf: (x, w) => tf.reshape(tf.matMul(tf.reshape(x, [8, 5]), w, false, true), [2, 4, 3]),
  }));
});

describe("linear", () => {
  it("passes gradcheck in float64 (x, weight and bias)", () => {
    expectGradcheck((x, w, b) => gl.linear(x, w, b), randomInputs(23, [[4, 6], [3, 6], [3]]));
    expectGradcheck(
      (x, w) => gl.linear(x, w),
      randomInputs(24, [
        [2, 3, 6],
        [5, 6],
      ]),
    );
  });

  it("equals the composite matmul(x, transpose(W)) + b, values and gradients", () => {
    gl.seed(3);
    const make = () => [gl.randn([7, 9]), gl.randn([4, 9]), gl.randn([4])];
    const [x, w, b] = make();
    const leaves = (ts: gl.Tensor[]) => ts.map((t) => gl.tensor(t.data.slice(), t.shape, { requiresGrad: true }));
    const [x1, w1, b1] = leaves([x, w, b]);
    const [x2, w2, b2] = leaves([x, w, b]);
    const g = gl.randn([7, 4]);
    const y1 = gl.linear(x1, w1, b1);
    const y2 = gl.add(gl.matmul(x2, gl.transpose(w2)), b2);
    y1.backward(g);
    y2.backward(g);
    expectClose(y1, y2, 1e-6, 1e-6);
    expectClose(x1.grad!, x2.grad!, 1e-6, 1e-6);
    expectClose(w1.grad!, w2.grad!, 1e-6, 1e-6);
    expectClose(b1.grad!, b2.grad!, 1e-6, 1e-6);
  });

  it("explains a weight of the wrong orientation and a bias of the wrong size", () => {
    expect(() => gl.linear(gl.ones([2, 3]), gl.ones([3, 4]))).to.throw(/last axis of 4 features[\s\S]*\[out, in\]/);
    expect(() => gl.linear(gl.ones([2, 3]), gl.ones([4, 3]), gl.ones([3]))).to.throw(/1-D bias of 4 values/);
    expect(() => gl.linear(gl.ones([2, 3]), gl.ones([4, 3, 1]))).to.throw(/2-D weight \[out, in\]/);
  });
});
