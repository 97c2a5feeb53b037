import { expect } from "chai";
import * as gl from "../../src";
import { describeAllBackends } from "../helpers/backends";
import { tf } from "../helpers/tfjs";
import { beforeTf, expectGradcheck, itMatchesTf, randomInputs } from "./harness";

const S = [4, 5];

describeAllBackends("math vs TensorFlow.js (rtol 1e-4)", () => {
  beforeTf();
  itMatchesTf("exp", () => ({ inputs: randomInputs(1, [S]), gl: gl.exp, tf: (x) => tf.exp(x) }));
  itMatchesTf("log", () => ({ inputs: randomInputs(2, [S], "positive"), gl: gl.log, tf: (x) => tf.log(x) }));
  itMatchesTf("sqrt", () => ({ inputs: randomInputs(3, [S], "positive"), gl: gl.sqrt, tf: (x) => tf.sqrt(x) }));
  itMatchesTf("square", () => ({ inputs: randomInputs(4, [S]), gl: gl.square, tf: (x) => tf.square(x) }));
  itMatchesTf("abs", () => ({ inputs: randomInputs(5, [S], "awayFromZero"), gl: gl.abs, tf: (x) => tf.abs(x) }));
  itMatchesTf("sign (values only: it has no gradient)", () => ({
    inputs: [
      gl.tensor([
        [-2, 0, 3],
        [0.5, -0.1, 0],
      ]),
    ],
    gl: gl.sign,
    tf: (x) => tf.sign(x),
    forwardOnly: true,
  }));
  itMatchesTf("clamp to [−0.5, 0.8] (tfjs clipByValue)", () => ({
    inputs: randomInputs(6, [S], "awayFromZero"),
    gl: (x) => gl.clamp(x, -0.5, 0.8),
    tf: (x) => tf.clipByValue(x, -0.5, 0.8),
  }));
});

describe("math: gradcheck in float64", () => {
  const cases: [string, (x: gl.Tensor) => gl.Tensor, "normal" | "positive" | "awayFromZero"][] = [
    ["exp", gl.exp, "normal"],
    ["log", gl.log, "positive"],
    ["sqrt", gl.sqrt, "positive"],
    ["square", gl.square, "normal"],
    ["abs", gl.abs, "awayFromZero"],
    ["clamp", (x) => gl.clamp(x, -0.5, 0.5), "awayFromZero"],
  ];
  for (const [name, fn, kind] of cases)
    it(`${name} passes gradcheck`, () => expectGradcheck(fn, randomInputs(30, [[3, 4]], kind)));
});

describe("math: behaviour", () => {
  it("clamp passes the gradient only where the value was inside the bounds", () => {
    const x = gl.tensor([-2, 0.5, 3], null, { requiresGrad: true });
    gl.sum(gl.clamp(x, -1, 1)).backward();
    expect(x.grad!.toList()).to.deep.equal([0, 1, 0]);
  });

  it("abs has gradient 0 at 0 (PyTorch's choice), sign has no gradient", () => {
    const x = gl.tensor([0, -3], null, { requiresGrad: true });
    gl.sum(gl.abs(x)).backward();
    expect(x.grad!.toList()).to.deep.equal([0, -1]);
    expect(gl.sign(x).requiresGrad).to.equal(false);
  });

  it("clamp with only a lower bound is a ReLU-like floor", () => {
    expect(gl.clamp(gl.tensor([-1, 2]), 0).toList()).to.deep.equal([0, 2]);
  });
});
