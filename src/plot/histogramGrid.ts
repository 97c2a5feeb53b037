/**
 * A grid of histograms, one panel per layer, on shared axes so layers can be compared at a
 * glance (e.g. tanh activations piling up at ±1 in deeper layers, or gradients shrinking with depth).
 * Bars show the fraction of values in each bin, so layers of different sizes share one y scale.
 */
import { histogramOf, Histogram } from "../probe/histogram";
import type { Figure } from "../display/notebook";
import { listArg, numberList, objectArg, optionalInt } from "../args";
import { ArgumentError, check, show } from "../errors";
import { axis, FIGURE_KEYS, figureOptions, FigureOptions, grid, gridHeight, panelTitle, titleOf } from "./layout";
import { readable } from "./readable";

/** One panel: raw values (binned here) or a histogram already counted (e.g. from a probe). */
export interface HistogramPanel {
  name: string;
  values?: ArrayLike<number>;
  histogram?: Pick<Histogram, "edges" | "counts">;
}

export interface HistogramGridOptions extends FigureOptions {
  /** Panels per row (default 3). */
  cols?: number;
  /** Bins for raw values (default 40); raw values of all panels share one set of edges. */
  bins?: number;
  /** Share the x axis across panels (default true). */
  sharedX?: boolean;
  /** Share the y axis across panels (default true). */
  sharedY?: boolean;
  /** Bar colour. */
  color?: string;
}

const FN = "plot.histogramGrid";
const KEYS = [...FIGURE_KEYS, "cols", "bins", "sharedX", "sharedY", "color"];

/** Each panel has a name and either raw values (finite numbers; NaN/Inf are left out) or a counted histogram. */
function checkPanels(panels: unknown): HistogramPanel[] {
  listArg(FN, "panels", panels, {
    what: "panels { name, values }",
    example: '[{ name: "layer 1", values: [0.1, -0.2] }]',
  });
  (panels as unknown[]).forEach((p, i) => {
    const v = objectArg(FN, `panels[${i}]`, p, {
      what: "a panel { name, values } or { name, histogram }",
      fix: 'Write each panel as { name: "layer 1", values: [...] }.',
      keys: ["name"],
    });
    const at = `panels[${i}]`;
    if (v.histogram !== undefined && v.histogram !== null) {
      const h = objectArg(FN, `${at}.histogram`, v.histogram, {
        what: "a histogram { edges, counts } (edges: one more than counts)",
        fix: "Pass a probe's histogram (gl.probe.histogram(values)) or give raw 'values' instead.",
        keys: ["edges", "counts"],
      });
      const counts = numberList(FN, `${at}.histogram.counts`, h.counts);
      numberList(FN, `${at}.histogram.edges`, h.edges, { length: counts.length + 1, lengthOf: "the counts, plus one" });
    } else {
      check(
        v.values !== undefined && v.values !== null,
        () =>
          new ArgumentError({
            fn: FN,
            arg: `${at}.values`,
            expected: "the panel's raw values (or a counted 'histogram')",
            received: show(v.values),
            fix: `Give the panel values: [...] (e.g. t.toList() of a layer's output).`,
          }),
      );
      // NaN/Inf cannot be binned: they are left out (documented), so only the list itself is checked
      if (!Array.isArray(v.values) && !ArrayBuffer.isView(v.values)) numberList(FN, `${at}.values`, v.values);
    }
  });
  return panels as HistogramPanel[];
}

/**
 * Histogram grid: one panel per layer. Raw values that are NaN or ±Infinity are not counted.
 * @example
 * gl.plot.histogramGrid([{ name: "layer 1", values: [0.1, -0.2, 0.3] }, { name: "layer 2", values: [0.9, -0.99, 0.95] }],
 *                       { title: "tanh activations per layer", xLabel: "activation value" });
 */
export function histogramGrid(panels: HistogramPanel[], opts: HistogramGridOptions = {}): Figure {
  opts = figureOptions<HistogramGridOptions>(FN, opts, KEYS);
  optionalInt(FN, "cols", opts.cols, 3, { min: 1 });
  optionalInt(FN, "bins", opts.bins, 40, { min: 1, max: 10000 });
  checkPanels(panels);
  const cols = Math.max(1, Math.min(opts.cols ?? 3, panels.length || 1));
  const rows = Math.max(1, Math.ceil(panels.length / cols));
  // Sizes in pixels: a row gap that holds the tick labels, an x-axis title where a panel has
  // nothing below it (a short last row), and the next row's panel titles.
  const margin = { t: 90, b: 70, l: 70, r: 30 };
  const titledAbove = panels.some((_, i) => i + cols >= panels.length && Math.floor(i / cols) < rows - 1);
  const rowGapPx = titledAbove || opts.sharedX === false ? 80 : 50;
  const height = opts.height ?? gridHeight(panels.length, cols) + (rows - 1) * (rowGapPx - 30);
  const plotH = height - margin.t - margin.b;
  const cells = grid(panels.length, cols, 0.08, rows > 1 ? rowGapPx / plotH : 0);
  const bins = opts.bins ?? 40;
  const range = sharedRange(panels);
  const sharedX = opts.sharedX ?? true;
  const sharedY = opts.sharedY ?? true;
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {
    title: titleOf(opts.title ?? "Histograms per layer"),
    showlegend: false,
    bargap: 0,
    height,
    margin,
    ...(opts.width ? { width: opts.width } : {}),
  };
  const annotations: Record<string, unknown>[] = [];
  panels.forEach((panel, i) => {
    const cell = cells[i];
    const h = panel.histogram ?? histogramOf(panel.values ?? [], bins, range ?? undefined);
    const total = h.counts.reduce((a, b) => a + b, 0) || 1;
    const centres = h.counts.map((_, b) => (h.edges[b] + h.edges[b + 1]) / 2);
    const widths = h.counts.map((_, b) => h.edges[b + 1] - h.edges[b]);
    data.push({
      type: "bar",
      name: panel.name,
      x: centres,
      y: h.counts.map((c) => c / total),
      width: widths,
      xaxis: cell.xref,
      yaxis: cell.yref,
      ...(opts.color ? { marker: { color: opts.color } } : {}),
      hovertemplate: `${panel.name}<br>value %{x:.3g}<br>fraction %{y:.3f}<extra></extra>`,
    });
    const nothingBelow = i + cols >= panels.length;
    layout[cell.xKey] = {
      ...axis(nothingBelow || !sharedX ? (opts.xLabel ?? "value") : "", opts.logX),
      domain: cell.xDomain,
      anchor: cell.yref,
      ...(sharedX && i > 0 ? { matches: "x" } : {}),
    };
    layout[cell.yKey] = {
      ...axis(cell.col === 0 || !sharedY ? (opts.yLabel ?? "fraction of values") : "", opts.logY),
      domain: cell.yDomain,
      anchor: cell.xref,
      ...(sharedY && i > 0 ? { matches: "y" } : {}),
    };
    annotations.push(panelTitle(panel.name, cell));
  });
  layout.annotations = annotations;
  return readable({ data, layout });
}

/** [min, max] over the raw values of all panels (so they share bin edges), or null if none are raw. */
function sharedRange(panels: HistogramPanel[]): [number, number] | null {
  let low = Infinity;
  let high = -Infinity;
  for (const p of panels) {
    if (p.histogram || !p.values) continue;
    for (let i = 0; i < p.values.length; i++) {
      const v = p.values[i];
      if (!Number.isFinite(v)) continue;
      if (v < low) low = v;
      if (v > high) high = v;
    }
  }
  return low <= high ? [low, high] : null;
}
