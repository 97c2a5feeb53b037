import { expect } from "chai";
import * as gl from "../../src";

const ex = gl.exercises.vanishing;

describe("exercises.vanishing", () => {
  it("accepts answers computed independently", () => {
    // the smallest |w| with |w|·max σ′ = 1, from σ′'s maximum found on a fine grid
    let best = 0;
    for (let z = -5; z <= 5; z += 0.001) {
      const s = 1 / (1 + Math.exp(-z));
      best = Math.max(best, s * (1 - s));
    }
    expect(ex.grade("sigmoidWeight", 1 / best).correct).to.equal(true);
    // a chain of sigmoid units by autograd: z = w·h + b with b chosen so z = chainZ at every unit
    const { depthChain, chainWeight, chainZ } = ex.data;
    const x = gl.tensor(0, [], { requiresGrad: true, dtype: "float64" });
    let h: gl.Tensor = x;
    for (let l = 0; l < depthChain; l++) {
      const z = gl.add(gl.mul(h, chainWeight), gl.sub(chainZ, gl.mul(h.detach(), chainWeight)));
      h = gl.div(1, gl.add(1, gl.exp(gl.neg(z))));
    }
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
    expect(ex.grade("sigmoidWeight", 0.25).message).to.match(/largest slope/);
    expect(ex.grade("chainFactor", 0.5 ** 10).mistake?.code).to.equal("slope-at-zero");
    expect(ex.grade("chainFactor", 10 * 2 * 0.19661193).message).to.match(/added/);
    expect(ex.grade("explodingWeight", 50).message).to.match(/20th root/);
    const byValue = (gs: gl.Tensor[], c: number) => gs.map((g) => gl.clamp(g, -c, c));
    expect(ex.grade("clipGradNorm", byValue).message).to.match(/clipping by value/);
  });
});
