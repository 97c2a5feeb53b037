import { expect } from "chai";
import * as gl from "../../src";
import { describeAllBackends } from "../helpers/backends";
import { tf } from "../helpers/tfjs";
import { beforeTf, expectGradcheck, itMatchesTf, randomInputs } from "./harness";

/** Small whole numbers (0, 1, 2), so equal pairs (ties) actually occur. */
function smallInts(seed: number, shape: number[]): gl.Tensor {
  const g = new gl.Generator(seed);
  const x = gl.zeros(shape);
  for (let i = 0; i < x.size; i++) x.data[i] = Math.floor(g.random() * 3);
  return x;
}

describeAllBackends("comparisons and where vs TensorFlow.js (exact)", () => {
  beforeTf();
  const ops: [string, (a: gl.Tensor, b: gl.Tensor) => gl.Tensor, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor][] = [
    ["eq", gl.eq, tf.equal],
    ["ne", gl.ne, tf.notEqual],
    ["lt", gl.lt, tf.less],
    ["le", gl.le, tf.lessEqual],
    ["gt", gl.gt, tf.greater],
    ["ge", gl.ge, tf.greaterEqual],
  ];
  for (const [name, g, t] of ops) {
    itMatchesTf(`${name} with ties and broadcasting ([3, 4] against [4])`, () => ({
      inputs: [smallInts(1, [3, 4]), smallInts(2, [4])],
      gl: g,
      tf: (a, b) => t(a, b),
      forwardOnly: true,
      rtol: 0,
      atol: 0,
    }));
  }
  itMatchesTf("where routes the gradient to the picked operand (broadcast [3, 4], [4], [3, 1])", () => {
    const cond = smallInts(3, [3, 4]);
    const [a, b] = randomInputs(4, [[4], [3, 1]]);
    return {
      inputs: [cond, a, b],
      gl: (c, p, q) => gl.where(c, p, q),
      tf: (c, p, q) => {
        const shape = [3, 4];
        return tf.where(tf.cast(c, "bool"), tf.broadcastTo(p, shape), tf.broadcastTo(q, shape));
      },
      noGrad: [0],
    };
  });
});

describe("where", () => {
  it("passes gradcheck for both branches", () => {
    const cond = smallInts(5, [3, 4]);
    const [a, b] = randomInputs(6, [[3, 4], [4]]);
    expectGradcheck((p, q) => gl.where(cond, p, q), [a, b]);
  });

  it("does not leak an Inf from the branch that was not picked", () => {
    const x = gl.tensor([0, 4]);
    const y = gl.where(gl.gt(x, 0), gl.log(x), 0); // log(0) = −Inf, not picked
    expect(y.toList()).to.deep.equal([0, Math.log(4) as number].map((v) => Math.fround(v)));
  });

  it("comparisons return 1/0 and carry no gradient", () => {
    const x = gl.tensor([1, 2, 3], null, { requiresGrad: true });
    const m = gl.ge(x, 2);
    expect(m.toList()).to.deep.equal([0, 1, 1]);
    expect(m.requiresGrad).to.equal(false);
  });
});
