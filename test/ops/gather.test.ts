import { expect } from "chai";
import * as gl from "../../src";
import { describeAllBackends } from "../helpers/backends";
import { expectClose } from "../helpers/close";
import { tf } from "../helpers/tfjs";
import { beforeTf, expectGradcheck, itMatchesTf, randomInputs } from "./harness";

const LABELS = [[2], [0], [3], [3], [1]]; // one class index per row of a [5, 4] tensor

describeAllBackends("gather and oneHot vs TensorFlow.js (exact values, gradients rtol 1e-4)", () => {
  beforeTf();
  // PyTorch's gather along axis 1 of a 2-D tensor is tf.gather(x, idx, 1, batchDims = 1)
  itMatchesTf("gather along axis 1: the score of each row's label", () => ({
    inputs: randomInputs(1, [[5, 4]]),
    gl: (x) => gl.gather(x, 1, LABELS),
    tf: (x) => tf.gather(x, tf.tensor2d(LABELS, [5, 1], "int32"), 1, 1),
  }));
  itMatchesTf("gather along axis 1 with several (repeated) picks per row", () => ({
    inputs: randomInputs(2, [[3, 4]]),
    gl: (x) =>
      gl.gather(x, 1, [
        [0, 3, 3],
        [1, 1, 2],
        [2, 0, 1],
      ]),
    tf: (x) =>
      tf.gather(
        x,
        tf.tensor2d(
          [
            [0, 3, 3],
            [1, 1, 2],
            [2, 0, 1],
          ],
          [3, 3],
          "int32",
        ),
        1,
        1,
      ),
  }));
  itMatchesTf("gather along axis 0 (tfjs on the transpose)", () => ({
    inputs: randomInputs(3, [[4, 3]]),
    gl: (x) =>
      gl.gather(x, 0, [
        [3, 0, 1],
        [2, 2, 0],
      ]),
    tf: (x) =>
      tf.transpose(
        tf.gather(
          tf.transpose(x),
          tf.tensor2d(
            [
              [3, 2],
              [0, 2],
              [1, 0],
            ],
            [3, 2],
            "int32",
          ),
          1,
          1,
        ),
      ),
  }));
  itMatchesTf("oneHot of labels", () => ({
    inputs: [gl.tensor([0, 3, 1, 1, 4])],
    gl: (y) => gl.oneHot(y, 6),
    tf: (y) => tf.oneHot(tf.cast(y, "int32"), 6),
    forwardOnly: true,
    rtol: 0,
    atol: 0,
  }));
  itMatchesTf("cross-entropy built from gather(logSoftmax) equals tf.losses.softmaxCrossEntropy", () => ({
    inputs: randomInputs(4, [[5, 4]]).map((x) => gl.mul(x, 3)),
    gl: (logits) => gl.neg(gl.mean(gl.gather(gl.logSoftmax(logits), 1, LABELS))),
    tf: (logits) => tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(LABELS.flat(), "int32"), 4), logits),
  }));
});

describe("gather: gradcheck in float64 and a 3-D reference loop", () => {
  it("gather along the middle axis of a 3-D tensor passes gradcheck", () => {
    const [x] = randomInputs(10, [[2, 4, 3]]);
    const idx = gl.tensor([[[3, 0, 1]], [[2, 2, 0]]]); // [2, 1, 3]
    expectGradcheck((t) => gl.gather(t, 1, idx), [x]);
  });

  it("out[i][j][k] = x[i][idx[i][j][k]][k] for axis 1, as a plain loop computes it", () => {
    const [x] = randomInputs(11, [[2, 4, 3]]);
    const idx = [
      [
        [3, 0, 1],
        [1, 1, 1],
      ],
      [
        [2, 2, 0],
        [0, 3, 2],
      ],
    ];
    const xs = x.toArray() as number[][][];
    const expected = idx.map((plane, i) => plane.map((row) => row.map((c, k) => xs[i][c][k])));
    expect(gl.gather(x, 1, idx).toArray()).to.deep.equal(expected);
  });
});

describe("oneHot", () => {
  it("infers the number of classes from the largest label when it is not given", () => {
    expect(gl.oneHot([1, 0]).toArray()).to.deep.equal([
      [0, 1],
      [1, 0],
    ]);
  });

  it("keeps the labels' shape and adds the class axis last", () => {
    expect(gl.oneHot(gl.zeros([2, 3]), 4).shape).to.deep.equal([2, 3, 4]);
  });

  it("matmul of a one-hot matrix picks rows, like an embedding lookup", () => {
    const table = gl.tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expectClose(gl.matmul(gl.oneHot([2, 0], 3), table), [5, 6, 1, 2]);
  });
});
