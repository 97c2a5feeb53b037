import { expect } from "chai";
import * as gl from "../../src";
import type { LiveDisplay, Figure } from "../../src/display/notebook";
import { Module } from "../../src/nn/module";
import { Tensor } from "../../src/tensor/tensor";
import { accuracy } from "../../src/train/metrics";
import { progressText } from "../../src/train/progress";
import { Linear, PlainSGD, Seq, Tanh, randomLinear } from "../probe/tinyModules";

const mse = (yHat: Tensor, y: Tensor): Tensor => gl.mean(gl.square(gl.sub(yHat, y)));
/** Binary cross-entropy from logits z: mean(log(1 + e^z) − y·z). */
const bceLogits = (z: Tensor, y: Tensor): Tensor => gl.mean(gl.sub(gl.log(gl.add(gl.exp(z), 1)), gl.mul(y, z)));

/** y = 2·x1 − 3·x2 + 1 on seeded inputs: (N, 2) and (N, 1). */
function linearData(n: number, seed = 0): { X: Tensor; y: Tensor } {
  gl.seed(seed);
  const X = gl.randn([n, 2]);
  const y = gl.tensor(Array.from({ length: n }, (_, i) => [2 * X.data[2 * i] - 3 * X.data[2 * i + 1] + 1]));
  return { X, y };
}

/** Two Gaussian blobs at (−2, −2) (class 0) and (2, 2) (class 1). */
function blobs(n: number, seed = 1): { X: Tensor; y: Tensor } {
  gl.seed(seed);
  const X = gl.randn([n, 2]);
  const labels = Array.from({ length: n }, (_, i) => i % 2);
  for (let i = 0; i < n; i++) for (let k = 0; k < 2; k++) X.data[2 * i + k] += labels[i] ? 2 : -2;
  return { X, y: gl.tensor(labels.map((l) => [l])) };
}

function newLinear(): Linear {
  return new Linear([[0, 0]], [0]);
}

/** A fake output area that keeps what it was sent. */
function recorder(): LiveDisplay & { figures: Figure[]; texts: string[] } {
  const r = { figures: [] as Figure[], texts: [] as string[] };
  return {
    ...r,
    figure: (f: Figure) => r.figures.push(f),
    html: (_h: string, fallback?: string) => r.texts.push(fallback ?? _h),
    text: (t: string) => r.texts.push(t),
    get figuresSeen() {
      return r.figures;
    },
  } as unknown as LiveDisplay & { figures: Figure[]; texts: string[] };
}

describe("gl.fit", () => {
  it("drives the loss of linear regression down and fills a History of the right shape", async () => {
    const data = linearData(50);
    const model = new Seq(newLinear());
    const h = await gl.fit(model, data, {
      epochs: 15,
      batchSize: 16,
      optimizer: new PlainSGD(model.parameters(), 0.1),
      loss: mse,
      progress: false,
      seed: 1,
    });
    expect(h.steps.loss.length).to.equal(15 * 4); // ceil(50 / 16) = 4 steps per epoch
    expect(h.steps.step).to.deep.equal(Array.from({ length: 60 }, (_, i) => i));
    expect(h.steps.lr.every((v) => v === 0.1)).to.equal(true);
    expect(h.steps.gradNorm.every((v) => v >= 0 && Number.isFinite(v))).to.equal(true);
    expect(h.epochs.epoch).to.deep.equal(Array.from({ length: 15 }, (_, i) => i));
    expect(h.epochs.step[0]).to.equal(3);
    expect(h.epochs.valLoss.every((v) => v === null)).to.equal(true);
    expect(h.epochs.loss[14]).to.be.lessThan(h.epochs.loss[0] / 100);
    expect(h.stopped).to.deep.equal({ reason: "completed", epoch: 14, step: 59 });
    const w = (model.parameters()[0] as Tensor).toList();
    expect(w[0]).to.be.closeTo(2, 0.05);
    expect(w[1]).to.be.closeTo(-3, 0.05);
    expect(JSON.parse(JSON.stringify(h)).steps.loss.length).to.equal(60); // plain data
  });

  it("records training and validation accuracy per epoch on a separable problem", async () => {
    const train = blobs(64, 1);
    const val = blobs(32, 2);
    const model = new Seq(newLinear());
    const h = await gl.fit(model, train, {
      epochs: 5,
      batchSize: 8,
      optimizer: new PlainSGD(model.parameters(), 0.2),
      loss: bceLogits,
      metrics: ["accuracy"],
      validation: val,
      progress: false,
    });
    expect(h.epochs.metrics.accuracy).to.have.length(5);
    expect(h.epochs.valMetrics.accuracy[4]).to.be.greaterThan(0.95);
    expect(h.epochs.valLoss[4]).to.be.lessThan(h.epochs.valLoss[0] as number);
    expect(h.last()).to.have.keys(["loss", "valLoss", "accuracy", "valAccuracy"]);
    const fig = gl.plot.history(h);
    expect(fig.data.map((t) => t.name)).to.include("validation accuracy");
  });

  it("the same seed gives the same History; another seed shuffles differently", async () => {
    const run = async (seed: number): Promise<number[]> => {
      gl.seed(7);
      const model = new Seq(randomLinear(2, 3), new Tanh(), randomLinear(3, 1));
      const h = await gl.fit(model, linearData(40, 3), {
        epochs: 3,
        batchSize: 8,
        optimizer: new PlainSGD(model.parameters(), 0.05),
        loss: mse,
        progress: false,
        seed,
      });
      return h.steps.loss;
    };
    const a = await run(11);
    expect(await run(11)).to.deep.equal(a);
    expect(await run(12)).to.not.deep.equal(a);
  });

  it("stops on NaN in a layer's output, naming the step and the layer", async () => {
    class Log extends Module {
      forward(x: Tensor): Tensor {
        return gl.log(x);
      }
    }
    // rows 0..5 positive; row 6 (in batch 3 with batchSize 2) is negative, so log gives NaN at step 3
    const X = gl.tensor([[1], [2], [3], [4], [5], [6], [-1], [8]]);
    const model = new Seq(new Linear([[1]], [0]), new Log());
    const opt = new PlainSGD(model.parameters(), 0);
    try {
      await gl.fit(
        model,
        { X, y: gl.zeros([8, 1]) },
        { epochs: 1, batchSize: 2, shuffle: false, optimizer: opt, loss: mse, progress: false },
      );
      expect.fail("fit should have thrown");
    } catch (e) {
      expect(e).to.be.instanceOf(gl.NumericError);
      const err = e as gl.NonFiniteError;
      expect([err.step, err.epoch, err.batch, err.what, err.layer]).to.deep.equal([3, 0, 3, "loss", "1"]);
      expect(err.message)
        .to.match(/step 3/)
        .and.match(/layer "1" \(Log\)/);
    }
  });

  it("stops on a non-finite gradient or an overflowing update, naming the parameter", async () => {
    class Sqrt extends Module {
      forward(x: Tensor): Tensor {
        return gl.sqrt(x);
      }
    }
    const data = { X: gl.ones([4, 1]), y: gl.ones([4, 1]) };
    const a = new Seq(new Linear([[0]], [0]), new Sqrt()); // sqrt(0) is fine, its slope at 0 is not
    let err = (await gl
      .fit(a, data, { batchSize: 4, optimizer: new PlainSGD(a.parameters(), 0.1), loss: mse, progress: false })
      .catch((e: unknown) => e)) as gl.NonFiniteError;
    expect(err).to.be.instanceOf(gl.NumericError);
    expect([err.what, err.step, err.parameters]).to.deep.equal(["gradient", 0, ["0.weight", "0.bias"]]);
    expect(err.message).to.match(/gradient of 0\.weight/);
    // recorded in the real backward pass: Sqrt's backward turned a finite gradient into Inf
    expect(err.layer).to.equal("1");
    expect(err.message).to.match(/backward pass of layer "1" \(Sqrt\)/);

    const b = new Seq(new Linear([[1]], [0]));
    const big = { X: gl.full([4, 1], 10), y: gl.zeros([4, 1]) };
    err = (await gl
      .fit(b, big, { batchSize: 4, optimizer: new PlainSGD(b.parameters(), 1e40), loss: mse, progress: false })
      .catch((e: unknown) => e)) as gl.NonFiniteError;
    expect([err.what, err.step, err.layer]).to.deep.equal(["parameter", 0, "0"]);
    expect(err.parameters).to.include("0.weight");
  });

  it("an exploding run (lr 1e6) is blamed on the layer whose outputs exploded, and the error carries the History", async () => {
    // x = 1, lr 1e6: the outputs grow ~1e6× per step
    const data = { X: gl.ones([4, 1]), y: gl.zeros([4, 1]) };
    const run = (model: Module): Promise<gl.NonFiniteError> =>
      gl
        .fit(model, data, {
          epochs: 20,
          batchSize: 4,
          optimizer: new PlainSGD(model.parameters(), 1e6),
          loss: mse,
          progress: false,
        })
        .then(() => expect.fail("fit should have thrown"))
        .catch((e: unknown) => e as gl.NonFiniteError);
    // one layer: its output reaches ~1e20 (finite) and mse's square overflows float32; a replay of
    // the forward pass finds every output finite and blamed the loss function
    let err = await run(new Seq(new Linear([[0.5]], [0])));
    expect(err).to.be.instanceOf(gl.NonFiniteError);
    expect([err.what, err.layer]).to.deep.equal(["loss", "0"]);
    expect(err.message).to.match(/activations exploded: the output of layer "0" \(Linear\) already reaches \d/);
    expect(err.message).not.to.match(/loss function produced it/);
    // the History so far: every step before the one that overflowed, and why it stopped
    const h = err.history!;
    expect(h).to.be.instanceOf(gl.History);
    expect(h.steps.loss).to.have.length(err.step!);
    expect(h.steps.loss.every(Number.isFinite)).to.equal(true);
    expect(h.stopped).to.deep.equal({ reason: "nonFinite", epoch: err.epoch, step: err.step });
    // two layers: the second one's output overflows to Infinity first, and it is the one named
    err = await run(new Seq(new Linear([[0.5]], [0]), new Linear([[1]], [0])));
    expect([err.what, err.layer]).to.deep.equal(["loss", "1"]);
    expect(err.message).to.match(/appears in the output of layer "1" \(Linear\), whose inputs were finite/);
  });

  it("names a layer whose NaN does not repeat (it is seen in the real step, not in a replay)", async () => {
    class NaNOnce extends Module {
      calls = 0;
      forward(x: Tensor): Tensor {
        return ++this.calls === 2 ? gl.mul(x, NaN) : x;
      }
    }
    const model = new Seq(new Linear([[1]], [0]), new NaNOnce(), new Linear([[1]], [0]));
    const err = (await gl
      .fit(
        model,
        { X: gl.ones([4, 1]), y: gl.ones([4, 1]) },
        { epochs: 3, batchSize: 4, optimizer: new PlainSGD(model.parameters(), 0.1), loss: mse, progress: false },
      )
      .catch((e: unknown) => e)) as gl.NonFiniteError;
    expect([err.step, err.layer]).to.deep.equal([1, "1"]);
    expect(err.message).to.match(/layer "1" \(NaNOnce\)/);
  });

  it("clipGradNorm rescales the gradient before the step; the History keeps the norm before clipping", async () => {
    const model = new Seq(new Linear([[0, 0]], [0]));
    const data = { X: gl.tensor([[3, 4]]), y: gl.tensor([[10]]) };
    const h = await gl.fit(model, data, {
      batchSize: 1,
      optimizer: new PlainSGD(model.parameters(), 1),
      loss: mse,
      clipGradNorm: 1,
      progress: false,
    });
    // d/dw (w·x + b − 10)² at 0 is −20·[3, 4] and −20 for b: norm 20·√26
    expect(h.steps.gradNorm[0]).to.be.closeTo(20 * Math.sqrt(26), 1e-3);
    const moved = model.parameters().flatMap((p) => p.toList());
    expect(Math.hypot(...moved)).to.be.closeTo(1, 1e-4); // lr 1 × a gradient of norm 1
  });

  it("names NaN in the input data instead of a layer", async () => {
    const model = new Seq(newLinear());
    const X = gl.tensor([
      [1, 2],
      [NaN, 1],
    ]);
    const err = (await gl
      .fit(
        model,
        { X, y: gl.zeros([2, 1]) },
        { optimizer: new PlainSGD(model.parameters(), 0.1), loss: mse, progress: false },
      )
      .catch((e: unknown) => e)) as Error;
    expect(err.message).to.match(/input batch itself contains NaN/);
  });

  it("early stopping stops after `patience` epochs without improvement", async () => {
    const model = new Seq(newLinear());
    const h = await gl.fit(model, linearData(20), {
      epochs: 50,
      batchSize: 5,
      optimizer: new PlainSGD(model.parameters(), 0), // nothing moves: no epoch improves on the first
      loss: mse,
      earlyStopping: { monitor: "loss", patience: 3, minDelta: 1e-6 },
      progress: false,
    });
    expect(h.epochs.epoch).to.deep.equal([0, 1, 2, 3]);
    expect(h.stopped.reason).to.equal("earlyStopping");
    expect(h.bestEpoch).to.equal(0);
  });

  it("early stopping puts back the weights of the best validation epoch", async () => {
    const model = new Seq(newLinear());
    const train = linearData(32, 4);
    const val = { X: train.X, y: gl.neg(train.y) }; // the better it fits train, the worse on val
    let afterFirst: number[] = [];
    const h = await gl.fit(model, train, {
      epochs: 10,
      batchSize: 8,
      optimizer: new PlainSGD(model.parameters(), 0.05),
      loss: mse,
      validation: val,
      earlyStopping: { patience: 2 },
      callbacks: {
        onEpochEnd: (epoch) => void (epoch === 0 && (afterFirst = model.parameters().flatMap((p) => p.toList()))),
      },
      progress: false,
    });
    expect(h.bestEpoch).to.equal(0);
    expect(h.epochs.epoch).to.deep.equal([0, 1, 2]);
    expect(model.parameters().flatMap((p) => p.toList())).to.deep.equal(afterFirst);
  });

  it("a callback can stop training; callbacks see every step", async () => {
    const model = new Seq(newLinear());
    const seen: number[] = [];
    const h = await gl.fit(model, linearData(40), {
      epochs: 5,
      batchSize: 4,
      optimizer: new PlainSGD(model.parameters(), 0.01),
      loss: mse,
      progress: false,
      callbacks: [{ onStepEnd: (logs, ctx) => (seen.push(logs.step), logs.step === 4 ? ctx.stop() : undefined) }],
    });
    expect(seen).to.deep.equal([0, 1, 2, 3, 4]);
    expect(h.steps.loss).to.have.length(5);
    expect(h.stopped.reason).to.equal("callback");
    expect(h.epochs.epoch).to.deep.equal([0]); // the interrupted epoch is summarized
  });

  it("awaits the event loop between steps (so notebook output can flush)", async () => {
    const model = new Seq(newLinear());
    let ran = false;
    setImmediate(() => (ran = true));
    const seenAt: boolean[] = [];
    await gl.fit(model, linearData(12), {
      batchSize: 4,
      optimizer: new PlainSGD(model.parameters(), 0.01),
      loss: mse,
      progress: false,
      callbacks: { onStepEnd: () => void seenAt.push(ran) },
    });
    expect(seenAt).to.deep.equal([false, true, true]);
  });

  it("accepts an iterable of [X, y] or { X, y } batches, and explains an exhausted generator", async () => {
    const d = linearData(12);
    const batches = [[gl.tensor([[1, 0]]), gl.tensor([[3]])] as [Tensor, Tensor], { X: d.X, y: d.y }];
    const model = new Seq(newLinear());
    const h = await gl.fit(model, batches, {
      epochs: 2,
      optimizer: new PlainSGD(model.parameters(), 0.01),
      loss: mse,
      progress: false,
    });
    expect(h.steps.loss).to.have.length(4);
    function* once(): Generator<[Tensor, Tensor]> {
      yield [d.X, d.y];
    }
    const err = (await gl
      .fit(model, once(), { epochs: 2, optimizer: new PlainSGD(model.parameters(), 0.01), loss: mse, progress: false })
      .catch((e: unknown) => e)) as Error;
    expect(err).to.be.instanceOf(gl.ArgumentError);
    expect(err.message).to.match(/iterated once/);
  });

  it("refuses a missing loss or optimizer with a fix", async () => {
    const model = new Seq(newLinear());
    const noLoss = { optimizer: new PlainSGD(model.parameters(), 0.1) } as unknown as Parameters<typeof gl.fit>[2];
    expect(await gl.fit(model, linearData(4), noLoss).catch((e: unknown) => e))
      .to.be.instanceOf(gl.ArgumentError)
      .with.property("message")
      .match(/gl\.loss\.crossEntropy/);
    const noOpt = { loss: mse } as unknown as Parameters<typeof gl.fit>[2];
    expect(await gl.fit(model, linearData(4), noOpt).catch((e: unknown) => e))
      .to.be.instanceOf(gl.ArgumentError)
      .with.property("message")
      .match(/zeroGrad/);
  });

  it("drives a probe: one record per step with update ratios; validation forwards are not recorded", async () => {
    gl.seed(9);
    const model = new Seq(randomLinear(2, 4), new Tanh(), randomLinear(4, 1));
    const p = gl.probe.attach(model, { every: 2 });
    const opt = new PlainSGD(model.parameters(), 0.05);
    await gl.fit(model, linearData(16), {
      epochs: 2,
      batchSize: 8,
      optimizer: opt,
      loss: mse,
      validation: linearData(5, 5),
      probe: p,
      progress: false,
    });
    p.detach();
    // 4 steps; after the last one the probe's step is 4 (a recorded one): only pausing keeps the validation forward out
    expect(p.records.map((r) => r.step)).to.deep.equal([0, 2]);
    for (const r of p.records) {
      expect(r.layers.map((l) => l.shape[0])).to.deep.equal([8, 8, 8]); // training batches of 8, not the validation batch of 5
      expect(r.layers.every((l) => l.gradient !== undefined)).to.equal(true);
      expect(r.parameters.every((q) => typeof q.updateDataRatio === "number" || q.updateDataRatio === null)).to.equal(
        true,
      );
    }
    expect(typeof p.records[0].parameters[0].updateDataRatio).to.equal("number");
  });

  it("shows progress with rate and ETA, and redraws a live figure, through the given outputs", async () => {
    const model = new Seq(newLinear());
    const out = recorder();
    const fig = recorder();
    await gl.fit(model, linearData(16), {
      epochs: 2,
      batchSize: 8,
      optimizer: new PlainSGD(model.parameters(), 0.01),
      loss: mse,
      progress: out,
      live: { target: fig, everyMs: 0 },
    });
    const texts = (out as unknown as { texts: string[] }).texts;
    expect(texts.length).to.be.greaterThan(0);
    expect(texts[texts.length - 1]).to.match(/epoch 2\/2 .*4\/4 steps · [\d.]+ steps\/s · ETA 0:00 · loss/);
    const figures = (fig as unknown as { figuresSeen: Figure[] }).figuresSeen;
    expect(figures.length).to.be.greaterThan(1);
    expect(figures[figures.length - 1].data[0].y).to.have.length(4);
  });
});

describe("progress text", () => {
  it("says epoch, steps, rate, ETA and the latest values", () => {
    const s = progressText({ epoch: 1, epochs: 5, done: 30, total: 100, values: { loss: 0.5, valLoss: null } }, 10);
    expect(s).to.equal("epoch 2/5 [#######.................] 30/100 steps · 3.0 steps/s · ETA 0:23 · loss 0.5000");
  });
});

describe("gl.evaluate and gl.predict", () => {
  class ModeSpy extends Module {
    modes: boolean[] = [];
    forward(x: Tensor): Tensor {
      this.modes.push(this.training);
      return gl.mul(x, 2);
    }
  }

  it("predict runs in eval mode without gradients, in batches, and restores the mode", () => {
    const spy = new ModeSpy();
    const X = gl.arange(10).reshape([5, 2]);
    const yHat = gl.predict(spy, X, { batchSize: 2 });
    expect(yHat.shape).to.deep.equal([5, 2]);
    expect(yHat.toList()).to.deep.equal(X.toList().map((v) => 2 * v));
    expect(yHat.requiresGrad).to.equal(false);
    expect(spy.modes).to.deep.equal([false, false, false]);
    expect(spy.training).to.equal(true);
  });

  it("evaluate averages loss and accuracy over all examples", () => {
    const spy = new ModeSpy();
    const X = gl.tensor([
      [1, 0],
      [0, 1],
      [2, 1],
      [0, 3],
    ]);
    const y = gl.tensor([0, 0, 0, 1]); // yHat = 2X: argmax 0, 1, 0, 1 → 3 of 4 right
    const r = gl.evaluate(spy, { X, y }, { metrics: ["accuracy"], batchSize: 3, loss: (yHat) => gl.mean(yHat) });
    expect(r.metrics.accuracy).to.equal(0.75);
    expect(r.count).to.equal(4);
    expect(r.loss).to.be.closeTo((3 * (10 / 6) + 1 * (6 / 2)) / 4, 1e-6); // batch means (10/6 and 3) weighted by batch size
  });

  it("accuracy reads logits [N, C] by argmax, one-hot targets, and binary outputs by 0.5 or 0", () => {
    expect(
      accuracy(
        gl.tensor([
          [2, 1],
          [0, 3],
        ]),
        gl.tensor([0, 0]),
      ),
    ).to.equal(0.5);
    expect(
      accuracy(
        gl.tensor([
          [2, 1],
          [0, 3],
        ]),
        gl.tensor([
          [1, 0],
          [0, 1],
        ]),
      ),
    ).to.equal(1);
    expect(accuracy(gl.tensor([[0.7], [0.2]]), gl.tensor([[1], [1]]))).to.equal(0.5); // probabilities
    expect(accuracy(gl.tensor([[0.7], [-0.2], [3]]), gl.tensor([1, 0, 1]))).to.equal(1); // logits
  });
});
