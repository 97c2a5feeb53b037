import { expect } from "chai";
import * as gl from "../../src";
import { checkFinite } from "../../src/optim/checkFinite";
import { clipGradNorm, clipGradNormPerTensor, clipGradValue } from "../../src/optim/clip";
import { expectClose } from "../helpers/close";

function withGrads(grads: number[][]): gl.Tensor[] {
  return grads.map((g) => {
    const p = gl.zeros([g.length], { requiresGrad: true });
    p.grad = gl.tensor(g);
    return p;
  });
}

function flatGrads(ps: gl.Tensor[]): number[] {
  return ps.flatMap((p) => p.grad!.toList());
}

function cosine(a: number[], b: number[]): number {
  const dot = a.reduce((s, v, i) => s + v * b[i], 0);
  const n = (v: number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return dot / (n(a) * n(b));
}

describe("gradient clipping", () => {
  it("clipGradNorm scales all gradients to the global norm maxNorm, returns the norm before, keeps the direction", () => {
    const ps = withGrads([
      [3, 0],
      [0, 4, 0],
    ]); // global norm 5
    const before = flatGrads(ps);
    expect(clipGradNorm(ps, 1)).to.be.closeTo(5, 1e-6);
    const after = flatGrads(ps);
    expectClose(
      after,
      before.map((g) => g / 5),
      1e-5,
    );
    expect(cosine(before, after)).to.be.closeTo(1, 1e-6);
    expect(clipGradNorm(ps, 10)).to.be.closeTo(1, 1e-5); // under the limit: untouched
    expectClose(flatGrads(ps), after);
    expect(clipGradNorm(withGrads([[3, -7]]), 1, Infinity)).to.equal(7);
    expect(clipGradNorm(withGrads([[3, -7]]), 100, 1)).to.equal(10);
  });

  it("clipGradValue clamps components and changes the direction", () => {
    const ps = withGrads([[10, 0.1], [-0.2]]);
    const before = flatGrads(ps);
    expect(clipGradValue(ps, 0.5)).to.equal(1);
    const after = flatGrads(ps);
    expectClose(after, [0.5, 0.1, -0.2]);
    expect(cosine(before, after)).to.be.below(0.99);
  });

  it("per-tensor clipping (Keras clipnorm) clips each tensor separately, so the overall direction changes", () => {
    const ps = withGrads([
      [30, 40],
      [0.3, 0.4],
    ]);
    const before = flatGrads(ps);
    expectClose(clipGradNormPerTensor(ps, 1), [50, 0.5], 1e-6);
    const after = flatGrads(ps);
    expectClose(after, [0.6, 0.8, 0.3, 0.4], 1e-6);
    expect(cosine(before, after)).to.be.below(0.99);
    const global = withGrads([
      [30, 40],
      [0.3, 0.4],
    ]);
    clipGradNorm(global, 1);
    expect(cosine(before, flatGrads(global))).to.be.closeTo(1, 1e-6);
  });

  it("bad limits get teaching errors", () => {
    expect(() => clipGradNorm(withGrads([[1]]), 0)).to.throw(gl.ArgumentError, /maxNorm/);
    expect(() => clipGradValue(withGrads([[1]]), -1)).to.throw(gl.ArgumentError, /clipValue/);
  });
});

describe("checkFinite (the NaN/Inf guard)", () => {
  it("names the step, the parameter and the first non-finite value", () => {
    const model = new gl.nn.Sequential([new gl.nn.Linear(2, 2), new gl.nn.Linear(2, 1)]);
    checkFinite(model, { step: 1, loss: gl.tensor(0.5) }); // all finite: no error
    const w = model.parameters()[2];
    w.grad = gl.tensor([[0, NaN]]);
    try {
      checkFinite(model, { step: 7, loss: 1.2 });
      expect.fail("should throw");
    } catch (e) {
      expect(e).to.be.instanceOf(gl.NumericError);
      expect((e as Error).message).to.match(
        /training step 7: argument 'gradient of '1.weight'' expected finite values, but received NaN at flat index 1/,
      );
      expect(e).to.be.instanceOf(gl.NonFiniteError);
      expect(e as gl.NonFiniteError).to.deep.include({
        step: 7,
        what: "gradient",
        parameter: "1.weight",
        index: 1,
      });
      expect((e as gl.NonFiniteError).value).to.be.NaN;
    }
    expect(() => checkFinite(model, { step: 8, loss: Infinity })).to.throw(
      gl.NumericError,
      /step 8: argument 'loss'.*Infinity/,
    );
    w.grad = null;
    model.parameters()[1].data[0] = -Infinity;
    expect(() => checkFinite(model, { step: 9 })).to.throw(gl.NumericError, /parameter '0.bias'.*-Infinity/);
    expect(() => checkFinite(model.namedParameters(), { params: false })).not.to.throw();
  });
});
