import { expect } from "chai";
import * as gl from "../../src";

type Rec = Record<string, unknown>;
const ax = (fig: gl.plot.Figure, key: string) => (fig.layout as Rec)[key] as Rec;

/** The value a tick label states: "10<sup>−3</sup>", "2×10<sup>5</sup>", "0.2", "1". */
function stated(label: string): number {
  const s = label.replace(/\u2212/g, "-");
  const m = /^(?:(\d+)×)?10<sup>(-?\d+)<\/sup>$/.exec(s);
  return m ? (m[1] ? Number(m[1]) : 1) * Math.pow(10, Number(m[2])) : Number(s);
}

describe("plot: readable figures (log ticks, ranges over every frame, colours, aspect)", () => {
  it("log ticks spanning many decades are powers of ten, written 10^k, each label stating its tick's value", () => {
    const t = gl.plot.logTicks([3e-17, 1e-9, 4e7])!;
    expect(t.ticktext.every((s) => /^(1|10|10<sup>\u2212?\d+<\/sup>)$/.test(s))).to.equal(true);
    expect(t.tickvals.length).to.be.at.most(9);
    t.tickvals.forEach((v, i) => expect(stated(t.ticktext[i])).to.be.closeTo(v, v * 1e-9));
    // no SI prefixes and no bare digits
    expect(t.ticktext.join(" ").replace(/<\/?sup>/g, "")).to.not.match(/[kμnpMG]/);
  });

  it("log ticks within a decade or two are 1-2-5 (or 1…9) steps with their full value: 0.2, 0.5, not '2', '5'", () => {
    const sizes = gl.plot.logTicks([2, 4, 8, 16, 32, 64])!;
    expect(sizes.ticktext).to.deep.equal(["2", "5", "10", "20", "50"]);
    const losses = gl.plot.logTicks([0.21, 0.35, 0.9])!;
    expect(losses.ticktext).to.include.members(["0.2", "0.3", "0.5", "0.9"]);
    losses.tickvals.forEach((v, i) => expect(stated(losses.ticktext[i])).to.be.closeTo(v, 1e-12));
    const lr = gl.plot.logTicks([0.004, 0.1])!;
    expect(lr.ticktext).to.deep.equal(["0.005", "0.01", "0.02", "0.05", "0.1"]);
    expect(gl.plot.logTicks([0, -1, NaN])).to.equal(null);
  });

  it("every builder's log axis gets those ticks (line with logY)", () => {
    const fig = gl.plot.line([{ y: [1e-12, 1e-6, 1, 1e4] }], { title: "t", xLabel: "x", yLabel: "y", logY: true });
    expect(ax(fig, "yaxis").ticktext).to.deep.equal(gl.plot.logTicks([1e-12, 1e-6, 1, 1e4])!.ticktext);
    expect(ax(fig, "yaxis").exponentformat).to.equal("power");
  });

  it("a sweep's fixed y range grows to hold every frame's points; a range that holds them is kept", () => {
    const xs = [-4, -2, 0, 2, 4];
    const fig = gl.plot.sweep({
      values: [0.5, 1, 3],
      label: "a",
      frame: (a) => [{ type: "scatter", x: xs, y: xs.map((x) => a * x) }],
      yRange: [-4, 4],
      xRange: [-5, 5],
    });
    const [lo, hi] = ax(fig, "yaxis").range as number[];
    expect(lo).to.be.at.most(-12);
    expect(hi).to.be.at.least(12);
    expect(ax(fig, "xaxis").range).to.deep.equal([-5, 5]);
  });

  it("a slider figure without a range gets one from all its frames, not only the first", () => {
    const fig = gl.plot.readable({
      data: [{ type: "scatter", x: [0, 1], y: [0, 1] }],
      frames: [{ name: "big", data: [{ y: [0, 100] }] }],
      layout: { xaxis: {}, yaxis: {} },
    });
    const [lo, hi] = ax(fig, "yaxis").range as number[];
    expect(lo).to.be.below(0);
    expect(hi).to.be.above(100);
  });

  it("on a slider figure no point's text is empty (plotly would never draw a label that appears later)", () => {
    const fig = gl.plot.kernelPlacement(
      gl.arith.windowPositions({ inputSize: 9, kernelSize: 3, stride: 2, padding: 1 }),
    );
    for (const f of fig.frames!)
      for (const t of f.data as Rec[]) if (Array.isArray(t.text)) expect(t.text).to.not.include("");
    // unit 0 reads cells -1..1 (t0 is the padding cell), cell 2 is plain input: " ", not ""
    expect((fig.data[0].text as string[]).slice(0, 4)).to.deep.equal(["t0", "t1", "t2", " "]);
  });

  it("more than ten lines get more than ten colours, and past 24 a dash as well", () => {
    const series = Array.from({ length: 11 }, (_, i) => ({ name: `layer ${i}`, y: [i, i + 1] }));
    const fig = gl.plot.line(series, { title: "t", xLabel: "x", yLabel: "y" });
    const colorway = (fig.layout as Rec).colorway as string[];
    expect(new Set(colorway).size).to.be.at.least(11);
    const many = gl.plot.line(
      Array.from({ length: 26 }, (_, i) => ({ name: `l${i}`, y: [i, i + 1] })),
      { title: "t", xLabel: "x", yLabel: "y" },
    );
    expect((many.data[25].line as Rec | undefined)?.dash).to.equal("dash");
    expect(many.data[3].line).to.equal(undefined);
    expect(gl.plot.palette(24).length).to.equal(24);
    expect(gl.plot.palette(3).length).to.equal(10);
  });

  it("a line lying on an earlier one is dashed and its legend says which line it covers", () => {
    const fig = gl.plot.line(
      [
        { name: "Xavier", y: [1, 0.5, 0.25] },
        { name: "LeCun", y: [1.001, 0.501, 0.2502] },
        { name: "He", y: [2, 1.5, 1] },
      ],
      { title: "t", xLabel: "x", yLabel: "y" },
    );
    expect(fig.data.map((t) => t.name)).to.deep.equal(["Xavier", "LeCun (≈ Xavier, dashed)", "He"]);
    expect((fig.data[1].line as Rec).dash).to.equal("dash");
    expect(fig.data[2].line).to.equal(undefined);
  });

  it("decision regions keep the data's shape (equal aspect) and zoom out until a boundary shows", () => {
    const X = [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ];
    // a linear rule whose boundary x1 = 5 lies far right of the data
    const fig = gl.plot.decisionRegions(X, [0, 0, 1, 1], {
      predict: (P) => P.map(([a]) => (a > 5 ? 1 : 0)),
      title: "t",
    });
    const grid = fig.data[0] as { z: number[][]; x: number[] };
    expect(new Set(grid.z.flat()).size).to.equal(2);
    expect(Math.max(...grid.x)).to.be.above(5);
    expect(ax(fig, "yaxis").scaleanchor).to.equal("x");
    expect(ax(fig, "xaxis").constrain).to.equal("domain");
    // a boundary inside the data: the usual 10 % margin
    const near = gl.plot.decisionRegions(X, [0, 0, 1, 1], { predict: (P) => P.map(([a]) => (a > 0.5 ? 1 : 0)) });
    expect(Math.max(...(near.data[0] as { x: number[] }).x)).to.be.closeTo(1.1, 1e-9);
  });

  it("a square heatmap is as wide as its plot needs (no blank band before the colour bar)", () => {
    const z = Array.from({ length: 41 }, () => Array.from({ length: 41 }, () => 1));
    const fig = gl.plot.heatmap(z, { title: "t" });
    const width = (fig.layout as Rec).width as number;
    expect(width).to.be.within(360, 700);
    expect(ax(fig, "xaxis").range).to.deep.equal([-0.5, 40.5]);
  });

  it("normGroups gives every group its own colour up to 24 groups (instance norm of 4 × 6)", () => {
    const fig = gl.plot.normGroups([gl.nn.normGroups("instance", [4, 6, 2, 2])]);
    const scale = fig.data[0].colorscale as [number, string][];
    expect(new Set(scale.map(([, c]) => c)).size).to.equal(24);
  });

  it("the selected output unit's number is white on its dark cell (kernelPlacement)", () => {
    const fig = gl.plot.kernelPlacement(
      gl.arith.windowPositions({ inputSize: 7, kernelSize: 3, stride: 2, padding: 1 }),
    );
    const colours = ((fig.frames![2].data as Rec[])[1].textfont as { color: string[] }).color;
    expect(colours[2]).to.equal("white");
    expect(colours[0]).to.not.equal("white");
  });
});
