import { expect } from "chai";
import * as gl from "../../src";
import { describeAllBackends } from "../helpers/backends";
import { expectClose } from "../helpers/close";
import { tf } from "../helpers/tfjs";
import { beforeTf, expectGradcheck, itMatchesTf, randomInputs } from "./harness";

const S = [3, 4, 5];

/** tfjs has only the biased variance (tf.moments); the unbiased one is scaled by n/(n − 1). */
function tfVariance(x: tf.Tensor, axes: number[] | undefined, unbiased: boolean, keepDims: boolean): tf.Tensor {
  const v = tf.moments(x, axes, keepDims).variance;
  const n = axes === undefined ? x.size : axes.reduce((p, a) => p * x.shape[a], 1);
  return unbiased ? tf.mul(v, n / (n - 1)) : v;
}

describeAllBackends("statistics vs TensorFlow.js (rtol 1e-4)", () => {
  beforeTf();
  for (const unbiased of [true, false]) {
    itMatchesTf(`variance over all axes (unbiased ${unbiased})`, () => ({
      inputs: randomInputs(1, [S]),
      gl: (x) => gl.variance(x, undefined, { unbiased }),
      tf: (x) => tfVariance(x, undefined, unbiased, false),
    }));
    itMatchesTf(`variance over axes [0, 2] keeping dims (unbiased ${unbiased})`, () => ({
      inputs: randomInputs(2, [S]),
      gl: (x) => gl.variance(x, [0, 2], { unbiased, keepDims: true }),
      tf: (x) => tfVariance(x, [0, 2], unbiased, true),
    }));
    itMatchesTf(`std over axis 1 (unbiased ${unbiased})`, () => ({
      inputs: randomInputs(3, [S]),
      gl: (x) => gl.std(x, 1, { unbiased }),
      tf: (x) => tf.sqrt(tfVariance(x, [1], unbiased, false)),
    }));
  }
  itMatchesTf("logsumexp over all axes", () => ({
    inputs: randomInputs(4, [S]),
    gl: (x) => gl.logsumexp(x),
    tf: (x) => tf.logSumExp(x),
  }));
  itMatchesTf("logsumexp over axis −1 keeping dims", () => ({
    inputs: randomInputs(5, [S]),
    gl: (x) => gl.logsumexp(x, -1, true),
    tf: (x) => tf.logSumExp(x, -1, true),
  }));
  itMatchesTf("norm with p = 3 over axis 1 (tfjs composite: its norm has no p = 3)", () => ({
    inputs: randomInputs(6, [S], "awayFromZero"),
    gl: (x) => gl.norm(x, 3, 1),
    tf: (x) => tf.pow(tf.sum(tf.pow(tf.abs(x), 3), 1), 1 / 3),
  }));
  for (const p of [1, 2, Infinity]) {
    itMatchesTf(`norm with p = ${p} over axis 1`, () => ({
      inputs: randomInputs(6, [S], "awayFromZero"),
      gl: (x) => gl.norm(x, p, 1),
      tf: (x) => tf.norm(x, p, 1),
    }));
  }
  itMatchesTf("norm (p = 2) of the whole tensor", () => ({
    inputs: randomInputs(7, [S]),
    gl: (x) => gl.norm(x),
    tf: (x) => tf.norm(x),
  }));
});

describe("statistics: gradcheck in float64", () => {
  it("variance, std, logsumexp and norm pass gradcheck", () => {
    const [x] = randomInputs(10, [S], "awayFromZero");
    expectGradcheck((t) => gl.variance(t, [0, 2]), [x]);
    expectGradcheck((t) => gl.variance(t, 1, { unbiased: false, keepDims: true }), [x]);
    expectGradcheck((t) => gl.std(t, -1), [x]);
    expectGradcheck((t) => gl.logsumexp(t, 1), [x]);
    expectGradcheck((t) => gl.norm(t, 2, [1, 2]), [x]);
    expectGradcheck((t) => gl.norm(t, 1, 0), [x]);
    expectGradcheck((t) => gl.norm(t, 3), [x]);
  });
});

describe("statistics: behaviour", () => {
  it("unbiased variance divides by n − 1, biased by n", () => {
    const x = gl.tensor([1, 2, 3, 4]);
    expect(gl.variance(x).item()).to.be.closeTo(5 / 3, 1e-6);
    expect(gl.variance(x, undefined, { unbiased: false }).item()).to.be.closeTo(1.25, 1e-6);
  });

  it("logsumexp of huge values does not overflow", () => {
    expectClose(
      gl.logsumexp(
        gl.tensor(
          [
            [1e4, 1e4],
            [-1e4, -1e4],
          ],
          null,
          { dtype: "float64" },
        ),
        1,
      ),
      [1e4 + Math.LN2, -1e4 + Math.LN2],
      1e-12,
      0,
    );
  });
});
