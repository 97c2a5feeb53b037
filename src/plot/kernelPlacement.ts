/**
 * Figure: where a sliding window lands on a 1-D input. Top row: the padded input (grey cells are
 * padding, red cells are the taps of the selected output unit); middle row: the output units;
 * bottom: how many windows read each input pixel (coverage). A slider (plotly frames, no kernel
 * needed) steps through the output units. Takes the plain data of `gl.arith.windowPositions`.
 */
import type { Figure } from "../display/notebook";
import { int, listArg, numberList, objectArg } from "../args";
import { figureOptions } from "./layout";
import { readable } from "./readable";

const FN = "plot.kernelPlacement";

/** The fields the figure reads: whole sizes, a [before, after] padding, the windows and the coverage. */
function checkPlacement(w: unknown): KernelPlacementData {
  const keys = ["inputSize", "kernelSize", "stride", "dilation", "outputSize", "padding", "windows", "coverage"];
  const v = objectArg(FN, "w", w, {
    what: "window positions, as gl.arith.windowPositions returns",
    fix: "Pass gl.arith.windowPositions({ inputSize: 7, kernelSize: 3, stride: 2, padding: 1 }).",
    keys,
  });
  for (const k of ["inputSize", "kernelSize", "stride", "dilation"]) int(FN, `w.${k}`, v[k], { min: 1 });
  const out = int(FN, `w.outputSize`, v.outputSize, { min: 1 });
  const pad = numberList(FN, "w.padding", v.padding, { length: 2, lengthOf: "[before, after]" });
  pad.forEach((p, i) => int(FN, `w.padding[${i}]`, p, { min: 0 }));
  listArg(FN, "w.windows", v.windows, {
    what: "windows (input positions per output unit)",
    example: "[[0, 1, 2], [2, 3, 4]]",
  });
  numberList(
    FN,
    "w.windows",
    (v.windows as unknown[]).map(() => 0),
    { length: out, lengthOf: "'w.outputSize'" },
  );
  (v.windows as unknown[]).forEach((t, i) => numberList(FN, `w.windows[${i}]`, t, { minLength: 1 }));
  numberList(FN, "w.coverage", v.coverage, { length: v.inputSize as number, lengthOf: "'w.inputSize'" });
  return w as KernelPlacementData;
}

/** The fields of `gl.arith.windowPositions(...)` this figure reads. */
export interface KernelPlacementData {
  inputSize: number;
  kernelSize: number;
  stride: number;
  dilation: number;
  outputSize: number;
  padding: [number, number];
  windows: number[][];
  coverage: number[];
}

const INPUT = "#9ecae1";
const PAD = "#d9d9d9";
const TAP = "#d62728";
const OUT = "#c7e9c0";
const OUT_ON = "#238b45";

/**
 * Slider figure of a window sliding over the input, one frame per output unit.
 * @example
 * gl.plot.show(gl.plot.kernelPlacement(gl.arith.windowPositions({ inputSize: 7, kernelSize: 3, stride: 2, padding: 1 })));
 */
export function kernelPlacement(w: KernelPlacementData, opts: { title?: string } = {}): Figure {
  opts = figureOptions<{ title?: string }>(FN, opts, ["title"]);
  checkPlacement(w);
  const [before, after] = w.padding;
  const cells: number[] = [];
  for (let p = -before; p < w.inputSize + after; p++) cells.push(p);
  // Each output unit is drawn under the centre of its window.
  const outX = w.windows.map((taps) => (taps[0] + taps[taps.length - 1]) / 2);

  const inputTrace = (i: number) => {
    const taps = new Set(w.windows[i]);
    return {
      type: "scatter",
      mode: "markers+text",
      x: cells,
      y: cells.map(() => 2),
      text: cells.map((p) => (taps.has(p) ? `t${w.windows[i].indexOf(p)}` : p < 0 || p >= w.inputSize ? "0" : "")),
      textfont: { color: "white", size: 10 },
      marker: {
        symbol: "square",
        size: 22,
        color: cells.map((p) => (taps.has(p) ? TAP : p < 0 || p >= w.inputSize ? PAD : INPUT)),
      },
      name: "input (grey: padding)",
      hovertemplate: "input position %{x}<extra></extra>",
      xaxis: "x",
      yaxis: "y",
    };
  };
  const outputTrace = (i: number) => ({
    type: "scatter",
    mode: "markers+text",
    x: outX,
    y: outX.map(() => 1),
    text: outX.map((_, k) => String(k)),
    textfont: { size: 10, color: outX.map((_, k) => (k === i ? "white" : "#222")) }, // white on the dark selected cell
    marker: { symbol: "square", size: 22, color: outX.map((_, k) => (k === i ? OUT_ON : OUT)) },
    name: "output units",
    hovertemplate: "output unit %{text}<extra></extra>",
    xaxis: "x",
    yaxis: "y",
  });
  const linesTrace = (i: number) => ({
    type: "scatter",
    mode: "lines",
    x: w.windows[i].flatMap((p) => [p, outX[i], null]),
    y: w.windows[i].flatMap(() => [1.75, 1.25, null]),
    line: { color: TAP, width: 1.5 },
    name: "taps → unit",
    hoverinfo: "skip",
    xaxis: "x",
    yaxis: "y",
  });
  const coverageTrace = {
    type: "bar",
    x: w.coverage.map((_, p) => p),
    y: w.coverage,
    marker: { color: w.coverage.map((c) => (c === 0 ? TAP : INPUT)) },
    name: "windows reading each pixel",
    hovertemplate: "pixel %{x}: read by %{y} window(s)<extra></extra>",
    xaxis: "x",
    yaxis: "y2",
  };

  const frames = w.windows.map((taps, i) => ({
    name: String(i),
    data: [inputTrace(i), outputTrace(i), linesTrace(i)],
    traces: [0, 1, 2],
  }));
  const padText = before === after ? `P=${before}` : `P=[${before}, ${after}]`;
  const title =
    opts.title ??
    `Where the kernel lands: W=${w.inputSize}, F=${w.kernelSize}, S=${w.stride}, ${padText}, d=${w.dilation} → ${w.outputSize} outputs`;
  const xRange = [-before - 1, w.inputSize + after];
  return readable({
    data: [inputTrace(0), outputTrace(0), linesTrace(0), coverageTrace],
    frames,
    layout: {
      title: { text: title },
      height: 420,
      showlegend: false,
      xaxis: {
        title: { text: "input position (pixels; grey = padding, red = taps t0… of the selected unit)" },
        range: xRange,
        dtick: 1,
        anchor: "y2",
      },
      yaxis: {
        domain: [0.45, 1],
        range: [0.5, 2.5],
        tickvals: [1, 2],
        ticktext: ["output", "input"],
        fixedrange: true,
      },
      yaxis2: { domain: [0, 0.33], title: { text: "windows per pixel" }, rangemode: "tozero", dtick: 1 },
      margin: { t: 60, b: 100 },
      sliders: [
        {
          active: 0,
          currentvalue: { prefix: "output unit: " },
          pad: { t: 50 },
          steps: w.windows.map((_, i) => ({
            label: String(i),
            method: "animate",
            args: [
              [String(i)],
              { mode: "immediate", frame: { duration: 0, redraw: true }, transition: { duration: 0 } },
            ],
          })),
        },
      ],
    },
  });
}
