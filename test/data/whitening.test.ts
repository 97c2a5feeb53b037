import { expect } from "chai";
import * as gl from "../../src";
import { expectClose } from "../helpers/close";

/** Correlated 3-D data: x = A·z + b with z ~ N(0, I). */
function correlated(n: number, seed: number): gl.Tensor {
  gl.seed(seed);
  const A = gl.tensor(
    [
      [2, 0, 0],
      [1.5, 0.5, 0],
      [-1, 0.3, 0.2],
    ],
    null,
    { dtype: "float64" },
  );
  return gl
    .randn([n, 3], { dtype: "float64" })
    .matmul(A.transpose())
    .add(gl.tensor([1, 2, 3], null, { dtype: "float64" }));
}

function covOf(X: gl.Tensor): number[][] {
  return gl.data.covariance(X).covariance;
}

const identity = (d: number): number[] => Array.from({ length: d * d }, (_, i) => (i % (d + 1) === 0 ? 1 : 0));

describe("data whitening", () => {
  it("symmetricEigen reconstructs A = V·diag(λ)·Vᵀ with orthonormal vectors, largest first", () => {
    const A = [
      [4, 1, 2],
      [1, 3, 0.5],
      [2, 0.5, 5],
    ];
    const { values, vectors } = gl.data.symmetricEigen(A);
    expect(values[0]).to.be.greaterThanOrEqual(values[1]);
    expect(values[1]).to.be.greaterThanOrEqual(values[2]);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        const rebuilt = values.reduce((s, l, k) => s + l * vectors[k][i] * vectors[k][j], 0);
        expect(rebuilt).to.be.closeTo(A[i][j], 1e-10);
        const dot = vectors[i].reduce((s, v, k) => s + v * vectors[j][k], 0);
        expect(dot).to.be.closeTo(i === j ? 1 : 0, 1e-10);
      }
    expect(values.reduce((a, b) => a + b, 0)).to.be.closeTo(12, 1e-10); // trace
  });

  it("PCA and ZCA whitening give the training set identity covariance", () => {
    const X = correlated(500, 1);
    for (const w of [new gl.data.PCA({ whiten: true }), new gl.data.ZCA({ eps: 0 })]) {
      const Z = w.fit(X).transform(X);
      expectClose(covOf(Z).flat(), identity(3), 1e-6, 1e-6);
      expect(w.eigenvalues).to.have.length(3);
    }
  });

  it("PCA's eigenvalues are the variances along the principal axes, and its components are unit vectors", () => {
    const X = correlated(2000, 2);
    const pca = new gl.data.PCA({ whiten: false }).fit(X);
    const Z = pca.transform(X);
    const c = covOf(Z);
    pca.eigenvalues!.forEach((l, k) => expect(c[k][k]).to.be.closeTo(l, 1e-6 * (1 + l)));
    expect(Math.abs(c[0][1])).to.be.lessThan(1e-6); // decorrelated
    pca.components!.forEach((u) => expect(Math.hypot(...u)).to.be.closeTo(1, 1e-12));
    const ratio = pca.explainedVarianceRatio!;
    expect(ratio.reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-12);
    expect(ratio[0]).to.be.greaterThan(ratio[1]);
  });

  it("PCA with nComponents keeps the top axes; inverseTransform restores the data when all are kept", () => {
    const X = correlated(300, 3);
    const two = new gl.data.PCA({ nComponents: 2 }).fit(X);
    expect(two.transform(X).shape).to.deep.equal([300, 2]);
    const all = new gl.data.PCA().fit(X);
    expectClose(all.inverseTransform(all.transform(X)), X, 1e-6, 1e-6);
    expect(() => new gl.data.PCA({ nComponents: 4 }).fit(X)).to.throw(gl.ArgumentError, /from 1 to 3/);
  });

  it("ZCA stays closer to the input than PCA (same covariance, least rotation)", () => {
    const X = correlated(500, 4);
    const dist = (A: gl.Tensor): number => {
      const Xc = new gl.data.StandardScaler().fitTransform(X);
      let s = 0;
      for (let i = 0; i < A.size; i++) s += (A.data[i] - Xc.data[i]) ** 2;
      return s;
    };
    expect(dist(new gl.data.ZCA().fit(X).transform(X))).to.be.lessThan(
      dist(new gl.data.PCA({ whiten: true }).fit(X).transform(X)),
    );
  });

  it("transform before fit is explained", () => {
    expect(() => new gl.data.ZCA().transform(gl.zeros([2, 2]))).to.throw(gl.ArgumentError, /fit\(XTrain\)/);
  });
});
