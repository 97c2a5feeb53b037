import { expect } from "chai";
import * as gl from "../../src";
import { describeAllBackends } from "../helpers/backends";
import { expectClose } from "../helpers/close";
import { tf } from "../helpers/tfjs";
import { beforeTf, expectGradcheck, itMatchesTf, randomInputs } from "./harness";

/** (axes, keepDims) combinations: all axes, one axis, a negative axis, two axes. */
const AXES: [string, number | number[] | undefined, boolean][] = [
  ["over all axes", undefined, false],
  ["over axis 1", 1, false],
  ["over axis −1 keeping dims", -1, true],
  ["over axes [0, 2]", [0, 2], false],
  ["over axes [0, 2] keeping dims", [0, 2], true],
];
const S = [3, 4, 5];

describeAllBackends("reductions vs TensorFlow.js (rtol 1e-4)", () => {
  beforeTf();
  for (const [label, axes, keep] of AXES) {
    itMatchesTf(`sum ${label}`, () => ({
      inputs: randomInputs(1, [S]),
      gl: (x) => gl.sum(x, axes, keep),
      tf: (x) => tf.sum(x, axes, keep),
    }));
    itMatchesTf(`mean ${label}`, () => ({
      inputs: randomInputs(2, [S]),
      gl: (x) => gl.mean(x, axes, keep),
      tf: (x) => tf.mean(x, axes, keep),
    }));
    itMatchesTf(`max ${label}`, () => ({
      inputs: randomInputs(3, [S]),
      gl: (x) => gl.max(x, axes, keep),
      tf: (x) => tf.max(x, axes, keep),
    }));
    itMatchesTf(`min ${label}`, () => ({
      inputs: randomInputs(4, [S]),
      gl: (x) => gl.min(x, axes, keep),
      tf: (x) => tf.min(x, axes, keep),
    }));
  }
  for (const axis of [0, 1, -1]) {
    itMatchesTf(`argmax along axis ${axis}`, () => ({
      inputs: randomInputs(5, [S]),
      gl: (x) => gl.argmax(x, axis),
      tf: (x) => tf.argMax(x, axis),
      forwardOnly: true,
      rtol: 0,
      atol: 0,
    }));
    itMatchesTf(`argmin along axis ${axis}`, () => ({
      inputs: randomInputs(6, [S]),
      gl: (x) => gl.argmin(x, axis),
      tf: (x) => tf.argMin(x, axis),
      forwardOnly: true,
      rtol: 0,
      atol: 0,
    }));
  }
  itMatchesTf("argmax over the flattened tensor", () => ({
    inputs: randomInputs(7, [S]),
    gl: (x) => gl.argmax(x),
    tf: (x) => tf.argMax(tf.reshape(x, [-1])),
    forwardOnly: true,
    rtol: 0,
    atol: 0,
  }));
});

describe("reductions: gradcheck in float64", () => {
  for (const [label, axes, keep] of AXES) {
    it(`sum, mean, max and min ${label} pass gradcheck`, () => {
      const [x] = randomInputs(10, [S]);
      expectGradcheck((t) => gl.sum(t, axes, keep), [x]);
      expectGradcheck((t) => gl.mean(t, axes, keep), [x]);
      expectGradcheck((t) => gl.max(t, axes, keep), [x]);
      expectGradcheck((t) => gl.min(t, axes, keep), [x]);
    });
  }
});

describe("reductions: behaviour", () => {
  it("max sends the gradient to the largest element, split evenly between ties", () => {
    const x = gl.tensor(
      [
        [1, 3, 3],
        [5, 0, 2],
      ],
      null,
      { requiresGrad: true },
    );
    gl.sum(gl.max(x, 1)).backward();
    expect(x.grad!.toArray()).to.deep.equal([
      [0, 0.5, 0.5],
      [1, 0, 0],
    ]);
  });

  it("argmax returns the first index among ties, like NumPy", () => {
    expect(gl.argmax(gl.tensor([1, 7, 7, 2])).item()).to.equal(1);
  });

  it("max propagates NaN (a NaN is never hidden by a reduction)", () => {
    expect(Number.isNaN(gl.max(gl.tensor([1, NaN, 3])).item())).to.equal(true);
  });

  it("sum keeps the dtype and mean divides by the reduced count only", () => {
    const x = gl.tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      null,
      { dtype: "float64" },
    );
    expect(gl.sum(x).dtype).to.equal("float64");
    expectClose(gl.mean(x, 0), [2.5, 3.5, 4.5]);
  });
});
