import { expect } from "chai";
import * as gl from "../../src";
import { capstoneGraders as g } from "../../src/exercises/capstone";

describe("exercises.capstone (lesson 14)", () => {
  it("fixConfig reads a real run: a too-small learning rate is named, a good one passes", async function () {
    this.timeout(60000);
    const run = async (lr: number, adam: boolean) => {
      gl.seed(1);
      const X = gl.randn([256, 2]);
      const y = gl.tensor(Array.from({ length: 256 }, (_, i) => (X.data[2 * i] > X.data[2 * i + 1] ? 1 : 0)));
      const m = new gl.nn.Sequential([new gl.nn.Linear(2, 16), new gl.nn.ReLU(), new gl.nn.Linear(16, 2)]);
      const opt = adam ? new gl.optim.Adam(m.parameters(), { lr }) : new gl.optim.SGD(m.parameters(), { lr });
      const h = await gl.fit(
        m,
        { X: X, y: y },
        {
          epochs: 4,
          batchSize: 16,
          optimizer: opt,
          loss: gl.loss.crossEntropy,
          metrics: ["accuracy"],
          validation: { X: X, y: y },
          progress: false,
          seed: 0,
        },
      );
      return { history: h, diagnosis: gl.diagnose(h) };
    };
    const bad = g.fixConfig(await run(1e-6, false));
    expect(bad.correct).to.equal(false);
    expect(["lr-too-low", "diagnosis-not-clean", "too-slow"]).to.include(bad.mistake?.code);
    const good = g.fixConfig(await run(1e-2, true));
    expect(good.correct, good.message).to.equal(true);
    expect(g.fixConfig({}).mistake?.code).to.equal("not-a-run");
  });

  it("params: the count passes; leaving out BatchNorm, counting buffers, no biases are named", () => {
    const total = gl.summary(
      new gl.nn.Sequential([
        new gl.nn.Conv2d(1, 16, 3, { padding: 1 }),
        new gl.nn.ReLU(),
        new gl.nn.MaxPool2d(2),
        new gl.nn.Conv2d(16, 32, 3, { padding: 1 }),
        new gl.nn.BatchNorm2d(32),
        new gl.nn.ReLU(),
        new gl.nn.MaxPool2d(2),
        new gl.nn.Flatten(),
        new gl.nn.Dropout(0.25),
        new gl.nn.Linear(32 * 7 * 7, 10),
      ]),
      [1, 1, 28, 28],
    ).totals.params;
    expect(g.params(total).correct).to.equal(true);
    expect(g.params(total - 64).mistake?.code).to.equal("no-batchnorm");
    expect(g.params(total + 64).mistake?.code).to.equal("counted-buffers");
    expect(g.params(total - 58).mistake?.code).to.equal("no-biases");
    expect(g.params(0).mistake?.code).to.equal("placeholder");
  });

  it("mostConfused reads the matrix it is given: right pair, transposed pair, diagonal", () => {
    const confusion = [
      [90, 1, 0],
      [7, 80, 2],
      [0, 3, 95],
    ];
    expect(g.mostConfused({ answer: [1, 0], confusion }).correct).to.equal(true);
    expect(g.mostConfused({ answer: [0, 1], confusion }).mistake?.code).to.equal("transposed");
    expect(g.mostConfused({ answer: [2, 2], confusion }).mistake?.code).to.equal("diagonal");
    expect(g.mostConfused({ answer: [2, 1], confusion }).mistake?.code).to.equal("not-the-largest");
    expect(g.mostConfused({ answer: [1, 0] }).mistake?.code).to.equal("no-matrix");
  });
});
