import { expect } from "chai";
import * as gl from "../../src";

const ex = gl.exercises.activations;

describe("exercises.activations", () => {
  it("accepts answers computed with gradlab", () => {
    const { W1, W2, x, delta } = ex.data;
    expect(ex.grade("collapse", gl.matmul(gl.tensor(W2), gl.tensor(W1))).correct).to.equal(true);
    const z = gl.tensor(-1, [], { requiresGrad: true, dtype: "float64" });
    gl.elu(z).backward();
    expect(ex.grade("eluSlope", z.grad!.item()).correct).to.equal(true);
    const stable = (t: gl.Tensor) =>
      gl.div(gl.exp(gl.sub(t, gl.max(t, -1, true))), gl.sum(gl.exp(gl.sub(t, gl.max(t, -1, true))), -1, true));
    expect(ex.grade("softmax", stable).correct).to.equal(true);
    const w = gl.tensor([1, 1, 1], null, { requiresGrad: true });
    gl.mul(gl.sum(gl.mul(w, gl.tensor(x))), delta).backward();
    expect(ex.grade("sameSign", w.grad!).correct).to.equal(true);
    expect(ex.grade("reluZeros", { fraction: 0.5, dead: false }).correct).to.equal(true);
  });

  it("names the mistake for typical wrong answers", () => {
    const { W1, W2 } = ex.data;
    expect(ex.grade("collapse", gl.matmul(gl.tensor(W1), gl.tensor(W2))).message).to.match(/wrong order/);
    expect(ex.grade("eluSlope", Math.exp(-1) - 1).message).to.match(/value of the function/);
    const naive = (t: gl.Tensor) => gl.div(gl.exp(t), gl.sum(gl.exp(t), -1, true));
    expect(ex.grade("softmax", naive).message).to.match(/overflows/);
    expect(ex.grade("softmax", naive).mistake?.code).to.equal("no max subtraction");
    expect(ex.grade("sameSign", [0.1, 0.35, 0.45]).message).to.match(/same\* sign/);
    expect(ex.grade("reluZeros", { fraction: 0.5, dead: true }).message).to.match(/every example/);
  });
});
