import { expect } from "chai";
import * as gl from "../../src";

/** Two classes on either side of x1 + x2 = 0, seeded. */
function halves(n: number, seed: number): { X: gl.Tensor; y: gl.Tensor } {
  gl.seed(seed);
  const X = gl.randn([n, 2]);
  const y = gl.tensor(Array.from({ length: n }, (_, i) => (X.data[2 * i] + X.data[2 * i + 1] > 0 ? 1 : 0)));
  return { X, y };
}

describe("gl.fit with the library's own layers, optimizers and loaders", () => {
  it("trains an MLP with gl.optim.SGD and crossEntropy from a gl.data.DataLoader, recording the lr from the optimizer", async () => {
    const { X, y } = halves(96, 0);
    const loader = new gl.data.DataLoader(X, y, { batchSize: 32, shuffle: true, seed: 0 });
    const model = new gl.nn.Sequential([new gl.nn.Linear(2, 8), new gl.nn.ReLU(), new gl.nn.Linear(8, 2)]);
    const optimizer = new gl.optim.SGD(model.parameters(), { lr: 0.5, momentum: 0.9 });
    const scheduler = new gl.optim.StepLR(optimizer, { stepSize: 2, gamma: 0.5 });
    const h = await gl.fit(model, loader, {
      epochs: 4,
      optimizer,
      scheduler,
      loss: gl.loss.crossEntropy,
      metrics: ["accuracy"],
      progress: false,
    });
    expect(h.steps.loss).to.have.length(4 * 3); // the loader's 3 batches per epoch
    expect(h.steps.lr.slice(0, 6).every((v) => v === 0.5)).to.equal(true); // epochs 0 and 1
    expect(h.steps.lr[6]).to.equal(0.25); // StepLR halved it after epoch 1
    expect(h.epochs.metrics.accuracy[3]).to.be.greaterThan(0.9);
    const test = halves(64, 1);
    expect(gl.evaluate(model, test, { metrics: ["accuracy"] }).metrics.accuracy).to.be.greaterThan(0.85);
  });

  it("a probe judges real activation layers by their class: Tanh saturation, ReLU and LeakyReLU dead units", () => {
    gl.seed(3);
    const big = new gl.nn.Linear(4, 6);
    big.weight.data.forEach((_, i, d) => (d[i] *= 100)); // pre-activations in the hundreds
    const model = new gl.nn.Sequential([big, new gl.nn.Tanh()]);
    const p = gl.probe.attach(model);
    model.forward(gl.randn([32, 4]));
    expect(p.layer("1")[0].activation.saturated).to.be.greaterThan(0.9);
    p.detach();

    for (const act of [new gl.nn.ReLU(), new gl.nn.LeakyReLU(0.01)]) {
      const lin = new gl.nn.Linear(3, 4);
      lin.bias!.data.set([-100, -100, 100, 100]); // two units always negative, two always positive
      const m = new gl.nn.Sequential([lin, act]);
      const q = gl.probe.attach(m);
      m.forward(gl.rand([16, 3]));
      expect(q.layer("1")[0].activation.dead, act.constructor.name).to.equal(0.5);
      q.detach();
    }
  });

  it("dead units of a real Conv2d + ReLU are counted per (channel, position), dead filters per channel", () => {
    gl.seed(4);
    const conv = new gl.nn.Conv2d(1, 2, 3, { padding: 1 });
    conv.bias!.data.set([-1000, 1000]); // filter 0 never fires, filter 1 always does
    const model = new gl.nn.Sequential([conv, new gl.nn.ReLU()]);
    const p = gl.probe.attach(model);
    model.forward(gl.rand([4, 1, 5, 5]));
    const a = p.layer("1")[0].activation;
    expect(p.layer("1")[0].shape).to.deep.equal([4, 2, 5, 5]);
    expect(a.dead).to.equal(0.5);
    expect(a.deadChannels).to.equal(0.5);
    p.detach();
  });

  it("a BatchNorm2d's running mean moves toward the batch mean step by step in the probe's records", async () => {
    gl.seed(5);
    const X = gl.add(gl.randn([16, 2, 3, 3]), 5); // channel means near 5
    const y = gl.tensor(Array.from({ length: 16 }, (_, i) => i % 2));
    const model = new gl.nn.Sequential([new gl.nn.BatchNorm2d(2), new gl.nn.Flatten(), new gl.nn.Linear(18, 2)]);
    const p = gl.probe.attach(model);
    await gl.fit(
      model,
      { X, y },
      {
        epochs: 3,
        batchSize: 16,
        optimizer: new gl.optim.SGD(model.parameters(), { lr: 0.1 }),
        loss: gl.loss.crossEntropy,
        probe: p,
        progress: false,
      },
    );
    p.detach();
    expect(p.records.map((r) => r.step)).to.deep.equal([0, 1, 2]);
    const running = p.layer("0").map((r) => r.norm!.runningMean![0]);
    const batch = p.layer("0")[0].norm!.batchMean[0];
    expect(batch).to.be.closeTo(5, 0.5);
    // PyTorch momentum 0.1: after t steps, running = (1 − 0.9^t)·batch mean (same batch each step)
    running.forEach((r, t) => expect(r).to.be.closeTo((1 - 0.9 ** (t + 1)) * batch, 1e-4));
    expect(p.layer("0")[0].norm!.layerStats!.normalizedWith).to.equal("batch");
  });
});
