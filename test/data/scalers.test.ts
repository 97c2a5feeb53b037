import { expect } from "chai";
import * as gl from "../../src";
import { expectClose } from "../helpers/close";

function columnStats(X: gl.Tensor): { mean: number[]; std: number[]; min: number[]; max: number[] } {
  const [n, d] = X.shape;
  const mean = new Array(d).fill(0);
  const min = new Array(d).fill(Infinity);
  const max = new Array(d).fill(-Infinity);
  for (let i = 0; i < n * d; i++) {
    mean[i % d] += X.data[i] / n;
    min[i % d] = Math.min(min[i % d], X.data[i]);
    max[i % d] = Math.max(max[i % d], X.data[i]);
  }
  const std = new Array(d).fill(0);
  for (let i = 0; i < n * d; i++) std[i % d] += (X.data[i] - mean[i % d]) ** 2 / n;
  return { mean, std: std.map(Math.sqrt), min, max };
}

describe("data scalers", () => {
  gl.seed(0);
  const XTrain = gl
    .randn([200, 3])
    .mul(gl.tensor([1, 10, 100]))
    .add(gl.tensor([5, -3, 1000]));
  const XTest = gl
    .randn([50, 3])
    .mul(gl.tensor([2, 20, 50]))
    .add(gl.tensor([7, 0, 900])); // shifted: a different distribution

  it("StandardScaler gives the training set mean 0 and std 1 per feature", () => {
    const scaler = new gl.data.StandardScaler().fit(XTrain);
    const stats = columnStats(scaler.transform(XTrain));
    stats.mean.forEach((m) => expect(m).to.be.closeTo(0, 1e-4));
    stats.std.forEach((s) => expect(s).to.be.closeTo(1, 1e-4));
    expect(scaler.mean![2]).to.be.closeTo(1000, 20);
  });

  it("fits on the training set only: the test set is scaled with the training statistics (no leakage)", () => {
    const scaler = new gl.data.StandardScaler().fit(XTrain);
    const before = [...scaler.mean!];
    const XTestS = scaler.transform(XTest);
    expect(scaler.mean).to.deep.equal(before); // transform never refits
    const train = columnStats(XTrain);
    for (let i = 0; i < XTest.size; i++) {
      const f = i % 3;
      expect(XTestS.data[i]).to.be.closeTo((XTest.data[i] - train.mean[f]) / train.std[f], 1e-3);
    }
    // the test set's own statistics did not leak in: its scaled mean is not 0
    expect(Math.abs(columnStats(XTestS).mean[2])).to.be.greaterThan(0.5);
  });

  it("MinMaxScaler maps the training range onto featureRange; inverseTransform undoes both scalers", () => {
    const mm = new gl.data.MinMaxScaler({ featureRange: [-1, 1] }).fit(XTrain);
    const s = columnStats(mm.transform(XTrain));
    s.min.forEach((v) => expect(v).to.be.closeTo(-1, 1e-5));
    s.max.forEach((v) => expect(v).to.be.closeTo(1, 1e-5));
    expectClose(mm.inverseTransform(mm.transform(XTest)), XTest, 1e-5, 1e-3);
    const st = new gl.data.StandardScaler().fit(XTrain);
    expectClose(st.inverseTransform(st.transform(XTest)), XTest, 1e-5, 1e-3);
  });

  it("a constant feature is left unscaled instead of dividing by zero", () => {
    const X = gl.tensor([
      [1, 5],
      [2, 5],
      [3, 5],
    ]);
    const out = new gl.data.StandardScaler().fitTransform(X);
    expect(out.toList().every(Number.isFinite)).to.equal(true);
    expect([out.data[1], out.data[3]]).to.deep.equal([0, 0]);
  });

  it("teaching errors: transform before fit, a different feature count, non-table input", () => {
    expect(() => new gl.data.StandardScaler().transform(XTrain)).to.throw(gl.ArgumentError, /fit\(XTrain\) first/);
    const scaler = new gl.data.MinMaxScaler().fit(XTrain);
    expect(() => scaler.transform(gl.zeros([4, 2]))).to.throw(gl.ShapeError, /3 features per row/);
    expect(() => scaler.fit(gl.zeros([4, 1, 2]))).to.throw(gl.ShapeError, /\[N, D\]/);
  });
});
