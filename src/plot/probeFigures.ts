/**
 * Figures from probe records: histograms per layer at one step, a statistic per layer over
 * steps (e.g. the update:data ratio with its 1e-3 guide), or a statistic against depth (e.g.
 * activation std per layer for several initialization schemes).
 */
import { seriesOf, STAT_NAMES } from "../probe/probe";
import type { LayerStat, ParameterStat } from "../probe/probe";
import type { StepRecord } from "../probe/records";
import { listArg, objectArg, oneOf, optionalInt } from "../args";
import { ArgumentError, check, show } from "../errors";
import type { Figure } from "../display/notebook";
import { histogramGrid } from "./histogramGrid";
import { layerLines } from "./layerLines";
import { guidesArg } from "./line";
import { baseLayout, FIGURE_KEYS, figureOptions, FigureOptions } from "./layout";
import { Guide, guideShapes, lineTrace } from "./line";

const isRecord = (r: unknown): boolean =>
  typeof r === "object" && r !== null && "step" in r && Array.isArray((r as { layers?: unknown }).layers);

/** One step record { step, layers, parameters } (what a probe records, or forwardStats returns). */
function recordArg(fn: string, arg: string, r: unknown): StepRecord {
  const probe = typeof r === "object" && r !== null && Array.isArray((r as { records?: unknown }).records);
  check(
    !probe,
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: "probe records (probe.records), not the probe itself",
        received: "a Probe",
        fix: `Pass probe.records (every recorded step), e.g. ${fn}(probe.records).`,
      }),
  );
  objectArg(fn, arg, r, {
    what: "a probe record { step, layers, parameters } (gl.probe.forwardStats, or an entry of probe.records)",
    fix: "Pass probe.records (from gl.probe.attach) or gl.probe.forwardStats(model, X).",
    keys: ["step", "layers", "parameters"],
  });
  const v = r as { layers: unknown; parameters: unknown };
  listArg(fn, `${arg}.layers`, v.layers, { what: "layer records", example: "probe.records[0].layers" });
  listArg(fn, `${arg}.parameters`, v.parameters, { what: "parameter records", example: "probe.records[0].parameters" });
  return r as StepRecord;
}

/** A list of step records (or one). */
function recordListArg(fn: string, records: unknown): StepRecord[] {
  if (!Array.isArray(records)) return [recordArg(fn, "records", records)];
  check(
    records.length > 0,
    () =>
      new ArgumentError({
        fn,
        arg: "records",
        expected: "at least one probe record",
        received: "an empty list",
        fix: "Run at least one forward/backward with the probe attached before plotting probe.records.",
      }),
  );
  records.forEach((r, i) => recordArg(fn, `records[${i}]`, r));
  return records as StepRecord[];
}

export type HistogramKind = "activation" | "gradient" | "parameter" | "parameterGrad";

export interface ProbeHistogramOptions {
  /** What to show: layer outputs (default), gradients w.r.t. them, parameter values or parameter gradients. */
  kind?: HistogramKind;
  /** Which training step (default: the last recorded one). */
  step?: number;
  /** Only these layers (or parameters), by name. */
  names?: string[];
  title?: string;
  cols?: number;
}

const KINDS: readonly HistogramKind[] = ["activation", "gradient", "parameter", "parameterGrad"];

const kindWords: Record<HistogramKind, { title: string; x: string }> = {
  activation: { title: "Activations per layer", x: "activation value" },
  gradient: { title: "Gradients w.r.t. layer outputs", x: "∂loss/∂activation" },
  parameter: { title: "Parameter values", x: "weight value" },
  parameterGrad: { title: "Parameter gradients", x: "∂loss/∂weight" },
};

function pickRecord(records: StepRecord | readonly StepRecord[], step?: number): StepRecord {
  const list = Array.isArray(records) ? (records as StepRecord[]) : [records as StepRecord];
  const rec = step === undefined ? list[list.length - 1] : list.find((r) => r.step === step);
  if (!rec) {
    throw new ArgumentError({
      fn: "plot.probeHistograms",
      arg: "step",
      expected: `a recorded step (${
        list.length
          ? list
              .map((r) => r.step)
              .slice(0, 8)
              .join(", ")
          : "none recorded yet"
      })`,
      received: String(step),
      fix: "Run at least one forward/backward with the probe attached; with every: k only multiples of k are recorded.",
    });
  }
  return rec;
}

/**
 * Histogram grid of one step of probe records, one panel per layer (or parameter).
 * @example
 * const model = new gl.nn.Sequential([new gl.nn.Linear(4, 8), new gl.nn.Tanh(), new gl.nn.Linear(8, 2)]);
 * const rec = gl.probe.forwardStats(model, gl.randn([32, 4]));
 * gl.plot.probeHistograms(rec, { kind: "gradient" }).data.length // 3
 */
export function probeHistograms(records: StepRecord | readonly StepRecord[], opts: ProbeHistogramOptions = {}): Figure {
  const fn = "plot.probeHistograms";
  opts = figureOptions<ProbeHistogramOptions>(fn, opts, ["kind", "step", "names", "title", "cols"]);
  const kind = opts.kind === undefined || opts.kind === null ? "activation" : oneOf(fn, "kind", opts.kind, KINDS);
  optionalInt(fn, "step", opts.step, 0, { min: 0 });
  optionalInt(fn, "cols", opts.cols, 3, { min: 1 });
  if (opts.names !== undefined && opts.names !== null)
    listArg(fn, "names", opts.names, { what: "layer (or parameter) names", example: '["0", "2"]' });
  const rec = pickRecord(recordListArg(fn, records), opts.step ?? undefined);
  const keep = (name: string): boolean => !opts.names || opts.names.includes(name);
  const panels =
    kind === "activation" || kind === "gradient"
      ? rec.layers
          .filter((l) => keep(l.layer) && (kind === "activation" || l.gradient))
          .map((l) => ({
            name: `${l.layer} ${l.type}`,
            histogram: kind === "activation" ? l.activation.histogram : l.gradient!.histogram,
          }))
      : rec.parameters
          .filter((p) => keep(p.name) && (kind === "parameter" || p.grad))
          .map((p) => ({ name: p.name, histogram: kind === "parameter" ? p.value.histogram : p.grad!.histogram }));
  const words = kindWords[kind];
  return histogramGrid(panels, {
    title: opts.title ?? `${words.title} (step ${rec.step})`,
    xLabel: words.x,
    cols: opts.cols,
    sharedX: false,
  });
}

export interface LayerStatsOptions extends FigureOptions {
  /** The statistic: "activation.std" (default), "activation.saturated", "gradient.std", "updateDataRatio", ... */
  stat?: LayerStat | ParameterStat;
  /** Guide lines; the update:data ratio gets the 1e-3 guide (y = -3) by default. */
  guides?: Guide[];
}

const STATS = STAT_NAMES;

const statWords: Record<string, string> = {
  "activation.mean": "activation mean",
  "activation.std": "activation std",
  "activation.saturated": "fraction saturated",
  "activation.dead": "fraction of dead units",
  "gradient.mean": "gradient mean (w.r.t. output)",
  "gradient.std": "gradient std (w.r.t. output)",
  "value.std": "parameter std",
  "grad.std": "parameter gradient std",
  gradDataRatio: "grad:data ratio std(g)/std(w)",
  updateDataRatio: "log10(std(Δw) / std(w))",
};

/**
 * A probe statistic per layer. With many step records: one line per layer over steps. With one
 * record (e.g. from forwardStats): the statistic against depth. With named records
 * ({ xavier: rec1, he: rec2 }): one line per name against depth, to compare runs.
 * @example
 * const model = new gl.nn.Sequential([new gl.nn.Linear(16, 16), new gl.nn.Tanh(), new gl.nn.Linear(16, 16), new gl.nn.Tanh()]);
 * const X = gl.randn([64, 16]);
 * const small = gl.probe.forwardStats(model, X);
 * const large = gl.probe.forwardStats(model, gl.mul(X, 10));
 * const fig = gl.plot.layerStats({ small, large }, { stat: "activation.std" }); // one line per run against depth
 * fig.data.length // 2
 */
export function layerStats(
  records: readonly StepRecord[] | StepRecord | Record<string, StepRecord>,
  opts: LayerStatsOptions = {},
): Figure {
  const fn = "plot.layerStats";
  opts = figureOptions<LayerStatsOptions>(fn, opts, [...FIGURE_KEYS, "stat", "guides"]);
  const stat = opts.stat === undefined || opts.stat === null ? "activation.std" : oneOf(fn, "stat", opts.stat, STATS);
  guidesArg(fn, opts.guides);
  if (Array.isArray(records)) recordListArg(fn, records);
  else if (!isRecord(records)) {
    // a Probe itself (not its records) gets the error saying so
    if (Array.isArray((records as { records?: unknown } | null)?.records)) recordArg(fn, "records", records);
    const named = objectArg(fn, "records", records, {
      what: "probe records: probe.records, one record, or named records { xavier: rec1, he: rec2 }",
      fix: "Pass probe.records (from gl.probe.attach) or gl.probe.forwardStats(model, X).",
    });
    if (!("layers" in named)) {
      check(
        Object.keys(named).length > 0,
        () =>
          new ArgumentError({
            fn,
            arg: "records",
            expected: "probe records: probe.records, one record, or named records { xavier: rec1, he: rec2 }",
            received: `an object with no records (${show(records)})`,
            fix: "Pass gl.probe.forwardStats(model, X), or { name: record } for each run to compare.",
          }),
      );
      for (const [name, rec] of Object.entries(named)) recordArg(fn, `records.${name}`, rec);
    } else recordArg(fn, "records", records);
  }
  const label = statWords[stat] ?? stat;
  const guides = opts.guides ?? (stat === "updateDataRatio" ? [{ y: -3, label: "1e-3 rule of thumb" }] : []);
  if (Array.isArray(records)) {
    const { steps, series } = seriesOf(records, stat);
    return layerLines(steps, series, {
      title: opts.title ?? `${label} per layer over training`,
      xLabel: opts.xLabel ?? "step",
      yLabel: opts.yLabel ?? label,
      logY: opts.logY,
      guides,
      height: opts.height,
    });
  }
  const named: Record<string, StepRecord> =
    "layers" in (records as object) && "step" in (records as object)
      ? { "": records as StepRecord }
      : (records as Record<string, StepRecord>);
  const data = Object.entries(named).map(([name, rec]) => {
    const { series } = seriesOf([rec], stat);
    const names = Object.keys(series);
    return lineTrace({
      x: names as unknown as number[],
      y: names.map((n) => series[n][0] ?? NaN),
      name: name || label,
      markers: true,
    });
  });
  const { shapes, annotations } = guideShapes(guides);
  const layout = baseLayout(
    { ...opts, logX: false },
    { title: `${label} per layer`, xLabel: "layer (input → output)", yLabel: label },
  );
  (layout.xaxis as Record<string, unknown>).type = "category";
  return {
    data,
    layout: { ...layout, showlegend: data.length > 1, ...(shapes.length ? { shapes, annotations } : {}) },
  };
}
