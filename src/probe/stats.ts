/**
 * Statistics of raw tensor values (plain loops over `data`, no autograd): mean, population std,
 * min, max and a histogram; and the activation-health fractions (saturated, dead).
 */
import type { Tensor } from "../tensor/tensor";
import { histogram } from "./histogram";
import type { ActivationStats, Stats } from "./records";

/** mean, std (divide by n), min, max and histogram of the values. */
export function statsOf(values: ArrayLike<number>, bins = 30): Stats {
  const n = values.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return { mean, std: n ? Math.sqrt(ss / n) : NaN, min, max, count: n, histogram: histogram(values, bins) };
}

/** Population standard deviation of the values. */
export function stdOf(values: ArrayLike<number>): number {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return Math.sqrt(ss / n);
}

/** How a layer's output is judged: saturation rule, dead-unit rule, or neither. */
export type ActivationKind = "tanh" | "sigmoid" | "relu" | "none";

const kindByType: Record<string, ActivationKind> = {
  Tanh: "tanh",
  Hardtanh: "tanh",
  Sigmoid: "sigmoid",
  Hardsigmoid: "sigmoid",
  ReLU: "relu",
  ReLU6: "relu",
  LeakyReLU: "relu",
  PReLU: "relu",
  RReLU: "relu",
};

/** The kind of a layer by its class name (Tanh → "tanh", ReLU/LeakyReLU/PReLU/RReLU/ReLU6 → "relu", ...). */
export function kindOf(typeName: string): ActivationKind {
  return kindByType[typeName] ?? "none";
}

/** Fraction of values in the flat tails: |y| > 0.97 for tanh, y < 0.03 or y > 0.97 for sigmoid. */
export function saturatedFraction(values: ArrayLike<number>, kind: "tanh" | "sigmoid"): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (kind === "tanh" ? Math.abs(v) > 0.97 : v < 0.03 || v > 0.97) count++;
  }
  return values.length ? count / values.length : 0;
}

/**
 * Dead units of a ReLU-family output of shape [N, ...unit]: a unit (one index of the trailing
 * axes) is dead when its value is ≤ 0 for all N examples. Returns the fraction of dead units and,
 * for outputs with a channel axis and spatial axes ([N, C, ...]), the fraction of dead channels.
 */
export function deadFractions(y: Tensor): { dead: number; deadChannels?: number } {
  const shape = y.shape;
  const n = shape.length > 1 ? shape[0] : 1;
  const units = y.size / Math.max(n, 1);
  const alive = new Uint8Array(units);
  const d = y.data;
  for (let b = 0; b < n; b++) {
    const off = b * units;
    for (let u = 0; u < units; u++) if (d[off + u] > 0) alive[u] = 1;
  }
  let dead = 0;
  for (let u = 0; u < units; u++) if (!alive[u]) dead++;
  const out: { dead: number; deadChannels?: number } = { dead: units ? dead / units : 0 };
  if (shape.length > 2) {
    const channels = shape[1];
    const positions = units / channels;
    let deadC = 0;
    for (let c = 0; c < channels; c++) {
      let any = false;
      for (let p = 0; p < positions && !any; p++) if (alive[c * positions + p]) any = true;
      if (!any) deadC++;
    }
    out.deadChannels = deadC / channels;
  }
  return out;
}

/** Activation statistics with the fractions that apply to `kind`. */
export function activationStats(y: Tensor, kind: ActivationKind, bins: number): ActivationStats {
  const s: ActivationStats = statsOf(y.data, bins);
  if (kind === "tanh" || kind === "sigmoid") s.saturated = saturatedFraction(y.data, kind);
  if (kind === "relu") Object.assign(s, deadFractions(y));
  return s;
}

/**
 * Per-channel mean and biased variance of x over every axis but axis 1 (the statistics
 * BatchNorm normalizes with). x: (N, C) or (N, C, ...spatial).
 */
export function channelStats(x: Tensor): { mean: number[]; variance: number[] } {
  const shape = x.shape;
  const n = shape[0];
  const c = shape.length > 1 ? shape[1] : 1;
  const inner = shape.slice(2).reduce((a, b) => a * b, 1);
  const mean = new Array<number>(c).fill(0);
  const variance = new Array<number>(c).fill(0);
  const d = x.data;
  const count = n * inner;
  for (let b = 0; b < n; b++)
    for (let k = 0; k < c; k++) for (let i = 0; i < inner; i++) mean[k] += d[(b * c + k) * inner + i];
  for (let k = 0; k < c; k++) mean[k] /= count;
  for (let b = 0; b < n; b++)
    for (let k = 0; k < c; k++)
      for (let i = 0; i < inner; i++) variance[k] += (d[(b * c + k) * inner + i] - mean[k]) ** 2;
  for (let k = 0; k < c; k++) variance[k] /= count;
  return { mean, variance };
}
