/**
 * The training loop. For each epoch, for each batch:
 *   yHat = model(X);  loss = lossFn(yHat, y);  zero grads;  loss.backward();  optimizer.step()
 * recording loss, learning rate and gradient norm per step and the epoch's mean loss and metrics
 * (and validation ones) per epoch in a History. It stops with a NonFiniteError naming the step
 * and the layer or parameter when NaN/Inf appears (the error carries the History so far), shows a progress bar, can redraw a live figure,
 * drives a probe, and awaits the event loop between steps so notebook output flushes.
 */
import { int, moduleArg, num, oneOf, options } from "../args";
import { ArgumentError, NonFiniteError, check, show } from "../errors";
import { clipGradNorm, gradNorm as totalGradNorm } from "../optim/clip";
import type { Module } from "../nn/module";
import { Generator, rng } from "../random";
import { batchesPerEpoch, Data, epochBatches } from "./batches";
import { EarlyStopping, EarlyStoppingOptions } from "./earlyStopping";
import { evaluate, LossFn } from "./evaluate";
import { History } from "./history";
import { LiveFigure, LiveOptions } from "./liveFigure";
import { Metrics, resolveMetrics } from "./metrics";
import { NonFiniteGuard } from "./numericGuard";
import { Progress, ProgressMode } from "./progress";

/** What fit needs from an optimizer (gl.optim.SGD, Adam, ... fit it). */
export interface OptimizerLike {
  zeroGrad(): void;
  step(): void;
  /** Current learning rate, read for the History (or from paramGroups[0].lr). */
  lr?: number;
  paramGroups?: { lr?: number }[];
}

/** What fit needs from a probe (gl.probe.attach(...) fits it). */
export interface ProbeLike {
  beforeStep?(): void;
  afterStep?(): void;
  pause?(): void;
  resume?(): void;
}

/** Passed to callbacks: the run's objects and a way to stop it. */
export interface FitContext {
  model: Module;
  optimizer: OptimizerLike;
  history: History;
  /** Current epoch and step (0-based). */
  epoch: number;
  step: number;
  /** Stops training after the current step. */
  stop(): void;
}

/** Values of one step, given to onStepEnd. */
export interface StepLogs {
  step: number;
  epoch: number;
  batch: number;
  loss: number;
  lr: number;
  gradNorm: number;
}

/** Hooks into the loop; each may be async. */
export interface Callbacks {
  onTrainBegin?(ctx: FitContext): void | Promise<void>;
  /** Runs after the model is switched to train mode: it may switch some layers back (e.g. frozen ones to eval). */
  onEpochBegin?(epoch: number, ctx: FitContext): void | Promise<void>;
  onStepEnd?(logs: StepLogs, ctx: FitContext): void | Promise<void>;
  /** logs: { loss, valLoss, accuracy, valAccuracy, ... } of the epoch. */
  onEpochEnd?(epoch: number, logs: Record<string, number | null>, ctx: FitContext): void | Promise<void>;
  onTrainEnd?(history: History, ctx: FitContext): void | Promise<void>;
}

export interface FitOptions {
  /** Passes over the data (default 1). */
  epochs?: number;
  /** Examples per step for tensor data (default 32). */
  batchSize?: number;
  optimizer: OptimizerLike;
  /** (yHat, y) → scalar loss, e.g. gl.loss.crossEntropy. */
  loss: LossFn;
  /** e.g. ["accuracy"]. */
  metrics?: Metrics;
  /** Validation data, evaluated after each epoch in eval mode. */
  validation?: Data;
  /** A probe to drive: its beforeStep/afterStep run around each optimizer step; it is paused during validation. */
  probe?: ProbeLike;
  callbacks?: Callbacks | Callbacks[];
  /** Redraw a loss/metric figure in place while training (notebooks). */
  live?: boolean | LiveOptions;
  /** Progress bar: "auto" (default), "html", "text", or false for silence. */
  progress?: ProgressMode;
  /** Shuffle tensor data each epoch (default true). */
  shuffle?: boolean;
  /** Seed for the shuffling (default: draw from gradlab's global generator, set by gl.seed). */
  seed?: number;
  /** Stop when the monitored value stops improving (true: defaults; see EarlyStoppingOptions). */
  earlyStopping?: boolean | EarlyStoppingOptions;
  /** Stop with a NonFiniteError on NaN/Inf in the loss, a gradient or a parameter (default true). */
  checkFinite?: boolean;
  /** Rescale gradients with gl.optim.clipGradNorm so their global L2 norm is at most this (the History keeps the norm before clipping). */
  clipGradNorm?: number;
  /** Learning-rate schedule stepped once per epoch (anything with step()). */
  scheduler?: { step(): void };
  /**
   * Print gl.diagnose's reading of the run at the end (true, or options such as { numClasses }):
   * an HTML list in a notebook, text elsewhere. The probe given to fit is read too.
   */
  diagnose?: boolean | { numClasses?: number };
}

/** What fit hands to the diagnosis at the end of a run. */
export type FitDiagnosis = (history: History, opts: { probe?: ProbeLike; numClasses?: number }) => void;

let fitDiagnosis: FitDiagnosis | null = null;

/**
 * Installs the function `fit(..., { diagnose: true })` calls at the end. gl.diagnose sits above
 * train (train → probe → diagnose), so fit cannot import it: src/diagnose registers itself here.
 */
export function setFitDiagnosis(f: FitDiagnosis): void {
  fitDiagnosis = f;
}

/** The optimizer's current learning rate (NaN if it does not say). */
function currentLr(opt: OptimizerLike): number {
  if (typeof opt.lr === "number") return opt.lr;
  const g = opt.paramGroups?.[0]?.lr;
  return typeof g === "number" ? g : NaN;
}

/** Lets the event loop run (notebook output flushes, timers fire). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Trains the model and returns its History.
 * @example
 * gl.seed(0);
 * const X = gl.randn([64, 2]); // class 1 where x1 + x2 > 0
 * const y = gl.tensor(Array.from({ length: 64 }, (_, i) => (X.data[2 * i] + X.data[2 * i + 1] > 0 ? 1 : 0)));
 * const model = new gl.nn.Sequential([new gl.nn.Linear(2, 8), new gl.nn.Tanh(), new gl.nn.Linear(8, 2)]);
 * const history = await gl.fit(model, { X: X, y: y }, {
 *   epochs: 5, batchSize: 16, optimizer: new gl.optim.SGD(model.parameters(), { lr: 0.5 }),
 *   loss: gl.loss.crossEntropy, metrics: ["accuracy"], validation: { X: X, y: y }, progress: false,
 * });
 * history.steps.loss.length // 20
 * history.epochs.valMetrics.accuracy.length // 5
 * const fig = gl.plot.history(history); // gl.plot.show(fig) draws it in a notebook
 */
export async function fit(model: Module, data: Data, opts: FitOptions): Promise<History> {
  moduleArg("fit", "model", model);
  check(
    opts !== undefined && opts !== null,
    () =>
      new ArgumentError({
        fn: "fit",
        arg: "opts",
        expected: "options with at least a loss and an optimizer",
        received: show(opts),
        fix: "For example gl.fit(model, data, { loss: gl.loss.crossEntropy, optimizer: new gl.optim.SGD(model.parameters(), { lr: 0.1 }), epochs: 5 }).",
      }),
  );
  opts = options<typeof opts>("fit", "opts", opts, [
    "epochs",
    "batchSize",
    "optimizer",
    "loss",
    "metrics",
    "validation",
    "probe",
    "callbacks",
    "live",
    "progress",
    "shuffle",
    "seed",
    "earlyStopping",
    "checkFinite",
    "clipGradNorm",
    "scheduler",
    "diagnose",
  ]) as typeof opts;
  if (opts.clipGradNorm !== undefined && opts.clipGradNorm !== null)
    num("fit", "clipGradNorm", opts.clipGradNorm, {
      min: 0,
      minExclusive: true,
      allowInfinity: true,
      fix: "clipGradNorm is the largest global gradient norm allowed, e.g. 1 or 5 (leave it out for no clipping).",
    });
  if (typeof opts.progress === "string") oneOf("fit", "progress", opts.progress, ["auto", "html", "text"]);
  else if (
    opts.progress !== undefined &&
    opts.progress !== false &&
    (typeof opts.progress !== "object" || opts.progress === null)
  )
    check(
      false,
      () =>
        new ArgumentError({
          fn: "fit",
          arg: "progress",
          expected: '"auto", "html", "text" or false',
          received: show(opts.progress),
          fix: "Write progress: false to silence the bar.",
        }),
    );
  const run = { history: new History(), guard: new NonFiniteGuard(), progress: new Progress(opts?.progress ?? "auto") };
  try {
    return await trainLoop(model, data, opts, run);
  } catch (e) {
    if (e instanceof NonFiniteError) {
      run.history.stopped = { reason: "nonFinite", epoch: e.epoch ?? -1, step: e.step ?? -1 };
      e.history = run.history;
      run.progress.finish();
      // the run that went NaN is the one most in need of a diagnosis: print it before the error
      if (opts.diagnose && fitDiagnosis)
        fitDiagnosis(run.history, { probe: opts.probe, ...(typeof opts.diagnose === "object" ? opts.diagnose : {}) });
    }
    throw e;
  } finally {
    run.guard.close();
  }
}

/** fit's loop; `run` holds what fit needs when it stops on NaN/Inf. */
async function trainLoop(
  model: Module,
  data: Data,
  opts: FitOptions,
  run: { history: History; guard: NonFiniteGuard; progress: Progress },
): Promise<History> {
  const epochs = opts.epochs ?? 1;
  const batchSize = opts.batchSize ?? 32;
  check(
    typeof opts?.loss === "function",
    () =>
      new ArgumentError({
        fn: "fit",
        arg: "loss",
        expected: "a function (yHat, y) => scalar tensor",
        received: show(opts?.loss),
        fix: "Pass loss: gl.loss.crossEntropy (classification) or gl.loss.mse (regression).",
      }),
  );
  check(
    opts.optimizer && typeof opts.optimizer.step === "function" && typeof opts.optimizer.zeroGrad === "function",
    () =>
      new ArgumentError({
        fn: "fit",
        arg: "optimizer",
        expected: "an optimizer with zeroGrad() and step()",
        received: show(opts.optimizer),
        fix: "Pass optimizer: new gl.optim.SGD(model.parameters(), { lr: 0.1 }).",
      }),
  );
  int("fit", "epochs", epochs, { min: 1, fix: "epochs counts passes over the training data, e.g. epochs: 5." });
  int("fit", "batchSize", batchSize, { min: 1, fix: "batchSize counts examples per step, e.g. batchSize: 32." });
  const { optimizer, probe } = opts;
  const metrics = resolveMetrics(opts.metrics, "fit");
  const guard = (opts.checkFinite ?? true) ? run.guard.watch(model) : null;
  const generator = opts.seed !== undefined ? new Generator(opts.seed) : (rng as Generator);
  const callbacks = opts.callbacks ? (Array.isArray(opts.callbacks) ? opts.callbacks : [opts.callbacks]) : [];
  const { history, progress } = run;
  const early = opts.earlyStopping
    ? new EarlyStopping(opts.earlyStopping === true ? {} : opts.earlyStopping, opts.validation !== undefined)
    : null;
  const live = opts.live ? new LiveFigure(opts.live === true ? {} : opts.live) : null;
  const perEpoch = batchesPerEpoch(data, batchSize);
  let stopRequested = false;
  const ctx: FitContext = { model, optimizer, history, epoch: 0, step: 0, stop: () => (stopRequested = true) };
  let step = 0;
  let stopReason: "completed" | "earlyStopping" | "callback" = "completed";
  let lastLoss: number | null = null;
  let lastVal: number | null = null;

  for (const cb of callbacks) await cb.onTrainBegin?.(ctx);
  let epoch = 0;
  for (; epoch < epochs && !stopRequested; epoch++) {
    ctx.epoch = epoch;
    model.train(); // before onEpochBegin, so a callback may put some layers back in eval mode (a frozen BatchNorm)
    for (const cb of callbacks) await cb.onEpochBegin?.(epoch, ctx);
    const started = Date.now();
    let lossSum = 0;
    let count = 0;
    const metricSums: Record<string, number> = Object.fromEntries(metrics.map(([n]) => [n, 0]));
    let batch = 0;
    for (const { X, y } of epochBatches(data, { batchSize, shuffle: opts.shuffle ?? true, generator })) {
      const at = { step, epoch, batch };
      ctx.step = step;
      optimizer.zeroGrad();
      for (const p of model.parameters()) p.grad = null; // also parameters the optimizer does not hold
      guard?.startStep();
      const yHat = model.forward(X);
      history.batchShapes ??= { yHat: [...yHat.shape], y: [...y.shape] };
      const lossT = opts.loss(yHat, y);
      check(
        lossT.size === 1,
        () =>
          new ArgumentError({
            fn: "fit",
            arg: "loss",
            expected: "a scalar loss (one number per batch)",
            received: `a tensor of shape ${show(lossT.shape)}`,
            fix: "Reduce the loss with a mean over the batch.",
          }),
      );
      const lossValue = lossT.item();
      guard?.checkLoss(lossValue, X, at);
      lossT.backward();
      guard?.checkGradients(at);
      probe?.beforeStep?.();
      const params = model.parameters();
      const gradNorm = // before clipping, for the History
        opts.clipGradNorm !== undefined && opts.clipGradNorm !== null
          ? clipGradNorm(params, opts.clipGradNorm)
          : totalGradNorm(params);
      optimizer.step();
      probe?.afterStep?.();
      guard?.checkParameters(at);

      const n = X.shape[0];
      lossSum += lossValue * n;
      count += n;
      for (const [name, f] of metrics) metricSums[name] += f(yHat, y) * n;
      const lr = currentLr(optimizer);
      history.steps.step.push(step);
      history.steps.epoch.push(epoch);
      history.steps.loss.push(lossValue);
      history.steps.lr.push(lr);
      history.steps.gradNorm.push(gradNorm);
      lastLoss = lossValue;
      for (const cb of callbacks) await cb.onStepEnd?.({ step, epoch, batch, loss: lossValue, lr, gradNorm }, ctx);
      progress.update({
        epoch,
        epochs,
        done: step + 1,
        total: perEpoch !== null ? perEpoch * epochs : null,
        values: { loss: lastLoss, valLoss: lastVal },
      });
      live?.update(history);
      step++;
      batch++;
      await yieldToEventLoop();
      if (stopRequested) {
        stopReason = "callback";
        break;
      }
    }
    check(
      count > 0,
      () =>
        new ArgumentError({
          fn: "fit",
          arg: "data",
          expected: `batches in every epoch (epoch ${epoch} had none)`,
          received: "an empty or exhausted iterable",
          fix: "A generator can be iterated once only: pass a DataLoader, { X, y } tensors, or a function that returns a fresh iterable.",
        }),
    );

    // epoch summary
    history.epochs.epoch.push(epoch);
    history.epochs.step.push(step - 1);
    history.epochs.loss.push(lossSum / count);
    for (const [name] of metrics) (history.epochs.metrics[name] ??= []).push(metricSums[name] / count);
    if (opts.validation !== undefined) {
      probe?.pause?.();
      try {
        const v = evaluate(model, opts.validation, {
          loss: opts.loss,
          metrics: opts.metrics,
          batchSize: Math.max(batchSize, 256),
        });
        lastVal = v.loss;
        history.epochs.valLoss.push(v.loss);
        for (const [name] of metrics) (history.epochs.valMetrics[name] ??= []).push(v.metrics[name]);
      } finally {
        probe?.resume?.();
      }
    } else {
      history.epochs.valLoss.push(null);
      for (const [name] of metrics) (history.epochs.valMetrics[name] ??= []).push(null);
    }
    history.epochs.seconds.push((Date.now() - started) / 1000);
    opts.scheduler?.step();
    const logs = history.last();
    for (const cb of callbacks) await cb.onEpochEnd?.(epoch, logs, ctx);
    progress.update(
      {
        epoch,
        epochs,
        done: step,
        total: perEpoch !== null ? perEpoch * epochs : null,
        values: { loss: logs.loss, valLoss: logs.valLoss },
      },
      { force: true, epochEnd: true },
    );
    live?.update(history, true);
    if (early && early.update(epoch, logs, model)) {
      stopReason = "earlyStopping";
      epoch++;
      break;
    }
    if (stopRequested && stopReason === "completed") stopReason = "callback";
  }
  if (early) {
    early.restore(model);
    history.bestEpoch = early.bestEpoch;
  }
  history.stopped = { reason: stopReason, epoch: epoch - 1, step: step - 1 };
  progress.finish();
  live?.update(history, true);
  for (const cb of callbacks) await cb.onTrainEnd?.(history, ctx);
  if (opts.diagnose && fitDiagnosis)
    fitDiagnosis(history, { probe, ...(typeof opts.diagnose === "object" ? opts.diagnose : {}) });
  return history;
}
