import { expect } from "chai";
import * as gl from "../../src";
import { expectClose } from "../helpers/close";
import { Tanh } from "./tinyModules";

describe("probe.depthProfile", () => {
  it("reports each Linear weight's gradient norm and each activation's std, as a manual pass computes them", () => {
    gl.seed(5);
    const model = gl.nn.deepMLP({ inFeatures: 4, width: 6, depth: 3, outFeatures: 2, activation: () => new Tanh() });
    const X = gl.randn([10, 4]);
    const p = gl.probe.depthProfile(model, X, { loss: (yHat) => gl.sum(gl.square(yHat)) });
    // the same pass by hand
    const acts: gl.Tensor[] = [];
    let h = X;
    for (const layer of model.children()) {
      h = layer.forward(h);
      if (layer instanceof Tanh) acts.push(h);
    }
    gl.sum(gl.square(h)).backward();
    const weights = model.namedParameters().filter(([n]) => n.endsWith("weight"));
    expect(p.layer).to.deep.equal([1, 2, 3, 4]);
    expect(p.weightNames).to.deep.equal(weights.map(([n]) => n));
    expectClose(
      p.weightGradNorm,
      weights.map(([, w]) => gl.norm(w.grad!).item()),
      1e-4,
    );
    expectClose(
      p.activationStd,
      acts.map((a) => gl.std(a, null, { unbiased: false }).item()),
      1e-4,
    );
    expect(p.saturated.every((s) => typeof s === "number")).to.equal(true);
    expect(p.dead.every((d) => d === null)).to.equal(true);
    expect(p.activationHistograms).to.have.length(3);
  });

  it("leaves the model's gradients as they were", () => {
    const model = gl.nn.deepMLP({ inFeatures: 2, width: 3, depth: 2, outFeatures: 1, activation: () => new Tanh() });
    gl.probe.depthProfile(model, gl.randn([4, 2]));
    expect(model.parameters().every((q) => q.grad === null)).to.equal(true);
  });
});
