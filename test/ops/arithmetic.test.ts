import { expect } from "chai";
import * as gl from "../../src";
import { describeAllBackends } from "../helpers/backends";
import { expectClose } from "../helpers/close";
import { tf } from "../helpers/tfjs";
import { beforeTf, expectGradcheck, itMatchesTf, randomInputs } from "./harness";

/** Shape pairs that exercise NumPy broadcasting: equal, a column against a row, rank growth, a scalar. */
const PAIRS: [string, number[], number[]][] = [
  ["equal shapes", [3, 4], [3, 4]],
  ["[3, 1] with [4]", [3, 1], [4]],
  ["[2, 3, 4] with [3, 1]", [2, 3, 4], [3, 1]],
  ["[1, 4] with [2, 3, 1]", [1, 4], [2, 3, 1]],
  ["[3, 4] with a scalar tensor", [3, 4], []],
];

function broadcastBoth(a: tf.Tensor, b: tf.Tensor): [tf.Tensor, tf.Tensor] {
  const shape = tf.add(a, b).shape;
  return [tf.broadcastTo(a, shape), tf.broadcastTo(b, shape)];
}

describeAllBackends("arithmetic vs TensorFlow.js (rtol 1e-4)", () => {
  beforeTf();
  for (const [label, sa, sb] of PAIRS) {
    itMatchesTf(`add, ${label}`, () => ({ inputs: randomInputs(1, [sa, sb]), gl: gl.add, tf: (a, b) => tf.add(a, b) }));
    itMatchesTf(`sub, ${label}`, () => ({ inputs: randomInputs(2, [sa, sb]), gl: gl.sub, tf: (a, b) => tf.sub(a, b) }));
    itMatchesTf(`mul, ${label}`, () => ({ inputs: randomInputs(3, [sa, sb]), gl: gl.mul, tf: (a, b) => tf.mul(a, b) }));
    itMatchesTf(`div, ${label}`, () => {
      const [a] = randomInputs(4, [sa]);
      const [b] = randomInputs(5, [sb], "positive");
      return { inputs: [a, b], gl: gl.div, tf: (p, q) => tf.div(p, q) };
    });
    itMatchesTf(`pow (positive base, both gradients), ${label}`, () => {
      const [a] = randomInputs(6, [sa], "positive");
      const [b] = randomInputs(7, [sb]);
      return { inputs: [a, b], gl: gl.pow, tf: (p, q) => tf.pow(p, q) };
    });
    // tfjs's maximum/minimum gradients ignore broadcasting, so its operands are broadcast first
    itMatchesTf(`maximum, ${label}`, () => ({
      inputs: randomInputs(8, [sa, sb]),
      gl: gl.maximum,
      tf: (a, b) => tf.maximum(...broadcastBoth(a, b)),
    }));
    itMatchesTf(`minimum, ${label}`, () => ({
      inputs: randomInputs(9, [sa, sb]),
      gl: gl.minimum,
      tf: (a, b) => tf.minimum(...broadcastBoth(a, b)),
    }));
  }
  itMatchesTf("neg", () => ({ inputs: randomInputs(10, [[3, 5]]), gl: gl.neg, tf: (a) => tf.neg(a) }));
  itMatchesTf("a plain number on either side (x − 2.5, 2.5 / x)", () => ({
    inputs: randomInputs(11, [[4, 3]], "positive"),
    gl: (x) => gl.add(gl.sub(x, 2.5), gl.div(2.5, x)),
    tf: (x) => tf.add(tf.sub(x, 2.5), tf.div(2.5, x)),
  }));
  itMatchesTf("pow with a negative base and a whole exponent (x³)", () => ({
    inputs: randomInputs(12, [[4, 3]]),
    gl: (x) => gl.pow(x, 3),
    tf: (x) => tf.pow(x, 3),
  }));
});

describe("arithmetic: gradcheck in float64", () => {
  for (const [label, sa, sb] of PAIRS) {
    it(`add, sub, mul, div, pow, maximum, minimum pass gradcheck with ${label}`, () => {
      const [a, b] = randomInputs(20, [sa, sb]);
      const [pa, pb] = randomInputs(21, [sa, sb], "positive");
      expectGradcheck(gl.add, [a, b]);
      expectGradcheck(gl.sub, [a, b]);
      expectGradcheck(gl.mul, [a, b]);
      expectGradcheck(gl.div, [a, pb]);
      expectGradcheck(gl.pow, [pa, b]);
      expectGradcheck(gl.maximum, [a, b]);
      expectGradcheck(gl.minimum, [a, b]);
    });
  }
  it("neg passes gradcheck", () => expectGradcheck(gl.neg, randomInputs(22, [[3, 2]])));
});

describe("arithmetic: behaviour", () => {
  it("a bias of shape [C] added to [N, C] receives the sum of the gradient over N", () => {
    const x = gl.ones([4, 3]);
    const b = gl.tensor([1, 2, 3], null, { requiresGrad: true });
    gl.sum(gl.add(x, b)).backward();
    expect(b.grad!.toList()).to.deep.equal([4, 4, 4]);
  });

  it("maximum splits the gradient evenly between tied operands", () => {
    const a = gl.tensor([2, 5], null, { requiresGrad: true });
    const b = gl.tensor([2, 1], null, { requiresGrad: true });
    gl.sum(gl.maximum(a, b)).backward();
    expect(a.grad!.toList()).to.deep.equal([0.5, 1]);
    expect(b.grad!.toList()).to.deep.equal([0.5, 0]);
  });

  it("float64 operands give a float64 result; numbers take the tensor's dtype", () => {
    const x = gl.tensor([1, 2], null, { dtype: "float64" });
    expect(gl.add(x, 1).dtype).to.equal("float64");
    expect(gl.mul(gl.tensor([1, 2]), x).dtype).to.equal("float64");
    expectClose(gl.add(x, 0.1), [1.1, 2.1], 1e-15, 0);
  });

  it("an operand that does not require grad gets no gradient", () => {
    const w = gl.tensor([1, 2], null, { requiresGrad: true });
    const c = gl.tensor([3, 4]);
    gl.sum(gl.mul(w, c)).backward();
    expect(c.grad).to.equal(null);
    expect(w.grad!.toList()).to.deep.equal([3, 4]);
  });
});
