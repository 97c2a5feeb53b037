/**
 * What a probe records, as plain data (numbers and arrays, JSON-safe): one StepRecord per
 * recorded training step, holding a LayerRecord per probed layer and a ParameterRecord per parameter.
 * Standard deviations are population ones (divide by n), so a one-element tensor has std 0.
 */
import type { Histogram } from "./histogram";

/** Summary of the values of one tensor. */
export interface Stats {
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Number of values summarized. */
  count: number;
  /** Counts of every value, or of a fixed-seed sample for large tensors (then `histogram.sampled` says how many). */
  histogram: Histogram;
}

/** Activation statistics of one layer's output, with the health fractions where they apply. */
export interface ActivationStats extends Stats {
  /**
   * Fraction of output values in the flat tails: tanh-like layers |y| > 0.97; sigmoid-like layers
   * y < 0.03 or y > 0.97. Absent for other layers.
   */
  saturated?: number;
  /**
   * ReLU-family layers: fraction of units that are ≤ 0 (for ReLU: exactly 0) for every example of
   * the batch. A unit is one feature of an [N, F] output, and one (channel, position) of an
   * [N, C, H, W] output: a neuron with its own receptive field.
   */
  dead?: number;
  /** ReLU-family conv outputs: fraction of channels that are ≤ 0 at every position for every example (a dead filter). */
  deadChannels?: number;
}

/**
 * A normalization layer's statistics at one step, as the probe records them (per channel = per
 * index of axis 1 of the input). Not to be confused with the layer's own `lastStats`
 * (gl.nn.NormStats), which this record copies into `layer`.
 */
export interface NormRecord {
  /** Mean of the layer's input per channel, over the batch and spatial axes (what BatchNorm normalizes with in training). */
  batchMean: number[];
  /** Biased variance of the input per channel, over the batch and spatial axes. */
  batchVariance: number[];
  /** The layer's running mean (buffer), if it has one. */
  runningMean?: number[];
  /** The layer's running variance (buffer), if it has one. */
  runningVar?: number[];
  /**
   * What the layer itself reports about its last forward (its `lastStats`, when it has them): the
   * mean and biased variance of each group it normalized — per channel (BatchNorm), per sample
   * (LayerNorm), per sample and channel (InstanceNorm), per sample and group (GroupNorm).
   */
  layerStats?: { mean: number[]; variance: number[]; shape: number[]; normalizedWith: string };
}

/** One layer at one step. */
export interface LayerRecord {
  /** Training step (0-based) the record belongs to. */
  step: number;
  /** Dotted module name, e.g. "2" or "block.conv1". */
  layer: string;
  /** The module's class, e.g. "Tanh" or "Linear". */
  type: string;
  /** Output shape. */
  shape: number[];
  activation: ActivationStats;
  /** Gradient of the loss w.r.t. this layer's output (after backward). */
  gradient?: Stats;
  norm?: NormRecord;
}

/** One parameter at one step. */
export interface ParameterRecord {
  step: number;
  /** Dotted parameter name, e.g. "0.weight". */
  name: string;
  /** The layer that owns it, e.g. "0". */
  layer: string;
  shape: number[];
  value: Stats;
  grad?: Stats;
  /** std(grad) / std(value); null when std(value) is 0 (e.g. biases initialized to zero). */
  gradDataRatio?: number | null;
  /**
   * The update:data ratio, gradlab's one definition of it: log10(std(Δw) / std(w)) of the
   * optimizer's update Δw = w_after − w_before, with std(w) taken before the update (as CS231n
   * computes it: ‖lr·dW‖ / ‖W‖ before `W += update`); ≈ −3 is healthy. null when undefined
   * (std(w) = 0 or no update).
   */
  updateDataRatio?: number | null;
}

/** Everything recorded at one step. */
export interface StepRecord {
  step: number;
  layers: LayerRecord[];
  parameters: ParameterRecord[];
}
