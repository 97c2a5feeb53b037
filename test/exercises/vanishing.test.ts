import { expect } from "chai";
import * as gl from "../../src";

const ex = gl.exercises.vanishing;

describe("exercises.vanishing", () => {
  it("accepts answers computed independently", () => {
    // max of σ′ by a fine grid on σ = 1/(1 + e^−z)
    let best = 0;
    for (let z = -5; z <= 5; z += 0.001) {
      const s = 1 / (1 + Math.exp(-z));
      best = Math.max(best, s * (1 - s));
    }
    expect(ex.grade("sigmoidBound", best).correct).to.equal(true);
    // chain of 10 sigmoid units by autograd: h ← σ(w·h + b) with b chosen so z = 0 at every layer
    const x = gl.tensor(0, [], { requiresGrad: true, dtype: "float64" });
    let h: gl.Tensor = x;
    for (let l = 0; l < ex.data.depthChain; l++) h = gl.sub(gl.div(1, gl.add(1, gl.exp(gl.neg(h)))), 0.5); // σ(h) − 1/2 keeps z = 0
    h.backward();
    expect(ex.grade("chainFactor", x.grad!.item()).correct).to.equal(true);
    const w = 1000 ** (1 / ex.data.depthLinear);
    expect(w ** ex.data.depthLinear).to.be.closeTo(1000, 1e-6);
    expect(ex.grade("explodingWeight", w).correct).to.equal(true);
    const clip = (gs: gl.Tensor[], maxNorm: number) => {
      const norm = Math.sqrt(gs.reduce((t, g) => t + gl.sum(gl.square(g)).item(), 0));
      return gs.map((g) => gl.mul(g, Math.min(1, maxNorm / (norm + 1e-6))));
    };
    expect(ex.grade("clipGradNorm", clip).correct).to.equal(true);
  });

  it("names the mistake for typical wrong answers", () => {
    expect(ex.grade("sigmoidBound", 0.5).message).to.match(/σ\(0\)/);
    expect(ex.grade("chainFactor", 2.5).message).to.match(/added/);
    expect(ex.grade("explodingWeight", 50).message).to.match(/20th root/);
    const byValue = (gs: gl.Tensor[], c: number) => gs.map((g) => gl.clamp(g, -c, c));
    expect(ex.grade("clipGradNorm", byValue).message).to.match(/clipping by value/);
  });
});
