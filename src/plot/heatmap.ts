/**
 * Heatmap of a 2-D array (row 0 at the top, like an image), with optional rectangles drawn on top:
 * e.g. an effective receptive field map with the theoretical receptive field outlined.
 */
import type { Figure } from "../display/notebook";
import { baseLayout, FigureOptions } from "./layout";
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

/**
 * Heatmap.
 * @example
 * gl.plot.heatmap([[0, 1, 0], [1, 4, 1], [0, 1, 0]],
 *   { title: "Effective receptive field", xLabel: "input column (px)", yLabel: "input row (px)",
 *     rects: [{ left: 0, top: 0, width: 3, height: 3, label: "theoretical RF" }] });
 */
export function heatmap(z: ArrayLike<number>[], opts: HeatmapOptions = {}): Figure {
  const rows = z.map((r) => Array.from(r));
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
