/** The sweep catalogue, part: the plot builders and the notebook display. */
import * as gl from "../../src";
import { Entry, Kind, a, int, mlp, num, opts, numbers } from "./build";

/**
 * A list or a plain-data object (series, categories, a grid, a figure, probe records): the sweep
 * has no kind of its own for them. The mistakes it makes of a "tensorLike" argument — undefined,
 * null, a string, an empty plain object — are exactly the mistakes of a list or a data object too
 * (none of them is a valid list, figure or record), so the builders' data arguments use it.
 */
const data: Kind = { kind: "tensorLike" };
const label: Kind = { kind: "any" }; // titles and names: free-form text
const flag: Kind = { kind: "bool" };
const pixels = num({ min: 0, minExclusive: true });

/** The options every figure builder takes (plot/layout.ts FigureOptions). */
const figureKeys: Record<string, Kind> = {
  title: label,
  xLabel: label,
  yLabel: label,
  logX: flag,
  logY: flag,
  height: pixels,
  width: pixels,
};

const graph = () => {
  const w = gl.tensor(2, [], { requiresGrad: true });
  return gl.traceGraph(gl.mul(w, 3), { w });
};
const grid = () => gl.plot.gridOf((p, q) => p * p + 10 * q * q, [-2, 2], [-1, 1], 6);
const figure = () => ({ data: [{ type: "scatter", x: [1, 2, 3], y: [1, 4, 9] }], layout: { title: { text: "t" } } });
const records = () => gl.probe.forwardStats(mlp(), gl.randn([8, 2]));
const historyData = () => ({
  steps: { step: [1, 2, 3, 4], loss: [1, 0.8, 0.7, 0.6] },
  epochs: { step: [2, 4], loss: [0.9, 0.65], valLoss: [1, 0.7], metrics: { acc: [0.5, 0.6] } },
});
const search = () => ({
  method: "random",
  space: { lr: { kind: "logUniform" } },
  trials: [
    { params: { lr: 1e-3 }, score: 0.9 },
    { params: { lr: 1e-2 }, score: 0.4 },
    { params: { lr: 1 }, score: 2.3, aborted: true },
  ],
});
const contourKeys: Record<string, Kind> = {
  ...figureKeys,
  zLabel: label,
  paths: data,
  levels: int(1),
  logZ: flag,
  equalAspect: flag,
};
const path = () => ({ paths: [{ name: "p", x: [-1, 0, 1], y: [0.5, 0, -0.5], z: [11, 0, 11] }] });

export const plotEntries: Entry[] = [
  {
    fn: "plot.line",
    args: [
      a("series", data, () => [
        { name: "train", x: [0, 1, 2], y: [1, 0.5, 0.25] },
        { name: "val", y: [1, 0.7, NaN] }, // NaN: a gap (documented)
      ]),
      a(
        "opts",
        opts({ ...figureKeys, guides: data }),
        () => ({ title: "loss", guides: [{ y: 0.5, label: "half" }] }),
        true,
      ),
    ],
    call: (v) => gl.plot.line(v[0] as never, v[1] as never),
  },
  {
    fn: "plot.bar",
    args: [
      a("categories", data, () => ["a", "b", "c"]),
      a("groups", data, () => [{ name: "g", values: [1, 2, 3] }]),
      a("opts", opts({ mode: label, horizontal: flag, ...figureKeys }), () => ({ mode: "stack" }), true),
    ],
    call: (v) => gl.plot.bar(v[0] as never, v[1] as never, v[2] as never),
  },
  {
    fn: "plot.computationalGraph",
    args: [a("trace", data, graph), a("opts", opts({ title: label }), () => ({}), true)],
    call: (v) => gl.plot.computationalGraph(v[0] as never, v[1] as never),
  },
  {
    fn: "plot.contour",
    args: [a("g", data, grid), a("opts", opts(contourKeys), path, true)],
    call: (v) => gl.plot.contour(v[0] as never, v[1] as never),
  },
  {
    fn: "plot.surface",
    args: [a("g", data, grid), a("opts", opts(contourKeys), path, true)],
    call: (v) => gl.plot.surface(v[0] as never, v[1] as never),
  },
  {
    fn: "plot.gridOf",
    args: [
      a("f", { kind: "fn" }, () => (p: number, q: number) => p + q),
      a("xRange", numbers(2), () => [-1, 1]),
      a("yRange", numbers(2), () => [-2, 2]),
      a("n", int(2), () => 5, true),
    ],
    call: (v) => gl.plot.gridOf(v[0] as never, v[1] as never, v[2] as never, v[3] as never),
  },
  {
    fn: "plot.decisionRegions",
    args: [
      a("X", { kind: "tensor", rank: 2 }, () =>
        gl.tensor([
          [0, 0],
          [1, 1],
          [0, 1],
          [1, 0],
        ]),
      ),
      a("y", data, () => [0, 1, 0, 1]),
      a(
        "opts",
        opts({
          predict: { kind: "fn" },
          grid: data,
          resolution: int(2),
          margin: num({ min: 0 }),
          classNames: label,
          ...figureKeys,
        }),
        () => ({ predict: (P: number[][]) => P.map(([p, q]) => (p + q > 1 ? 1 : 0)), resolution: 8 }),
        true,
      ),
    ],
    call: (v) => gl.plot.decisionRegions(v[0] as never, v[1] as never, v[2] as never),
  },
  {
    fn: "plot.heatmap",
    args: [
      a("z", data, () => [
        [0, 1, 0],
        [1, 4, 1],
      ]),
      a(
        "opts",
        opts({
          rects: data,
          x: data,
          y: data,
          zLabel: label,
          colorscale: label,
          origin: label,
          equalAspect: flag,
          ...figureKeys,
        }),
        () => ({ rects: [{ left: 0, top: 0, width: 2, height: 2, label: "rf" }] }),
        true,
      ),
    ],
    call: (v) => gl.plot.heatmap(v[0] as never, v[1] as never),
  },
  {
    fn: "plot.histogramGrid",
    args: [
      a("panels", data, () => [
        { name: "a", values: [0.1, -0.2, 0.3] },
        { name: "b", values: [0.9, -0.99, 0.95] },
      ]),
      a(
        "opts",
        opts({ cols: int(1), bins: int(1), sharedX: flag, sharedY: flag, color: label, ...figureKeys }),
        () => ({ cols: 2, bins: 5 }),
        true,
      ),
    ],
    call: (v) => gl.plot.histogramGrid(v[0] as never, v[1] as never),
  },
  {
    fn: "plot.history",
    args: [
      a("h", data, historyData),
      a(
        "opts",
        opts({ metrics: data, title: label, logY: flag, height: pixels }),
        () => ({ metrics: ["acc"], logY: true }),
        true,
      ),
    ],
    call: (v) => gl.plot.history(v[0] as never, v[1] as never),
  },
  {
    fn: "plot.imageGrid",
    args: [
      a("images", { kind: "tensor" }, () => gl.rand([3, 4, 4])),
      a(
        "opts",
        opts({
          titles: label,
          cols: int(1),
          title: label,
          colorscale: label,
          diverging: flag,
          scale: label,
          panelSize: pixels,
          zLabel: label,
        }),
        () => ({ titles: ["a", "b", "c"], cols: 2 }),
        true,
      ),
    ],
    call: (v) => gl.plot.imageGrid(v[0] as never, v[1] as never),
  },
  { fn: "plot.inNotebook", args: [], call: () => gl.plot.inNotebook() },
  {
    fn: "plot.kernelPlacement",
    args: [
      a("w", data, () => gl.arith.windowPositions({ inputSize: 7, kernelSize: 3, stride: 2, padding: 1 })),
      a("opts", opts({ title: label }), () => ({}), true),
    ],
    call: (v) => gl.plot.kernelPlacement(v[0] as never, v[1] as never),
  },
  {
    fn: "plot.layerLines",
    args: [
      a("steps", numbers(), () => [0, 10, 20]),
      a("series", data, () => ({ "0.weight": [-2.1, -2.8, -3.1], "2.weight": [-2.5, null, -3.3] })),
      a("opts", opts({ guides: data, ...figureKeys }), () => ({ guides: [{ y: -3, label: "1e-3" }] }), true),
    ],
    call: (v) => gl.plot.layerLines(v[0] as never, v[1] as never, v[2] as never),
  },
  {
    fn: "plot.layerStats",
    args: [
      a("records", data, () => [records()]),
      a("opts", opts({ stat: label, guides: data, ...figureKeys }), () => ({ stat: "activation.std" }), true),
    ],
    call: (v) => gl.plot.layerStats(v[0] as never, v[1] as never),
  },
  {
    fn: "plot.probeHistograms",
    args: [
      a("records", data, records),
      a(
        "opts",
        opts({ names: data, kind: label, step: int(0), title: label, cols: int(1) }),
        () => ({ kind: "activation", cols: 2 }),
        true,
      ),
    ],
    call: (v) => gl.plot.probeHistograms(v[0] as never, v[1] as never),
  },
  {
    fn: "plot.lrFinder",
    args: [
      a("lrs", data, () => [1e-3, 1e-2, 1e-1, 1]),
      a("losses", data, () => [2.3, 2.1, 1.2, 5]),
      a("smoothed", data, () => [2.3, 2.2, 1.8, 2.6]),
      a("suggestion", num({ min: 0, minExclusive: true }), () => 1e-2),
      a("minimumOver10", num({ min: 0, minExclusive: true }), () => 1e-2),
      a("opts", opts(figureKeys), () => ({}), true),
    ],
    call: (v) =>
      gl.plot.lrFinder(
        { lrs: v[0], losses: v[1], smoothed: v[2], suggestion: v[3], minimumOver10: v[4] } as never,
        v[5] as never,
      ),
  },
  {
    fn: "plot.normGroups",
    args: [
      a("panels", data, () => [gl.nn.normGroups("batch", [2, 3, 2, 2]), gl.nn.normGroups("layer", [2, 3, 2, 2])]),
      a("opts", opts({ titles: label, title: label }), () => ({ titles: ["batch", "layer"] }), true),
    ],
    call: (v) => gl.plot.normGroups(v[0] as never, v[1] as never),
  },
  {
    fn: "plot.searchScores",
    args: [a("result", data, search), a("opts", opts({ scoreLabel: label, ...figureKeys }), () => ({}), true)],
    call: (v) => gl.plot.searchScores(v[0] as never, v[1] as never),
  },
  {
    fn: "plot.searchCoverage",
    args: [a("results", data, () => [search()]), a("opts", opts(figureKeys), () => ({}), true)],
    call: (v) => gl.plot.searchCoverage(v[0] as never, v[1] as never),
  },
  {
    fn: "plot.sweep",
    args: [
      a(
        "spec",
        opts({
          values: data,
          label: label,
          frame: { kind: "fn" },
          format: { kind: "fn" },
          initial: int(0, 2),
          xRange: data,
          yRange: data,
          duration: num({ min: 0 }),
          ...figureKeys,
        }),
        () => ({
          values: [0.01, 0.1, 0.3],
          label: "alpha",
          frame: (s: number) => [{ type: "scatter", x: [-1, 0, 1], y: [-s, 0, 1] }],
          yRange: [-1, 1],
        }),
      ),
    ],
    call: (v) => gl.plot.sweep(v[0] as never),
  },
  // ---- small helpers that are public too
  {
    fn: "plot.palette",
    args: [a("n", int(0), () => 12)],
    call: (v) => gl.plot.palette(v[0] as never),
  },
  {
    fn: "plot.logTicks",
    args: [a("values", numbers(), () => [2, 64])],
    call: (v) => gl.plot.logTicks(v[0] as never),
  },
  {
    fn: "plot.readable",
    args: [a("fig", data, figure)],
    call: (v) => gl.plot.readable(v[0] as never),
  },
  {
    fn: "plot.scriptSafeJSON",
    // any JSON value (null too) is valid; undefined and functions are checked in the library
    args: [a("value", { kind: "any" }, () => ({ a: "</script>" }))],
    call: (v) => gl.plot.scriptSafeJSON(v[0]),
  },
  { fn: "plot.plotlyBundleHTML", args: [], call: () => gl.plot.plotlyBundleHTML().length },
  {
    fn: "plot.figureHTML",
    args: [a("fig", data, figure), a("id", label, () => "fig-1", true)],
    call: (v) => gl.plot.figureHTML(v[0] as never, v[1] as never),
  },
  // ---- the notebook display (outside a notebook: a one-line summary, after the same checks)
  {
    fn: "plot.show",
    args: [a("fig", data, figure)],
    call: (v) => gl.plot.show(v[0] as never),
  },
  {
    // html and fallbackText are text (the sweep has no kind for a string); checked in the library
    fn: "plot.showHTML",
    args: [a("html", label, () => "<b>hi</b>"), a("fallbackText", label, () => "hi", true)],
    call: (v) => gl.plot.showHTML(v[0] as never, v[1] as never),
  },
  {
    fn: "plot.liveDisplay",
    args: [],
    call: () => gl.plot.liveDisplay(),
  },
  {
    fn: "plot.liveDisplay.figure",
    args: [a("fig", data, figure)],
    call: (v) => gl.plot.liveDisplay().figure(v[0] as never),
  },
];
