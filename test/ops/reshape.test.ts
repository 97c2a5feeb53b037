import { expect } from "chai";
import * as gl from "../../src";
import { describeAllBackends } from "../helpers/backends";
import { tf } from "../helpers/tfjs";
import { beforeTf, expectGradcheck, itMatchesTf, randomInputs } from "./harness";

describeAllBackends("reshaping ops vs TensorFlow.js (exact values)", () => {
  beforeTf();
  itMatchesTf("reshape with an inferred −1", () => ({
    inputs: randomInputs(1, [[2, 3, 4]]),
    gl: (x) => gl.reshape(x, [4, -1]),
    tf: (x) => tf.reshape(x, [4, -1]),
  }));
  itMatchesTf("permute [2, 0, 1]", () => ({
    inputs: randomInputs(2, [[2, 3, 4]]),
    gl: (x) => gl.permute(x, [2, 0, 1]),
    tf: (x) => tf.transpose(x, [2, 0, 1]),
  }));
  itMatchesTf("permute with negative axes [−1, −3, −2]", () => ({
    inputs: randomInputs(3, [[2, 3, 4]]),
    gl: (x) => gl.permute(x, [-1, -3, -2]),
    tf: (x) => tf.transpose(x, [2, 0, 1]),
  }));
  itMatchesTf("transpose swaps the last two axes by default", () => ({
    inputs: randomInputs(4, [[2, 3, 4]]),
    gl: (x) => gl.transpose(x),
    tf: (x) => tf.transpose(x, [0, 2, 1]),
  }));
  itMatchesTf("transpose of axes 0 and 2", () => ({
    inputs: randomInputs(5, [[2, 3, 4]]),
    gl: (x) => gl.transpose(x, 0, 2),
    tf: (x) => tf.transpose(x, [2, 1, 0]),
  }));
  itMatchesTf("flatten from axis 1", () => ({
    inputs: randomInputs(6, [[2, 3, 4, 5]]),
    gl: (x) => gl.flatten(x, 1),
    tf: (x) => tf.reshape(x, [2, 60]),
  }));
  itMatchesTf("flatten of axes 1..2 only", () => ({
    inputs: randomInputs(7, [[2, 3, 4, 5]]),
    gl: (x) => gl.flatten(x, 1, 2),
    tf: (x) => tf.reshape(x, [2, 12, 5]),
  }));
  itMatchesTf("unsqueeze at −1", () => ({
    inputs: randomInputs(8, [[3, 4]]),
    gl: (x) => gl.unsqueeze(x, -1),
    tf: (x) => tf.expandDims(x, -1),
  }));
  itMatchesTf("squeeze of all size-1 axes", () => ({
    inputs: randomInputs(9, [[1, 3, 1, 4]]),
    gl: (x) => gl.squeeze(x),
    tf: (x) => tf.squeeze(x),
  }));
  itMatchesTf("squeeze of one axis", () => ({
    inputs: randomInputs(10, [[1, 3, 1, 4]]),
    gl: (x) => gl.squeeze(x, 2),
    tf: (x) => tf.squeeze(x, [2]),
  }));
  itMatchesTf("broadcastTo [2, 3, 4] from [3, 1] (gradient summed back)", () => ({
    inputs: randomInputs(11, [[3, 1]]),
    gl: (x) => gl.broadcastTo(x, [2, 3, 4]),
    tf: (x) => tf.broadcastTo(x, [2, 3, 4]),
  }));
});

describe("reshaping ops: gradcheck in float64", () => {
  it("reshape, permute, transpose, flatten, unsqueeze, squeeze and broadcastTo pass gradcheck", () => {
    const [x] = randomInputs(20, [[2, 1, 3, 2]]);
    expectGradcheck((t) => gl.reshape(t, [3, -1]), [x]);
    expectGradcheck((t) => gl.permute(t, [3, 1, 0, 2]), [x]);
    expectGradcheck((t) => gl.transpose(t, 0, 2), [x]);
    expectGradcheck((t) => gl.flatten(t, 1), [x]);
    expectGradcheck((t) => gl.unsqueeze(t, 1), [x]);
    expectGradcheck((t) => gl.squeeze(t), [x]);
    expectGradcheck((t) => gl.broadcastTo(t, [4, 2, 5, 3, 2]), [x]);
  });
});

describe("reshaping ops: behaviour", () => {
  it("reshape keeps the row-major order of values", () => {
    expect(gl.reshape(gl.arange(6), [2, 3]).toArray()).to.deep.equal([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it("permute then the inverse permutation gives the input back", () => {
    const [x] = randomInputs(21, [[2, 3, 4]]);
    expect(gl.permute(gl.permute(x, [1, 2, 0]), [2, 0, 1]).toList()).to.deep.equal(x.toList());
  });

  it("transpose of a vector is the vector itself (like PyTorch's .T)", () => {
    const v = gl.tensor([1, 2, 3]);
    expect(gl.transpose(v).shape).to.deep.equal([3]);
  });

  it("squeeze(dim) leaves an axis that is not size 1 alone", () => {
    expect(gl.squeeze(gl.zeros([2, 3]), 0).shape).to.deep.equal([2, 3]);
  });
});
