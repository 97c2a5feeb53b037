import { expect } from "chai";
import * as fs from "fs";
import * as gl from "../../src";
import { mnistDigits04File } from "../../src/pretrained/mnistDigits04";

describe("gl.pretrained.mnistDigits04", () => {
  it("the committed file is small and records its provenance: seed, digits, split, recipe, accuracy", () => {
    const file = mnistDigits04File();
    expect(fs.statSync(file).size).to.be.lessThan(300_000); // well under 1 MB
    const info = gl.pretrained.mnistDigits04Info();
    const r = gl.pretrained.mnistDigits04Recipe;
    expect(info.seed).to.equal(String(r.seed));
    expect(info.digits).to.equal("0,1,2,3,4");
    expect(info.split).to.equal(
      `gl.data.mnist({ digits: [0, 1, 2, 3, 4], trainSize: ${r.trainSize}, testSize: ${r.testSize}, seed: ${r.seed} })`,
    );
    expect(info.training).to.contain(`lr ${r.lr}, ${r.epochs} epochs, batch ${r.batchSize}`);
    expect(Number(info.testAccuracy)).to.be.greaterThan(0.97);
  });

  it("re-measured on the held-out digits 0-4 of the recorded split, the accuracy is the recorded one", function () {
    this.timeout(60000);
    const r = gl.pretrained.mnistDigits04Recipe;
    const { test } = gl.data.mnist({
      digits: [...r.digits],
      trainSize: r.trainSize,
      testSize: r.testSize,
      seed: r.seed,
    });
    expect(test.y.size).to.equal(r.testSize);
    const model = gl.pretrained.mnistDigits04();
    expect(model.training).to.equal(false);
    const accuracy = gl.evaluate(model, test, { metrics: ["accuracy"] }).metrics.accuracy;
    expect(accuracy.toFixed(4)).to.equal(gl.pretrained.mnistDigits04Info().testAccuracy);
  });

  it("its layers are the architecture's (a fresh one loads the state strictly) and the BatchNorm step counts are the training steps", () => {
    const model = gl.pretrained.mnistDigits04();
    const fresh = gl.pretrained.mnistDigits04Architecture();
    expect(fresh.loadStateDict(model.stateDict())).to.deep.equal({ missing: [], unexpected: [] });
    const r = gl.pretrained.mnistDigits04Recipe;
    const steps = r.epochs * Math.ceil(r.trainSize / r.batchSize);
    expect(model.stateDict()["1.numBatchesTracked"].item()).to.equal(steps);
    // the weights were trained: the first conv's filters are not their initial values
    expect(fresh.stateDict()["0.weight"].data).to.deep.equal(model.stateDict()["0.weight"].data);
    expect(gl.pretrained.mnistDigits04Architecture().stateDict()["0.weight"].data).to.not.deep.equal(
      model.stateDict()["0.weight"].data,
    );
  });
});
