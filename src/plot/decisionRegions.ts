/**
 * 2-D scatter of a labelled data set over a model's decision regions: the background colour at
 * each point of a grid is the model's prediction there, so a learner sees the boundary it learned.
 */
import type { Figure } from "../display/notebook";
import { fnArg, listArg, numberList, optionalInt, optionalNum } from "../args";
import { ArgumentError, check, show } from "../errors";
import { GridValues, gridArg } from "./contour";
import { baseLayout, FIGURE_KEYS, figureOptions, FigureOptions } from "./layout";
import { palette, readable } from "./readable";

/** Points as rows [x1, x2], or a flat [n, 2] buffer (a Tensor fits). */
export type Points = ArrayLike<number>[] | { data: ArrayLike<number>; shape: readonly number[] };

export interface DecisionRegionsOptions extends FigureOptions {
  /**
   * The model's prediction for each grid point: class indices (or a score such as a probability).
   * Called once with every grid point, e.g.
   * `(P) => gl.argmax(gl.predict(model, gl.tensor(P)), 1).toList()`.
   */
  predict?: (points: number[][]) => ArrayLike<number>;
  /** Precomputed predictions on a grid instead of `predict`. */
  grid?: GridValues;
  /** Grid points per axis (default 80). */
  resolution?: number;
  /**
   * Margin around the data, as a fraction of its extent. Default 0.1, widened (up to 8, i.e. the
   * plane 17 times the data's extent) while the model predicts one class everywhere on the grid, so
   * the figure shows the boundary even when it misses the data (e.g. a linear model on circles).
   */
  margin?: number;
  /** Legend names per class (default "class 0", "class 1", ...). */
  classNames?: string[];
}

const FN = "plot.decisionRegions";

/** The points as [x1, x2] pairs (checked: rows of two finite numbers, or an [n, 2] tensor). */
export function toPoints(X: Points): number[][] {
  if (Array.isArray(X)) {
    X.forEach((r, i) => numberList(FN, `X[${i}]`, r, { length: 2, lengthOf: "the two coordinates [x1, x2]" }));
    return X.map((r) => [r[0], r[1]]);
  }
  const t = X as { data?: ArrayLike<number>; shape?: readonly number[] } | null | undefined;
  check(
    typeof t === "object" && t !== null && Array.isArray(t.shape) && t.data !== undefined,
    () =>
      new ArgumentError({
        fn: FN,
        arg: "X",
        expected: "points: rows [x1, x2] (e.g. [[0, 1], [2, 3]]) or a tensor of shape [n, 2]",
        received: show(X),
        fix:
          X === null || X === undefined
            ? "Pass the data's inputs as X; check that the cell making them ran."
            : "Pass the inputs as a tensor of shape [n, 2] or a list of [x1, x2] rows.",
      }),
  );
  const shape = t.shape!;
  check(
    shape.length === 2 && shape[1] === 2,
    () =>
      new ArgumentError({
        fn: FN,
        arg: "X",
        expected: "a tensor of shape [n, 2] (two input features: the plane)",
        received: `shape ${show(shape)}`,
        fix: "Decision regions are drawn in a plane: pick two features, e.g. gl.narrow(X, 1, 0, 2).",
      }),
  );
  const data = numberList(FN, "X", t.data);
  return Array.from({ length: data.length / 2 }, (_, i) => [data[2 * i], data[2 * i + 1]]);
}

const KEYS = [...FIGURE_KEYS, "predict", "grid", "resolution", "margin", "classNames"];

/**
 * Decision regions with the data on top.
 * @example
 * gl.plot.decisionRegions([[0, 0], [1, 1]], [0, 1], { predict: (P) => P.map(([a, b]) => (a + b > 1 ? 1 : 0)),
 *   title: "A linear boundary", xLabel: "x1", yLabel: "x2" });
 */
export function decisionRegions(X: Points, y: ArrayLike<number>, opts: DecisionRegionsOptions = {}): Figure {
  opts = figureOptions<DecisionRegionsOptions>(FN, opts, KEYS);
  if (opts.predict !== undefined && opts.predict !== null)
    fnArg(FN, "predict", opts.predict, "(P) => gl.argmax(gl.predict(model, gl.tensor(P)), 1).toList()");
  if (opts.grid !== undefined && opts.grid !== null) gridArg(FN, "grid", opts.grid);
  const resolution = optionalInt(FN, "resolution", opts.resolution, 80, { min: 2, max: 1000 });
  const margin =
    opts.margin === undefined || opts.margin === null
      ? undefined
      : optionalNum(FN, "margin", opts.margin, 0.1, { min: 0 });
  if (opts.classNames !== undefined && opts.classNames !== null)
    listArg(FN, "classNames", opts.classNames, { what: "names, one per class", example: '["setosa", "versicolor"]' });
  const points = toPoints(X);
  const yList =
    y !== null && typeof y === "object" && "shape" in y && "data" in y ? (y as { data: ArrayLike<number> }).data : y;
  const labels = numberList(FN, "y", yList, { length: points.length, lengthOf: "the rows of 'X'" });
  labels.forEach((l, i) =>
    check(
      Number.isInteger(l) && l >= 0,
      () =>
        new ArgumentError({
          fn: FN,
          arg: `y[${i}]`,
          expected: "a class index: a whole number ≥ 0",
          received: show(l),
          fix: "Pass class labels 0, 1, 2, … (for one-hot targets: gl.argmax(Y, 1).toList()).",
        }),
    ),
  );
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  const data: Record<string, unknown>[] = [];
  const colours = palette(Math.max(...classes, 0) + 1);
  const g = opts.grid ?? (opts.predict ? gridWithBoundary(points, opts.predict, resolution, margin) : null);
  if (g) {
    const nColours = Math.max(classes.length, 2);
    const colorscale = Array.from({ length: nColours }, (_, k) => [
      [k / nColours, colours[k % colours.length]],
      [(k + 1) / nColours, colours[k % colours.length]],
    ]).flat();
    data.push({
      type: "heatmap",
      x: Array.from(g.x),
      y: Array.from(g.y),
      z: g.z.map((r) => Array.from(r)),
      colorscale,
      zmin: -0.5,
      zmax: nColours - 0.5,
      opacity: 0.35,
      showscale: false,
      hovertemplate: "x1 %{x:.2f}<br>x2 %{y:.2f}<br>prediction %{z}<extra></extra>",
      name: "prediction",
    });
  }
  for (const c of classes) {
    const idx = labels.map((l, i) => (l === c ? i : -1)).filter((i) => i >= 0);
    data.push({
      type: "scatter",
      mode: "markers",
      x: idx.map((i) => points[i][0]),
      y: idx.map((i) => points[i][1]),
      name: opts.classNames?.[c] ?? `class ${c}`,
      marker: { color: colours[c % colours.length], size: 6, line: { color: "white", width: 0.5 } },
    });
  }
  const layout = baseLayout(opts, { title: "Decision regions", xLabel: "x1", yLabel: "x2" });
  // 2-D data keep their shape: one unit is as long on both axes (circles stay round)
  const [xr, yr] = g
    ? [extentOf(g.x), extentOf(g.y)]
    : [extentOf(points.map((p) => p[0])), extentOf(points.map((p) => p[1]))];
  Object.assign(layout.xaxis as Record<string, unknown>, { range: xr });
  Object.assign(layout.yaxis as Record<string, unknown>, { range: yr, scaleanchor: "x" });
  return readable({ data, layout: { ...layout, showlegend: true } });
}

/** [min, max] of the values. */
function extentOf(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  return lo < hi ? [lo, hi] : [lo - 1, lo + 1];
}

/** The grid at the given margin, or at the first default margin where two classes show. */
function gridWithBoundary(
  points: number[][],
  predict: (p: number[][]) => ArrayLike<number>,
  n: number,
  margin: number | undefined,
): GridValues {
  if (margin !== undefined) return evaluateGrid(points, predict, n, margin);
  const first = evaluateGrid(points, predict, n, 0.1);
  const twoClasses = (g: GridValues) => new Set(g.z.flatMap((r) => Array.from(r))).size > 1;
  if (twoClasses(first)) return first;
  for (const m of [0.5, 1, 2, 4, 8]) {
    const g = evaluateGrid(points, predict, n, m);
    if (twoClasses(g)) return g;
  }
  return first; // one class everywhere: the data at their usual size
}

/** Runs `predict` on a grid covering the points (plus a margin). */
function evaluateGrid(
  points: number[][],
  predict: (p: number[][]) => ArrayLike<number>,
  n: number,
  margin: number,
): GridValues {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const range = (v: number[]): [number, number] => {
    const lo = v.reduce((a, b) => Math.min(a, b), Infinity);
    const hi = v.reduce((a, b) => Math.max(a, b), -Infinity);
    const m = (hi - lo || 1) * margin;
    return [lo - m, hi + m];
  };
  const [x0, x1] = range(xs);
  const [y0, y1] = range(ys);
  const x = Array.from({ length: n }, (_, i) => x0 + ((x1 - x0) * i) / (n - 1));
  const y = Array.from({ length: n }, (_, i) => y0 + ((y1 - y0) * i) / (n - 1));
  const P = y.flatMap((yv) => x.map((xv) => [xv, yv]));
  const out = predict(P);
  const flat = numberList(
    FN,
    "predict",
    out && typeof out === "object" && "shape" in out && "data" in out ? (out as { data: ArrayLike<number> }).data : out,
    {
      gaps: true,
      length: P.length,
      lengthOf: "the grid points it was given",
    },
  );
  return { x, y, z: y.map((_, i) => Array.from({ length: n }, (_, j) => flat[i * n + j])) };
}
