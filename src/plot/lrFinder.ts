/**
 * The learning-rate range test's figure: loss against learning rate on a log axis, the raw
 * mini-batch losses faint and the smoothed curve bold, with the steepest-descent suggestion and
 * the minimum/10 rule marked as vertical lines.
 */
import type { Figure } from "../display/notebook";
import { num, numberList, objectArg } from "../args";
import { baseLayout, FIGURE_KEYS, figureOptions, FigureOptions } from "./layout";
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
export function lrFinderFigure(result: LrFinderData, opts: FigureOptions = {}): Figure {
  const fn = "plot.lrFinder";
  opts = figureOptions<FigureOptions>(fn, opts, FIGURE_KEYS);
  const r = objectArg(fn, "result", result, {
    what: "a range test's result { lrs, losses, smoothed, suggestion, minimumOver10 } (what gl.tune.lrFinder returns)",
    fix: "Pass the awaited result: const r = await gl.tune.lrFinder(model, data, opts); gl.plot.lrFinder(r).",
    keys: ["lrs", "losses", "smoothed", "suggestion", "minimumOver10"],
  }) as unknown as LrFinderData;
  // learning rates sit on a log axis: positive; a loss may be NaN/Inf where the test stopped (a gap)
  const n = numberList(fn, "result.lrs", r.lrs, { positive: true }).length;
  const same = { gaps: true, length: n, lengthOf: "'result.lrs'" };
  if (!Array.isArray(r.losses) && !ArrayBuffer.isView(r.losses)) numberList(fn, "result.losses", r.losses);
  const losses = Array.from(r.losses as unknown[], (v) => (typeof v === "number" && !Number.isFinite(v) ? NaN : v));
  numberList(fn, "result.losses", losses, same);
  numberList(fn, "result.smoothed", r.smoothed, same);
  num(fn, "result.suggestion", r.suggestion, { min: 0, minExclusive: true });
  num(fn, "result.minimumOver10", r.minimumOver10, { min: 0, minExclusive: true });
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
