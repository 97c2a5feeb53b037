import { expect } from "chai";
import * as gl from "../../src";
import { Adam } from "../../src/optim/adam";
import { CosineAnnealingLR, ExponentialLR, LinearWarmup, OneCycleLR, StepLR } from "../../src/optim/schedulers";
import { SGD } from "../../src/optim/sgd";
import { expectClose } from "../helpers/close";

const sgd = (lr = 1, momentum = 0): SGD => new SGD([gl.zeros([1], { requiresGrad: true })], { lr, momentum });

/** The lr after each of n scheduler steps (starting with the lr before any). */
function lrs(sched: { step(): void; getLastLr(): number[] }, n: number): number[] {
  const out = [sched.getLastLr()[0]];
  for (let i = 0; i < n; i++) {
    sched.step();
    out.push(sched.getLastLr()[0]);
  }
  return out;
}

describe("learning-rate schedules", () => {
  it("StepLR multiplies by γ every stepSize steps", () => {
    expectClose(lrs(new StepLR(sgd(1), { stepSize: 2, gamma: 0.5 }), 5), [1, 1, 0.5, 0.5, 0.25, 0.25]);
  });

  it("ExponentialLR multiplies by γ each step", () => {
    expectClose(lrs(new ExponentialLR(sgd(2), { gamma: 0.9 }), 3), [2, 1.8, 1.62, 1.458]);
  });

  it("CosineAnnealingLR follows η_min + (lr₀ − η_min)(1 + cos(πt/T))/2", () => {
    const s = new CosineAnnealingLR(sgd(1), { tMax: 4, etaMin: 0.2 });
    expectClose(
      lrs(s, 4),
      [0, 1, 2, 3, 4].map((t) => 0.2 + (0.8 * (1 + Math.cos((Math.PI * t) / 4))) / 2),
    );
    expect(s.getLastLr()[0]).to.be.closeTo(0.2, 1e-12);
  });

  it("LinearWarmup rises linearly from startFactor·lr₀ to lr₀ and stays", () => {
    expectClose(lrs(new LinearWarmup(sgd(1), { warmupSteps: 4, startFactor: 0.2 }), 6), [0.2, 0.4, 0.6, 0.8, 1, 1, 1]);
  });

  it("OneCycleLR: maxLr/25 → maxLr at pctStart, then → maxLr/25/1e4; momentum cycles the other way", () => {
    const opt = sgd(1, 0.9);
    const s = new OneCycleLR(opt, { maxLr: 1, totalSteps: 11, pctStart: 0.5 }); // peak at t = 0.5·11 − 1 = 4.5
    const seen = lrs(s, 10);
    expect(seen[0]).to.be.closeTo(1 / 25, 1e-12);
    expect(opt.paramGroups[0].momentum).to.be.closeTo(0.95, 1e-12); // back to maxMomentum at the end
    expect(s.momentumAt(0)).to.be.closeTo(0.95, 1e-12);
    expect(s.momentumAt(4.5)).to.be.closeTo(0.85, 1e-12); // lowest where the lr peaks
    expect(s.momentumAt(2.25)).to.be.closeTo(0.9, 1e-12);
    const peak = Math.max(...seen);
    expect(peak).to.be.below(1).and.above(0.95);
    expect(seen[10]).to.be.closeTo(1 / 25 / 1e4, 1e-12);
    expect(s.preview(11)).to.deep.equal(seen);
    s.step(); // the totalSteps-th call is allowed (as in PyTorch); the one after is not
    expect(() => s.step()).to.throw(gl.ArgumentError, /totalSteps/);
    // Adam's β₁ plays the part of momentum
    const adam = new Adam([gl.zeros([1])], { lr: 1 });
    new OneCycleLR(adam, { maxLr: 0.01, totalSteps: 10 });
    expect(adam.paramGroups[0].betas).to.deep.equal([0.95, 0.999]);
    expect(() => new OneCycleLR(sgd(1, 0), { maxLr: 1, totalSteps: 10, pctStart: 1.5 })).to.throw(
      gl.ArgumentError,
      /pctStart/,
    );
  });

  it("schedules set every param group from its own starting lr", () => {
    const a = gl.zeros([1], { requiresGrad: true });
    const b = gl.zeros([1], { requiresGrad: true });
    const opt = new SGD([{ params: [a] }, { params: [b], lr: 10 }], { lr: 1 });
    const s = new ExponentialLR(opt, { gamma: 0.5 });
    s.step();
    expect(opt.lrs).to.deep.equal([0.5, 5]);
  });
});
