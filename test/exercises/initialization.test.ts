import { expect } from "chai";
import * as gl from "../../src";

const ex = gl.exercises.initialization;

describe("exercises.initialization", () => {
  it("accepts the values gl.init and the loss give", () => {
    expect(
      ex.grade("heStd", gl.init.calculateGain("relu") / Math.sqrt(gl.init.computeFans([256, 512]).fanIn)).correct,
    ).to.equal(true);
    const { fanIn, fanOut } = gl.init.computeFans([300, 100]);
    expect(ex.grade("xavierBound", Math.sqrt(3) * Math.sqrt(2 / (fanIn + fanOut))).correct).to.equal(true);
    expect(ex.grade("convFanIn", gl.init.computeFans([32, 16, 5, 5]).fanIn).correct).to.equal(true);
    const loss = gl.loss.crossEntropy(gl.zeros([4, 10]), gl.tensor([0, 3, 7, 9])).item();
    expect(ex.grade("initialLoss", loss).correct).to.equal(true);
    expect(ex.grade("reluVariance", 1 / 1024).correct).to.equal(true);
  });

  it("names the mistake for typical wrong answers", () => {
    expect(ex.grade("heStd", 2 / 512).message).to.match(/variance/);
    expect(ex.grade("heStd", Math.sqrt(2 / 768)).message).to.match(/Xavier/);
    expect(ex.grade("xavierBound", Math.sqrt(2 / 400)).message).to.match(/normal/);
    expect(ex.grade("convFanIn", 25).message).to.match(/input channels/);
    expect(ex.grade("convFanIn", 800).message).to.match(/fan-out/);
    expect(ex.grade("initialLoss", 1).message).to.match(/natural logarithm/);
    expect(ex.grade("reluVariance", Math.SQRT1_2 ** 10).message).to.match(/std/);
  });
});
