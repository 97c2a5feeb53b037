/**
 * One forward and backward pass on a batch, returning every layer's activation and gradient
 * statistics at once: what lessons on initialization and vanishing gradients plot against depth.
 */
import { tensorArg } from "../tensor/check";
import { fnArg, moduleArg, options, seedArg } from "../args";
import type { Module } from "../nn/module";
import { mul } from "../ops/arithmetic";
import { sum } from "../ops/reduce";
import { Generator } from "../random";
import { Tensor } from "../tensor/tensor";
import { Probe, ProbeOptions } from "./probe";
import type { StepRecord } from "./records";

export interface ForwardStatsOptions extends Pick<ProbeOptions, "histogramBins" | "layers" | "kinds"> {
  /**
   * The loss to backpropagate, from the model's output. Default: Σ yHat·r with r ~ N(0, 1)
   * (seeded), i.e. a random upstream gradient of unit std, so gradient scales show the network
   * alone, not a particular loss.
   */
  loss?: (yHat: Tensor) => Tensor;
  /** Seed of the random upstream gradient (default 0). */
  seed?: number;
}

/**
 * Runs `model.forward(X)` and a backward pass with a probe attached; returns the record (layers
 * with activation and gradient stats; parameters with values, grads and grad:data ratios). The
 * model's parameter gradients are left as they were.
 * @example
 * const layers = [];
 * for (let k = 0; k < 4; k++) layers.push(new gl.nn.Linear(50, 50), new gl.nn.Tanh());
 * const model = new gl.nn.Sequential(layers);
 * const rec = gl.probe.forwardStats(model, gl.randn([128, 50]));
 * rec.layers.length // 8
 * const stds = rec.layers.map((l) => l.activation.std); // one std per layer, input side first
 * const gradStds = rec.layers.map((l) => l.gradient.std); // ∂loss/∂output per layer
 */
export function forwardStats(model: Module, X: Tensor, opts: ForwardStatsOptions = {}): StepRecord {
  return forwardStatsAs("probe.forwardStats", model, X, opts);
}

/** forwardStats, with the public name the learner called (`depthProfile` runs it too). */
export function forwardStatsAs(fn: string, model: Module, X: Tensor, opts: ForwardStatsOptions = {}): StepRecord {
  moduleArg(fn, "model", model);
  tensorArg(fn, "X", X);
  opts = options<ForwardStatsOptions>(fn, "opts", opts, ["histogramBins", "layers", "kinds", "loss", "seed"]);
  const lossFn =
    opts.loss === undefined || opts.loss === null
      ? null
      : fnArg<(yHat: Tensor) => Tensor>(fn, "loss", opts.loss, "loss: (yHat) => gl.loss.mse(yHat, y)");
  const seed = seedArg(fn, "seed", opts.seed, 0);
  const params = model.parameters();
  const saved = params.map((p) => p.grad);
  for (const p of params) p.grad = null;
  const probe = new Probe(model, { histogramBins: opts.histogramBins, layers: opts.layers, kinds: opts.kinds }, fn);
  try {
    const yHat = model.forward(X);
    let loss: Tensor;
    if (lossFn) loss = lossFn(yHat);
    else {
      const g = new Generator(seed);
      const r = new Tensor(
        Float64Array.from({ length: yHat.size }, () => g.normal()),
        yHat.shape,
      );
      loss = sum(mul(yHat, r));
    }
    if (loss.requiresGrad) loss.backward();
    probe.beforeStep();
    return probe.records[probe.records.length - 1] ?? { step: 0, layers: [], parameters: [] };
  } finally {
    probe.detach();
    params.forEach((p, i) => (p.grad = saved[i]));
  }
}
