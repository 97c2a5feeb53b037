/**
 * Which elements of an (N, C, H, W) tensor share one mean and one variance in each normalization
 * layer, and those statistics computed per group:
 *   batch    (BatchNorm):    one group per channel c        — over N, H, W
 *   layer    (LayerNorm):    one group per example n        — over C, H, W
 *   instance (InstanceNorm): one group per (n, c)           — over H, W
 *   group    (GroupNorm):    one group per (n, g), g = c / (C / G) — over C/G channels, H, W
 * Every norm then computes x̂ = (x − μ_group) / √(σ²_group + ε); they differ only in the grouping.
 * A 2-D input (N, C) is treated as (N, C, 1, 1).
 */
import { options } from "../args";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { checkShape, tensorArg } from "../tensor/check";
import type { Tensor } from "../tensor/tensor";

export type NormKind = "batch" | "layer" | "instance" | "group";

export interface NormGroups {
  kind: NormKind;
  /** The shape the grouping was made for, as (N, C, H, W). */
  shape: [number, number, number, number];
  /** groupOf[i]: the group of element i (row-major over N, C, H, W). */
  groupOf: Int32Array;
  /** How many separate (mean, variance) pairs are computed. */
  numGroups: number;
  /** How many elements share each pair. */
  groupSize: number;
  /** The axes each mean and variance is taken over, in words, e.g. "N, H, W". */
  over: string;
}

const OVER: Record<NormKind, string> = {
  batch: "N, H, W (one mean and variance per channel, shared by the whole batch)",
  layer: "C, H, W (one per example)",
  instance: "H, W (one per example and channel)",
  group: "C/G channels and H, W (one per example and group of channels)",
};

function asNCHW(fn: string, shape: readonly number[]): [number, number, number, number] {
  checkShape(fn, "shape", shape);
  check(
    (shape.length === 2 || shape.length === 4) && shape.every((d) => Number.isInteger(d) && d >= 1),
    () =>
      new ShapeError({
        fn,
        arg: "shape",
        expected: "(N, C, H, W) or (N, C) with positive whole sizes",
        received: show(shape),
        fix: "Normalization layers act on a batch of feature maps (N, C, H, W) or of feature vectors (N, C).",
      }),
  );
  return shape.length === 2 ? [shape[0], shape[1], 1, 1] : [shape[0], shape[1], shape[2], shape[3]];
}

/**
 * The grouping of elements into shared statistics for one kind of normalization.
 * @example
 * const g = gl.nn.normGroups("group", [2, 4, 3, 3], { numGroups: 2 });
 * g.numGroups; // 4   (2 examples × 2 groups)
 * g.groupSize; // 18  (2 channels × 3 × 3)
 */
export function normGroups(kind: NormKind, shape: readonly number[], opts: { numGroups?: number } = {}): NormGroups {
  opts = options<typeof opts>("normGroups", "opts", opts, ["numGroups"]) as typeof opts;
  const fn = "normGroups";
  check(
    kind === "batch" || kind === "layer" || kind === "instance" || kind === "group",
    () =>
      new ArgumentError({
        fn,
        arg: "kind",
        expected: '"batch", "layer", "instance" or "group"',
        received: show(kind),
        fix: 'Name the norm: "batch" (BatchNorm), "layer" (LayerNorm), "instance" (InstanceNorm) or "group" (GroupNorm).',
      }),
  );
  const [N, C, H, W] = asNCHW(fn, shape);
  const G = kind === "group" ? opts.numGroups : 1;
  check(
    kind !== "group" || (typeof G === "number" && Number.isInteger(G) && G >= 1 && C % G === 0),
    () =>
      new ArgumentError({
        fn,
        arg: "numGroups",
        expected: `a whole number of groups that divides the ${C} channels`,
        received: show(G),
        fix: "GroupNorm splits the channels into equal groups: pick a divisor of C (G = 1 is LayerNorm, G = C is InstanceNorm).",
      }),
  );
  const perGroup = C / (G as number);
  const HW = H * W;
  const groupOf = new Int32Array(N * C * HW);
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++) {
      const id =
        kind === "batch"
          ? c
          : kind === "layer"
            ? n
            : kind === "instance"
              ? n * C + c
              : n * (G as number) + Math.floor(c / perGroup);
      groupOf.fill(id, (n * C + c) * HW, (n * C + c + 1) * HW);
    }
  const numGroups = kind === "batch" ? C : kind === "layer" ? N : kind === "instance" ? N * C : N * (G as number);
  return { kind, shape: [N, C, H, W], groupOf, numGroups, groupSize: groupOf.length / numGroups, over: OVER[kind] };
}

export interface GroupStatistics {
  /** Mean of each group. */
  mean: number[];
  /** Biased variance (divide by the group size, as every norm layer normalizes with) of each group. */
  variance: number[];
}

/**
 * Mean and biased variance of `x` within each group of `groups` (e.g. to check that a norm
 * layer's output has mean ≈ 0 and variance ≈ 1 along exactly its own axes).
 * @example
 * const x = gl.randn([4, 6, 5, 5]);
 * const s = gl.nn.groupStatistics(x, gl.nn.normGroups("instance", x.shape));
 * s.mean.length; // 24
 */
export function groupStatistics(x: Tensor, groups: NormGroups): GroupStatistics {
  tensorArg("nn.groupStatistics", "x", x);
  const g = groups as NormGroups | null | undefined;
  check(
    typeof g === "object" && g !== null && g.groupOf instanceof Int32Array && Number.isInteger(g.numGroups),
    () =>
      new ArgumentError({
        fn: "nn.groupStatistics",
        arg: "groups",
        expected: "the groups made by gl.nn.normGroups(kind, shape)",
        received: show(groups),
        fix: 'Make them first: gl.nn.normGroups("batch", x.shape).',
      }),
  );
  check(
    x.data.length === groups.groupOf.length,
    () =>
      new ShapeError({
        fn: "groupStatistics",
        arg: "x",
        expected: `a tensor of shape ${show(groups.shape)} (${groups.groupOf.length} elements), the shape the groups were made for`,
        received: `shape ${show(x.shape)}`,
        fix: "Make the groups with normGroups(kind, x.shape).",
      }),
  );
  const sum = new Float64Array(groups.numGroups);
  const sumSq = new Float64Array(groups.numGroups);
  const count = new Float64Array(groups.numGroups);
  for (let i = 0; i < x.data.length; i++) {
    const g = groups.groupOf[i];
    sum[g] += x.data[i];
    count[g] += 1;
  }
  const mean = Array.from(sum, (s, g) => s / count[g]);
  for (let i = 0; i < x.data.length; i++) {
    const d = x.data[i] - mean[groups.groupOf[i]];
    sumSq[groups.groupOf[i]] += d * d;
  }
  return { mean, variance: Array.from(sumSq, (s, g) => s / count[g]) };
}
