import { expect } from "chai";
import * as gl from "../../src";

const bp = gl.exercises.backprop;
/** σ(z) = 1/(1 + e^(−z)) from primitives (independent of gl.sigmoid). */
const sigma = (z: gl.Tensor) => gl.div(1, gl.add(1, gl.exp(gl.neg(z))));

describe("exercises.backprop", () => {
  it("accepts the right answers (computed independently, here with gradlab's autograd)", () => {
    // gates: f = (x + y)·z
    const [x, y, z] = [-2, 5, -4].map((v) => gl.tensor(v, [], { requiresGrad: true }));
    gl.mul(gl.add(x, y), z).backward();
    expect(
      bp.grade(
        "gates",
        [x, y, z].map((t) => t.grad!.item()),
      ).correct,
    ).to.equal(true);
    // neuron
    const w = gl.tensor(0.5, [], { requiresGrad: true, dtype: "float64" });
    gl.square(gl.sub(sigma(gl.add(gl.mul(w, 3), -1.5)), 1)).backward();
    expect(bp.grade("neuron", w.grad!.item()).correct).to.equal(true);
    // reuse
    const xr = gl.tensor(3, [], { requiresGrad: true });
    gl.add(gl.mul(xr, xr), gl.mul(xr, 2)).backward();
    expect(bp.grade("reuse", xr.grad!.item()).correct).to.equal(true);
    // delta and weight gradient through autograd: C = sum(δ² ⊙ (W² a¹)) has ∂C/∂(W²a¹) = δ²
    const { W2, delta2, a1 } = bp.data.delta;
    const z1 = gl.tensor(
      a1.map((r) => [Math.log(r[0] / (1 - r[0]))]),
      null,
      { requiresGrad: true, dtype: "float64" },
    );
    const W = gl.tensor(W2, null, { requiresGrad: true, dtype: "float64" });
    gl.sum(gl.mul(gl.tensor(delta2), gl.matmul(W, sigma(z1)))).backward();
    expect(bp.grade("delta", z1.grad!).correct).to.equal(true);
    expect(bp.grade("weightGrad", W.grad!).correct).to.equal(true);
    expect(bp.grade("relError", { relError: 1e-4 / 0.2501, band: "Suspicious" }).correct).to.equal(true);
  });

  it("names the mistake for typical wrong answers", () => {
    expect(bp.grade("gates", [1, 1, 3]).message).to.match(/upstream/);
    expect(bp.grade("neuron", -3).message).to.match(/σ′\(z\)/);
    expect(bp.grade("neuron", -0.25).message).to.match(/∂L\/∂b/);
    expect(bp.grade("reuse", 5).message).to.match(/sum of both/);
    const { W2, delta2 } = bp.data.delta;
    const W2tDelta = gl.matmul(gl.transpose(gl.tensor(W2)), gl.tensor(delta2));
    expect(bp.grade("delta", W2tDelta).message).to.match(/forgot ⊙ σ′/);
    expect(
      bp.grade("weightGrad", gl.matmul(gl.tensor(bp.data.delta.a1), gl.transpose(gl.tensor(delta2)))).message,
    ).to.match(/transpose/);
    expect(bp.grade("relError", { relError: 1e-4, band: "acceptable" }).message).to.match(/absolute error/);
    expect(bp.grade("relError", { relError: 1e-4 / 0.2501, band: "acceptable" }).message).to.match(/band is not/);
  });

  it("says what shape is expected for an answer of the wrong shape, and what is asked when unanswered", () => {
    expect(bp.grade("weightGrad", [1, 2, 3]).message).to.match(/shape \[2, 3\].*shape \[3\]/);
    expect(bp.grade("gates", null).message).to.match(/Not answered yet/);
    expect(bp.grade("gates", null).correct).to.equal(false);
    expect(() => bp.grade("nope" as "gates", 1)).to.throw(gl.ArgumentError, /gates, neuron/);
  });
});
