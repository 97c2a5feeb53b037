import { expect } from "chai";
import * as gl from "../../src";

describe("data.selectByCorrelation", () => {
  it("ranks features by |Pearson r| with the target, worked out from the definition", () => {
    gl.seed(1);
    const X = gl.randn([50, 4], { dtype: "float64" });
    const y = gl.tensor(
      Array.from({ length: 50 }, (_, i) => -3 * X.data[i * 4 + 2] + 1.5 * X.data[i * 4] + 0.01 * (i % 3)),
      null,
      {
        dtype: "float64",
      },
    );
    const { indices, correlations } = gl.data.selectByCorrelation(X, y, 2);
    const col = (f: number): number[] => Array.from({ length: 50 }, (_, i) => X.data[i * 4 + f]);
    const r = (a: number[], b: number[]): number => {
      const ma = a.reduce((s, v) => s + v, 0) / a.length;
      const mb = b.reduce((s, v) => s + v, 0) / b.length;
      const cov = a.reduce((s, v, i) => s + (v - ma) * (b[i] - mb), 0);
      return cov / Math.sqrt(a.reduce((s, v) => s + (v - ma) ** 2, 0) * b.reduce((s, v) => s + (v - mb) ** 2, 0));
    };
    [0, 1, 2, 3].forEach((f) => expect(correlations[f]).to.be.closeTo(Math.abs(r(col(f), Array.from(y.data))), 1e-12));
    expect(indices).to.deep.equal([2, 0]); // the strongly (negatively) correlated feature first
  });

  it("selecting on all data before the split makes pure noise look predictive (leakage)", async () => {
    gl.seed(0);
    const X = gl.randn([100, 2000]); // noise: no feature carries any information about y
    const y = gl.tensor(Array.from({ length: 100 }, (_, i) => i % 2));
    const s = gl.data.trainTestSplit(X, y, { testSize: 0.5, seed: 0 });
    const testAccuracy = async (idx: number[]): Promise<number> => {
      const m = new gl.nn.Linear(idx.length, 2);
      const opt = new gl.optim.SGD(m.parameters(), { lr: 0.1 });
      await gl.fit(
        m,
        { X: gl.indexSelect(s.XTrain, 1, idx), y: s.yTrain },
        { epochs: 100, batchSize: 50, optimizer: opt, loss: gl.loss.crossEntropy, progress: false },
      );
      return gl.evaluate(m, { X: gl.indexSelect(s.XTest, 1, idx), y: s.yTest }, { metrics: ["accuracy"] }).metrics
        .accuracy;
    };
    const leaked = await testAccuracy(gl.data.selectByCorrelation(X, y, 10).indices);
    const honest = await testAccuracy(gl.data.selectByCorrelation(s.XTrain, s.yTrain, 10).indices);
    expect(leaked).to.be.above(0.7);
    expect(honest).to.be.below(0.62);
  });

  it("teaches on a wrong k or a target of the wrong length", () => {
    const X = gl.zeros([4, 3]);
    expect(() => gl.data.selectByCorrelation(X, gl.zeros([4]), 5)).to.throw(gl.ArgumentError, /from 1 to 3/);
    expect(() => gl.data.selectByCorrelation(X, gl.zeros([3]), 1)).to.throw(gl.ShapeError, /one target per row/);
  });
});
