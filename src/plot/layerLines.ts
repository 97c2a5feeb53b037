/**
 * Lines per layer over steps: one line per layer of a statistic recorded while training, e.g.
 * log10 of the update:data ratio with its 1e-3 rule-of-thumb guide at -3, or activation std per layer.
 */
import type { Figure } from "../display/notebook";
import { numberList, objectArg } from "../args";
import { ArgumentError, check } from "../errors";
import { baseLayout, FIGURE_KEYS, figureOptions, FigureOptions } from "./layout";
import { Guide, guideShapes, guidesArg, lineTrace } from "./line";

import { readable } from "./readable";

export interface LayerLinesOptions extends FigureOptions {
  /** Horizontal guide lines, e.g. [{ y: -3, label: "1e-3" }] for log10 update:data ratios. */
  guides?: Guide[];
}

/**
 * Lines per layer: `series` maps a layer name to its values at `steps`.
 * @example
 * gl.plot.layerLines([0, 10, 20], { "0.weight": [-2.1, -2.8, -3.1], "2.weight": [-2.5, -3.0, -3.3] },
 *   { title: "update:data ratio", xLabel: "step", yLabel: "log10(std(Δw) / std(w))", guides: [{ y: -3, label: "1e-3" }] });
 */
export function layerLines(
  steps: ArrayLike<number>,
  series: Record<string, ArrayLike<number | null>>,
  opts: LayerLinesOptions = {},
): Figure {
  const fn = "plot.layerLines";
  opts = figureOptions<LayerLinesOptions>(fn, opts, [...FIGURE_KEYS, "guides"]);
  guidesArg(fn, opts.guides);
  const n = numberList(fn, "steps", steps).length;
  const s = objectArg(fn, "series", series, {
    what: 'values by layer name, e.g. { "0.weight": [-2.1, -2.8] }',
    fix: "Pass gl.probe.seriesOf(probe.records, stat).series, or { name: values } with one value per step.",
  });
  // null or NaN: not recorded at that step (a gap in the line)
  check(
    Object.keys(s).length > 0,
    () =>
      new ArgumentError({
        fn,
        arg: "series",
        expected: "values of at least one layer, by name",
        received: "an object with no layers",
        fix: "Pass gl.probe.seriesOf(probe.records, stat).series after the probe recorded a step.",
      }),
  );
  for (const [name, values] of Object.entries(s))
    numberList(fn, `series.${name}`, values, { gaps: true, length: n, lengthOf: "'steps'" });
  const { shapes, annotations } = guideShapes(opts.guides);
  const data = Object.entries(series).map(([name, values]) =>
    lineTrace({ x: steps, y: Array.from(values, (v) => (v === null ? NaN : v)), name }),
  );
  return readable({
    data,
    layout: {
      ...baseLayout(opts, { title: "Per-layer statistic over training", xLabel: "step", yLabel: "value" }),
      showlegend: true,
      legend: { title: { text: "layer" } },
      ...(shapes.length ? { shapes, annotations } : {}),
    },
  });
}
