import { ArgumentError, check, show } from "../errors";
import { numberList, optionalInt } from "../args";
import { valuesArg } from "./values";
/**
 * Histogram of a set of numbers as plain data: `bins` equal-width bins from min to max,
 * `edges` has bins + 1 values and `counts[i]` counts values in [edges[i], edges[i+1]) (the last
 * bin also holds max). Non-finite values are left out and counted in `nonFinite`.
 */

export interface Histogram {
  /** bins + 1 bin edges, increasing. */
  edges: number[];
  /** Number of values in each bin. */
  counts: number[];
  /** How many values were NaN or ±Inf (not in any bin). */
  nonFinite: number;
  /**
   * Present only when the counts come from a sample (see `statsOf`'s `histogramSample`): how many
   * values were counted, one from each of that many equal consecutive slices of the values, at a
   * fixed-seed random position. The edges still span the exact min and max; the counts then add
   * up to `sampled`, not to the count.
   */
  sampled?: number;
}

/**
 * The bin layout over [low, high] (low ≤ high): the width of a bin and the bins + 1 edges. When
 * all values are equal (low = high) the range becomes one of width 1 centred on the value, so a
 * plot still shows a bar. Shared with `statsOf`, which bins while it computes the std.
 */
export function binLayout(low: number, high: number, bins: number): { low: number; width: number; edges: number[] } {
  if (low === high) {
    low -= 0.5;
    high += 0.5;
  }
  const width = (high - low) / bins;
  const edges = new Array<number>(bins + 1);
  for (let i = 0; i <= bins; i++) edges[i] = low + i * width;
  return { low, width, edges };
}

/**
 * Counts values into equal-width bins. `range` fixes [low, high] (values outside are clipped into
 * the first/last bin); by default it is [min, max] of the finite values.
 * @example gl.probe.histogram([0, 1, 1, 2], 2).counts // [1, 3]
 */
export function histogram(values: ArrayLike<number>, bins = 30, range?: [number, number]): Histogram {
  bins = optionalInt("probe.histogram", "bins", bins, 30, {
    min: 1,
    max: 1e6,
    fix: "bins counts the bars of the histogram, e.g. 30.",
  });
  valuesArg("probe.histogram", values, { nonFinite: true });
  if (range !== undefined && range !== null) {
    const [lo, hi] = numberList("probe.histogram", "range", range, { length: 2, lengthOf: "[low, high]" });
    check(
      lo < hi,
      () =>
        new ArgumentError({
          fn: "probe.histogram",
          arg: "range",
          expected: "[low, high] with low < high",
          received: show(range),
          fix: "Give the range in order, e.g. [-1, 1], or leave it out to use [min, max] of the values.",
        }),
    );
  }
  return histogramOf(values, bins, range ?? undefined);
}

/** histogram without the argument checks (the probe's own calls, on tensor data). */
export function histogramOf(values: ArrayLike<number>, bins: number, range?: [number, number]): Histogram {
  let low = Infinity;
  let high = -Infinity;
  if (range) [low, high] = range;
  else {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v - v !== 0) continue; // NaN or ±Inf (v − v is NaN exactly for those)
      if (v < low) low = v;
      if (v > high) high = v;
    }
  }
  if (low > high) return { edges: [0, 1], counts: [0], nonFinite: values.length }; // nothing finite
  const layout = binLayout(low, high, bins);
  // typed counts and plain loops: this runs on every recorded tensor, often 10⁵ values or more
  const counts = new Float64Array(bins);
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) {
      nonFinite++;
      continue;
    }
    let b = Math.floor((v - layout.low) / layout.width);
    if (b < 0) b = 0;
    else if (b >= bins) b = bins - 1;
    counts[b]++;
  }
  return { edges: layout.edges, counts: Array.from(counts), nonFinite };
}
