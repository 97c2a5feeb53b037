/**
 * Statistics of raw tensor values (plain loops over `data`, no autograd): mean, population std,
 * min, max and a histogram; and the activation-health fractions (saturated, dead).
 */
import { int, oneOf, options } from "../args";
import { ShapeError, check } from "../errors";
import { tensorArg } from "../tensor/check";
import { momentsReference } from "../backend/reference/moments";
import type { Moments, MomentsKernel } from "../backend/kernels";
import { getKernel } from "../backend/registry";
import type { ActivationKind } from "../nn/activation";
import type { DataArray, Tensor } from "../tensor/tensor";
import { binLayout, histogramOf, Histogram } from "./histogram";
import { valuesArg } from "./values";
import type { ActivationStats, Stats } from "./records";

/** Options of `statsOf`. */
export interface StatsOptions {
  /**
   * Largest number of values counted into the histogram (default Infinity: all of them). With more
   * values than this, the histogram counts a fixed-seed sample of this many: the values are cut
   * into this many equal consecutive slices and one value is drawn at a random position in each
   * (the same positions for the same tensor size), and `histogram.sampled` says so. Only the
   * histogram is sampled: mean, std, min, max and count always use every value.
   */
  histogramSample?: number;
}

/**
 * Σd, Σd², min, max (d = v − K) of v = a[i] (or a[i] − b[i]): the "moments" kernel of the active
 * backend for typed arrays (webasm: f64x2 SIMD lanes), a plain loop for anything else.
 */
function momentsOf(a: ArrayLike<number>, b: ArrayLike<number> | null, K: number): Moments {
  const typed = (v: ArrayLike<number> | null): v is DataArray => v instanceof Float32Array || v instanceof Float64Array;
  if (typed(a) && (b === null || typed(b))) return getKernel<MomentsKernel>("moments")(a, b, K);
  return momentsReference(a, b, K);
}

/**
 * mean, std (divide by n), min, max and histogram of the values.
 *
 * The probe calls this on every recorded tensor at every recorded step, often on 10⁵ values or
 * more, so it reads the values once for the statistics (the backend's "moments" pass, allocating
 * nothing): it sums d = x − K and d² in float64 with K = the first value, then
 *   mean = K + Σd/n,   var = (Σd² − (Σd)²/n) / n.
 * Shifting by a value of the data keeps this accurate (Σx² − n·mean² unshifted would cancel
 * badly when |mean| ≫ std); it agrees with the two-pass formula to ~1e-15 relative. A second
 * loop, now that min and max are known, counts the values (or a sample of them, see
 * `StatsOptions`) into the histogram's bins.
 */
export function statsOf(values: ArrayLike<number>, bins = 30, opts: StatsOptions = {}): Stats {
  const fn = "probe.statsOf";
  valuesArg(fn, values);
  if (bins === null) bins = 30;
  int(fn, "bins", bins, { min: 1, fix: "bins is the number of histogram bins, e.g. 30." });
  opts = options<typeof opts>(fn, "opts", opts, ["histogramSample"]) as typeof opts;
  const sampleOpt = opts.histogramSample ?? Infinity;
  if (sampleOpt !== Infinity)
    int(fn, "histogramSample", sampleOpt, {
      min: 1,
      fix: "histogramSample: 4096 bins a sample of 4096 values; Infinity (the default) bins every value.",
    });
  const n = values.length;
  const K = n ? values[0] : 0;
  const { sumD, sumD2, min, max } = momentsOf(values, null, K);
  // Finite sums mean every value is finite (a NaN or ±Inf makes them NaN or ±Inf): the histogram's
  // range is then [min, max]. Otherwise (rare: a diverged run) take the general path below.
  if (n === 0 || !Number.isFinite(sumD2)) return statsWithNonFinite(values, bins);
  const mean = K + sumD / n;
  const variance = Math.max(0, (sumD2 - (sumD * sumD) / n) / n); // ≥ 0 despite rounding
  const { low, width, edges } = binLayout(min, max, bins);
  const counts = new Float64Array(bins);
  // v ≥ low, so truncation (| 0) is floor; the max itself lands one past the last bin and is put in it
  const sample = sampleOpt;
  if (n <= sample) {
    for (let i = 0; i < n; i++) {
      const b = ((values[i] - low) / width) | 0;
      counts[b < bins ? b : bins - 1]++;
    }
  } else {
    // one value from each of `sample` equal slices, at a random offset (xorshift32, fixed seed)
    const slice = n / sample;
    let x = 2463534242;
    for (let k = 0; k < sample; k++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const b = ((values[Math.floor((k + (x >>> 0) / 4294967296) * slice)] - low) / width) | 0;
      counts[b < bins ? b : bins - 1]++;
    }
  }
  const histogram: Histogram = { edges, counts: Array.from(counts), nonFinite: 0 };
  if (n > sample) histogram.sampled = sample;
  return { mean, std: Math.sqrt(variance), min, max, count: n, histogram };
}

/**
 * statsOf when some values are NaN or ±Inf: plain two-pass formulas over all values (so mean and
 * std come out NaN or ±Inf, as they should), min and max ignore NaN, and the histogram counts the
 * finite values (every one of them) and reports the others in `nonFinite`.
 */
function statsWithNonFinite(values: ArrayLike<number>, bins: number): Stats {
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
  return { mean, std: n ? Math.sqrt(ss / n) : NaN, min, max, count: n, histogram: histogramOf(values, bins) };
}

/**
 * Population standard deviation of a − b (e.g. a parameter after and before an optimizer step),
 * element by element in float64, without building the difference array: one loop summing
 * d = (a − b) − K and d² with K the first difference, as in `statsOf`.
 */
export function stdOfDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n === 0) return NaN;
  const K = a[0] - b[0];
  const { sumD, sumD2 } = momentsOf(a, b, K);
  return Math.sqrt(Math.max(0, (sumD2 - (sumD * sumD) / n) / n));
}

/** Fraction of values in the flat tails: |y| > 0.97 for tanh, y < 0.03 or y > 0.97 for sigmoid. */
export function saturatedFraction(values: ArrayLike<number>, kind: "tanh" | "sigmoid"): number {
  valuesArg("probe.saturatedFraction", values);
  oneOf("probe.saturatedFraction", "kind", kind, ["tanh", "sigmoid"]);
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
  tensorArg("probe.deadFractions", "y", y, { fix: "Pass a ReLU layer's output, e.g. gl.relu(model.forward(X))." });
  const shape = y.shape;
  const n = shape.length > 1 ? shape[0] : 1;
  const units = y.size / Math.max(n, 1);
  const alive = new Uint8Array(units);
  const d = y.data;
  for (let b = 0; b < n; b++) {
    const off = b * units;
    for (let u = 0; u < units; u++) alive[u] |= +(d[off + u] > 0); // no branch: signs are random
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
export function activationStats(
  y: Tensor,
  kind: ActivationKind,
  bins: number,
  opts: StatsOptions = {},
): ActivationStats {
  opts = options<typeof opts>("activationStats", "opts", opts, ["histogramSample"]) as typeof opts;
  const s: ActivationStats = statsOf(y.data, bins, opts);
  if (kind === "tanh" || kind === "sigmoid") s.saturated = saturatedFraction(y.data, kind);
  if (kind === "relu") Object.assign(s, deadFractions(y));
  return s;
}

/**
 * Per-channel mean and biased variance of x over every axis but axis 1 (the statistics
 * BatchNorm normalizes with). x: (N, C) or (N, C, ...spatial).
 */
export function channelStats(x: Tensor): { mean: number[]; variance: number[] } {
  tensorArg("probe.channelStats", "x", x);
  check(
    x.rank >= 1,
    () =>
      new ShapeError({
        fn: "probe.channelStats",
        arg: "x",
        expected: "a batch (N, C) or (N, C, ...spatial)",
        received: "a scalar (rank 0)",
        fix: "Pass a layer's input or output batch, one row per example.",
      }),
  );
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
