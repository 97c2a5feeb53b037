import { expect } from "chai";
import * as gl from "../../src";

/** Zero-mean features on scales 1 and `ratio`, y = 2·x₁ + (3/ratio)·x₂ + noise. */
function regression(ratio: number): { X: gl.Tensor; y: gl.Tensor } {
  gl.seed(0);
  const Z = gl.randn([200, 2]);
  const X = Z.sub(gl.mean(Z, 0)).mul(gl.tensor([1, ratio]));
  const y = X.matmul(gl.tensor([[2], [3 / ratio]])).add(gl.randn([200, 1]).mul(0.1));
  return { X, y };
}

describe("probe.lossGrid and probe.descentPath", () => {
  it("lossGrid gives the MSE of the linear model at every grid point, worked out from the definition", () => {
    const { X, y } = regression(10);
    const model = new gl.nn.Linear(2, 1, { bias: false, init: "zeros" });
    const g = gl.probe.lossGrid(model, gl.loss.mse, X, y, { xRange: [-1, 3], yRange: [-0.5, 0.5], n: 5 });
    expect(g.x).to.deep.equal([-1, 0, 1, 2, 3]);
    const mse = (w1: number, w2: number): number => {
      let s = 0;
      for (let i = 0; i < 200; i++) s += (w1 * X.data[2 * i] + w2 * X.data[2 * i + 1] - y.data[i]) ** 2;
      return s / 200;
    };
    g.y.forEach((w2, i) => g.x.forEach((w1, j) => expect(g.z[i][j]).to.be.closeTo(mse(w1, w2), 1e-4 * mse(w1, w2))));
    expect(model.weight.toList()).to.deep.equal([0, 0]); // restored
    expect(() => gl.probe.lossGrid(model, gl.loss.mse, X, y, { param: "w", xRange: [0, 1], yRange: [0, 1] })).to.throw(
      gl.ArgumentError,
      /one of the model's parameters: weight/,
    );
  });

  it("descentPath records the weights and the loss of each real SGD step", () => {
    const { X, y } = regression(1);
    const model = new gl.nn.Linear(2, 1, { bias: false, init: "zeros" });
    const path = gl.probe.descentPath(model, gl.loss.mse, X, y, {
      optimizer: new gl.optim.SGD(model.parameters(), { lr: 0.1 }),
      steps: 3,
    });
    expect(path.x.length).to.equal(4);
    expect([path.x[0], path.y[0]]).to.deep.equal([0, 0]);
    // one step by hand: w ← w − lr·(2/N)·Xᵀ(Xw − y) with w = 0
    let g1 = 0;
    for (let i = 0; i < 200; i++) g1 += (2 / 200) * X.data[2 * i] * -y.data[i];
    expect(path.x[1]).to.be.closeTo(-0.1 * g1, 1e-5);
    expect(path.z[3]).to.be.below(path.z[0]);
    expect([model.weight.data[0], model.weight.data[1]]).to.deep.equal([path.x[3], path.y[3]]);
  });

  it("features 100× apart need far more steps to a given loss than standardized ones, each at lr = 1/λmax of its Hessian", () => {
    const { X, y } = regression(100);
    const steps = (Xin: gl.Tensor): number | null => {
      // the MSE's Hessian is 2·XᵀX/N; GD is stable for lr < 2/λmax; lr = 1/λmax damps the steep direction in one step
      const cov = gl.data.covariance(Xin).covariance; // centred features: XᵀX/(N − 1)
      const lambdaMax = (2 * 199 * gl.data.symmetricEigen(cov).values[0]) / 200;
      const model = new gl.nn.Linear(2, 1, { bias: false, init: "zeros" });
      const opt = new gl.optim.SGD(model.parameters(), { lr: 1 / lambdaMax });
      return gl.probe.descentPath(model, gl.loss.mse, Xin, y, { optimizer: opt, steps: 300 }).stepsTo(0.02);
    };
    expect(steps(new gl.data.StandardScaler().fitTransform(X))).to.be.below(20);
    expect(steps(X)).to.equal(null); // not within 300 steps
  });
});
