import { expect } from "chai";
import * as gl from "../../src";
import { convArith } from "./convArithExample";

describe("exercise framework on a test-local example (convArithExample)", () => {
  const c = convArith;
  before(() => gl.exercises.configure({ print: "never" }));
  after(() => gl.exercises.configure({ print: "always" }));

  it("outputSize: 64 is right; the notes' 64.5-rounded-up (65) and the missing +1 are named", () => {
    expect(c.outputSize(64).correct).to.equal(true);
    expect(c.outputSize(65).message).to.contain("rounded up");
    expect(c.outputSize(64.5).message).to.contain("whole numbers");
    expect(c.outputSize(63).message).to.contain("did you forget +1");
  });

  it("outputSize as a formula: floor form accepted; no floor, ceil, missing +1 or 2P are each explained", () => {
    expect(c.outputSize("floor((W - F + 2P)/S) + 1").correct).to.equal(true);
    expect(c.outputSize("(W - F + 2P)/S + 1").message).to.contain("take the floor");
    expect(c.outputSize("ceil((W - F + 2P)/S) + 1").message).to.contain("ceilMode");
    expect(c.outputSize("floor((W - F + 2P)/S)").message).to.contain("did you forget +1");
    expect(c.outputSize("floor((W - F + P)/S) + 1").message).to.contain("2P");
    expect(c.outputSize("floor((W - F)/S) + 1").message).to.contain("left out the padding");
  });

  it("tfSamePadding: [0, 1]; symmetric [1, 1] is called PyTorch's padding", () => {
    expect(c.tfSamePadding([0, 1]).correct).to.equal(true);
    expect(c.tfSamePadding([1, 1]).message).to.contain("PyTorch's padding=1");
    expect(c.tfSamePadding([1, 0]).message).to.contain("at the end");
  });

  it("params, macs, receptiveField and poolCeilMode name their classic mistakes", () => {
    expect(c.params(1792).correct).to.equal(true);
    expect(c.params(1728).message).to.contain("forgot the bias");
    expect(c.params(640).message).to.contain("all 3 input channels");
    expect(c.macs(86704128).correct).to.equal(true);
    expect(c.macs(2 * 86704128).message).to.contain("FLOPs");
    expect(c.receptiveField(7).correct).to.equal(true);
    expect(c.receptiveField(9).message).to.contain("k − 1 = 2");
    expect(c.poolCeilMode(3).correct).to.equal(true);
    expect(c.poolCeilMode(2).message).to.contain("floor mode");
  });

  it("the lesson lists its exercises with prompts", () => {
    expect(c.list().map((e) => e.name)).to.deep.equal([
      "outputSize",
      "tfSamePadding",
      "params",
      "macs",
      "receptiveField",
      "poolCeilMode",
    ]);
    expect(c.list().every((e) => e.prompt.length > 20)).to.equal(true);
  });
});
