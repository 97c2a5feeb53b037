/**
 * gl.diagnose on real training runs: each pathology is produced by training a small model badly
 * (a bad init, a bad learning rate, wrong labels, an optimizer holding the wrong parameters, too
 * little data, too little capacity), and one healthy run raises none of the codes.
 */
import { expect } from "chai";
import * as gl from "../../src";
import type { FindingCode } from "../../src/diagnose";
import type { Module } from "../../src/nn/module";
import type { Tensor } from "../../src/tensor/tensor";
import * as T from "../../src/diagnose/thresholds";

/** Three Gaussian blobs around a circle of radius `sep` (class index targets). */
function blobs(n: number, seed: number, sep = 2.5): { X: Tensor; y: Tensor } {
  gl.seed(seed);
  const X = gl.randn([n, 2]);
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    y.push(c);
    X.data[2 * i] += sep * Math.cos((2 * Math.PI * c) / 3);
    X.data[2 * i + 1] += sep * Math.sin((2 * Math.PI * c) / 3);
  }
  return { X, y: gl.tensor(y) };
}

function mlp(hidden = 32, act: () => Module = () => new gl.nn.ReLU()): gl.nn.Sequential {
  return new gl.nn.Sequential([
    new gl.nn.Linear(2, hidden),
    act(),
    new gl.nn.Linear(hidden, hidden),
    act(),
    new gl.nn.Linear(hidden, 3),
  ]);
}

/** A deep tanh/ReLU stack whose weights are drawn with the given std. */
function deep(layers: number, std: number, act: () => Module): gl.nn.Sequential {
  const mods: Module[] = [];
  let d = 2;
  for (let i = 0; i < layers; i++) {
    mods.push(new gl.nn.Linear(d, 32, { init: (s: number[]) => gl.mul(gl.randn(s), std) }), act());
    d = 32;
  }
  mods.push(new gl.nn.Linear(32, 3));
  return new gl.nn.Sequential(mods);
}

interface RunOptions {
  lr?: number;
  epochs?: number;
  batchSize?: number;
  train?: { X: Tensor; y: Tensor };
  val?: { X: Tensor; y: Tensor };
  optimizer?: (m: Module) => gl.optim.SGD | gl.optim.Adam;
  checkFinite?: boolean;
}

/** Trains `build()` with a probe on blobs (or the given data) and diagnoses the run. */
async function run(build: () => Module, o: RunOptions = {}): Promise<{ d: gl.Diagnosis; history: gl.History }> {
  const train = o.train ?? blobs(192, 1);
  const val = o.val ?? blobs(96, 2);
  gl.seed(5);
  const model = build();
  const probe = gl.probe.attach(model, { every: 2, histogramBins: 8 });
  const history = await gl.fit(model, train, {
    epochs: o.epochs ?? 4,
    batchSize: o.batchSize ?? 32,
    optimizer: o.optimizer ? o.optimizer(model) : new gl.optim.SGD(model.parameters(), { lr: o.lr ?? 0.1 }),
    loss: gl.loss.crossEntropy,
    validation: val,
    probe,
    progress: false,
    checkFinite: o.checkFinite ?? true,
    seed: 0,
  });
  probe.detach();
  return { d: gl.diagnose(history, { probe }), history };
}

const ALL: FindingCode[] = [
  "initial-loss",
  "lr-too-high",
  "lr-too-low",
  "no-learning",
  "overfitting",
  "underfitting",
  "dead-units",
  "saturation",
  "vanishing-gradients",
  "exploding-gradients",
];

describe("gl.diagnose: a healthy run", () => {
  let healthy: gl.Diagnosis;
  before(async () => {
    healthy = (await run(() => mlp(), { lr: 0.1 })).d;
  });
  it("is ok, with no warning or error", () => {
    expect(healthy.ok).to.equal(true);
    expect(healthy.findings.filter((f) => f.severity !== "info")).to.deep.equal([]);
  });
  for (const code of ALL) it(`does not raise ${code}`, () => expect(healthy.codes).to.not.include(code));
});

describe("gl.diagnose: each pathology, produced by training badly", () => {
  it("initial-loss: a last layer initialized 30× too large starts far above ln 3", async () => {
    const { d, history } = await run(() => {
      const m = mlp();
      const last = m.children()[4] as gl.nn.Linear;
      for (let i = 0; i < last.weight.data.length; i++) last.weight.data[i] *= 30;
      return m;
    });
    const f = d.find("initial-loss")!;
    expect(f.severity).to.equal("warning");
    expect(f.evidence.firstLoss).to.equal(history.steps.loss[0]);
    expect(f.evidence.lnC).to.be.closeTo(Math.log(3), 1e-12);
    expect(history.steps.loss[0]).to.be.greaterThan(T.INITIAL_LOSS_HIGH * Math.log(3));
    expect(f.message).to.match(/ln 3 = 1\.099/);
    expect(f.fix).to.match(/Scale the last layer's initialization down/);
  });

  it("lr-too-high: Adam with lr = 0.2 moves the weights by ~5 % per step (update:data ratio far above 1e-3)", async () => {
    const { d } = await run(() => mlp(), { optimizer: (m) => new gl.optim.Adam(m.parameters(), { lr: 0.2 }) });
    const f = d.find("lr-too-high")!;
    expect(f.evidence.typical as number).to.be.greaterThan(T.UPDATE_RATIO_TARGET + T.UPDATE_RATIO_DECADES);
    expect(d.ok).to.equal(false);
  });

  it("lr-too-high: SGD with lr = 3 makes the loss jump 10× its first value and never come back", async () => {
    const { d, history } = await run(() => mlp(), { lr: 3 });
    const f = d.find("lr-too-high")!;
    expect(f.severity).to.equal("error");
    expect(f.evidence.peakLoss as number).to.be.at.least(T.SPIKE_FACTOR * history.steps.loss[0]);
    expect(f.evidence.peakLoss).to.equal(Math.max(...history.steps.loss));
    expect(f.message).to.match(/never came back/);
    expect(history.steps.loss.every(Number.isFinite)).to.equal(true);
  });

  it("lr-too-high: a learning rate raised mid-run makes the loss rise well above its minimum", async () => {
    const train = blobs(192, 1);
    gl.seed(5);
    const model = mlp();
    const optimizer = new gl.optim.SGD(model.parameters(), { lr: 0.1 });
    const history = await gl.fit(model, train, {
      epochs: 8,
      batchSize: 32,
      optimizer,
      loss: gl.loss.crossEntropy,
      progress: false,
      seed: 0,
      callbacks: { onEpochBegin: (epoch) => void (epoch === 4 && (optimizer.paramGroups[0].lr = 3)) },
    });
    const f = gl.diagnose(history).find("lr-too-high")!;
    expect(f.evidence.lastWindowLoss as number).to.be.at.least(T.RISE_FACTOR * (f.evidence.lowestWindowLoss as number));
  });

  it("lr-too-high: the NonFiniteError gl.fit throws carries the History, and diagnose reads it as an error", async () => {
    let error: unknown = null;
    try {
      await run(() => mlp(), { lr: 1e6 });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(gl.NonFiniteError);
    const history = (error as gl.NonFiniteError).history!;
    expect(history.stopped.reason).to.equal("nonFinite");
    const d = gl.diagnose(history);
    const f = d.find("lr-too-high")!;
    expect(f.severity).to.equal("error");
    expect(f.message).to.match(/NaN\/Inf/);
    expect(f.evidence.nonFiniteAtStep).to.equal(history.stopped.step);
    expect(f.fix).to.match(/Lower the learning rate/);
  });

  it("lr-too-high: with checkFinite off, a History whose loss went NaN is read the same way", async () => {
    const { d } = await run(() => mlp(), { lr: 1e6, checkFinite: false });
    expect(d.find("lr-too-high")!.severity).to.equal("error");
  });

  it("lr-too-low: lr = 1e-4 leaves the loss flat, and the update:data ratio says why", async () => {
    const { d } = await run(() => mlp(), { lr: 1e-4 });
    const f = d.find("lr-too-low")!;
    expect(f.evidence.typical as number).to.be.lessThan(T.UPDATE_RATIO_TARGET - T.UPDATE_RATIO_DECADES);
    expect(d.codes).to.not.include("no-learning");
  });

  it("lr-too-low without a probe: a slow, straight descent of the loss curve", async () => {
    const train = blobs(192, 1);
    gl.seed(5);
    const model = mlp();
    const history = await gl.fit(model, train, {
      epochs: 4,
      batchSize: 32,
      optimizer: new gl.optim.SGD(model.parameters(), { lr: 0.01 }),
      loss: gl.loss.crossEntropy,
      progress: false,
      seed: 0,
    });
    const d = gl.diagnose(history);
    const f = d.find("lr-too-low")!;
    expect(f.evidence.drop as number).to.be.within(T.NO_LEARNING_DROP, T.SLOW_DROP);
    expect(d.notChecked.map((n) => n.check).join(" ")).to.match(/overfitting/);
  });

  it("no-learning: labels that do not belong to the inputs", async () => {
    const t = blobs(192, 1);
    const y = gl.tensor(Array.from({ length: 192 }, (_, i) => (i * 7 + Math.floor(i / 5)) % 3));
    const { d } = await run(() => mlp(), { train: { X: t.X, y } });
    const f = d.find("no-learning")!;
    expect(f.severity).to.equal("error");
    expect(Math.abs(f.evidence.drop as number)).to.be.lessThan(T.NO_LEARNING_DROP);
  });

  it("no-learning: an optimizer given another model's parameters (the probe sees no weight change)", async () => {
    const { d } = await run(() => mlp(), {
      optimizer: () => new gl.optim.SGD(new gl.nn.Linear(2, 2).parameters(), { lr: 0.1 }),
    });
    const f = d.find("no-learning")!;
    expect(f.message).to.match(/no weight change/);
  });

  it("overfitting: a wide MLP on 24 overlapping points, trained for 60 epochs; the fix names the epoch to stop at", async () => {
    const { d, history } = await run(() => mlp(128), {
      train: blobs(24, 3, 1),
      val: blobs(150, 4, 1),
      epochs: 60,
      batchSize: 24,
    });
    const f = d.find("overfitting")!;
    const val = history.epochs.valLoss as number[];
    const best = val.indexOf(Math.min(...val));
    expect(f.evidence.bestEpoch).to.equal(best);
    expect(f.fix).to.include(`Stop at epoch ${best}`);
    expect(f.fix).to.match(/weight decay|dropout/);
  });

  it("underfitting: a linear model on a spiral: both losses stay high and close", async () => {
    const s = gl.data.spiral({ n: 240, classes: 3, noise: 0.05, seed: 1 });
    const v = gl.data.spiral({ n: 120, classes: 3, noise: 0.05, seed: 2 });
    const { d } = await run(() => new gl.nn.Sequential([new gl.nn.Linear(2, 3)]), {
      lr: 0.3,
      epochs: 10,
      train: { X: s.X, y: s.y },
      val: { X: v.X, y: v.y },
    });
    const f = d.find("underfitting")!;
    expect(f.evidence.lastTrainLoss as number).to.be.greaterThan(T.UNDERFIT_LOSS * (f.evidence.firstLoss as number));
    expect(f.fix).to.match(/capacity/);
  });

  it("dead-units: first-layer biases initialized at −4 leave its ReLUs at 0 for every input", async () => {
    const { d } = await run(() => {
      const m = mlp();
      (m.children()[0] as gl.nn.Linear).bias!.data.fill(-4);
      return m;
    });
    const f = d.find("dead-units")!;
    expect(f.evidence["1"] as number).to.be.greaterThan(T.DEAD_FRACTION);
    expect(f.message).to.match(/layer 1 \(ReLU\)/);
  });

  it("saturation: tanh layers with weights 8× too large", async () => {
    const { d } = await run(
      () => {
        const m = mlp(32, () => new gl.nn.Tanh());
        for (const i of [0, 2]) {
          const w = (m.children()[i] as gl.nn.Linear).weight;
          for (let k = 0; k < w.data.length; k++) w.data[k] *= 8;
        }
        return m;
      },
      { lr: 0.05 },
    );
    const f = d.find("saturation")!;
    expect(f.evidence["1"] as number).to.be.greaterThan(T.SATURATED_FRACTION);
  });

  it("vanishing-gradients: 8 tanh layers with weights of std 0.05", async () => {
    const { d } = await run(() => deep(8, 0.05, () => new gl.nn.Tanh()));
    const f = d.find("vanishing-gradients")!;
    expect(f.evidence.log10FirstOverLast as number).to.be.lessThan(-T.GRADIENT_DECADES);
  });

  it("exploding-gradients: 8 ReLU layers with weights of std 0.625 (2.5× He)", async () => {
    const { d } = await run(() => deep(8, 0.625, () => new gl.nn.ReLU()), { lr: 1e-7 });
    const f = d.find("exploding-gradients")!;
    expect(f.evidence.log10FirstOverLast as number).to.be.greaterThan(T.GRADIENT_DECADES);
  });
});

describe("gl.diagnose: output", () => {
  it("prints as text and shows as an HTML list; gl.fit(..., { diagnose: true }) prints it at the end", async () => {
    const train = blobs(96, 1);
    gl.seed(5);
    const model = mlp();
    const logged: string[] = [];
    const log = console.log;
    console.log = (s: unknown) => void logged.push(String(s));
    try {
      await gl.fit(model, train, {
        epochs: 2,
        batchSize: 32,
        optimizer: new gl.optim.SGD(model.parameters(), { lr: 1e-4 }),
        loss: gl.loss.crossEntropy,
        progress: false,
        diagnose: true,
      });
    } finally {
      console.log = log;
    }
    expect(logged.join("\n")).to.match(
      /gl\.diagnose: 1 problem\(s\) found\.\n. warning no-learning|gl\.diagnose: .*problem/,
    );
    const d = gl.diagnose(new gl.History());
    expect(d.ok).to.equal(true);
    expect(d.toHTML()).to.match(/^<div class="gradlab-diagnosis">/);
    expect(() => gl.diagnose({} as gl.History)).to.throw(gl.ArgumentError, /History gl\.fit returned/);
  });
});
