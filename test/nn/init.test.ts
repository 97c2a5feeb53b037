import { expect } from "chai";
import * as gl from "../../src";
import * as init from "../../src/nn/init";

/** Sample mean and std, and their standard errors (the std's from the sample's 4th moment). */
function stats(t: gl.Tensor): { mean: number; std: number; seMean: number; seStd: number; maxAbs: number } {
  const d = t.data;
  const n = d.length;
  let mean = 0;
  for (const v of d) mean += v;
  mean /= n;
  let m2 = 0;
  let m4 = 0;
  let maxAbs = 0;
  for (const v of d) {
    const c = v - mean;
    m2 += c * c;
    m4 += c * c * c * c;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  m2 /= n;
  m4 /= n;
  const std = Math.sqrt(m2);
  return { mean, std, seMean: std / Math.sqrt(n), seStd: Math.sqrt((m4 - m2 * m2) / n) / (2 * std), maxAbs };
}

function expectDistribution(t: gl.Tensor, mean: number, std: number): void {
  const s = stats(t);
  expect(Math.abs(s.mean - mean), `mean ${s.mean} vs ${mean}`).to.be.below(4 * s.seMean);
  expect(Math.abs(s.std - std), `std ${s.std} vs ${std}`).to.be.below(4 * s.seStd);
}

describe("nn/init", () => {
  beforeEach(() => gl.seed(123));

  it("computeFans: Linear [out, in] and conv [Cout, Cin, kh, kw] (fanIn = Cin·kh·kw)", () => {
    expect(init.computeFans([10, 784])).to.deep.equal({ fanIn: 784, fanOut: 10 });
    expect(init.computeFans([8, 3, 5, 5])).to.deep.equal({ fanIn: 75, fanOut: 200 });
    expect(() => init.computeFans([5])).to.throw(gl.ShapeError, /at least 2 axes/);
  });

  it("calculateGain gives PyTorch's values", () => {
    expect(init.calculateGain("linear")).to.equal(1);
    expect(init.calculateGain("sigmoid")).to.equal(1);
    expect(init.calculateGain("tanh")).to.be.closeTo(5 / 3, 1e-12);
    expect(init.calculateGain("relu")).to.be.closeTo(Math.sqrt(2), 1e-12);
    expect(init.calculateGain("leakyRelu")).to.be.closeTo(Math.sqrt(2 / (1 + 0.01 ** 2)), 1e-12);
    expect(init.calculateGain("leaky_relu", 0.2)).to.be.closeTo(Math.sqrt(2 / 1.04), 1e-12);
    expect(init.calculateGain("selu")).to.equal(0.75);
    expect(() => init.calculateGain("swish" as init.Nonlinearity)).to.throw(gl.ArgumentError, /nonlinearity/);
  });

  it("zeros and constant fill the shape", () => {
    expect(init.zeros([2, 3]).toList()).to.deep.equal([0, 0, 0, 0, 0, 0]);
    expect(init.constant([2], 0.5).toList()).to.deep.equal([0.5, 0.5]);
  });

  it("normal(std, mean) and uniform(a, b) match their formulas within 4 standard errors", () => {
    expectDistribution(init.normal([200, 100], 0.02, 1), 1, 0.02);
    const u = init.uniform([200, 100], -1, 3);
    expectDistribution(u, 1, 4 / Math.sqrt(12));
    expect(Math.min(...u.data)).to.be.at.least(-1);
    expect(Math.max(...u.data)).to.be.below(3);
  });

  it("xavierNormal / xavierUniform: std = gain·√(2/(fanIn+fanOut))", () => {
    const shape = [300, 200];
    expectDistribution(init.xavierNormal(shape), 0, Math.sqrt(2 / 500));
    expectDistribution(init.xavierNormal(shape, { gain: 5 / 3 }), 0, (5 / 3) * Math.sqrt(2 / 500));
    const u = init.xavierUniform(shape);
    const bound = Math.sqrt(6 / 500);
    expectDistribution(u, 0, bound / Math.sqrt(3));
    expect(stats(u).maxAbs)
      .to.be.at.most(bound)
      .and.above(0.99 * bound);
  });

  it("heNormal / heUniform: std = gain/√fan, fanIn by default, fanOut on request", () => {
    const shape = [64, 32, 3, 3]; // fanIn 288, fanOut 576
    expectDistribution(init.heNormal(shape), 0, Math.sqrt(2 / 288));
    expectDistribution(init.heNormal(shape, { mode: "fanOut" }), 0, Math.sqrt(2 / 576));
    expectDistribution(
      init.heNormal(shape, { nonlinearity: "leakyRelu", a: 0.2 }),
      0,
      Math.sqrt(2 / 1.04) / Math.sqrt(288),
    );
    const u = init.heUniform(shape);
    expectDistribution(u, 0, Math.sqrt(2 / 288));
    expect(stats(u).maxAbs).to.be.at.most(Math.sqrt(2) * Math.sqrt(3 / 288));
    expect(() => init.heNormal(shape, { mode: "fanAvg" as init.FanMode })).to.throw(gl.ArgumentError, /fanIn/);
  });

  it("lecunNormal / lecunUniform: std = 1/√fanIn", () => {
    expectDistribution(init.lecunNormal([200, 150]), 0, 1 / Math.sqrt(150));
    expectDistribution(init.lecunUniform([200, 150]), 0, 1 / Math.sqrt(150));
  });

  it("orthogonal: W·Wᵀ = gain²·I for wide shapes, WᵀW = gain²·I for tall ones", () => {
    const wide = init.orthogonal([4, 6], { gain: 2 });
    const wwT = gl.matmul(wide, gl.transpose(wide));
    const tall = init.orthogonal([6, 2, 2]); // viewed as [6, 4]: 4 orthonormal columns
    const t2 = gl.reshape(tall, [6, 4]);
    const tTt = gl.matmul(gl.transpose(t2), t2);
    for (const [m, n, g2] of [
      [wwT, 4, 4],
      [tTt, 4, 1],
    ] as [gl.Tensor, number, number][])
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) expect(m.data[i * n + j]).to.be.closeTo(i === j ? g2 : 0, 1e-5);
  });

  it("initializers draw from the seeded rng: same seed, same weights", () => {
    gl.seed(5);
    const a = init.heNormal([3, 4]).toList();
    gl.seed(5);
    expect(init.heNormal([3, 4]).toList()).to.deep.equal(a);
  });

  it("resolveInit takes a name or a function and teaches on an unknown name", () => {
    expect(init.resolveInit("heNormal", "Linear")([2, 2]).shape).to.deep.equal([2, 2]);
    const f = (s: number[]): gl.Tensor => init.constant(s, 7);
    expect(init.resolveInit(f, "Linear")).to.equal(f);
    expect(() => init.resolveInit("kaiming" as init.InitName, "Linear")).to.throw(gl.ArgumentError, /heNormal/);
  });
});
