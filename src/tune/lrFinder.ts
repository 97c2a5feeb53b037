/**
 * The learning-rate range test (Smith, 2017, "Cyclical Learning Rates"; run as fastai's `lr_find`):
 * train for `steps` mini-batches while the learning rate grows geometrically from `startLr` to
 * `endLr`, record the loss at each, smooth it (exponential moving average, bias-corrected), stop
 * once the smoothed loss exceeds DIVERGE_FACTOR × its minimum, and suggest the learning rate where
 * the smoothed loss falls fastest per decade. Afterwards the model's weights and buffers and the
 * optimizer's state are put back as they were: the test only looks.
 */
import { moduleArg, num, optionalInt, options, seedArg } from "../args";
import { ArgumentError, check, show } from "../errors";
import type { Module } from "../nn/module";
import { Optimizer } from "../optim/optimizer";
import { SGD } from "../optim/sgd";
import { lrFinderFigure } from "../plot/lrFinder";
import type { Figure } from "../display/notebook";
import { Generator } from "../random";
import { DataArray, Tensor } from "../tensor/tensor";
import { Data, epochBatches } from "../train/batches";
import type { LossFn } from "../train/evaluate";
import { Progress, ProgressMode } from "../train/progress";

/**
 * The test stops when the smoothed loss exceeds this multiple of its minimum (fastai's rule):
 * by then the learning rate is past where training is stable, and later points only show the
 * blow-up.
 */
export const DIVERGE_FACTOR = 4;

/** Weight of the previous average in the smoothed loss (fastai's 0.98: about 50 steps of memory). */
export const SMOOTHING = 0.98;

/**
 * Leading points left out of the steepest-slope search, at most this many (fastai's plot skips
 * 10): the first smoothed values rest on a handful of losses and their slopes are noise.
 */
export const SKIP_START = 10;

/**
 * The slope of the smoothed loss is measured across this many decades of learning rate (centred
 * on each point), not between neighbours: neighbouring points are a few hundredths of a decade
 * apart, and there the noise left in the smoothed loss (±0.01) outweighs the descent itself.
 */
export const SLOPE_WINDOW = 0.5;

export interface LrFinderOptions {
  /** (yHat, y) → scalar loss, e.g. gl.loss.crossEntropy. */
  loss: LossFn;
  /**
   * (params, lr) → optimizer (default: plain SGD), or an optimizer you already have (its state and
   * learning rates are restored afterwards).
   */
  optimizer?: ((params: Tensor[], lr: number) => Optimizer) | Optimizer;
  /** First learning rate (default 1e-7). */
  startLr?: number;
  /** Last learning rate (default 10). */
  endLr?: number;
  /** Mini-batches (= learning rates tried; default 100). */
  steps?: number;
  /** Examples per mini-batch for tensor data (default 32). */
  batchSize?: number;
  /** Progress bar: "auto" (default), "html", "text", or false. */
  progress?: ProgressMode;
  /** Seed of the batch shuffling (default 0). */
  seed?: number;
}

export interface LrFinderResult {
  /** The learning rate of each step run. */
  lrs: number[];
  /** The mini-batch loss at each step. */
  losses: number[];
  /** The bias-corrected exponential moving average of the losses. */
  smoothed: number[];
  /** The suggested learning rate: the steepest descent of the smoothed loss. */
  suggestion: number;
  /** Where the smoothed loss falls fastest: its learning rate, index and slope (change of the loss per decade of lr, measured across SLOPE_WINDOW decades). */
  steepest: { lr: number; index: number; slope: number };
  /** The learning rate of the smoothed loss's minimum, and the loss there. */
  minimum: { lr: number; loss: number };
  /** fastai's other rule: the minimum's learning rate divided by 10. */
  minimumOver10: number;
  /** Why the test ended: it ran every step, the smoothed loss passed DIVERGE_FACTOR × its minimum, or a loss was NaN/Inf. */
  stopped: "completed" | "diverged" | "nonFinite";
  /** The loss vs learning rate figure (log x axis), suggestion marked. */
  figure(): Figure;
}

interface OptimizerSnapshot {
  lrs: number[];
  stepCount: number;
  state: [Tensor, Record<string, DataArray | number>][];
}

function snapshot(opt: Optimizer): OptimizerSnapshot {
  return {
    lrs: opt.paramGroups.map((g) => g.lr),
    stepCount: opt.stepCount,
    state: [...opt.state].map(([p, s]) => [
      p,
      Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === "number" ? v : v.slice()])),
    ]),
  };
}

function restore(opt: Optimizer, s: OptimizerSnapshot): void {
  opt.paramGroups.forEach((g, i) => (g.lr = s.lrs[i]));
  opt.stepCount = s.stepCount;
  opt.state.clear();
  for (const [p, st] of s.state) opt.state.set(p, st);
}

function checkPositive(arg: string, v: unknown): number {
  return num("lrFinder", arg, v, {
    min: 0,
    minExclusive: true,
    expected: "a finite learning rate > 0",
    fix: `Learning rates are small positive numbers: ${arg}: ${arg === "startLr" ? "1e-7" : "10"} spans the usual range.`,
  });
}

function* endless(data: Data, batchSize: number, generator: Generator): IterableIterator<{ X: Tensor; y: Tensor }> {
  for (;;) {
    let any = false;
    for (const b of epochBatches(data, { batchSize, shuffle: true, generator }, "lrFinder")) {
      any = true;
      yield b;
    }
    check(
      any,
      () =>
        new ArgumentError({
          fn: "lrFinder",
          arg: "data",
          expected: "batches (the data gave none)",
          received: "an empty or exhausted iterable",
          fix: "Pass { X, y } tensors, a DataLoader, or a function that returns a fresh iterable.",
        }),
    );
  }
}

/**
 * Runs the learning-rate range test on a model and data; restores the weights afterwards.
 * @example
 * gl.seed(0);
 * const X = gl.randn([256, 2]);
 * const y = gl.tensor(Array.from({ length: 256 }, (_, i) => (X.data[2 * i] > X.data[2 * i + 1] ? 1 : 0)));
 * const model = new gl.nn.Sequential([new gl.nn.Linear(2, 16), new gl.nn.ReLU(), new gl.nn.Linear(16, 2)]);
 * const before = model.stateDict()["0.weight"].toArray();
 * const r = await gl.lrFinder(model, { X: X, y: y }, { loss: gl.loss.crossEntropy, steps: 60, progress: false });
 * r.suggestion > 1e-4 && r.suggestion < 10 // true
 * JSON.stringify(model.stateDict()["0.weight"].toArray()) === JSON.stringify(before) // true
 * const fig = r.figure(); // gl.plot.show(fig) draws it
 */
export async function lrFinder(model: Module, data: Data, opts: LrFinderOptions): Promise<LrFinderResult> {
  moduleArg("lrFinder", "model", model);
  opts = options<LrFinderOptions>("lrFinder", "opts", opts, [
    "loss",
    "optimizer",
    "startLr",
    "endLr",
    "steps",
    "batchSize",
    "progress",
    "seed",
  ]) as LrFinderOptions;
  check(
    typeof opts.loss === "function",
    () =>
      new ArgumentError({
        fn: "lrFinder",
        arg: "loss",
        expected: "a function (yHat, y) => scalar tensor",
        received: show(opts.loss),
        fix: "Pass loss: gl.loss.crossEntropy (classification) or gl.loss.mse (regression).",
      }),
  );
  const startLr = opts.startLr ?? 1e-7;
  const endLr = opts.endLr ?? 10;
  checkPositive("startLr", startLr);
  checkPositive("endLr", endLr);
  check(
    endLr > startLr,
    () =>
      new ArgumentError({
        fn: "lrFinder",
        arg: "endLr",
        expected: `a learning rate above startLr (${startLr})`,
        received: show(endLr),
        fix: "The test sweeps the learning rate up from startLr to endLr: make endLr the larger one.",
      }),
  );
  const steps = optionalInt("lrFinder", "steps", opts.steps, 100, {
    min: 2,
    fix: "steps is how many mini-batches (learning rates) the test tries: 100 is usual.",
  });
  const batchSize = optionalInt("lrFinder", "batchSize", opts.batchSize, 32, { min: 1 });
  const seed = seedArg("lrFinder", "seed", opts.seed, 0);
  const given = opts.optimizer instanceof Optimizer ? opts.optimizer : null;
  const factory = typeof opts.optimizer === "function" ? opts.optimizer : null;
  check(
    opts.optimizer === undefined || opts.optimizer === null || given || factory,
    () =>
      new ArgumentError({
        fn: "lrFinder",
        arg: "optimizer",
        expected: "a function (params, lr) => optimizer, or a gl.optim optimizer",
        received: show(opts.optimizer),
        fix: "e.g. optimizer: (params, lr) => new gl.optim.SGD(params, { lr, momentum: 0.9 }).",
      }),
  );
  const optimizer: Optimizer =
    given ?? (factory ? factory(model.parameters(), startLr) : new SGD(model.parameters(), { lr: startLr }));
  const saved = model.stateDict();
  const savedOptimizer = given ? snapshot(given) : null;
  const wasTraining = model.training;

  const lrs: number[] = [];
  const losses: number[] = [];
  const smoothed: number[] = [];
  let stopped: LrFinderResult["stopped"] = "completed";
  const progress = new Progress(opts.progress ?? "auto");
  try {
    model.train();
    const batches = endless(data, batchSize, new Generator(seed));
    let average = 0;
    let best = Infinity;
    for (let i = 0; i < steps; i++) {
      const lr = startLr * Math.pow(endLr / startLr, i / (steps - 1));
      for (const g of optimizer.paramGroups) g.lr = lr;
      const { X, y } = batches.next().value as { X: Tensor; y: Tensor };
      optimizer.zeroGrad();
      const lossT = opts.loss(model.forward(X), y);
      const loss = lossT.item();
      if (!Number.isFinite(loss)) {
        stopped = "nonFinite";
        break;
      }
      lossT.backward();
      optimizer.step();
      average = SMOOTHING * average + (1 - SMOOTHING) * loss;
      const s = average / (1 - Math.pow(SMOOTHING, i + 1));
      lrs.push(lr);
      losses.push(loss);
      smoothed.push(s);
      best = Math.min(best, s);
      progress.update({ label: "lr finder", epoch: 0, epochs: 1, done: i + 1, total: steps, values: { lr, loss: s } });
      await new Promise((resolve) => setImmediate(resolve));
      if (i > 0 && s > DIVERGE_FACTOR * best) {
        stopped = "diverged";
        break;
      }
    }
    progress.update(
      { label: "lr finder", epoch: 0, epochs: 1, done: lrs.length, total: steps, values: {} },
      { force: true, epochEnd: true },
    );
    progress.finish();
  } finally {
    model.loadStateDict(saved);
    if (given && savedOptimizer) restore(given, savedOptimizer);
    model.train(wasTraining);
  }
  check(
    lrs.length >= 3,
    () =>
      new ArgumentError({
        fn: "lrFinder",
        arg: "startLr",
        expected: "a range whose first learning rates train (at least 3 finite losses)",
        received: `${lrs.length} finite loss(es) before the loss was NaN/Inf`,
        fix: "Lower startLr, or check the model and data (a NaN already at the smallest learning rate is not the learning rate's fault).",
      }),
  );
  // steepest descent of the smoothed loss per decade of learning rate, after the first few points
  const perDecade = (lrs.length > 1 ? 1 / Math.log10(lrs[1] / lrs[0]) : 1) * SLOPE_WINDOW;
  const h = Math.max(1, Math.round(perDecade / 2));
  const from = Math.min(SKIP_START, Math.floor(lrs.length / 10));
  let index = from;
  let slope = Infinity;
  for (let i = from; i < lrs.length; i++) {
    const a = Math.max(0, i - h);
    const b = Math.min(lrs.length - 1, i + h);
    if (b === a) continue;
    const d = (smoothed[b] - smoothed[a]) / (Math.log10(lrs[b]) - Math.log10(lrs[a]));
    if (d < slope) {
      slope = d;
      index = i;
    }
  }
  let m = 0;
  for (let i = 1; i < smoothed.length; i++) if (smoothed[i] < smoothed[m]) m = i;
  const result: LrFinderResult = {
    lrs,
    losses,
    smoothed,
    suggestion: lrs[index],
    steepest: { lr: lrs[index], index, slope },
    minimum: { lr: lrs[m], loss: smoothed[m] },
    minimumOver10: lrs[m] / 10,
    stopped,
    figure: () => lrFinderFigure(result),
  };
  return result;
}
