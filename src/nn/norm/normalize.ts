/**
 * The step every normalization layer shares, as a composite of primitive ops (so autograd
 * supplies the backward pass) — the definition; the layers run the fused equivalent
 * `normalizeGroups` (fusedNormalize.ts), which the tests check against this:
 *   μ = mean(x over axes),  σ² = mean((x − μ)² over axes)   (biased: divide by n, not n − 1)
 *   x̂ = (x − μ) / √(σ² + ε)
 * The layers differ only in the axes they reduce over, and in what they do with μ and σ²
 * afterwards (BatchNorm keeps running averages; the others do not). Also here: the plain-data
 * record of the last forward's statistics that every norm layer exposes as `lastStats`.
 */
import { add, div, sub } from "../../ops/arithmetic";
import { sqrt, square } from "../../ops/math";
import { mean } from "../../ops/reduce";
import { Tensor } from "../../tensor/tensor";

/** The statistics of a norm layer's last forward, as plain numbers a probe or a plot can read. */
export interface NormStats {
  /** Mean of each normalized group: per channel (BatchNorm), per sample (LayerNorm), per sample and channel (InstanceNorm), per sample and group (GroupNorm). */
  mean: Float32Array;
  /** Biased variance σ² (divided by n) of each group, the one x̂ is computed with. */
  variance: Float32Array;
  /** The shape of `mean` and `variance`: [C], [N], [N, C] or [N, G]. */
  shape: number[];
  /** The input axes reduced over (e.g. [0, 2, 3] for BatchNorm2d on NCHW). */
  axes: number[];
  /** Number of values averaged into each statistic. */
  count: number;
  /** GroupNorm only: channels per group (its `axes` [1, 2, …] are reduced within each block of channels). */
  groups?: number;
  /**
   * Which statistics normalized the output: "batch" (these) or "running" (BatchNorm in eval
   * mode, whose `mean`/`variance` above are still the batch's, for comparison).
   */
  normalizedWith: "batch" | "running";
}

/** x̂ = (x − μ)/√(σ² + ε) over `axes`, with μ and σ² kept (size-1 axes) for reuse. */
export function normalize(x: Tensor, axes: number[], eps: number): { xHat: Tensor; mean: Tensor; variance: Tensor } {
  const mu = mean(x, axes, true);
  const centered = sub(x, mu);
  const variance = mean(square(centered), axes, true); // biased: divide by n
  const xHat = div(centered, sqrt(add(variance, eps)));
  return { xHat, mean: mu, variance };
}

/** The record before any forward: no statistics yet (count 0), so `layer.lastStats.mean` needs no null check. */
export function emptyStats(axes: number[] = []): NormStats {
  return {
    mean: new Float32Array(0),
    variance: new Float32Array(0),
    shape: [0],
    axes,
    count: 0,
    normalizedWith: "batch",
  };
}

/** Copies statistics into plain Float32Arrays. */
export function plainStats(
  mu: ArrayLike<number>,
  variance: ArrayLike<number>,
  shape: number[],
  axes: number[],
  count: number,
  normalizedWith: "batch" | "running",
  groups?: number,
): NormStats {
  const stats: NormStats = {
    mean: Float32Array.from(mu),
    variance: Float32Array.from(variance),
    shape,
    axes,
    count,
    normalizedWith,
  };
  if (groups !== undefined) stats.groups = groups;
  return stats;
}

/** [1, C, 1, …]: the shape that broadcasts a per-channel vector over an input of `rank` axes. */
export function channelShape(rank: number, channels: number): number[] {
  return Array.from({ length: rank }, (_, i) => (i === 1 ? channels : 1));
}
