import { expect } from "chai";
import * as gl from "../../src";
import type { LiveDisplay } from "../../src/display/notebook";
import type { Params, TrialContext } from "../../src/tune";

/** A real objective: trains a tiny MLP on a seeded 2-D set with the given lr and returns the last epoch's loss. */
async function trainTiny(p: Params, trial: TrialContext): Promise<{ score: number; history: gl.History }> {
  const data = gl.data.moons({ n: 64, noise: 0.1, seed: 3 });
  const model = new gl.nn.Sequential([
    new gl.nn.Linear(2, Number(p.hidden ?? 8)),
    new gl.nn.Tanh(),
    new gl.nn.Linear(Number(p.hidden ?? 8), 2),
  ]);
  const history = await gl.fit(
    model,
    { X: data.X, y: data.y },
    {
      epochs: 3,
      batchSize: 16,
      optimizer: new gl.optim.SGD(model.parameters(), { lr: p.lr as number }),
      loss: gl.loss.crossEntropy,
      progress: false,
      seed: 0,
      callbacks: trial.callbacks,
    },
  );
  return { score: history.epochs.loss[history.epochs.loss.length - 1], history };
}

/** A regression that SGD makes diverge (without NaN for many steps) when lr is above 2/λmax. */
async function regression(p: Params, trial: TrialContext): Promise<{ score: number; history: gl.History }> {
  const X = gl.randn([64, 4]);
  const y = gl.sum(X, 1, true);
  const model = new gl.nn.Linear(4, 1);
  const history = await gl.fit(
    model,
    { X, y },
    {
      epochs: 5,
      batchSize: 64,
      optimizer: new gl.optim.SGD(model.parameters(), { lr: p.lr as number }),
      loss: gl.loss.mse,
      progress: false,
      callbacks: trial.callbacks,
    },
  );
  return { score: history.steps.loss[history.steps.loss.length - 1], history };
}

describe("tune: search spaces", () => {
  it("each distribution is a plain object that says what it is", () => {
    expect(gl.tune.logUniform(1e-4, 0.1)).to.deep.equal({ kind: "logUniform", low: 1e-4, high: 0.1 });
    expect(gl.tune.choice([8, 32])).to.deep.equal({ kind: "choice", values: [8, 32] });
    expect(JSON.parse(JSON.stringify({ lr: gl.tune.uniform(0, 1) }))).to.deep.equal({
      lr: { kind: "uniform", low: 0, high: 1 },
    });
    expect(gl.tune.describeSpace({ lr: gl.tune.logUniform(1e-4, 0.1), act: gl.tune.choice(["relu"]) })).to.equal(
      'lr: logUniform(0.0001, 0.1)\nact: choice(["relu"])',
    );
  });

  it("logUniform gives each decade the same share of draws; uniform does not", () => {
    const g = new gl.Generator(5);
    const decades = [0, 0, 0];
    const uniformDecades = [0, 0, 0];
    for (let i = 0; i < 3000; i++) {
      decades[Math.floor(-Math.log10(gl.tune.sample(gl.tune.logUniform(1e-3, 1), g) as number))]++;
      uniformDecades[Math.min(2, Math.floor(-Math.log10(gl.tune.sample(gl.tune.uniform(1e-3, 1), g) as number)))]++;
    }
    for (const c of decades) expect(c / 3000).to.be.closeTo(1 / 3, 0.04);
    expect(uniformDecades[0] / 3000).to.be.closeTo(0.9, 0.03); // [0.1, 1) holds 90 % of a uniform draw
  });

  it("intUniform draws both ends, choice every value", () => {
    const g = new gl.Generator(1);
    const ints = new Set(Array.from({ length: 200 }, () => gl.tune.sample(gl.tune.intUniform(1, 4), g)));
    expect([...ints].sort()).to.deep.equal([1, 2, 3, 4]);
    const picks = new Set(Array.from({ length: 100 }, () => gl.tune.sample(gl.tune.choice(["a", "b", "c"]), g)));
    expect(picks.size).to.equal(3);
  });

  it("bad bounds get teaching errors", () => {
    expect(() => gl.tune.logUniform(0, 1)).to.throw(gl.ArgumentError, /logarithm/);
    expect(() => gl.tune.uniform(1, 0)).to.throw(gl.ArgumentError, /low < high/);
    expect(() => gl.tune.choice([])).to.throw(gl.ArgumentError);
    return gl.tune
      .randomSearch({ space: { lr: [0.1, 0.01] } as never, trials: 2, objective: () => 0, progress: false })
      .then(
        () => expect.fail("should throw"),
        (e) => expect((e as Error).message).to.match(/gridSearch/),
      );
  });
});

describe("tune: random and grid search", () => {
  it("a seeded random search of real training runs is reproducible, and another seed differs", async () => {
    const opts = {
      space: { lr: gl.tune.logUniform(1e-3, 1), hidden: gl.tune.intUniform(4, 12) },
      trials: 3,
      objective: trainTiny,
      progress: false as const,
    };
    const a = await gl.tune.randomSearch({ ...opts, seed: 7 });
    gl.seed(123); // the global generator's state must not matter
    const b = await gl.tune.randomSearch({ ...opts, seed: 7 });
    expect(b.trials.map((t) => t.params)).to.deep.equal(a.trials.map((t) => t.params));
    expect(b.trials.map((t) => t.score)).to.deep.equal(a.trials.map((t) => t.score));
    expect(b.trials.map((t) => t.seed)).to.deep.equal(a.trials.map((t) => t.seed));
    const c = await gl.tune.randomSearch({ ...opts, seed: 8 });
    expect(c.trials.map((t) => t.params.lr)).to.not.deep.equal(a.trials.map((t) => t.params.lr));
    expect(a.trials[0].history).to.be.instanceOf(gl.History);
    const best = Math.min(...a.trials.map((t) => t.score));
    expect(a.best.score).to.equal(best);
  });

  it("grid search tries every combination, first parameter slowest", async () => {
    const seen: Params[] = [];
    const r = await gl.tune.gridSearch({
      space: { a: [1, 2], b: ["x", "y", "z"] },
      objective: (p) => {
        seen.push(p);
        return seen.length;
      },
      progress: false,
    });
    expect(seen.map((p) => `${p.a}${p.b}`)).to.deep.equal(["1x", "1y", "1z", "2x", "2y", "2z"]);
    expect(r.best.index).to.equal(0);
    expect(r.space.b).to.deep.equal({ kind: "choice", values: ["x", "y", "z"] });
  });

  it("mode max picks the highest score", async () => {
    const r = await gl.tune.gridSearch({
      space: { a: [1, 3, 2] },
      objective: (p) => p.a as number,
      mode: "max",
      progress: false,
    });
    expect(r.best.params.a).to.equal(3);
  });

  it("with one important parameter, a 3×3 grid tries 3 of its values and 9 random trials try 9", async () => {
    const objective = (p: Params): number => (Math.log10(p.lr as number) + 2) ** 2 + 0.01 * (p.dropout as number);
    const grid = await gl.tune.gridSearch({
      space: { lr: [1e-4, 1e-2, 1], dropout: [0, 0.25, 0.5] },
      objective,
      progress: false,
    });
    const random = await gl.tune.randomSearch({
      space: { lr: gl.tune.logUniform(1e-4, 1), dropout: gl.tune.uniform(0, 0.5) },
      trials: 9,
      seed: 0,
      objective,
      progress: false,
    });
    expect(gl.tune.coverage(grid)).to.deep.equal({ lr: 3, dropout: 3 });
    expect(gl.tune.coverage(random)).to.deep.equal({ lr: 9, dropout: 9 });
  });

  it("a diverging trial is aborted once its loss exceeds 3× its first loss; a healthy one runs to the end", async () => {
    gl.seed(0);
    const r = await gl.tune.gridSearch({ space: { lr: [0.05, 3] }, objective: regression, progress: false });
    const [healthy, diverging] = r.trials;
    expect(healthy.aborted).to.equal(false);
    expect(healthy.history!.steps.loss.length).to.equal(5);
    expect(diverging.aborted).to.equal(true);
    expect(diverging.abortReason).to.match(/exceeded 3 × the first loss/);
    const losses = diverging.history!.steps.loss;
    expect(losses.length).to.be.lessThan(5);
    expect(losses[losses.length - 1]).to.be.greaterThan(gl.tune.ABORT_FACTOR * losses[0]);
    expect(losses.slice(0, -1).every((l) => l <= 3 * losses[0])).to.equal(true);
    expect(r.best.index).to.equal(0);
  });

  it("a trial that goes NaN is recorded as aborted and the search goes on", async () => {
    const r = await gl.tune.gridSearch({
      space: { lr: [1e30, 0.05] },
      objective: regression,
      progress: false,
      earlyAbort: false,
    });
    expect(r.trials[0].aborted).to.equal(true);
    expect(r.trials[0].score).to.be.NaN;
    expect(r.trials[0].abortReason).to.match(/non-finite/);
    expect(r.best.index).to.equal(1);
  });

  it("shows a progress bar counting trials (progress: false is silent)", async () => {
    const texts: string[] = [];
    const target: LiveDisplay = { figure: () => {}, html: (_h, t) => texts.push(t ?? ""), text: (t) => texts.push(t) };
    await gl.tune.gridSearch({ space: { a: [1, 2, 3] }, objective: () => 0, progress: target });
    expect(texts[texts.length - 1]).to.match(/^grid search .*3\/3 trials/);
  });
});

describe("tune.refine: coarse to fine", () => {
  it("narrows each range around the best trials, keeping its kind, and each choice to the values they used", async () => {
    const coarse = await gl.tune.randomSearch({
      space: {
        lr: gl.tune.logUniform(1e-5, 1),
        hidden: gl.tune.intUniform(2, 64),
        act: gl.tune.choice(["relu", "tanh", "gelu"]),
      },
      trials: 30,
      seed: 2,
      objective: (p) =>
        Math.abs(Math.log10(p.lr as number) + 2) +
        Math.abs((p.hidden as number) - 20) / 50 +
        (p.act === "relu" ? 0 : 1),
      progress: false,
    });
    const fine = gl.tune.refine(coarse, { top: 3 });
    expect(fine.lr.kind).to.equal("logUniform");
    expect(fine.hidden.kind).to.equal("intUniform");
    const lr = fine.lr as { low: number; high: number };
    const hidden = fine.hidden as { low: number; high: number };
    expect(Math.log10(lr.high / lr.low)).to.be.lessThan(5 / 2);
    expect(hidden.high - hidden.low).to.be.lessThan(62);
    const top = [...coarse.trials].sort((a, b) => a.score - b.score).slice(0, 3);
    for (const t of top) {
      expect(t.params.lr as number).to.be.within(lr.low, lr.high);
      expect(t.params.hidden as number).to.be.within(hidden.low, hidden.high);
    }
    expect(fine.act).to.deep.equal({
      kind: "choice",
      values: [...new Set(top.map((t) => t.params.act))].sort(
        (a, b) => ["relu", "tanh", "gelu"].indexOf(a as string) - ["relu", "tanh", "gelu"].indexOf(b as string),
      ),
    });
    // a second, finer search in the refined space finds a better lr
    const second = await gl.tune.randomSearch({
      space: fine,
      trials: 30,
      seed: 3,
      objective: (p) => Math.abs(Math.log10(p.lr as number) + 2),
      progress: false,
    });
    expect(second.best.score).to.be.at.most(Math.abs(Math.log10(coarse.best.params.lr as number) + 2) + 1e-9);
  });
});

describe("plot: search figures", () => {
  it("score vs parameter uses a log axis where the parameter was sampled log-uniformly", async () => {
    const r = await gl.tune.randomSearch({
      space: { lr: gl.tune.logUniform(1e-4, 1), dropout: gl.tune.uniform(0, 0.5) },
      trials: 5,
      seed: 0,
      objective: (p) => p.dropout as number,
      progress: false,
    });
    const fig = gl.plot.searchScores(r);
    expect((fig.layout!.xaxis as { type?: string }).type).to.equal("log");
    expect((fig.layout!.xaxis2 as { type?: string }).type).to.equal(undefined);
    const trials = fig.data.filter((d) => d.name === "trial");
    expect(trials.map((d) => (d.x as number[]).length)).to.deep.equal([5, 5]);
    const cov = gl.plot.searchCoverage([r]);
    expect(cov.data.map((d) => d.name)).to.deep.equal(["random: 5 distinct", "random: 5 distinct"]);
  });

  it("refuses a misspelled option key and a non-boolean earlyAbort instead of ignoring them", async () => {
    const space = { lr: gl.tune.logUniform(1e-3, 1) };
    const objective = (p: Params) => Number(p.lr);
    let err: unknown = null;
    await gl.tune
      .randomSearch({ space, trial: 2, objective, progress: false } as never)
      .catch((e: unknown) => (err = e));
    expect(err).to.be.instanceOf(gl.ArgumentError);
    expect((err as Error).message).to.match(/'trial'.*Did you mean 'trials'\?/);
    err = null;
    await gl.tune
      .gridSearch({ space: { lr: [0.1] }, objective, earlyAbort: "false", progress: false } as never)
      .catch((e: unknown) => (err = e));
    expect((err as gl.ArgumentError).arg).to.equal("earlyAbort");
  });
});
