/**
 * Figure: which elements of an (N, C, H, W) tensor share one mean and variance, for several
 * normalization layers side by side. Each panel is the tensor laid flat: one row per example n,
 * one block of H·W columns per channel c; cells of one colour (and one number) form one group.
 * Takes the plain data of `gl.nn.normGroups`.
 */
import type { Figure } from "../display/notebook";
import { int, listArg, numberList, objectArg } from "../args";
import { ArgumentError, check } from "../errors";
import { figureOptions } from "./layout";
import { palette, readable } from "./readable";

const FN = "plot.normGroups";

/** Each panel: a 4-D shape and one group id in [0, numGroups) per element of it. */
function checkPanels(panels: unknown): NormGroupsData[] {
  listArg(FN, "panels", panels, {
    what: "groupings, as gl.nn.normGroups returns",
    example: '[gl.nn.normGroups("batch", [4, 6, 2, 2])]',
    minLength: 1,
  });
  (panels as unknown[]).forEach((p, k) => {
    const v = objectArg(FN, `panels[${k}]`, p, {
      what: "a grouping { kind, shape, groupOf, numGroups } (gl.nn.normGroups)",
      fix: 'Pass gl.nn.normGroups("layer", [N, C, H, W]).',
      keys: ["kind", "shape", "groupOf", "numGroups"],
    });
    const shape = numberList(FN, `panels[${k}].shape`, v.shape, { length: 4, lengthOf: "[N, C, H, W]" });
    shape.forEach((d, i) => int(FN, `panels[${k}].shape[${i}]`, d, { min: 1 }));
    const G = int(FN, `panels[${k}].numGroups`, v.numGroups, { min: 1 });
    const size = shape.reduce((a, b) => a * b, 1);
    const ids = numberList(FN, `panels[${k}].groupOf`, v.groupOf, {
      length: size,
      lengthOf: "the elements of its shape",
    });
    check(
      ids.every((g) => Number.isInteger(g) && g >= 0 && g < G),
      () =>
        new ArgumentError({
          fn: FN,
          arg: `panels[${k}].groupOf`,
          expected: `group ids in [0, ${G - 1}] (numGroups ${G})`,
          received: "ids outside that range",
          fix: "Pass the grouping gl.nn.normGroups returns, unchanged.",
        }),
    );
  });
  return panels as NormGroupsData[];
}

/** The fields of `gl.nn.normGroups(...)` this figure reads. */
export interface NormGroupsData {
  kind: string;
  shape: [number, number, number, number];
  groupOf: Int32Array | number[];
  numGroups: number;
}

/**
 * One panel per grouping, stacked vertically.
 * @example
 * const shape = [4, 6, 2, 2];
 * gl.plot.show(gl.plot.normGroups([gl.nn.normGroups("batch", shape), gl.nn.normGroups("layer", shape)]));
 */
export function normGroups(panels: NormGroupsData[], opts: { titles?: string[]; title?: string } = {}): Figure {
  opts = figureOptions<{ titles?: string[]; title?: string }>(FN, opts, ["titles", "title"]);
  if (opts.titles !== undefined && opts.titles !== null)
    listArg(FN, "titles", opts.titles, { what: "panel titles, one per grouping", example: '["batch", "layer"]' });
  checkPanels(panels);
  const n = panels.length;
  const gap = 0.08;
  const h = (1 - gap * (n - 1)) / n;
  // a stepwise colour scale: group id mod K picks one of K colours, K = 10 or 24 (enough for
  // every group of the figure up to 24, so "one colour = one group" holds)
  const colours = palette(Math.max(...panels.map((p) => p.numGroups)));
  const K = colours.length;
  const colorscale: [number, string][] = [];
  colours.forEach((c, i) => colorscale.push([i / K, c], [(i + 1) / K - 1e-9, c]));
  colorscale[colorscale.length - 1][0] = 1;
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {
    title: { text: opts.title ?? "Which elements share one mean and variance (same colour and number = one group)" },
    height: 170 * n + 80,
    margin: { t: 60, l: 70 },
    annotations: [] as unknown[],
    shapes: [] as unknown[],
  };
  panels.forEach((p, k) => {
    const [N, C, H, W] = p.shape;
    const HW = H * W;
    const z: number[][] = [];
    const text: string[][] = [];
    for (let i = 0; i < N; i++) {
      const row = Array.from(p.groupOf.slice(i * C * HW, (i + 1) * C * HW));
      z.push(row.map((g) => (g % K) + 0.5));
      text.push(row.map(String));
    }
    const axis = k === 0 ? "" : String(k + 1);
    const top = 1 - k * (h + gap);
    data.push({
      type: "heatmap",
      z,
      text,
      texttemplate: "%{text}",
      textfont: { size: 9, color: "white" },
      zmin: 0,
      zmax: K,
      colorscale,
      showscale: false,
      xgap: 1,
      ygap: 1,
      hovertemplate: `example n=%{y}, column %{x}: group %{text}<extra>${p.kind}</extra>`,
      xaxis: `x${axis}`,
      yaxis: `y${axis}`,
    });
    const label = opts.titles?.[k] ?? `${p.kind} norm: ${p.numGroups} groups`;
    (layout.annotations as unknown[]).push({
      text: `<b>${label}</b>`,
      showarrow: false,
      xref: "paper",
      yref: "paper",
      x: 0,
      xanchor: "left",
      y: top + 0.01,
      yanchor: "bottom",
    });
    layout[`xaxis${axis}`] = {
      anchor: `y${axis}`,
      tickvals: Array.from({ length: C }, (_, c) => c * HW + (HW - 1) / 2),
      ticktext: Array.from({ length: C }, (_, c) => `c=${c}`),
      title: k === n - 1 ? { text: "channel c (each block: its H×W positions)" } : undefined,
    };
    layout[`yaxis${axis}`] = { domain: [top - h, top], autorange: "reversed", title: { text: "example n" }, dtick: 1 };
    for (let c = 1; c < C; c++)
      (layout.shapes as unknown[]).push({
        type: "line",
        xref: `x${axis}`,
        yref: `y${axis} domain`,
        x0: c * HW - 0.5,
        x1: c * HW - 0.5,
        y0: 0,
        y1: 1,
        line: { color: "black", width: 2 },
      });
  });
  return readable({ data, layout });
}
