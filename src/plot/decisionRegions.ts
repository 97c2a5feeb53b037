/**
 * 2-D scatter of a labelled data set over a model's decision regions: the background colour at
 * each point of a grid is the model's prediction there, so a learner sees the boundary it learned.
 */
import type { Figure } from "../display/notebook";
import { GridValues } from "./contour";
import { baseLayout, FigureOptions } from "./layout";
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

/** The points as [x1, x2] pairs. */
export function toPoints(X: Points): number[][] {
  if (Array.isArray(X)) return X.map((r) => [r[0], r[1]]);
  const { data } = X as { data: ArrayLike<number> };
  return Array.from({ length: data.length / 2 }, (_, i) => [data[2 * i], data[2 * i + 1]]);
}

/**
 * Decision regions with the data on top.
 * @example
 * gl.plot.decisionRegions([[0, 0], [1, 1]], [0, 1], { predict: (P) => P.map(([a, b]) => (a + b > 1 ? 1 : 0)),
 *   title: "A linear boundary", xLabel: "x1", yLabel: "x2" });
 */
export function decisionRegions(X: Points, y: ArrayLike<number>, opts: DecisionRegionsOptions = {}): Figure {
  const points = toPoints(X);
  const labels = Array.from(y);
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  const data: Record<string, unknown>[] = [];
  const colours = palette(Math.max(...classes, 0) + 1);
  const g =
    opts.grid ?? (opts.predict ? gridWithBoundary(points, opts.predict, opts.resolution ?? 80, opts.margin) : null);
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
  const flat = predict(P);
  return { x, y, z: y.map((_, i) => Array.from({ length: n }, (_, j) => flat[i * n + j])) };
}
