import { expect } from "chai";
import * as gl from "../../src";
import { Tanh } from "../probe/tinyModules";

describe("nn.deepMLP", () => {
  it("stacks depth × (Linear, activation) and an output Linear, with the given init", () => {
    const m = gl.nn.deepMLP({
      inFeatures: 3,
      width: 5,
      depth: 4,
      outFeatures: 2,
      activation: () => new Tanh(),
      init: (s) => gl.full(s, 0.1),
    });
    const layers = m.children();
    expect(layers).to.have.length(9);
    expect(layers.map((l) => l.constructor.name)).to.deep.equal([
      "Linear",
      "Tanh",
      "Linear",
      "Tanh",
      "Linear",
      "Tanh",
      "Linear",
      "Tanh",
      "Linear",
    ]);
    const weights = m.namedParameters().filter(([n]) => n.endsWith("weight"));
    expect(weights.map(([, p]) => p.shape)).to.deep.equal([
      [5, 3],
      [5, 5],
      [5, 5],
      [5, 5],
      [2, 5],
    ]);
    expect(Array.from(weights[1][1].data).every((v) => Math.abs(v - 0.1) < 1e-7)).to.equal(true);
    expect(m.forward(gl.randn([7, 3])).shape).to.deep.equal([7, 2]);
  });

  it("adds BatchNorm1d before each activation and residual wrappers after the first block", () => {
    const bn = gl.nn.deepMLP({
      inFeatures: 3,
      width: 4,
      depth: 2,
      outFeatures: 1,
      activation: () => new Tanh(),
      batchNorm: true,
    });
    expect(bn.children().map((l) => l.constructor.name)).to.deep.equal([
      "Linear",
      "BatchNorm1d",
      "Tanh",
      "Linear",
      "BatchNorm1d",
      "Tanh",
      "Linear",
    ]);
    const res = gl.nn.deepMLP({
      inFeatures: 3,
      width: 4,
      depth: 3,
      outFeatures: 1,
      activation: () => new Tanh(),
      residual: true,
    });
    expect(res.children().map((l) => l.constructor.name)).to.deep.equal([
      "Linear",
      "Tanh",
      "Residual",
      "Residual",
      "Linear",
    ]);
    expect(res.forward(gl.randn([2, 3])).shape).to.deep.equal([2, 1]);
  });

  it("explains a depth of 0 and an activation that is not a factory", () => {
    expect(() =>
      gl.nn.deepMLP({ inFeatures: 1, width: 1, depth: 0, outFeatures: 1, activation: () => new Tanh() }),
    ).to.throw(gl.ArgumentError, /depth/);
    expect(() =>
      gl.nn.deepMLP({
        inFeatures: 1,
        width: 1,
        depth: 1,
        outFeatures: 1,
        activation: new Tanh() as unknown as () => gl.nn.Module,
      }),
    ).to.throw(gl.ArgumentError, /a function/);
  });
});
