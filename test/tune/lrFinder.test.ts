import { expect } from "chai";
import * as gl from "../../src";
import type { LiveDisplay } from "../../src/display/notebook";
import { SMOOTHING, DIVERGE_FACTOR, SLOPE_WINDOW } from "../../src/tune/lrFinder";

/** Two classes split by the line x1 = x2 (256 seeded points). */
function task(): { X: gl.Tensor; y: gl.Tensor } {
  gl.seed(0);
  const X = gl.randn([256, 2]);
  const y = gl.tensor(Array.from({ length: 256 }, (_, i) => (X.data[2 * i] > X.data[2 * i + 1] ? 1 : 0)));
  return { X, y };
}

function mlp(): gl.nn.Sequential {
  gl.seed(1);
  return new gl.nn.Sequential([
    new gl.nn.Linear(2, 32),
    new gl.nn.BatchNorm1d(32),
    new gl.nn.ReLU(),
    new gl.nn.Linear(32, 2),
  ]);
}

function values(model: gl.nn.Module): Record<string, number[]> {
  return Object.fromEntries(Object.entries(model.stateDict()).map(([k, t]) => [k, Array.from(t.data)]));
}

describe("lrFinder: the learning-rate range test", () => {
  it("grows the learning rate geometrically, smooths the loss as fastai does, and stops once it passes 4× its minimum", async () => {
    const model = mlp();
    const r = await gl.lrFinder(model, task(), {
      loss: gl.loss.crossEntropy,
      startLr: 1e-4,
      endLr: 1000,
      steps: 80,
      progress: false,
    });
    expect(r.lrs[0]).to.equal(1e-4);
    const ratio = r.lrs[1] / r.lrs[0];
    expect(ratio).to.be.closeTo(Math.pow(1e7, 1 / 79), 1e-9); // 1e-4 → 1e3 in 79 steps
    for (let i = 1; i < r.lrs.length; i++) expect(r.lrs[i] / r.lrs[i - 1]).to.be.closeTo(ratio, 1e-9);
    // the smoothed loss, worked out from its definition
    let avg = 0;
    r.losses.forEach((l, i) => {
      avg = SMOOTHING * avg + (1 - SMOOTHING) * l;
      expect(r.smoothed[i]).to.be.closeTo(avg / (1 - SMOOTHING ** (i + 1)), 1e-9);
    });
    expect(r.stopped).to.equal("diverged");
    expect(r.lrs.length).to.be.lessThan(80);
    const last = r.smoothed[r.smoothed.length - 1];
    expect(last).to.be.greaterThan(DIVERGE_FACTOR * Math.min(...r.smoothed));
    expect(
      r.smoothed.slice(0, -1).every((s, i) => s <= DIVERGE_FACTOR * Math.min(...r.smoothed.slice(0, i + 1))),
    ).to.equal(true);
  });

  it("suggests the steepest descent of the smoothed loss (and reports minimum/10 beside it), a rate that trains better than a tiny one", async () => {
    const data = task();
    const r = await gl.lrFinder(mlp(), data, { loss: gl.loss.crossEntropy, steps: 100, progress: false });
    const i = r.steepest.index;
    expect(r.suggestion).to.equal(r.lrs[i]);
    // the slope across SLOPE_WINDOW decades centred on each point, from its definition
    const h = Math.max(1, Math.round(SLOPE_WINDOW / Math.log10(r.lrs[1] / r.lrs[0]) / 2));
    const slope = (k: number): number => {
      const a = Math.max(0, k - h);
      const b = Math.min(r.lrs.length - 1, k + h);
      return (r.smoothed[b] - r.smoothed[a]) / Math.log10(r.lrs[b] / r.lrs[a]);
    };
    expect(r.steepest.slope).to.be.closeTo(slope(i), 1e-12);
    for (let k = 10; k < r.lrs.length; k++) expect(slope(k)).to.be.at.least(slope(i) - 1e-12);
    expect(r.steepest.slope).to.be.lessThan(0);
    const m = r.smoothed.indexOf(Math.min(...r.smoothed));
    expect(r.minimum.lr).to.equal(r.lrs[m]);
    expect(r.minimumOver10).to.be.closeTo(r.lrs[m] / 10, 1e-15);
    expect(r.suggestion).to.be.lessThan(r.lrs[r.lrs.length - 1]);
    const trainWith = async (lr: number): Promise<number> => {
      const model = mlp();
      const h = await gl.fit(model, data, {
        epochs: 4,
        batchSize: 32,
        optimizer: new gl.optim.SGD(model.parameters(), { lr }),
        loss: gl.loss.crossEntropy,
        progress: false,
        seed: 0,
      });
      return h.epochs.loss[3];
    };
    expect(await trainWith(r.suggestion)).to.be.lessThan((await trainWith(1e-5)) - 0.1);
  });

  it("restores the weights, the BatchNorm running statistics and the train/eval mode afterwards", async () => {
    const model = mlp();
    model.eval();
    const before = values(model);
    const r = await gl.lrFinder(model, task(), { loss: gl.loss.crossEntropy, steps: 30, progress: false });
    expect(r.losses.length).to.be.greaterThan(2);
    expect(values(model)).to.deep.equal(before);
    expect(model.training).to.equal(false);
  });

  it("restores a given optimizer's state (momentum buffers, step count, learning rates)", async () => {
    const model = mlp();
    const data = task();
    const opt = new gl.optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
    await gl.fit(model, data, {
      epochs: 1,
      batchSize: 64,
      optimizer: opt,
      loss: gl.loss.crossEntropy,
      progress: false,
    });
    const weights = values(model);
    const buffers = [...opt.state].map(([, s]) => Array.from(s.momentumBuffer as Float64Array));
    const steps = opt.stepCount;
    await gl.lrFinder(model, data, { loss: gl.loss.crossEntropy, optimizer: opt, steps: 20, progress: false });
    expect(values(model)).to.deep.equal(weights);
    expect(opt.lrs).to.deep.equal([0.05]);
    expect(opt.stepCount).to.equal(steps);
    expect([...opt.state].map(([, s]) => Array.from(s.momentumBuffer as Float64Array))).to.deep.equal(buffers);
    // a factory builds a fresh optimizer per run
    let made = 0;
    await gl.lrFinder(model, data, {
      loss: gl.loss.crossEntropy,
      optimizer: (params, lr) => {
        made++;
        return new gl.optim.Adam(params, { lr });
      },
      steps: 10,
      progress: false,
    });
    expect(made).to.equal(1);
    expect(values(model)).to.deep.equal(weights);
  });

  it("restores the weights even when the loss goes NaN", async () => {
    const model = mlp();
    const before = values(model);
    const r = await gl.lrFinder(model, task(), {
      loss: gl.loss.crossEntropy,
      startLr: 1e-3,
      endLr: 1e30,
      steps: 60,
      progress: false,
    });
    expect(["nonFinite", "diverged"]).to.include(r.stopped);
    expect(values(model)).to.deep.equal(before);
  });

  it("shows a progress bar; progress: false prints nothing", async () => {
    const texts: string[] = [];
    const target: LiveDisplay = { figure: () => {}, html: (_h, t) => texts.push(t ?? ""), text: (t) => texts.push(t) };
    await gl.lrFinder(mlp(), task(), { loss: gl.loss.crossEntropy, steps: 10, endLr: 1e-3, progress: target });
    expect(texts[texts.length - 1]).to.match(/^lr finder .*10\/10 steps/);
    const log = console.log;
    const write = process.stdout.write;
    let printed = 0;
    console.log = () => void printed++;
    process.stdout.write = (() => (printed++, true)) as typeof process.stdout.write;
    try {
      await gl.lrFinder(mlp(), task(), { loss: gl.loss.crossEntropy, steps: 10, progress: false });
    } finally {
      console.log = log;
      process.stdout.write = write;
    }
    expect(printed).to.equal(0);
  });

  it("draws loss vs learning rate on a log axis with the suggestion marked", async () => {
    const r = await gl.lrFinder(mlp(), task(), { loss: gl.loss.crossEntropy, steps: 40, progress: false });
    const fig = r.figure();
    expect((fig.layout!.xaxis as { type?: string }).type).to.equal("log");
    expect(fig.data[1].y).to.deep.equal(r.smoothed);
    expect((fig.layout!.shapes as { x0: number }[])[0].x0).to.equal(r.suggestion);
  });

  it("bad options get teaching errors", async () => {
    const run = (o: object): Promise<unknown> =>
      gl.lrFinder(mlp(), task(), { loss: gl.loss.crossEntropy, progress: false, ...o });
    for (const [o, re] of [
      [{ startLr: 0 }, /startLr/],
      [{ startLr: 1, endLr: 0.1 }, /endLr/],
      [{ steps: 1 }, /steps/],
      [{ optimizer: 3 }, /optimizer/],
    ] as [object, RegExp][])
      await run(o).then(
        () => expect.fail("should throw"),
        (e) => expect((e as Error).message).to.match(re),
      );
  });
});
