import { expect } from "chai";
import * as gl from "../../src";
import { describeAllBackends } from "../helpers/backends";
import { tf } from "../helpers/tfjs";
import { beforeTf, expectGradcheck, itMatchesTf, randomInputs } from "./harness";

describeAllBackends("pad vs TensorFlow.js (exact values, gradients rtol 1e-4)", () => {
  beforeTf();
  itMatchesTf("zero padding of H and W of an NCHW batch", () => ({
    inputs: randomInputs(1, [[2, 3, 4, 5]]),
    gl: (x) =>
      gl.pad(x, [
        [1, 1],
        [2, 0],
      ]),
    tf: (x) =>
      tf.pad(x, [
        [0, 0],
        [0, 0],
        [1, 1],
        [2, 0],
      ]),
  }));
  itMatchesTf("constant padding with value −1 on every axis", () => ({
    inputs: randomInputs(2, [[2, 3]]),
    gl: (x) =>
      gl.pad(
        x,
        [
          [1, 0],
          [0, 2],
        ],
        { value: -1 },
      ),
    tf: (x) =>
      tf.pad(
        x,
        [
          [1, 0],
          [0, 2],
        ],
        -1,
      ),
  }));
  // values only: tfjs 4.22's MirrorPad gradient just slices out the centre and drops the reflected
  // entries' contributions (a tfjs bug); our gradient is checked by gradcheck below
  itMatchesTf("reflect padding (values) against tf.mirrorPad", () => ({
    inputs: randomInputs(3, [[3, 4]]),
    gl: (x) =>
      gl.pad(
        x,
        [
          [2, 1],
          [3, 3],
        ],
        { mode: "reflect" },
      ),
    tf: (x) =>
      tf.mirrorPad(
        x,
        [
          [2, 1],
          [3, 3],
        ],
        "reflect",
      ),
    forwardOnly: true,
  }));
  itMatchesTf("reflect padding (gradients) against a tfjs gather of the reflected positions", () => ({
    inputs: randomInputs(3, [[3, 4]]),
    gl: (x) =>
      gl.pad(
        x,
        [
          [2, 1],
          [3, 3],
        ],
        { mode: "reflect" },
      ),
    // rows 2 1 | 0 1 2 | 1 and columns 3 2 1 | 0 1 2 3 | 2 1 0
    tf: (x) =>
      tf.gather(
        tf.gather(x, tf.tensor1d([2, 1, 0, 1, 2, 1], "int32"), 0),
        tf.tensor1d([3, 2, 1, 0, 1, 2, 3, 2, 1, 0], "int32"),
        1,
      ),
  }));
});

describe("pad: forms and modes", () => {
  const v = gl.tensor([1, 2, 3]);
  const cases: [string, gl.PadOptions, number[]][] = [
    ["constant", {}, [0, 0, 1, 2, 3, 0]],
    ["reflect", { mode: "reflect" }, [3, 2, 1, 2, 3, 2]],
    ["replicate", { mode: "replicate" }, [1, 1, 1, 2, 3, 3]],
    ["circular", { mode: "circular" }, [2, 3, 1, 2, 3, 1]],
  ];
  for (const [name, opts, expected] of cases) {
    it(`${name} padding of [1, 2, 3] by [2, 1] gives ${JSON.stringify(expected)}`, () =>
      expect(gl.pad(v, [[2, 1]], opts).toList()).to.deep.equal(expected));
  }

  it("PyTorch's flat order (last axis first) means the same as [before, after] pairs", () => {
    const [x] = randomInputs(4, [[1, 2, 3, 4]]);
    expect(gl.pad(x, [3, 0, 1, 2]).toList()).to.deep.equal(
      gl
        .pad(x, [
          [1, 2],
          [3, 0],
        ])
        .toList(),
    );
    expect(gl.pad(x, [3, 0, 1, 2]).shape).to.deep.equal([1, 2, 6, 7]);
  });

  it("the gradient of zero padding is the gradient of the unpadded part", () => {
    const x = gl.tensor([1, 2], null, { requiresGrad: true });
    gl.sum(gl.mul(gl.pad(x, [[1, 1]]), gl.tensor([5, 6, 7, 8]))).backward();
    expect(x.grad!.toList()).to.deep.equal([6, 7]);
  });

  it("every mode passes gradcheck (copied entries send their gradient back, summed)", () => {
    const [x] = randomInputs(10, [[3, 4]]);
    for (const mode of ["constant", "reflect", "replicate", "circular"] as gl.PadMode[]) {
      expectGradcheck(
        (t) =>
          gl.pad(
            t,
            [
              [2, 1],
              [1, 3],
            ],
            { mode, value: 2 },
          ),
        [x],
      );
    }
  });
});
