import { expect } from "chai";
import * as gl from "../../src";
import { describeAllBackends } from "../helpers/backends";
import { tf } from "../helpers/tfjs";
import { beforeTf, expectGradcheck, itMatchesTf, randomInputs } from "./harness";

/** tfjs reference for picking explicit positions along every axis: one tf.gather per axis. */
function tfTake(x: tf.Tensor, lists: number[][]): tf.Tensor {
  return lists.reduce((t, list, axis) => tf.gather(t, tf.tensor1d(list, "int32"), axis), x);
}

describeAllBackends("indexing vs TensorFlow.js (exact values, gradients rtol 1e-4)", () => {
  beforeTf();
  // x[1:, ::-2, -3:-1] on shape [3, 4, 5] reads rows [1, 2], columns [3, 1], depths [2, 3] (Python's rules)
  itMatchesTf("slice x[1:, ::-2, -3:-1] (negative step and negative indices)", () => ({
    inputs: randomInputs(1, [[3, 4, 5]]),
    gl: (x) => gl.slice(x, [[1], [null, null, -2], [-3, -1]]),
    tf: (x) =>
      tfTake(x, [
        [1, 2],
        [3, 1],
        [2, 3],
      ]),
  }));
  itMatchesTf("slice x[:, 1:4:2] against tf.stridedSlice", () => ({
    inputs: randomInputs(2, [[3, 5]]),
    gl: (x) => gl.slice(x, [null, [1, 4, 2]]),
    tf: (x) => tf.stridedSlice(x, [0, 1], [3, 4], [1, 2]),
    forwardOnly: true,
  }));
  itMatchesTf("narrow along axis 1 against tf.slice", () => ({
    inputs: randomInputs(3, [[3, 6, 2]]),
    gl: (x) => gl.narrow(x, 1, 2, 3),
    tf: (x) => tf.slice(x, [0, 2, 0], [3, 3, 2]),
  }));
  itMatchesTf("select index −1 of axis 1 (the axis is removed)", () => ({
    inputs: randomInputs(4, [[3, 4, 2]]),
    gl: (x) => gl.select(x, 1, -1),
    tf: (x) => tf.squeeze(tf.slice(x, [0, 3, 0], [3, 1, 2]), [1]),
  }));
  itMatchesTf("indexSelect with repeated indices (their gradients add up) against tf.gather", () => ({
    inputs: randomInputs(5, [[5, 3]]),
    gl: (x) => gl.indexSelect(x, 0, [4, 0, 4, 2]),
    tf: (x) => tf.gather(x, tf.tensor1d([4, 0, 4, 2], "int32"), 0),
  }));
  itMatchesTf("indexSelect along the last axis", () => ({
    inputs: randomInputs(6, [[2, 3, 4]]),
    gl: (x) => gl.indexSelect(x, -1, gl.tensor([3, 1])),
    tf: (x) => tf.gather(x, tf.tensor1d([3, 1], "int32"), 2),
  }));
});

describe("indexing: gradcheck in float64", () => {
  it("slice, narrow, select and indexSelect pass gradcheck", () => {
    const [x] = randomInputs(10, [[3, 4, 5]]);
    expectGradcheck((t) => gl.slice(t, [[-2], [null, null, -1], [0, 5, 2]]), [x]);
    expectGradcheck((t) => gl.narrow(t, -1, 1, 3), [x]);
    expectGradcheck((t) => gl.select(t, 0, 1), [x]);
    expectGradcheck((t) => gl.indexSelect(t, 1, [0, 0, 3]), [x]);
  });
});

describe("slice follows Python's rules", () => {
  const v = gl.arange(6);
  const cases: [string, gl.SliceRange, number[]][] = [
    ["[2:]", [2], [2, 3, 4, 5]],
    ["[:-2]", [null, -2], [0, 1, 2, 3]],
    ["[::-1]", [null, null, -1], [5, 4, 3, 2, 1, 0]],
    ["[4:1:-1]", [4, 1, -1], [4, 3, 2]],
    ["[-10:10] (clamped to the axis)", [-10, 10], [0, 1, 2, 3, 4, 5]],
    ["[3:1] (empty)", [3, 1], []],
    ["[::4]", [null, null, 4], [0, 4]],
  ];
  for (const [label, range, expected] of cases) {
    it(`x${label} of 0..5 is ${JSON.stringify(expected)}`, () =>
      expect(gl.slice(v, [range]).toList()).to.deep.equal(expected));
  }

  it("axes without a range are kept whole", () => {
    expect(gl.slice(gl.zeros([2, 3, 4]), [[1]]).shape).to.deep.equal([1, 3, 4]);
  });

  it("the gradient of a slice is zero outside the slice", () => {
    const x = gl.tensor([1, 2, 3, 4], null, { requiresGrad: true });
    gl.sum(gl.slice(x, [[1, 3]])).backward();
    expect(x.grad!.toList()).to.deep.equal([0, 1, 1, 0]);
  });
});
