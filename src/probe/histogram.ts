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
}

/**
 * Counts values into equal-width bins. `range` fixes [low, high] (values outside are clipped into
 * the first/last bin); by default it is [min, max] of the finite values.
 * @example gl.probe.histogram([0, 1, 1, 2], 2).counts // [1, 3]
 */
export function histogram(values: ArrayLike<number>, bins = 30, range?: [number, number]): Histogram {
  let low = Infinity;
  let high = -Infinity;
  let nonFinite = 0;
  if (range) [low, high] = range;
  else {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      if (v < low) low = v;
      if (v > high) high = v;
    }
  }
  if (low > high) return { edges: [0, 1], counts: [0], nonFinite: values.length }; // nothing finite
  if (low === high) {
    // all values equal: one bin of width 1 centred on the value, so a plot still shows a bar
    low -= 0.5;
    high += 0.5;
  }
  const width = (high - low) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => low + i * width);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    const b = Math.min(bins - 1, Math.max(0, Math.floor((v - low) / width)));
    counts[b]++;
  }
  return { edges, counts, nonFinite };
}
