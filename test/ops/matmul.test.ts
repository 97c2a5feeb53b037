import { expect } from "chai";
import * as gl from "../../src";
import { describeAllBackends } from "../helpers/backends";
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
