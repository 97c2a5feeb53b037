import { expect } from "chai";
import * as gl from "../../src";
import { expectClose } from "../helpers/close";

describe("autograd engine", () => {
  it("a variable used twice accumulates both gradients (d(x·x)/dx = 2x)", () => {
    const x = gl.tensor([3], null, { requiresGrad: true });
    gl.mul(x, x).sum().backward();
    expectClose(x.grad!, [6]);
  });

  it("retainGrad keeps an intermediate's gradient and hooks can see and replace it", () => {
    const x = gl.tensor([1, 2], null, { requiresGrad: true });
    const h = gl.mul(x, 2).retainGrad();
    const seen: number[][] = [];
    h.registerHook((g) => {
      seen.push(g.toList());
      return gl.mul(g, 10);
    });
    gl.sum(gl.mul(h, h)).backward();
    expectClose(h.grad!, [40, 80]); // the hook's replacement is what is stored and sent on
    expect(seen).to.deep.equal([[4, 8]]);
    expectClose(x.grad!, [80, 160]);
  });

  it("noGrad records nothing", () => {
    const x = gl.tensor([1], null, { requiresGrad: true });
    const y = gl.noGrad(() => gl.mul(x, 2));
    expect(y.requiresGrad).to.equal(false);
    expect(y.gradFn).to.equal(null);
  });

  it("backward on a non-scalar without a gradient explains what to do", () => {
    const x = gl.tensor([1, 2], null, { requiresGrad: true });
    expect(() => gl.mul(x, 2).backward()).to.throw(gl.ShapeError, /scalar/);
  });

  it("gradcheck passes a correct gradient and catches a wrong one", () => {
    gl.seed(0);
    const x = gl.randn([4, 3]);
    expect(gl.gradcheck((a) => gl.sum(gl.exp(a)), [x]).ok).to.equal(true);
    const wrongSquare = (a: gl.Tensor): gl.Tensor => {
      const out = gl.mul(a, a).detach();
      out.requiresGrad = true;
      out.gradFn = { name: "wrongSquare", inputs: [a], backward: (g) => [gl.mul(g, a)] }; // should be 2a
      return out;
    };
    const r = gl.gradcheck((a) => gl.sum(wrongSquare(a)), [x]);
    expect(r.ok).to.equal(false);
    expect(r.band).to.equal("wrong");
  });
});
