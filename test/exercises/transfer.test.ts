import { expect } from "chai";
import type * as gl from "../../src";
import { transferGraders as g } from "../../src/exercises/transfer";

type Seq = gl.nn.Sequential;

describe("exercises.transfer (lesson 13)", () => {
  it("freezeFirst: the right function passes; each wrong version is named", () => {
    expect(g.freezeFirst((m: Seq, k: number) => m.layers.forEach((l, i) => l.requiresGrad(i >= k))).correct).to.equal(
      true,
    );
    const named = (fn: unknown) => g.freezeFirst(fn).mistake?.code;
    expect(named(() => undefined)).to.equal("nothing-frozen");
    expect(named((m: Seq) => m.requiresGrad(false))).to.equal("all-frozen");
    expect(named((m: Seq, k: number) => m.layers.forEach((l, i) => l.requiresGrad(i > k)))).to.equal("off-by-one");
    expect(named((m: Seq, k: number) => m.layers.forEach((l, i) => l.requiresGrad(i < m.layers.length - k)))).to.equal(
      "wrong-end",
    );
    expect(
      named(() => {
        throw new Error("boom");
      }),
    ).to.equal("threw");
    expect(named(3)).to.equal("not-a-function");
    expect(g.freezeFirst(() => undefined).message).to.match(
      /With k = 3 .*\[train, train, ·, train, train\], expected \[frozen, frozen, ·, train, train\]/,
    );
  });

  it("headParams: the count passes; forgotten biases, one layer only, or counting the frozen body are named", () => {
    expect(g.headParams(784 * 64 + 64 + 64 * 5 + 5).correct).to.equal(true);
    expect(g.headParams(784 * 64 + 64 * 5).mistake?.code).to.equal("no-biases");
    expect(g.headParams(325).mistake?.code).to.equal("last-layer-only");
    expect(g.headParams(51861).mistake?.code).to.equal("counted-frozen");
    expect(g.headParams(0).mistake?.code).to.equal("placeholder");
    expect(g.headParams(12).correct).to.equal(false);
  });

  it("frozenBatchNorm: eval passes, train is explained", () => {
    expect(g.frozenBatchNorm(" Eval ").correct).to.equal(true);
    expect(g.frozenBatchNorm("train").mistake?.code).to.equal("train-mode");
    expect(g.frozenBatchNorm("").mistake?.code).to.equal("not-a-mode");
  });
});
