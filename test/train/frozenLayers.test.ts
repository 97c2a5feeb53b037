import { expect } from "chai";
import * as gl from "../../src";

describe("gl.fit with frozen layers", () => {
  const setup = () => {
    gl.seed(8);
    const body = new gl.nn.Sequential([new gl.nn.Linear(4, 6), new gl.nn.BatchNorm1d(6), new gl.nn.ReLU()]);
    const head = new gl.nn.Linear(6, 2);
    const model = new gl.nn.Sequential([body, head]);
    body.requiresGrad(false);
    const X = gl.add(gl.mul(gl.randn([32, 4]), 3), 1);
    const y = gl.tensor(Array.from({ length: 32 }, (_, i) => i % 2));
    const opts = { epochs: 2, batchSize: 8, loss: gl.loss.crossEntropy, progress: false as const, seed: 0 };
    return { body, head, model, X, y, opts };
  };

  it("train mode moves a frozen BatchNorm's running statistics (the trap); onEpochBegin can keep it in eval mode", async () => {
    const a = setup();
    const bn = (a.body as unknown as { 1: gl.nn.BatchNorm1d })[1];
    const mean0 = bn.runningMean.toList();
    await gl.fit(
      a.model,
      { X: a.X, y: a.y },
      { ...a.opts, optimizer: new gl.optim.SGD(a.head.parameters(), { lr: 0.1 }) },
    );
    expect(bn.runningMean.toList()).to.not.deep.equal(mean0); // frozen weights, yet the statistics moved
    expect(bn.numBatchesTracked.item()).to.equal(8);

    const b = setup();
    const bnB = (b.body as unknown as { 1: gl.nn.BatchNorm1d })[1];
    const w0 = b.head.weight.toList();
    await gl.fit(
      b.model,
      { X: b.X, y: b.y },
      {
        ...b.opts,
        optimizer: new gl.optim.SGD(b.head.parameters(), { lr: 0.1 }),
        callbacks: { onEpochBegin: () => void b.body.eval() },
      },
    );
    expect(bnB.runningMean.toList()).to.deep.equal(mean0);
    expect(bnB.numBatchesTracked.item()).to.equal(0);
    expect(b.head.weight.toList()).to.not.deep.equal(w0); // the head trained
    expect(b.head.training).to.equal(true);
  });
});
