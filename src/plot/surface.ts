/** 3-D surface of a function of two variables (e.g. a loss landscape), with optional paths lifted onto it. */
import type { Figure } from "../display/notebook";
import { ContourOptions, contourOptions, GridValues, gridArg, zValues } from "./contour";
import { axis, titleOf } from "./layout";
import { plain } from "./line";
import { readable } from "./readable";

/**
 * Surface plot. A path needs its `z` values (e.g. the loss at each step) to be drawn.
 * @example
 * const g = gl.plot.gridOf((w1, w2) => w1 * w1 + 10 * w2 * w2, [-2, 2], [-1, 1]);
 * gl.plot.surface(g, { title: "Loss landscape", xLabel: "w1", yLabel: "w2", zLabel: "loss" });
 */
export function surface(g: GridValues, opts: ContourOptions = {}): Figure {
  opts = contourOptions("plot.surface", opts);
  gridArg("plot.surface", "g", g);
  const zLabel = (opts.logZ ? "log10 " : "") + (opts.zLabel ?? "loss");
  const data: Record<string, unknown>[] = [
    {
      type: "surface",
      x: plain(g.x),
      y: plain(g.y),
      z: zValues(g, opts.logZ),
      colorscale: "Viridis",
      colorbar: { title: { text: zLabel } },
      name: zLabel,
    },
  ];
  for (const p of opts.paths ?? []) {
    if (!p.z) continue;
    const z = Array.from(p.z, (v) => (opts.logZ ? (v > 0 ? Math.log10(v) : NaN) : v));
    data.push({
      type: "scatter3d",
      mode: "lines+markers",
      x: plain(p.x),
      y: plain(p.y),
      z,
      name: p.name ?? "path",
      marker: { size: 3 },
    });
  }
  return readable({
    data,
    layout: {
      title: titleOf(opts.title ?? "Loss landscape"),
      // five ticks per axis and a cube-shaped box seen from further away: the tick labels of a
      // short axis do not run into each other, and the corner labels do not meet
      scene: {
        xaxis: axis(opts.xLabel ?? "w1", false, { nticks: 5 }),
        yaxis: axis(opts.yLabel ?? "w2", false, { nticks: 5 }),
        zaxis: axis(zLabel, false, { nticks: 5 }),
        aspectmode: "cube",
        camera: { eye: { x: 1.6, y: -1.6, z: 1.1 } },
      },
      margin: { l: 0, r: 0, t: 60, b: 0 },
      height: opts.height ?? 520,
      width: opts.width ?? 800, // the cube fills the height; wider would leave a blank band before the colour bar
    },
  });
}
