import { expect } from "chai";
import { lossLandscape } from "../../src/probe/lossLandscape";
import { BatchNorm1d, Linear, Sequential } from "../../src/nn";
import { mse } from "../../src/nn/loss";
import { randn, tensor } from "../../src/tensor/create";
import { seed } from "../../src/random";

describe("probe.lossLandscape", () => {
  it("matches the closed form on a quadratic: L(w) = 2.5 w², so L(w − η·5w) = 2.5 w² (1 − 5η)², ‖Δ∇‖ = 25 η |w|", () => {
    const model = new Linear(1, 1, { bias: false });
    model.weight.data[0] = 0.8;
    const X = tensor([[1], [2]]);
    const y = tensor([[0], [0]]);
    const s = lossLandscape(model, (yHat, t) => mse(yHat, t), X, y, { stepSizes: [0, 0.1, 0.3] });
    const w = 0.8;
    expect(s.loss).to.be.closeTo(2.5 * w * w, 1e-6);
    expect(s.gradNorm).to.be.closeTo(5 * w, 1e-6);
    [0, 0.1, 0.3].forEach((eta, k) => {
      expect(s.losses[k]).to.be.closeTo(2.5 * w * w * (1 - 5 * eta) ** 2, 1e-5);
      expect(s.gradChange[k]).to.be.closeTo(25 * eta * w, 1e-5);
    });
    // the gradient 5w turns at rate 5 per unit moved: β = 25 η w / (η · 5 w) = 5, the curvature
    expect(s.smoothness[0]).to.be.NaN;
    expect(s.smoothness[1]).to.be.closeTo(5, 1e-4);
    expect(s.smoothness[2]).to.be.closeTo(5, 1e-4);
    expect(s.lossRange).to.be.closeTo(Math.max(...s.losses) - Math.min(...s.losses), 1e-12);
  });

  it("restores parameters, gradients and BatchNorm's running statistics", () => {
    seed(1);
    const model = new Sequential([new Linear(3, 4), new BatchNorm1d(4), new Linear(4, 1)]);
    const before = model.stateDict();
    const params = model.parameters();
    const X = randn([8, 3]);
    const y = randn([8, 1]);
    lossLandscape(model, (yHat, t) => mse(yHat, t), X, y, { stepSizes: [0.5, 1] });
    const after = model.stateDict();
    for (const name of Object.keys(before))
      expect(Array.from(after[name].data), name).to.deep.equal(Array.from(before[name].data));
    expect(params.every((p) => p.grad === null)).to.equal(true);
  });

  it("refuses an empty or negative list of step sizes", () => {
    const model = new Linear(1, 1);
    expect(() => lossLandscape(model, (a, b) => mse(a, b), tensor([[1]]), tensor([[0]]), { stepSizes: [] })).to.throw(
      /step sizes/,
    );
    expect(() => lossLandscape(model, (a, b) => mse(a, b), tensor([[1]]), tensor([[0]]), { stepSizes: [-1] })).to.throw(
      /step sizes/,
    );
  });
});
