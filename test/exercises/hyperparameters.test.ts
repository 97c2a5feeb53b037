import { expect } from "chai";
import * as gl from "../../src";

const ex = gl.exercises.hyperparameters;

describe("exercises.hyperparameters (lesson 10)", () => {
  it("gridValues: 4 passes; the trial count and both parameters' values are named", () => {
    expect(ex.grade("gridValues", 4).correct).to.equal(true);
    expect(ex.grade("gridValues", 16).message).to.match(/number of trials/);
    expect(ex.grade("gridValues", 8).message).to.match(/both parameters/);
  });

  it("logUniform runs the learner's function: the log-space draw passes, the uniform draw and a missing exp are named", () => {
    const right = (lo: number, hi: number, u: number): number => lo * Math.pow(hi / lo, u);
    expect(ex.grade("logUniform", right).correct).to.equal(true);
    expect(ex.grade("logUniform", (lo: number, hi: number, u: number) => lo + u * (hi - lo)).message).to.match(
      /uniform draw/,
    );
    const noExp = (lo: number, hi: number, u: number): number => Math.log(lo) + u * (Math.log(hi) - Math.log(lo));
    expect(ex.grade("logUniform", noExp).message).to.match(/Math\.exp/);
    // the grader's definition is what gl.tune.sample draws
    const g = new gl.Generator(3);
    const d = gl.tune.logUniform(1e-4, 1e-1);
    const copy = new gl.Generator(3);
    expect(gl.tune.sample(d, g) as number).to.be.closeTo(right(1e-4, 1e-1, copy.random()), 1e-12);
  });

  it("abortLoss: 3 × 2.30 passes; 4× and +3 are named", () => {
    expect(ex.grade("abortLoss", 6.9).correct).to.equal(true);
    expect(ex.grade("abortLoss", 9.2).message).to.match(/4×/);
    expect(ex.grade("abortLoss", 5.3).message).to.match(/does not add/);
    expect(3 * 2.3).to.be.closeTo(gl.tune.ABORT_FACTOR * 2.3, 1e-12);
  });

  it("decayScale: logUniform passes, uniform is explained", () => {
    expect(ex.grade("decayScale", "logUniform").correct).to.equal(true);
    expect(ex.grade("decayScale", "uniform").message).to.match(/99 %/);
  });
});
