import { expect } from "chai";
import { convArithmetic } from "../../src/exercises/convArithmetic";

const grade = (id: string, answer: unknown) => convArithmetic.grade(id as "alexnet", answer);

describe("exercises.convArithmetic", () => {
  it("accepts the output-size formula written in different but equivalent ways", () => {
    expect(grade("outputSize", "floor((W + 2*P - d*(F - 1) - 1) / S) + 1").correct).to.equal(true);
    expect(grade("outputSize", "floor((W - (d*(F-1)+1) + 2P) / S + 1)").correct).to.equal(true);
  });

  it("names the mistake in a wrong formula", () => {
    expect(grade("outputSize", "floor((W + 2*P - d*(F - 1) - 1) / S)").message).to.match(/off by one.*\+1/);
    expect(grade("outputSize", "ceil((W + 2*P - d*(F - 1) - 1) / S) + 1").message).to.match(/rounded up/);
    expect(grade("outputSize", "(W + 2*P - d*(F - 1) - 1) / S + 1").message).to.match(/floor/);
    expect(grade("outputSize", "floor((W + P - d*(F - 1) - 1) / S) + 1").message).to.match(/BOTH sides/);
    expect(grade("outputSize", "floor((W - F + 2P) / S) + 1").message).to.match(/dilation/);
    expect(grade("outputSize", "floor((W + 2P - d*F) / S) + 1").message).to.match(/F − 1 gaps/);
    expect(grade("outputSize", "W / S").message).to.match(/for W = \d+, F = \d+.*Build it from the pieces/);
    expect(grade("outputSize", "floor((W - F +").message).to.match(/could not read/);
    expect(grade("outputSize", "floor((X - F) / S) + 1").message).to.match(/Use only W, F, S, P, d/);
  });

  it("grades the AlexNet question and spots the size before pooling and 2/2 pooling", () => {
    expect(grade("alexnet", 27).correct).to.equal(true);
    expect(grade("alexnet", 55).message).to.match(/after the conv/);
    expect(grade("alexnet", 26).message).to.match(/off by one/);
    expect(grade("alexnet", "27").message).to.match(/expected a number/);
    expect(grade("alexnet", 0).message).to.match(/placeholder/);
  });

  it("grades TensorFlow SAME padding and calls out the symmetric assumption", () => {
    expect(grade("tfSame", { before: 1, after: 2 }).correct).to.equal(true);
    expect(grade("tfSame", { before: 2, after: 1 }).message).to.match(/END/);
    expect(grade("tfSame", { before: 2, after: 2 }).message).to.match(/stride-1 thinking/);
    expect(grade("tfSame", 3).message).to.match(/object/);
    expect(grade("tfSame", { before: 0, after: 0 }).message).to.match(/placeholder/);
    expect(grade("tfSame", { before: 1, after: 1 }).message).to.match(/Count it again/);
  });

  it("grades ceilMode pooling against floor mode", () => {
    expect(grade("ceilMode", 4).correct).to.equal(true);
    expect(grade("ceilMode", 3).message).to.match(/floor mode/);
  });

  it("grades separable-conv parameters and names which part is missing", () => {
    expect(grade("separableParams", 2336).correct).to.equal(true);
    expect(grade("separableParams", 18432).message).to.match(/standard/);
    expect(grade("separableParams", 288).message).to.match(/only the depthwise/);
    expect(grade("separableParams", 2048).message).to.match(/only the 1×1/);
  });

  it("has at least 3 exercises and names the valid ids when given an unknown one", () => {
    expect(convArithmetic.list()).to.have.length.of.at.least(3);
    expect(() => grade("nope", 1)).to.throw(/alexnet/);
  });
});
