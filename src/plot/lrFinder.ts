/**
 * The learning-rate range test's figure: loss against learning rate on a log axis, the raw
 * mini-batch losses faint and the smoothed curve bold, with the steepest-descent suggestion and
 * the minimum/10 rule marked as vertical lines.
 */
import type { Figure } from "../display/notebook";
import { baseLayout, FigureOptions } from "./layout";
import { lineTrace } from "./line";

/** What the figure needs (a gl.lrFinder result has it). */
export interface LrFinderData {
  lrs: number[];
  losses: number[];
  smoothed: number[];
  suggestion: number;
  minimumOver10: number;
}

function vertical(
  x: number,
  color: string,
  text: string,
): { shape: Record<string, unknown>; note: Record<string, unknown> } {
  return {
    shape: {
      type: "line",
      xref: "x",
      x0: x,
      x1: x,
      yref: "y domain",
      y0: 0,
      y1: 1,
      line: { dash: "dash", color, width: 1.5 },
    },
    note: {
      xref: "x",
      x: Math.log10(x),
      yref: "y domain",
      y: 1,
      yanchor: "bottom",
      text,
      showarrow: false,
      font: { color },
    },
  };
}

/**
 * Loss vs learning rate of a range test (log x axis), suggestion and minimum/10 marked.
 * @example
 * const fig = gl.plot.lrFinder({ lrs: [1e-3, 1e-2, 1e-1, 1], losses: [2.3, 2.1, 1.2, 5], smoothed: [2.3, 2.2, 1.8, 2.6], suggestion: 1e-2, minimumOver10: 1e-2 });
 * fig.layout!.xaxis // log axis titled "learning rate (log scale)"
 * fig.data.length // 2
 */
export function lrFinderFigure(r: LrFinderData, opts: FigureOptions = {}): Figure {
  const steep = vertical(r.suggestion, "#d62728", `steepest: ${r.suggestion.toExponential(1)}`);
  const min10 = vertical(r.minimumOver10, "#2ca02c", `min/10: ${r.minimumOver10.toExponential(1)}`);
  min10.note.yanchor = "top";
  return {
    data: [
      lineTrace({ x: r.lrs, y: r.losses, name: "mini-batch loss" }, { opacity: 0.35 }),
      lineTrace({ x: r.lrs, y: r.smoothed, name: "smoothed loss" }, { line: { width: 3 } }),
    ],
    layout: {
      ...baseLayout(
        { logX: true, ...opts },
        { title: "Learning-rate range test", xLabel: "learning rate (log scale)", yLabel: "training loss" },
      ),
      shapes: [steep.shape, min10.shape],
      annotations: [steep.note, min10.note],
    },
  };
}
