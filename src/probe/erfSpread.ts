/**
 * How spread out an effective receptive field is (Luo et al., 2016): treating the map as a
 * distribution of gradient mass m(i, j) ≥ 0 over input pixels,
 *   centre = Σ m·(i, j) / Σ m,   std_rows = √(Σ m·(i − centre_i)² / Σ m)   (same for columns),
 * and `size`: the side of the smallest square around the centre holding `mass` (default 95 %) of
 * the total. Compare `size` with the theoretical receptive field r: the ERF is usually far smaller,
 * and grows like √depth while r grows like depth.
 */
import { optionalNum, options } from "../args";
import { ArgumentError, check, show } from "../errors";

export interface ErfSpread {
  /** Centre of mass [row, col] in input pixels. */
  centre: [number, number];
  /** Standard deviation of the mass along rows and columns, in pixels. */
  std: [number, number];
  /** Side (pixels, odd) of the smallest square around the rounded centre holding `mass` of the total. */
  size: number;
  /** The fraction of the total used for `size`. */
  mass: number;
}

/**
 * Spread of an effective receptive field map (e.g. `gl.probe.effectiveReceptiveField(...).map`).
 * @example
 * gl.probe.erfSpread([[0, 0, 0], [0, 1, 0], [0, 0, 0]]); // { centre: [1, 1], std: [0, 0], size: 1, mass: 0.95 }
 */
export function erfSpread(map: ArrayLike<number>[], opts: { mass?: number } = {}): ErfSpread {
  opts = options<typeof opts>("probe.erfSpread", "opts", opts, ["mass"]) as typeof opts;
  const mass = optionalNum("probe.erfSpread", "mass", opts.mass, 0.95, {
    min: 0,
    max: 1,
    minExclusive: true,
    expected: "a fraction in (0, 1]",
    fix: "mass: 0.95 measures the square holding 95% of the map's total.",
  });
  check(
    Array.isArray(map) && map.length > 0 && map.every((row) => Array.isArray(row) || ArrayBuffer.isView(row)),
    () =>
      new ArgumentError({
        fn: "probe.erfSpread",
        arg: "map",
        expected: "a map of rows: number[][] (e.g. the map of gl.probe.effectiveReceptiveField)",
        received: show(map),
        fix: "Pass erf.map (or erf.normalized) of const erf = gl.probe.effectiveReceptiveField(model, [1, 28, 28]).",
      }),
  );
  const H = map.length;
  const W = H > 0 ? map[0].length : 0;
  let total = 0;
  let si = 0;
  let sj = 0;
  for (let i = 0; i < H; i++)
    for (let j = 0; j < W; j++) {
      const m = Math.abs(map[i][j]);
      total += m;
      si += m * i;
      sj += m * j;
    }
  check(
    total > 0,
    () =>
      new ArgumentError({
        fn: "probe.erfSpread",
        arg: "map",
        expected: "a map with some nonzero gradient",
        received: "all zeros",
        fix: "No input pixel influenced the unit: check that the model is connected (dead ReLUs everywhere?).",
      }),
  );
  const ci = si / total;
  const cj = sj / total;
  let vi = 0;
  let vj = 0;
  for (let i = 0; i < H; i++)
    for (let j = 0; j < W; j++) {
      const m = Math.abs(map[i][j]);
      vi += m * (i - ci) ** 2;
      vj += m * (j - cj) ** 2;
    }
  const [ri, rj] = [Math.round(ci), Math.round(cj)];
  let size = 1;
  for (let half = 0; ; half++) {
    let inside = 0;
    for (let i = Math.max(ri - half, 0); i <= Math.min(ri + half, H - 1); i++)
      for (let j = Math.max(rj - half, 0); j <= Math.min(rj + half, W - 1); j++) inside += Math.abs(map[i][j]);
    size = 2 * half + 1;
    if (
      inside >= mass * total * (1 - 1e-12) ||
      (ri - half <= 0 && rj - half <= 0 && ri + half >= H - 1 && rj + half >= W - 1)
    )
      break;
  }
  return { centre: [ci, cj], std: [Math.sqrt(vi / total), Math.sqrt(vj / total)], size, mass };
}
