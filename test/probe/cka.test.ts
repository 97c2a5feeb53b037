import { expect } from "chai";
import * as gl from "../../src";

/** CKA from the feature-space definition: ‖YcᵀXc‖²_F / (‖XcᵀXc‖_F ‖YcᵀYc‖_F), plain loops. */
function ckaByFeatures(X: number[][], Y: number[][]): number {
  const center = (A: number[][]) => {
    const n = A.length;
    const mean = A[0].map((_, j) => A.reduce((s, r) => s + r[j], 0) / n);
    return A.map((r) => r.map((v, j) => v - mean[j]));
  };
  const Xc = center(X);
  const Yc = center(Y);
  const crossNorm2 = (A: number[][], B: number[][]) => {
    let s = 0;
    for (let i = 0; i < A[0].length; i++)
      for (let j = 0; j < B[0].length; j++) {
        let d = 0;
        for (let k = 0; k < A.length; k++) d += A[k][i] * B[k][j];
        s += d * d;
      }
    return s;
  };
  return crossNorm2(Yc, Xc) / Math.sqrt(crossNorm2(Xc, Xc) * crossNorm2(Yc, Yc));
}

const rows = (t: gl.Tensor) => t.toArray() as number[][];

describe("probe.linearCKA", () => {
  it("equals the feature-space definition (Gram form vs features, independent formulas)", () => {
    gl.seed(2);
    const X = gl.randn([30, 7]);
    const Y = gl.add(gl.matmul(X, gl.randn([7, 5])), gl.mul(gl.randn([30, 5]), 2));
    expect(gl.probe.linearCKA(X, Y)).to.be.closeTo(ckaByFeatures(rows(X), rows(Y)), 1e-6);
  });

  it("is 1 under rotation and scale, invariant to a shift, and small for unrelated features", () => {
    gl.seed(3);
    const X = gl.randn([40, 6]);
    // an orthogonal matrix: a permutation with sign flips
    const perm = [3, 0, 5, 1, 4, 2];
    const R = gl.tensor(
      Array.from({ length: 36 }, (_, k) => (perm[Math.floor(k / 6)] === k % 6 ? (k % 2 ? -1 : 1) : 0)),
      [6, 6],
    );
    expect(gl.probe.linearCKA(X, gl.add(gl.mul(gl.matmul(X, R), 5), 7))).to.be.closeTo(1, 1e-9);
    expect(gl.probe.linearCKA(X, gl.randn([40, 6]))).to.be.lessThan(0.4);
  });

  it("refuses feature sets of different examples, and one example", () => {
    expect(() => gl.probe.linearCKA(gl.randn([5, 2]), gl.randn([6, 2]))).to.throw(gl.ShapeError, /same 5 examples/);
    expect(() => gl.probe.linearCKA(gl.randn([1, 2]), gl.randn([1, 2]))).to.throw(gl.ShapeError, /at least 2/);
  });
});

describe("probe.layerSimilarity", () => {
  it("is 1 for every layer of a copy; after changing the last layer only the layers from there on drop", () => {
    gl.seed(4);
    const make = () =>
      new gl.nn.Sequential([
        new gl.nn.Conv2d(1, 4, 3),
        new gl.nn.BatchNorm2d(4),
        new gl.nn.ReLU(),
        new gl.nn.Flatten(),
        new gl.nn.Linear(64, 3),
      ]);
    const a = make();
    const b = make();
    b.loadStateDict(a.stateDict());
    const X = gl.randn([20, 1, 6, 6]);
    const same = gl.probe.layerSimilarity(a, b, X);
    expect(same.map((r) => r.layer)).to.deep.equal(["0", "1", "2", "3", "4"]);
    expect(same.map((r) => r.type)).to.deep.equal(["Conv2d", "BatchNorm2d", "ReLU", "Flatten", "Linear"]);
    for (const r of same) expect(r.cka).to.be.closeTo(1, 1e-9);
    (b as unknown as { 4: gl.nn.Linear })[4].weight.data.set(gl.randn([3, 64]).data);
    const changed = gl.probe.layerSimilarity(a, b, X);
    expect(changed.slice(0, 4).every((r) => Math.abs(r.cka - 1) < 1e-9)).to.equal(true);
    expect(changed[4].cka).to.be.lessThan(0.99);
    expect(a.training && b.training).to.equal(true); // modes restored
  });
});
