/**
 * Contour plot of a function of two variables (e.g. a loss surface over two weights) with paths
 * drawn on top (e.g. SGD zig-zagging across an elongated valley before the inputs are scaled).
 */
import type { Figure } from "../display/notebook";
import { fnArg, listArg, numberList, objectArg, optionalInt } from "../args";
import { baseLayout, FIGURE_KEYS, figureOptions, FigureOptions } from "./layout";
import { plain } from "./line";
import { readable } from "./readable";

/** Values z[i][j] = f(x[j], y[i]) on a grid. */
export interface GridValues {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  z: ArrayLike<number>[];
}

/** A path through the plane, e.g. the weights an optimizer visited. */
export interface Path2D {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  name?: string;
  /** Loss along the path (used by `surface` to lift the path onto the surface). */
  z?: ArrayLike<number>;
}

export interface ContourOptions extends FigureOptions {
  /** Colour bar title (e.g. "loss"). */
  zLabel?: string;
  /** Paths to draw on top. */
  paths?: Path2D[];
  /** Number of contour levels (default 25). */
  levels?: number;
  /** Contour log10(z) instead of z (loss surfaces span decades). */
  logZ?: boolean;
  /** One unit on x as long as one unit on y (default false): without it an elongated valley can look round. */
  equalAspect?: boolean;
}

/**
 * Evaluates f on an n×n grid over [x0, x1] × [y0, y1]: the input `contour` and `surface` take.
 * @example gl.plot.gridOf((a, b) => a * a + 10 * b * b, [-2, 2], [-1, 1], 41).z.length // 41
 */
export function gridOf(
  f: (x: number, y: number) => number,
  xRange: [number, number],
  yRange: [number, number],
  n = 50,
): GridValues {
  const fn = "plot.gridOf";
  fnArg(fn, "f", f, "(w1, w2) => w1 * w1 + 10 * w2 * w2");
  numberList(fn, "xRange", xRange, { length: 2, lengthOf: "[low, high]" });
  numberList(fn, "yRange", yRange, { length: 2, lengthOf: "[low, high]" });
  n = optionalInt(fn, "n", n, 50, { min: 2, max: 2000 });
  const lin = (a: number, b: number): number[] => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
  const x = lin(...xRange);
  const y = lin(...yRange);
  return { x, y, z: y.map((yv) => x.map((xv) => f(xv, yv))) };
}

export const CONTOUR_KEYS: readonly string[] = [...FIGURE_KEYS, "zLabel", "paths", "levels", "logZ", "equalAspect"];

/**
 * A grid { x, y, z } whose z has one row per y value and one column per x value (NaN in z: no
 * value there, drawn as a gap).
 */
export function gridArg(fn: string, arg: string, g: unknown): GridValues {
  const v = objectArg(fn, arg, g, {
    what: "a grid { x, y, z } with z[i][j] = f(x[j], y[i])",
    fix: "Make it with gl.plot.gridOf((a, b) => ..., [x0, x1], [y0, y1]).",
    keys: ["x", "y", "z"],
  });
  const x = numberList(fn, `${arg}.x`, v.x, { minLength: 1 });
  const y = numberList(fn, `${arg}.y`, v.y, { minLength: 1 });
  listArg(fn, `${arg}.z`, v.z, { what: "rows of z values (one per y value)", example: "[[1, 2], [3, 4]]" });
  numberList(
    fn,
    `${arg}.z`,
    (v.z as unknown[]).map(() => 0),
    { length: y.length, lengthOf: `'${arg}.y'` },
  );
  (v.z as unknown[]).forEach((row, i) =>
    numberList(fn, `${arg}.z[${i}]`, row, { gaps: true, length: x.length, lengthOf: `'${arg}.x'` }),
  );
  return g as GridValues;
}

/** The paths option: a list of { x, y, name?, z? } with as many y (and z) values as x values. */
export function pathsArg(fn: string, paths: unknown): Path2D[] {
  if (paths === undefined || paths === null) return [];
  listArg(fn, "paths", paths, { what: "paths { x, y, name }", example: '[{ name: "SGD", x: [0, 1], y: [1, 0] }]' });
  (paths as unknown[]).forEach((p, i) => {
    const v = objectArg(fn, `paths[${i}]`, p, {
      what: "a path { x, y, name?, z? }",
      fix: 'Write each path as { name: "SGD", x: [...], y: [...] }.',
      keys: ["x", "y"],
    });
    const x = numberList(fn, `paths[${i}].x`, v.x);
    const same = { length: x.length, lengthOf: `'paths[${i}].x'` };
    numberList(fn, `paths[${i}].y`, v.y, same);
    if (v.z !== undefined && v.z !== null) numberList(fn, `paths[${i}].z`, v.z, same);
  });
  return paths as Path2D[];
}

/** The options of contour and surface, checked. */
export function contourOptions(fn: string, opts: unknown): ContourOptions {
  const o = figureOptions<ContourOptions>(fn, opts, CONTOUR_KEYS);
  optionalInt(fn, "levels", o.levels, 25, { min: 1 });
  pathsArg(fn, o.paths);
  return o;
}

/** z, or log10(z) when asked (non-positive values become NaN). */
export function zValues(g: GridValues, log = false): number[][] {
  return g.z.map((r) => Array.from(r, (v) => (log ? (v > 0 ? Math.log10(v) : NaN) : v)));
}

/**
 * Contour plot with optional paths.
 * @example
 * const g = gl.plot.gridOf((w1, w2) => w1 * w1 + 10 * w2 * w2, [-2, 2], [-1, 1]);
 * gl.plot.contour(g, { title: "Loss surface", xLabel: "w1", yLabel: "w2", zLabel: "loss",
 *   paths: [{ name: "SGD", x: [-1.8, -1.5, -1.2], y: [0.8, -0.6, 0.5] }] });
 */
export function contour(g: GridValues, opts: ContourOptions = {}): Figure {
  opts = contourOptions("plot.contour", opts);
  gridArg("plot.contour", "g", g);
  const data: Record<string, unknown>[] = [
    {
      type: "contour",
      x: plain(g.x),
      y: plain(g.y),
      z: zValues(g, opts.logZ),
      ncontours: opts.levels ?? 25,
      colorscale: "Viridis",
      colorbar: { title: { text: (opts.logZ ? "log10 " : "") + (opts.zLabel ?? "loss") } },
      name: opts.zLabel ?? "loss",
    },
  ];
  for (const p of opts.paths ?? []) {
    data.push({
      type: "scatter",
      mode: "lines+markers",
      x: plain(p.x),
      y: plain(p.y),
      name: p.name ?? "path",
      marker: { size: 5 },
    });
  }
  const layout = baseLayout(opts, { title: "Loss surface", xLabel: "w1", yLabel: "w2" });
  if (opts.equalAspect) {
    // one unit is as long on both axes, so a round bowl looks round and a gradient step looks
    // perpendicular to the contour lines where it is; with both ranges fixed, `readable` shrinks
    // the plot area (not the data range) and sizes the figure to it
    const xs = plain(g.x);
    const ys = plain(g.y);
    (layout.xaxis as Record<string, unknown>).range = [Math.min(...xs), Math.max(...xs)];
    Object.assign(layout.yaxis as Record<string, unknown>, {
      range: [Math.min(...ys), Math.max(...ys)],
      scaleanchor: "x",
    });
  }
  return readable({
    data,
    layout: {
      ...layout,
      showlegend: (opts.paths ?? []).length > 0,
      // above the plot, left: the colour bar (and its title) keep the right side
      legend: { orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom" },
    },
  });
}
