/**
 * Heatmap of a 2-D array (row 0 at the top, like an image), with optional rectangles drawn on top:
 * e.g. an effective receptive field map with the theoretical receptive field outlined.
 */
import type { Figure } from "../display/notebook";
import { listArg, num, numberList, objectArg, oneOf } from "../args";
import { ArgumentError, check, show } from "../errors";
import { baseLayout, FIGURE_KEYS, figureOptions, FigureOptions } from "./layout";
import { readable } from "./readable";

/** A rectangle in cell coordinates: it covers columns left..left+width-1 and rows top..top+height-1. */
export interface CellRect {
  left: number;
  top: number;
  width: number;
  height: number;
  label?: string;
  color?: string;
}

export interface HeatmapOptions extends FigureOptions {
  /** Column coordinates (default 0..cols-1). */
  x?: ArrayLike<number> | string[];
  /** Row coordinates (default 0..rows-1). */
  y?: ArrayLike<number> | string[];
  /** Colour bar title, e.g. "mean |∂y/∂x|". */
  zLabel?: string;
  /** Plotly colour scale name (default "Viridis"). */
  colorscale?: string;
  /** Row 0 at the top (default, like an image or a matrix) or at the bottom. */
  origin?: "top" | "bottom";
  /** Rectangles to outline, in cell coordinates. */
  rects?: CellRect[];
  /** Same scale on both axes (square cells; default true). */
  equalAspect?: boolean;
}

/** Outline of a rectangle of cells, as a plotly layout shape (cells are centred on integers). */
export function rectShape(r: CellRect, xref = "x", yref = "y"): Record<string, unknown> {
  return {
    type: "rect",
    xref,
    yref,
    x0: r.left - 0.5,
    x1: r.left + r.width - 0.5,
    y0: r.top - 0.5,
    y1: r.top + r.height - 0.5,
    line: { color: r.color ?? "red", width: 2 },
    fillcolor: "rgba(0,0,0,0)",
  };
}

const FN = "plot.heatmap";
const KEYS = [...FIGURE_KEYS, "x", "y", "zLabel", "colorscale", "origin", "rects", "equalAspect"];

/** Coordinates of the columns (x) or rows (y): numbers or names, one per column (row). */
function coordinates(arg: "x" | "y", value: unknown, n: number): void {
  const what = arg === "x" ? "column" : "row";
  if (!Array.isArray(value)) {
    numberList(FN, arg, value, { length: n, lengthOf: `the ${what}s of 'z'` });
    return;
  }
  check(
    value.length === n && value.every((v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v))),
    () =>
      new ArgumentError({
        fn: FN,
        arg,
        expected: `${n} ${what} coordinates (numbers or names), one per ${what} of 'z'`,
        received: `${value.length} values ${show(value.slice(0, 6))}${value.length > 6 ? "…" : ""}`,
        fix: `Give one ${what} coordinate per ${what} of z, or leave '${arg}' out (0, 1, 2, …).`,
      }),
  );
}

/** Rectangles in cell coordinates: whole-cell positions and positive sizes. */
function rectsArg(rects: unknown): CellRect[] {
  if (rects === undefined || rects === null) return [];
  listArg(FN, "rects", rects, {
    what: "rectangles { left, top, width, height }",
    example: "[{ left: 0, top: 0, width: 3, height: 3 }]",
  });
  (rects as unknown[]).forEach((r, i) => {
    const v = objectArg(FN, `rects[${i}]`, r, {
      what: "a rectangle { left, top, width, height, label? } in cell coordinates",
      fix: 'Write it as { left: 0, top: 0, width: 3, height: 3, label: "RF" }.',
      keys: ["left", "top", "width", "height"],
    });
    num(FN, `rects[${i}].left`, v.left);
    num(FN, `rects[${i}].top`, v.top);
    num(FN, `rects[${i}].width`, v.width, { min: 0, minExclusive: true });
    num(FN, `rects[${i}].height`, v.height, { min: 0, minExclusive: true });
  });
  return rects as CellRect[];
}

/**
 * Heatmap. A NaN or null in z is a cell with no value (drawn blank).
 * @example
 * gl.plot.heatmap([[0, 1, 0], [1, 4, 1], [0, 1, 0]],
 *   { title: "Effective receptive field", xLabel: "input column (px)", yLabel: "input row (px)",
 *     rects: [{ left: 0, top: 0, width: 3, height: 3, label: "theoretical RF" }] });
 */
export function heatmap(z: ArrayLike<number>[], opts: HeatmapOptions = {}): Figure {
  opts = figureOptions<HeatmapOptions>(FN, opts, KEYS);
  if (opts.origin !== undefined && opts.origin !== null) oneOf(FN, "origin", opts.origin, ["top", "bottom"]);
  rectsArg(opts.rects);
  listArg(FN, "z", z, { what: "rows of values (a 2-D array)", example: "[[0, 1], [1, 0]]", minLength: 1 });
  const cols = z.length ? (Array.isArray(z[0]) || ArrayBuffer.isView(z[0]) ? z[0].length : 0) : 0;
  const rows = z.map((r, i) =>
    numberList(FN, `z[${i}]`, r, { gaps: true, length: i === 0 ? undefined : cols, lengthOf: "the columns of z[0]" }),
  );
  if (opts.x !== undefined && opts.x !== null) coordinates("x", opts.x, cols);
  if (opts.y !== undefined && opts.y !== null) coordinates("y", opts.y, rows.length);
  const shapes = (opts.rects ?? []).map((r) => rectShape(r));
  const annotations = (opts.rects ?? [])
    .filter((r) => r.label)
    .map((r) => ({
      x: r.left - 0.5,
      y: r.top - 0.5,
      xanchor: "left",
      yanchor: "bottom",
      text: r.label,
      showarrow: false,
      font: { color: r.color ?? "red" },
    }));
  const layout = baseLayout(opts, { title: "Heatmap", xLabel: "column", yLabel: "row" });
  const yaxis: Record<string, unknown> = {
    ...(layout.yaxis as Record<string, unknown>),
    ...(opts.origin === "bottom" ? {} : { autorange: "reversed" }),
  };
  const xaxis: Record<string, unknown> = {
    ...(layout.xaxis as Record<string, unknown>),
    zeroline: false,
    showgrid: false,
  };
  yaxis.zeroline = false;
  yaxis.showgrid = false;
  if (opts.equalAspect ?? true) {
    // square cells: shrink the plot area rather than widen the axis range past the data; with
    // the cell ranges known, `readable` sizes the figure to the plot (no blank band before the colour bar)
    yaxis.scaleanchor = "x";
    xaxis.constrain = "domain";
    yaxis.constrain = "domain";
    const cols = Math.max(0, ...rows.map((r) => r.length));
    if (!opts.x) xaxis.range = [-0.5, cols - 0.5];
    if (!opts.y) yaxis.range = opts.origin === "bottom" ? [-0.5, rows.length - 0.5] : [rows.length - 0.5, -0.5];
    if (!opts.y && opts.origin !== "bottom") delete yaxis.autorange;
  }
  return readable({
    data: [
      {
        type: "heatmap",
        z: rows,
        ...(opts.x ? { x: Array.from(opts.x as ArrayLike<number | string>) } : {}),
        ...(opts.y ? { y: Array.from(opts.y as ArrayLike<number | string>) } : {}),
        colorscale: opts.colorscale ?? "Viridis",
        colorbar: { title: { text: opts.zLabel ?? "value" } },
      },
    ],
    layout: { ...layout, xaxis, yaxis, ...(shapes.length ? { shapes, annotations } : {}) },
  });
}
