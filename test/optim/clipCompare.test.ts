import { expect } from "chai";
import * as gl from "../../src";

function withGrads(grads: number[][]): gl.Tensor[] {
  return grads.map((g) => {
    const p = gl.zeros([g.length], { requiresGrad: true });
    p.grad = gl.tensor(g, null, { dtype: "float64" });
    return p;
  });
}

describe("optim.gradientAngle and compareClipping", () => {
  it("gradientAngle is the angle between the two gradients as one vector each, in degrees", () => {
    expect(gl.optim.gradientAngle([gl.tensor([1, 0])], [gl.tensor([0, 2])])).to.be.closeTo(90, 1e-9);
    expect(gl.optim.gradientAngle([gl.tensor([1, 1])], [gl.tensor([-3, -3])])).to.be.closeTo(180, 1e-5);
    // across tensors: (1, 0 | 0) vs (1, 0 | 1) → 45°
    const a = [gl.tensor([1, 0]), gl.tensor([0])];
    const b = [gl.tensor([1, 0]), gl.tensor([1])];
    expect(gl.optim.gradientAngle(a, b)).to.be.closeTo(45, 1e-9);
    expect(() => gl.optim.gradientAngle(a, [gl.tensor([1, 0])])).to.throw(gl.ArgumentError, /same sizes/);
  });

  it("by norm keeps the direction (0°), by value turns it; per tensor turns it when the tensors' norms differ", () => {
    const ps = withGrads([
      [3, 4], // norm 5
      [0.1, -0.2, 0.05], // small
    ]);
    const [value, global, perTensor] = gl.optim.compareClipping(ps, { maxNorm: 1, clipValue: 0.5 });
    expect(global.normBefore).to.be.closeTo(Math.sqrt(25 + 0.01 + 0.04 + 0.0025), 1e-12);
    expect(global.angle).to.be.closeTo(0, 1e-6);
    expect(global.normAfter).to.be.closeTo(1, 1e-5);
    // by value: (0.5, 0.5 | 0.1, −0.2, 0.05), worked out by hand
    const clipped = [0.5, 0.5, 0.1, -0.2, 0.05];
    const orig = [3, 4, 0.1, -0.2, 0.05];
    const dot = clipped.reduce((s, v, i) => s + v * orig[i], 0);
    const cos = dot / (Math.hypot(...clipped) * Math.hypot(...orig));
    expect(value.angle).to.be.closeTo((Math.acos(cos) * 180) / Math.PI, 1e-9);
    expect(value.angle).to.be.above(5);
    // per tensor: the first tensor → norm 1, the second left alone, so its share grows
    expect(perTensor.tensorNorms[0]).to.be.closeTo(1, 1e-12);
    expect(perTensor.tensorNorms[1]).to.be.closeTo(Math.hypot(0.1, -0.2, 0.05), 1e-12);
    expect(perTensor.angle).to.be.above(0.5);
    expect(perTensor.normAfter).to.be.above(1); // per-tensor does not bound the global norm by maxNorm
    // the parameters' own gradients are untouched
    expect(ps[0].grad!.toList()).to.deep.equal([3, 4]);
  });

  it("a gradient already inside the thresholds is left as it is by all three", () => {
    const rows = gl.optim.compareClipping(withGrads([[0.1, 0.2]]), { maxNorm: 1, clipValue: 1 });
    for (const r of rows) {
      expect(r.angle).to.equal(0);
      expect(r.normAfter).to.be.closeTo(r.normBefore, 1e-12);
    }
  });
});

describe("probe.quantile", () => {
  it("interpolates linearly between order statistics, as numpy's default", () => {
    // np.quantile([3, 1, 4, 1, 5, 9, 2, 6], [0, 0.25, 0.5, 0.9, 1]) = [1, 1.75, 3.5, 6.9, 9]
    const v = [3, 1, 4, 1, 5, 9, 2, 6];
    [0, 0.25, 0.5, 0.9, 1].forEach((q, i) =>
      expect(gl.probe.quantile(v, q)).to.be.closeTo([1, 1.75, 3.5, 6.9, 9][i], 1e-12),
    );
    expect(() => gl.probe.quantile(v, 90)).to.throw(gl.ArgumentError, /0\.9, not 90/);
    expect(() => gl.probe.quantile([], 0.5)).to.throw(gl.ArgumentError, /at least one/);
  });
});
