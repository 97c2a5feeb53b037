import { expect } from "chai";
import * as gl from "../../src";

describe("activationProperties", () => {
  it("measures E[f(z)] for z ~ N(0, 1): 0 for tanh, 1/√(2π) for ReLU, 1/2 for sigmoid", () => {
    expect(gl.activationProperties("tanh").meanOutput).to.be.closeTo(0, 1e-9);
    expect(gl.activationProperties("relu").meanOutput).to.be.closeTo(1 / Math.sqrt(2 * Math.PI), 1e-6);
    expect(gl.activationProperties("sigmoid").meanOutput).to.be.closeTo(0.5, 1e-6);
  });

  it("says where each activation saturates and is bounded", () => {
    expect(gl.activationProperties("sigmoid")).to.include({ saturates: "both", bounded: "both" });
    expect(gl.activationProperties("relu")).to.include({ saturates: "negative side", bounded: "negative side" });
    expect(gl.activationProperties("leakyRelu")).to.include({ saturates: "neither", bounded: "neither" });
    expect(gl.activationProperties("elu")).to.include({ saturates: "negative side", bounded: "negative side" });
  });

  it("finds the kinks and the non-monotonic ones", () => {
    expect(gl.activationProperties("relu").smooth).to.equal(false);
    expect(gl.activationProperties("elu", 1).smooth).to.equal(true); // α = 1: f′ is continuous at 0
    expect(gl.activationProperties("elu", 2).smooth).to.equal(false);
    expect(gl.activationProperties("tanh").monotonic).to.equal(true);
    const silu = gl.activationProperties("silu");
    expect(silu.monotonic).to.equal(false);
    expect(silu.minSlope).to.be.closeTo(-0.0998, 1e-3); // SiLU′ has its minimum ≈ −0.0998 near x ≈ −2.4
  });

  it("measures a positive, finite cost per element without touching the seeded rng", () => {
    gl.seed(9);
    const a = gl.randn([3]).toList();
    gl.seed(9);
    const cost = gl.activationCost("tanh", { size: 1024, repeats: 3 });
    expect(cost).to.be.greaterThan(0);
    expect(Number.isFinite(cost)).to.equal(true);
    expect(gl.randn([3]).toList()).to.deep.equal(a);
  });
});
