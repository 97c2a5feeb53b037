import { expect } from "chai";
import * as gl from "../../src";
import { expectReadableFigure, titleText } from "./figureChecks";

type Rec = Record<string, unknown>;

describe("plot builders", () => {
  it("line draws one scatter trace per series, with axis titles, log axes and guide lines", () => {
    const fig = gl.plot.line(
      [
        { y: [1, 0.5, 0.25], name: "train" },
        { x: [0, 2, 4], y: [1, 0.7, 0.6], name: "val" },
      ],
      { title: "Loss", xLabel: "epoch", yLabel: "loss", logY: true, guides: [{ y: 0.3, label: "target" }] },
    );
    expectReadableFigure(fig);
    expect(fig.data.map((t) => [t.type, t.name])).to.deep.equal([
      ["scatter", "train"],
      ["scatter", "val"],
    ]);
    expect(fig.data[0].x).to.deep.equal([0, 1, 2]); // default x is the index
    expect(fig.data[1].x).to.deep.equal([0, 2, 4]);
    const layout = fig.layout as Rec;
    expect(titleText((layout.xaxis as Rec).title)).to.equal("epoch");
    expect((layout.yaxis as Rec).type).to.equal("log");
    expect((layout.xaxis as Rec).type).to.equal(undefined);
    const shape = (layout.shapes as Rec[])[0];
    expect([shape.y0, shape.y1]).to.deep.equal([0.3, 0.3]);
  });

  it("line accepts a bare array and typed arrays and gives plain number arrays", () => {
    const fig = gl.plot.line(new Float32Array([3, 2, 1]), { title: "t", xLabel: "x", yLabel: "y" });
    expect(Array.isArray(fig.data[0].y)).to.equal(true);
    expect(fig.data[0].y).to.deep.equal([3, 2, 1]);
  });

  it("bar puts categories on x and one trace per group", () => {
    const fig = gl.plot.bar(
      ["conv1", "fc"],
      [
        { name: "params", values: [80, 8010] },
        { name: "MACs", values: [1e4, 8e3] },
      ],
      {
        title: "Cost per layer",
        xLabel: "layer",
        yLabel: "count",
        logY: true,
      },
    );
    expectReadableFigure(fig);
    expect(fig.data.map((t) => t.type)).to.deep.equal(["bar", "bar"]);
    expect(fig.data[0].x).to.deep.equal(["conv1", "fc"]);
    expect(((fig.layout as Rec).yaxis as Rec).type).to.equal("log");
  });

  it("histogramGrid: one bar trace per layer on its own axes, shared edges, fractions summing to 1, shared x and y", () => {
    const panels = [
      { name: "layer 1", values: [0.1, -0.2, 0.3, 0.0] },
      { name: "layer 2", values: [0.9, -0.99, 0.95, 1] },
      { name: "layer 3", values: [0.5, 0.5] },
    ];
    const fig = gl.plot.histogramGrid(panels, {
      title: "tanh activations",
      xLabel: "activation value",
      cols: 2,
      bins: 10,
    });
    expectReadableFigure(fig);
    expect(fig.data.map((t) => [t.type, t.xaxis, t.yaxis])).to.deep.equal([
      ["bar", "x", "y"],
      ["bar", "x2", "y2"],
      ["bar", "x3", "y3"],
    ]);
    for (const t of fig.data) expect((t.y as number[]).reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-12);
    expect(fig.data[0].x).to.deep.equal(fig.data[1].x); // same bin centres: panels compare directly
    const layout = fig.layout as Rec;
    expect((layout.xaxis2 as Rec).matches).to.equal("x");
    expect((layout.yaxis3 as Rec).matches).to.equal("y");
    // the domains of the three panels do not overlap
    const dom = (k: string): number[] => (layout[k] as Rec).domain as number[];
    expect(dom("xaxis")[1]).to.be.lessThan(dom("xaxis2")[0]);
    expect(dom("yaxis3")[1]).to.be.lessThan(dom("yaxis")[0]);
    expect((layout.annotations as Rec[]).map((a) => a.text)).to.deep.equal([
      "<b>layer 1</b>",
      "<b>layer 2</b>",
      "<b>layer 3</b>",
    ]);
  });

  it("layerLines draws one line per layer and the 1e-3 guide at -3", () => {
    const fig = gl.plot.layerLines(
      [0, 10, 20],
      { "0.weight": [-2.1, -2.8, -3.1], "2.weight": [-2.5, null, -3.3] },
      {
        title: "update:data ratio",
        xLabel: "step",
        yLabel: "log10(std(Δw) / std(w))",
        guides: [{ y: -3, label: "1e-3" }],
      },
    );
    expectReadableFigure(fig);
    expect(fig.data.map((t) => t.name)).to.deep.equal(["0.weight", "2.weight"]);
    expect(fig.data[1].y).to.deep.equal([-2.5, NaN, -3.3]);
    expect(((fig.layout as Rec).shapes as Rec[])[0].y0).to.equal(-3);
  });

  it("heatmap draws row 0 at the top and outlines a rectangle of cells exactly", () => {
    const z = [
      [0, 1, 0, 0],
      [1, 4, 1, 0],
      [0, 1, 0, 0],
    ];
    const fig = gl.plot.heatmap(z, {
      title: "ERF",
      xLabel: "input column (px)",
      yLabel: "input row (px)",
      rects: [{ left: 0, top: 0, width: 3, height: 3, label: "RF" }],
    });
    expectReadableFigure(fig);
    expect(fig.data[0].type).to.equal("heatmap");
    expect(fig.data[0].z).to.deep.equal(z);
    const layout = fig.layout as Rec;
    // row 0 at the top: the y range runs from the last row down to the first, exactly the cells
    expect((layout.yaxis as Rec).range).to.deep.equal([2.5, -0.5]);
    expect((layout.xaxis as Rec).range).to.deep.equal([-0.5, 3.5]);
    const r = (layout.shapes as Rec[])[0];
    // cells 0..2 are centred on 0, 1, 2: the outline runs from -0.5 to 2.5
    expect([r.x0, r.x1, r.y0, r.y1]).to.deep.equal([-0.5, 2.5, -0.5, 2.5]);
  });

  it("gridOf evaluates f(x, y) with z[i][j] = f(x[j], y[i]); contour draws it with the paths on top", () => {
    const g = gl.plot.gridOf((a, b) => a + 10 * b, [0, 1], [0, 2], 3);
    expect(g.x).to.deep.equal([0, 0.5, 1]);
    expect(g.y).to.deep.equal([0, 1, 2]);
    expect(g.z[2][1]).to.equal(0.5 + 20);
    const fig = gl.plot.contour(g, {
      title: "Loss surface",
      xLabel: "w1",
      yLabel: "w2",
      zLabel: "loss",
      paths: [{ name: "SGD", x: [0, 0.5], y: [2, 1] }],
      logZ: true,
    });
    expectReadableFigure(fig);
    expect(fig.data.map((t) => t.type)).to.deep.equal(["contour", "scatter"]);
    expect((fig.data[0].z as number[][])[2][1]).to.be.closeTo(Math.log10(20.5), 1e-12);
    expect(Number.isNaN((fig.data[0].z as number[][])[0][0])).to.equal(true); // log10(0) is shown as a gap
    expect((fig.layout!.yaxis as Record<string, unknown>).scaleanchor).to.equal(undefined);
    const square = gl.plot.contour(g, { equalAspect: true });
    expect((square.layout!.yaxis as Record<string, unknown>).scaleanchor).to.equal("x"); // an elongated valley looks elongated
  });

  it("surface lifts paths that carry z onto the surface and titles the three scene axes", () => {
    const g = gl.plot.gridOf((a, b) => a * a + b * b, [-1, 1], [-1, 1], 5);
    const fig = gl.plot.surface(g, {
      title: "Loss landscape",
      xLabel: "w1",
      yLabel: "w2",
      zLabel: "loss",
      paths: [
        { x: [1, 0], y: [1, 0], z: [2, 0], name: "GD" },
        { x: [0], y: [0] },
      ],
    });
    expectReadableFigure(fig);
    expect(fig.data.map((t) => t.type)).to.deep.equal(["surface", "scatter3d"]);
  });

  it("imageGrid: one heatmap per image on its own square, top-down axes; a Tensor [n, 1, h, w] is split into images", () => {
    const t = gl.arange(2 * 1 * 2 * 3).reshape([2, 1, 2, 3]);
    const fig = gl.plot.imageGrid(t, { title: "Digits", titles: ["a", "b"], cols: 2 });
    expectReadableFigure(fig);
    expect(fig.data.map((d) => [d.type, d.xaxis])).to.deep.equal([
      ["heatmap", "x"],
      ["heatmap", "x2"],
    ]);
    expect(fig.data[1].z).to.deep.equal([
      [6, 7, 8],
      [9, 10, 11],
    ]);
    const layout = fig.layout as Rec;
    expect((layout.yaxis2 as Rec).autorange).to.equal("reversed");
    expect((layout.yaxis2 as Rec).scaleanchor).to.equal("x2");
    expect([fig.data[0].zmin, fig.data[0].zmax]).to.deep.equal([0, 11]); // one colour scale for all
  });

  it("imageGrid centres a diverging scale on 0 (filters) and refuses a shape it cannot split", () => {
    const fig = gl.plot.imageGrid([[[-1, 2]], [[0.5, 0]]], { title: "Filters", diverging: true });
    expect([fig.data[0].zmin, fig.data[0].zmax]).to.deep.equal([-2, 2]);
    expect(() => gl.plot.imageGrid(gl.zeros([2, 3, 4, 4]), { title: "x" })).to.throw(
      gl.ShapeError,
      /one input channel/,
    );
  });

  it("decisionRegions calls predict on a grid covering the data and draws one scatter per class", () => {
    const X = [
      [0, 0],
      [1, 1],
      [0, 1],
    ];
    const fig = gl.plot.decisionRegions(X, [0, 1, 1], {
      predict: (P) => P.map(([a, b]) => (a + b > 1 ? 1 : 0)),
      resolution: 11,
      title: "Boundary",
      xLabel: "x1",
      yLabel: "x2",
    });
    expectReadableFigure(fig);
    expect(fig.data.map((t) => t.type)).to.deep.equal(["heatmap", "scatter", "scatter"]);
    const bg = fig.data[0] as { x: number[]; y: number[]; z: number[][] };
    expect(bg.x[0]).to.be.lessThan(0); // margin around the data
    expect(bg.x[10]).to.be.greaterThan(1);
    for (let i = 0; i < 11; i++)
      for (let j = 0; j < 11; j++) expect(bg.z[i][j]).to.equal(bg.x[j] + bg.y[i] > 1 ? 1 : 0);
    expect(fig.data[2].x).to.deep.equal([1, 0]);
  });

  it("sweep builds one frame per value, a slider step per frame that animates to it, and a play button", () => {
    const xs = [-1, 0, 1, 2];
    const fig = gl.plot.sweep({
      values: [0.01, 0.1, 0.3],
      label: "alpha",
      title: "Leaky ReLU",
      xLabel: "x",
      yLabel: "f(x)",
      initial: 1,
      frame: (a) => [{ type: "scatter", x: xs, y: xs.map((x) => (x > 0 ? x : a * x)) }],
      yRange: [-1, 2],
    });
    expectReadableFigure(fig);
    const frames = fig.frames as { name: string; data: Rec[] }[];
    expect(frames.length).to.equal(3);
    expect(fig.data).to.deep.equal(frames[1].data); // the initial value is shown first
    expect(frames[2].data[0].y).to.deep.equal([-0.3, 0, 1, 2]);
    const slider = ((fig.layout as Rec).sliders as Rec[])[0];
    expect(slider.active).to.equal(1);
    const steps = slider.steps as { label: string; method: string; args: [string[], Rec] }[];
    expect(steps.map((s) => s.label)).to.deep.equal(["0.01", "0.1", "0.3"]);
    expect(steps.map((s) => s.method)).to.deep.equal(["animate", "animate", "animate"]);
    expect(steps.map((s) => s.args[0][0])).to.deep.equal(frames.map((f) => f.name)); // each step names an existing frame
    const buttons = (((fig.layout as Rec).updatemenus as Rec[])[0].buttons as Rec[]).map((b) => b.label);
    expect(buttons).to.deep.equal(["Play", "Pause"]);
    expect(((fig.layout as Rec).yaxis as Rec).range).to.deep.equal([-1, 2]);
  });

  it("sweep refuses frames with different trace counts (plotly would animate the wrong traces)", () => {
    expect(() =>
      gl.plot.sweep({
        values: [1, 2],
        label: "n",
        frame: (n) => Array.from({ length: n }, () => ({ type: "scatter", x: [], y: [] })),
      }),
    ).to.throw(gl.ArgumentError, /same number of traces/);
  });

  it("history draws the step loss, the epoch loss and validation loss, plus one panel per metric", () => {
    const h = {
      steps: { step: [1, 2, 3, 4], loss: [2, 1.5, 1.2, 1] },
      epochs: {
        step: [2, 4],
        loss: [1.75, 1.1],
        valLoss: [1.8, 1.3],
        metrics: { accuracy: [0.5, 0.8] },
        valMetrics: { accuracy: [0.45, 0.7] },
      },
    };
    const fig = gl.plot.history(h, { logY: true });
    expectReadableFigure(fig);
    expect(fig.data.map((t) => [t.name, t.xaxis])).to.deep.equal([
      ["loss per step", "x"],
      ["train loss (epoch mean)", "x"],
      ["validation loss", "x"],
      ["train accuracy", "x2"],
      ["validation accuracy", "x2"],
    ]);
    const layout = fig.layout as Rec;
    expect((layout.yaxis as Rec).type).to.equal("log");
    expect(titleText((layout.yaxis2 as Rec).title)).to.equal("accuracy");
  });
});
