/**
 * How signals and gradients change with depth in one forward/backward pass: per hidden layer,
 * the statistics of its activation output and the norm of the gradient of its Linear weight.
 *   ‖∂L/∂W‖ = √(n·(std² + mean²)) of the gradient's n entries (from the probe's statistics)
 * Built on `forwardStats`; the x axis of lessons 02 and 04's "vs depth" figures.
 */
import type { Module } from "../nn/module";
import type { Tensor } from "../tensor/tensor";
import { forwardStatsAs, ForwardStatsOptions } from "./forwardStats";
import type { Histogram } from "./histogram";
import type { Stats } from "./records";
import { activationModules } from "../nn/activation";

export interface DepthProfile {
  /** 1, 2, …: the index of each hidden layer (Linear weight) from the input. */
  layer: number[];
  /** Dotted names of the Linear weights, e.g. "0.weight". */
  weightNames: string[];
  /** ‖∂L/∂W‖ (Frobenius norm) of each Linear weight, first to last (the output layer included last). */
  weightGradNorm: number[];
  /** std of ∂L/∂W per Linear weight. */
  weightGradStd: number[];
  /** Names of the activation layers (modules whose class is an activation), first to last. */
  activationNames: string[];
  activationMean: number[];
  activationStd: number[];
  /** Saturated fraction (tanh/sigmoid layers) per activation layer, else null. */
  saturated: (number | null)[];
  /** Dead-unit fraction (ReLU family) per activation layer, else null. */
  dead: (number | null)[];
  /** std of ∂L/∂(activation output) per activation layer. */
  activationGradStd: number[];
  /** Histogram of each activation layer's outputs and of its gradient. */
  activationHistograms: { name: string; histogram: Histogram }[];
  gradientHistograms: { name: string; histogram: Histogram }[];
}

const normOf = (s: Stats): number => Math.sqrt(s.count * (s.std * s.std + s.mean * s.mean));

/** An activation layer: one of nn's activation modules, or Identity (a linear network's "activation"). */
const isActivation = (type: string): boolean => type in activationModules || type === "Identity";

/**
 * @example
 * const model = gl.nn.deepMLP({ inFeatures: 16, width: 16, depth: 10, outFeatures: 1, activation: () => new gl.nn.Tanh() });
 * gl.probe.depthProfile(model, gl.randn([64, 16])).weightGradNorm // 11 norms, input side first
 */
export function depthProfile(model: Module, X: Tensor, opts: ForwardStatsOptions = {}): DepthProfile {
  const rec = forwardStatsAs("probe.depthProfile", model, X, opts);
  const weights = rec.parameters.filter((p) => p.shape.length === 2 && p.name.endsWith("weight"));
  const acts = rec.layers.filter((l) => isActivation(l.type));
  return {
    layer: weights.map((_, i) => i + 1),
    weightNames: weights.map((p) => p.name),
    weightGradNorm: weights.map((p) => (p.grad ? normOf(p.grad) : 0)),
    weightGradStd: weights.map((p) => p.grad?.std ?? 0),
    activationNames: acts.map((l) => l.layer),
    activationMean: acts.map((l) => l.activation.mean),
    activationStd: acts.map((l) => l.activation.std),
    saturated: acts.map((l) => l.activation.saturated ?? null),
    dead: acts.map((l) => l.activation.dead ?? null),
    activationGradStd: acts.map((l) => l.gradient?.std ?? 0),
    activationHistograms: acts.map((l) => ({ name: l.layer, histogram: l.activation.histogram })),
    gradientHistograms: acts.map((l) => ({
      name: l.layer,
      histogram: l.gradient?.histogram ?? { edges: [0, 1], counts: [0], nonFinite: 0 },
    })),
  };
}
