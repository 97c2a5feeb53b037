import { expect } from "chai";
import * as gl from "../../src";
import { describeAllBackends } from "../helpers/backends";
import { tf } from "../helpers/tfjs";
import { beforeTf, expectGradcheck, itMatchesTf, randomInputs } from "./harness";

describeAllBackends("concat and stack vs TensorFlow.js (exact values, gradients rtol 1e-4)", () => {
  beforeTf();
  itMatchesTf("concat of three tensors along axis 1 (sizes 1, 3, 2)", () => ({
    inputs: randomInputs(1, [
      [2, 1, 4],
      [2, 3, 4],
      [2, 2, 4],
    ]),
    gl: (a, b, c) => gl.concat([a, b, c], 1),
    tf: (a, b, c) => tf.concat([a, b, c], 1),
  }));
  itMatchesTf("concat along axis 0 (the default)", () => ({
    inputs: randomInputs(2, [
      [2, 3],
      [4, 3],
    ]),
    gl: (a, b) => gl.concat([a, b]),
    tf: (a, b) => tf.concat([a, b], 0),
  }));
  itMatchesTf("concat along axis −1", () => ({
    inputs: randomInputs(3, [
      [2, 3, 1],
      [2, 3, 2],
    ]),
    gl: (a, b) => gl.concat([a, b], -1),
    tf: (a, b) => tf.concat([a, b], 2),
  }));
  for (const axis of [0, 1, 2, -1]) {
    itMatchesTf(`stack along axis ${axis}`, () => ({
      inputs: randomInputs(4, [
        [2, 3],
        [2, 3],
        [2, 3],
      ]),
      gl: (a, b, c) => gl.stack([a, b, c], axis),
      tf: (a, b, c) => tf.stack([a, b, c], axis === -1 ? 2 : axis),
    }));
  }
});

describe("concat and stack: gradcheck in float64", () => {
  it("concat and stack pass gradcheck", () => {
    const [a, b, c] = randomInputs(10, [
      [2, 3],
      [2, 1],
      [2, 3],
    ]);
    expectGradcheck((p, q) => gl.concat([p, q], 1), [a, b]);
    expectGradcheck((p, q) => gl.stack([p, q], 1), [a, c]);
  });
});

describe("concat and stack: behaviour", () => {
  it("a tensor that does not require grad gets none, the others get their block", () => {
    const a = gl.tensor([1, 2], null, { requiresGrad: true });
    const b = gl.tensor([3]);
    gl.sum(gl.mul(gl.concat([a, b]), gl.tensor([10, 20, 30]))).backward();
    expect(a.grad!.toList()).to.deep.equal([10, 20]);
    expect(b.grad).to.equal(null);
  });

  it("stack of scalars makes a vector", () => {
    expect(gl.stack([gl.tensor(1), gl.tensor(2)]).toArray()).to.deep.equal([1, 2]);
  });
});
