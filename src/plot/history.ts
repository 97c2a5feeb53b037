/**
 * Training curves from a History: loss per step (faint) with per-epoch training and validation
 * loss on top, and a second panel per metric (train and validation) when there are metrics.
 * Takes plain data shaped like `gl.fit`'s History, so a History saved as JSON plots too.
 */
import type { Figure } from "../display/notebook";
import { listArg, numberList, objectArg, oneOf } from "../args";
import { axis, figureOptions, grid, panelTitle, titleOf } from "./layout";
import { setDefaultLiveFigure } from "../train/liveFigure";
import { readable } from "./readable";

/** The parts of a History that the figure reads. */
export interface HistoryData {
  steps: { step: number[]; loss: number[] };
  epochs: {
    /** Global step count at the end of each epoch (where epoch points are drawn). */
    step: number[];
    loss: number[];
    valLoss?: (number | null)[];
    metrics?: Record<string, number[]>;
    valMetrics?: Record<string, (number | null)[]>;
  };
}

export interface HistoryFigureOptions {
  title?: string;
  /** Log scale for the loss axis. */
  logY?: boolean;
  /** Which metrics get a panel (default: all). */
  metrics?: string[];
  height?: number;
}

const colours = { train: "#1f77b4", val: "#ff7f0e" };
const FN = "plot.history";

/** The History's lists: numbers (NaN/null: not recorded, a gap), step and loss of equal length. */
function checkHistory(h: unknown): HistoryData {
  const fix = "Pass what gl.fit returns, awaited: const h = await gl.fit(model, data, opts); gl.plot.history(h).";
  const v = objectArg(FN, "h", h, {
    what: "a training History { steps, epochs } (what gl.fit returns)",
    fix,
    keys: ["steps", "epochs"],
  });
  const steps = objectArg(FN, "h.steps", v.steps, { what: "{ step, loss } lists", fix, keys: ["step", "loss"] });
  const epochs = objectArg(FN, "h.epochs", v.epochs, { what: "{ step, loss } lists", fix, keys: ["step", "loss"] });
  for (const [name, part] of [
    ["steps", steps],
    ["epochs", epochs],
  ] as const) {
    const n = numberList(FN, `h.${name}.step`, part.step).length;
    numberList(FN, `h.${name}.loss`, part.loss, { gaps: true, length: n, lengthOf: `'h.${name}.step'` });
  }
  if (epochs.valLoss !== undefined && epochs.valLoss !== null)
    numberList(FN, "h.epochs.valLoss", epochs.valLoss, { gaps: true });
  for (const key of ["metrics", "valMetrics"] as const) {
    if (epochs[key] === undefined || epochs[key] === null) continue;
    const m = objectArg(FN, `h.epochs.${key}`, epochs[key], { what: "lists of values by metric name", fix });
    for (const [name, list] of Object.entries(m)) numberList(FN, `h.epochs.${key}.${name}`, list, { gaps: true });
  }
  return h as HistoryData;
}

/**
 * Loss (and metric) curves of a training run.
 * @example
 * const model = new gl.nn.Sequential([new gl.nn.Linear(2, 1)]);
 * const X = gl.randn([32, 2]);
 * const y = gl.sum(X, 1, true); // (32, 1)
 * const optimizer = new gl.optim.SGD(model.parameters(), { lr: 0.1 });
 * const h = await gl.fit(model, { X: X, y: y }, { epochs: 3, optimizer, loss: gl.loss.mse, progress: false });
 * gl.plot.history(h, { logY: true }).data.length // 2
 */
export function history(h: HistoryData, opts: HistoryFigureOptions = {}): Figure {
  opts = figureOptions<HistoryFigureOptions>(FN, opts, ["title", "logY", "metrics", "height"]);
  checkHistory(h);
  const recorded = Object.keys(h.epochs.metrics ?? {});
  if (opts.metrics !== undefined && opts.metrics !== null) {
    listArg(FN, "metrics", opts.metrics, {
      what: "metric names",
      example: `[${recorded.map((m) => `"${m}"`).join(", ") || '"accuracy"'}]`,
    });
    opts.metrics.forEach((m, i) => oneOf(FN, `metrics[${i}]`, m, recorded));
  }
  const metricNames = opts.metrics ?? recorded;
  const panels = grid(1 + metricNames.length, Math.min(2, 1 + metricNames.length));
  const layout: Record<string, unknown> = {
    title: titleOf(opts.title ?? "Training history"),
    height: opts.height ?? 420,
    legend: { orientation: "h", y: -0.2 },
  };
  const data: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  const noNull = (v: (number | null)[]): number[] => v.map((x) => (x === null ? NaN : x));
  const p0 = panels[0];
  data.push({
    type: "scatter",
    mode: "lines",
    name: "loss per step",
    x: h.steps.step,
    y: h.steps.loss,
    line: { color: colours.train, width: 1 },
    opacity: 0.35,
    xaxis: p0.xref,
    yaxis: p0.yref,
  });
  data.push({
    type: "scatter",
    mode: "lines+markers",
    name: "train loss (epoch mean)",
    x: h.epochs.step,
    y: h.epochs.loss,
    line: { color: colours.train },
    xaxis: p0.xref,
    yaxis: p0.yref,
  });
  if (h.epochs.valLoss && h.epochs.valLoss.some((v) => v !== null)) {
    data.push({
      type: "scatter",
      mode: "lines+markers",
      name: "validation loss",
      x: h.epochs.step,
      y: noNull(h.epochs.valLoss),
      line: { color: colours.val },
      xaxis: p0.xref,
      yaxis: p0.yref,
    });
  }
  layout[p0.xKey] = { ...axis("step"), domain: p0.xDomain, anchor: p0.yref };
  layout[p0.yKey] = { ...axis("loss", opts.logY), domain: p0.yDomain, anchor: p0.xref };
  annotations.push(panelTitle("loss", p0));
  metricNames.forEach((m, i) => {
    const p = panels[i + 1];
    data.push({
      type: "scatter",
      mode: "lines+markers",
      name: `train ${m}`,
      x: h.epochs.step,
      y: h.epochs.metrics?.[m] ?? [],
      line: { color: colours.train, dash: "dot" },
      xaxis: p.xref,
      yaxis: p.yref,
    });
    const val = h.epochs.valMetrics?.[m];
    if (val && val.some((v) => v !== null)) {
      data.push({
        type: "scatter",
        mode: "lines+markers",
        name: `validation ${m}`,
        x: h.epochs.step,
        y: noNull(val),
        line: { color: colours.val, dash: "dot" },
        xaxis: p.xref,
        yaxis: p.yref,
      });
    }
    layout[p.xKey] = { ...axis("step"), domain: p.xDomain, anchor: p.yref };
    layout[p.yKey] = { ...axis(m), domain: p.yDomain, anchor: p.xref };
    annotations.push(panelTitle(m, p));
  });
  layout.annotations = annotations;
  return readable({ data, layout });
}

// train stands below plot and cannot import this builder: hand it down as the figure
// `gl.fit(..., { live: true })` redraws
setDefaultLiveFigure(history);
