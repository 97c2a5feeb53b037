/**
 * `gl.plot.show`: a figure, hand-made or from a builder, passes through `readable` (log ticks,
 * ranges over every slider frame, colours, aspect) and is then displayed by the notebook floor
 * (display/notebook.ts), which knows nothing about figure contents.
 */
import { Figure, show as display } from "../display/notebook";
import { figureArg } from "../display/figureCheck";
import { readable } from "./readable";

/**
 * Displays a plotly figure in the notebook (interactive, offline), with gradlab's readability
 * defaults applied; outside a notebook it prints a one-line summary.
 * @example gl.plot.show({ data: [{ x: [1, 10, 100], y: [3, 2, 1], type: "scatter" }], layout: { title: { text: "decades" }, xaxis: { type: "log" } } });
 */
export function show(fig: Figure): void {
  display(readable(figureArg("plot.show", "fig", fig)));
}
