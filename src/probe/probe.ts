/**
 * A probe: hooks attached to a model that record, per layer and per step, what the activations,
 * their gradients and the parameters look like while the model trains (see records.ts for what).
 *
 * Steps: `fit` calls `beforeStep()` just before the optimizer step (gradients are ready) and
 * `afterStep()` just after (the update is done); in a hand-written loop, call them yourself or
 * pass `optimizer` to `attach` and the probe wraps its `step()`. Without either, the first forward
 * after a backward starts the next step (activation and gradient statistics are still recorded
 * per step; the parameter ratios need the step calls). Within a step, the first forward of each
 * layer is recorded (a later evaluation pass is not). Only every `every`-th step is
 * recorded; on the others the hooks return at once. `detach()` removes every hook, so a detached
 * probe costs nothing.
 */
import { bool, int, moduleArg, oneOf, optionalInt, options } from "../args";
import { allocData } from "../tensor/dtype";
import { ArgumentError, check, show } from "../errors";
import type { Module, Parameter } from "../nn/module";
import { DataArray, Tensor } from "../tensor/tensor";
import type { LayerRecord, NormRecord, ParameterRecord, StepRecord } from "./records";
import { ActivationKind, activationKindOf } from "../nn/activation";
import { activationStats, channelStats, statsOf, StatsOptions, stdOfDifference } from "./stats";

/** Anything with a `step()` method (an optimizer). */
export interface Steppable {
  step(): unknown;
}

export interface ProbeOptions {
  /** Record every k-th step (default 1: every step). */
  every?: number;
  /** Bins of every histogram (default 30). */
  histogramBins?: number;
  /**
   * Histograms of tensors with more values than this count a fixed-seed sample of this many
   * (default 4096; Infinity: every value), and say so in `histogram.sampled` (see `statsOf`).
   * Binning every value of every tensor at every step costs about as much as the statistics
   * themselves; a sample of 4096 gives each bin's fraction of the values to within ±0.8 percentage
   * points (one std, √(p(1−p)/4096) at worst), plenty for a plot. Only histograms are sampled:
   * mean, std, min, max, the health fractions and the ratios always use every value.
   */
  histogramSample?: number;
  /**
   * Which layers to hook, by dotted name (or a test on name and module). Default: every leaf
   * module (a module without children), i.e. each layer of a Sequential.
   */
  layers?: string[] | ((name: string, module: Module) => boolean);
  /** Record parameters (values, grads, grad:data and update:data ratios). Default true. */
  parameters?: boolean;
  /** Override how a layer's output is judged, by layer name: { "3": "tanh" } (default: by class name). */
  kinds?: Record<string, ActivationKind>;
  /** Wrap this optimizer's `step()` so beforeStep/afterStep run by themselves (hand-written loops). */
  optimizer?: Steppable;
}

/** One row of `probe.table()`: a layer at one step, flat. */
export interface ProbeTableRow {
  layer: string;
  type: string;
  shape: string;
  mean: number;
  std: number;
  saturated: number | null;
  dead: number | null;
  gradMean: number | null;
  gradStd: number | null;
}

/** Names of statistics that `series()` can follow over steps. */
export type LayerStat =
  "activation.mean" | "activation.std" | "activation.saturated" | "activation.dead" | "gradient.mean" | "gradient.std";
export type ParameterStat = "value.std" | "grad.std" | "gradDataRatio" | "updateDataRatio";

/** Values of one statistic per layer (or parameter) at each recorded step; null where not recorded. */
export interface StatSeries {
  steps: number[];
  series: Record<string, (number | null)[]>;
}

const parameterStats: readonly string[] = ["value.std", "grad.std", "gradDataRatio", "updateDataRatio"];
const layerStats: readonly string[] = [
  "activation.mean",
  "activation.std",
  "activation.saturated",
  "activation.dead",
  "gradient.mean",
  "gradient.std",
];
/** Every statistic seriesOf (and plot.layerStats) can read: the layer ones, then the parameter ones. */
export const STAT_NAMES = [...layerStats, ...parameterStats] as readonly (LayerStat | ParameterStat)[];

const PROBE_OPTION_KEYS = [
  "every",
  "histogramBins",
  "histogramSample",
  "layers",
  "parameters",
  "kinds",
  "optimizer",
] as const;

/** Reads a dotted path like "activation.std" from a record. */
function read(record: object, path: string): number | null {
  let v: unknown = record;
  for (const key of path.split(".")) v = v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  return typeof v === "number" ? v : null;
}

/**
 * Follows one statistic over the recorded steps, one series per layer (layer stats) or per
 * parameter (parameter stats): the input of `plot.layerLines`.
 * @example
 * const model = new gl.nn.Sequential([new gl.nn.Linear(3, 4), new gl.nn.Tanh()]);
 * const p = gl.probe.attach(model);
 * gl.sum(model.forward(gl.randn([8, 3]))).backward();
 * gl.probe.seriesOf(p.records, "activation.std").steps // [0]
 */
export function seriesOf(records: readonly StepRecord[], stat: LayerStat | ParameterStat): StatSeries {
  return seriesOfAs("probe.seriesOf", records, stat);
}

function seriesOfAs(fn: string, records: readonly StepRecord[], stat: LayerStat | ParameterStat): StatSeries {
  check(
    Array.isArray(records),
    () =>
      new ArgumentError({
        fn,
        arg: "records",
        expected: "a probe's records (an array of step records)",
        received: show(records),
        fix:
          records !== null && typeof records === "object" && "records" in records
            ? "Pass probe.records, not the probe itself (or call probe.series(stat))."
            : 'const p = gl.probe.attach(model); ...train...; gl.probe.seriesOf(p.records, "activation.std").',
      }),
  );
  oneOf(fn, "stat", stat, [...layerStats, ...parameterStats]);
  const isParam = parameterStats.includes(stat);
  const steps = records.map((r) => r.step);
  const series: Record<string, (number | null)[]> = {};
  records.forEach((r, i) => {
    const rows: object[] = isParam ? r.parameters : r.layers;
    for (const row of rows) {
      const name = isParam ? (row as ParameterRecord).name : (row as LayerRecord).layer;
      if (!series[name]) series[name] = new Array<number | null>(records.length).fill(null);
      series[name][i] = read(row, stat);
    }
  });
  return { steps, series };
}

/**
 * How a probe judges a layer's output, from its class name: "tanh", "sigmoid", "relu" or "none".
 * @example
 * gl.probe.kindOf("Tanh") // "tanh"
 */
export function kindOf(typeName: string): ActivationKind {
  check(
    typeof typeName === "string",
    () =>
      new ArgumentError({
        fn: "probe.kindOf",
        arg: "typeName",
        expected: 'a layer\'s class name, e.g. "Tanh" or "ReLU"',
        received: show(typeName),
        fix:
          typeName !== null && typeof typeName === "object"
            ? "Pass the class name: gl.probe.kindOf(layer.constructor.name)."
            : 'Pass the name as a string, e.g. gl.probe.kindOf("Tanh").',
      }),
  );
  return activationKindOf(typeName);
}

/** A norm layer's statistics: per-channel batch mean/variance of its input, running statistics, and its own lastStats. */
function normStats(module: Module, x: Tensor): NormRecord {
  const { mean, variance } = channelStats(x);
  const norm: NormRecord = { batchMean: mean, batchVariance: variance };
  const layer = module as unknown as { runningMean?: unknown; runningVar?: unknown; lastStats?: unknown };
  if (layer.runningMean instanceof Tensor) norm.runningMean = layer.runningMean.toList();
  if (layer.runningVar instanceof Tensor) norm.runningVar = layer.runningVar.toList();
  const last = layer.lastStats as
    | { mean?: ArrayLike<number>; variance?: ArrayLike<number>; shape?: number[]; normalizedWith?: string }
    | null
    | undefined;
  if (last && last.mean && last.variance) {
    norm.layerStats = {
      mean: Array.from(last.mean),
      variance: Array.from(last.variance),
      shape: [...(last.shape ?? [last.mean.length])],
      normalizedWith: last.normalizedWith ?? "batch",
    };
  }
  return norm;
}

export class Probe {
  /** Everything recorded so far, one entry per recorded step (plain data). */
  readonly records: StepRecord[] = [];
  /** The current training step (advanced by afterStep). */
  stepIndex = 0;
  /** While true, forwards are not recorded (fit pauses the probe during validation). */
  paused = false;
  readonly every: number;
  readonly bins: number;
  /** Histograms of larger tensors count a sample of this many values (see ProbeOptions). */
  readonly histogramSample: number;
  private readonly statsOptions: StatsOptions;
  private attached = true;
  private removers: (() => void)[] = [];
  private inStep = false;
  private sawBackward = false;
  /** Each parameter's values before the optimizer step (buffers reused from step to step). */
  private snapshots = new Map<string, DataArray>();
  /** Whether beforeStep filled `snapshots` for the current step. */
  private snapshotted = false;
  private readonly layerNames: Set<string>;
  private readonly params: [string, Parameter][];

  readonly model: Module;
  private readonly opts: ProbeOptions;

  /** `fn`: the public name the learner called (probe.attach builds its probe through here). */
  constructor(model: Module, opts: ProbeOptions = {}, fn = "probe.Probe") {
    moduleArg(fn, "model", model);
    opts = options<ProbeOptions>(fn, "opts", opts, PROBE_OPTION_KEYS);
    this.model = model;
    this.opts = opts;
    this.every = optionalInt(fn, "every", opts.every, 1, { min: 1, fix: "every: 10 records steps 0, 10, 20, ..." });
    this.bins = optionalInt(fn, "histogramBins", opts.histogramBins, 30, {
      min: 1,
      fix: "histogramBins is the number of bins of each histogram, e.g. 30.",
    });
    const sample = opts.histogramSample ?? 4096;
    this.histogramSample =
      sample === Infinity
        ? sample
        : int(fn, "histogramSample", sample, {
            min: 1,
            fix: "histogramSample: 4096 bins a sample of 4096 values per tensor; Infinity bins every value.",
          });
    this.statsOptions = { histogramSample: this.histogramSample };
    const recordParameters = bool(fn, "parameters", opts.parameters, true);
    check(
      opts.layers === undefined ||
        opts.layers === null ||
        typeof opts.layers === "function" ||
        (Array.isArray(opts.layers) && opts.layers.every((n) => typeof n === "string")),
      () =>
        new ArgumentError({
          fn,
          arg: "layers",
          expected:
            "a list of layer names (dotted, as model.namedModules() gives them) or a function (name, module) => boolean",
          received: show(opts.layers),
          fix: 'e.g. layers: ["0", "2"], or layers: (name, m) => m instanceof gl.nn.Linear.',
        }),
    );
    check(
      opts.kinds === undefined || opts.kinds === null || (typeof opts.kinds === "object" && !Array.isArray(opts.kinds)),
      () =>
        new ArgumentError({
          fn,
          arg: "kinds",
          expected: 'an object from layer name to activation kind, e.g. { "3": "tanh" }',
          received: show(opts.kinds),
          fix: 'Write kinds: { "3": "tanh" } to judge layer "3" as a tanh layer.',
        }),
    );
    check(
      opts.optimizer === undefined ||
        opts.optimizer === null ||
        typeof (opts.optimizer as { step?: unknown }).step === "function",
      () =>
        new ArgumentError({
          fn,
          arg: "optimizer",
          expected: "an optimizer (anything with a step() method)",
          received: show(opts.optimizer),
          fix: "Pass the optimizer itself: optimizer: new gl.optim.SGD(model.parameters(), { lr: 0.1 }).",
        }),
    );
    const all = model.namedModules();
    const pick = opts.layers;
    let chosen: [string, Module][];
    if (Array.isArray(pick)) {
      const byName = new Map(all);
      for (const name of pick) {
        check(
          byName.has(name),
          () =>
            new ArgumentError({
              fn,
              arg: "layers",
              expected: `names of the model's modules, e.g. ${show(all.slice(1, 4).map(([n]) => n))}`,
              received: show(name),
              fix: "See model.namedModules() for the dotted names.",
            }),
        );
      }
      chosen = all.filter(([n]) => pick.includes(n));
    } else if (typeof pick === "function") chosen = all.filter(([n, m]) => pick(n, m));
    else chosen = all.filter(([, m]) => m.children().length === 0);
    this.layerNames = new Set(chosen.map(([n]) => n));
    for (const [name, m] of chosen)
      this.removers.push(m.registerForwardHook((mod, inputs, out) => this.onForward(name, mod, inputs, out)));
    const ownedBy = (p: string): string => (p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "");
    this.params = !recordParameters
      ? []
      : model
          .namedParameters()
          .filter(([n]) =>
            Array.isArray(pick) || typeof pick === "function" ? this.layerNames.has(ownedBy(n)) : true,
          );
    if (opts.optimizer) this.wrap(opts.optimizer);
  }

  /** True when the current step is recorded (attached, not paused, step % every === 0). */
  get recording(): boolean {
    return this.attached && !this.paused && this.stepIndex % this.every === 0;
  }

  /** The record of the current step, created on first use. */
  private current(): StepRecord {
    const last = this.records[this.records.length - 1];
    if (last && last.step === this.stepIndex) return last;
    const rec: StepRecord = { step: this.stepIndex, layers: [], parameters: [] };
    this.records.push(rec);
    return rec;
  }

  private onForward(name: string, module: Module, inputs: Tensor[], out: Tensor): void {
    if (!this.attached || this.paused || !(out instanceof Tensor)) return;
    // A loop that never calls beforeStep/afterStep: the first forward after a backward starts the next step.
    if (!this.inStep && this.sawBackward) {
      this.sawBackward = false;
      this.stepIndex++;
    }
    const existing = this.recording ? this.records[this.records.length - 1] : undefined;
    const first = !(existing && existing.step === this.stepIndex && existing.layers.some((l) => l.layer === name));
    let rec: LayerRecord | null = null;
    if (this.recording && first) {
      // the first forward of a step is the one recorded (a later one, e.g. an evaluation pass, is not)
      const type = module.constructor.name;
      const kind = this.opts.kinds?.[name] ?? activationKindOf(type);
      rec = {
        step: this.stepIndex,
        layer: name,
        type,
        shape: [...out.shape],
        activation: activationStats(out, kind, this.bins, this.statsOptions),
      };
      if (/Norm/.test(type) && inputs[0] instanceof Tensor && inputs[0].rank >= 2)
        rec.norm = normStats(module, inputs[0]);
      this.current().layers.push(rec);
    }
    if (out.requiresGrad) {
      const target = rec;
      out.registerHook((g) => {
        if (!this.attached) return;
        this.sawBackward = true;
        if (target) target.gradient = statsOf(g.data, this.bins, this.statsOptions);
      });
    }
  }

  /**
   * Call after backward and before the optimizer step: records each parameter's value and
   * gradient, the grad:data ratio, and keeps a copy of the values for the update:data ratio.
   */
  beforeStep(): void {
    if (this.inStep) return;
    this.inStep = true;
    if (!this.recording) return;
    const step = this.current();
    step.parameters = [];
    for (const [name, p] of this.params) {
      const value = statsOf(p.data, this.bins, this.statsOptions);
      const rec: ParameterRecord = {
        step: this.stepIndex,
        name,
        layer: name.includes(".") ? name.slice(0, name.lastIndexOf(".")) : "",
        shape: [...p.shape],
        value,
      };
      if (p.grad) {
        rec.grad = statsOf(p.grad.data, this.bins, this.statsOptions);
        rec.gradDataRatio = value.std > 0 ? rec.grad.std / value.std : null;
      }
      step.parameters.push(rec);
      // θ before the step, for the update:data ratio: a plain copy into a buffer of the
      // parameter's own type (exact), allocated once and reused on every recorded step
      let before = this.snapshots.get(name);
      if (!before || before.length !== p.size || before.constructor !== p.data.constructor) {
        before = allocData(p.size, p.dtype);
        this.snapshots.set(name, before);
      }
      before.set(p.data);
    }
    this.snapshotted = this.params.length > 0;
  }

  /** Call after the optimizer step: records log10(std(Δw)/std(w)) per parameter and advances the step. */
  afterStep(): void {
    if (!this.inStep) return;
    this.inStep = false;
    if (this.recording && this.snapshotted) {
      const step = this.current();
      for (const rec of step.parameters) {
        const before = this.snapshots.get(rec.name);
        const p = this.params.find(([n]) => n === rec.name)?.[1];
        if (!before || !p) continue;
        const sw = rec.value.std; // std(w) before the step: beforeStep computed it from the same values
        const sd = stdOfDifference(p.data, before); // std(Δw), Δw = w_after − w_before in float64
        rec.updateDataRatio = sw > 0 && sd > 0 ? Math.log10(sd / sw) : null;
      }
    }
    this.snapshotted = false;
    this.sawBackward = false;
    this.stepIndex++;
  }

  /** Wraps `optimizer.step` so every call runs beforeStep and afterStep around it (undone by detach). */
  private wrap(optimizer: Steppable): void {
    const original = optimizer.step;
    const wrapped = (): unknown => {
      this.beforeStep();
      const r = original.call(optimizer);
      this.afterStep();
      return r;
    };
    optimizer.step = wrapped;
    this.removers.push(() => {
      if (optimizer.step === wrapped) optimizer.step = original;
    });
  }

  /** Stops recording and removes every hook (and the optimizer wrapper). Records stay readable. */
  detach(): void {
    this.attached = false;
    for (const remove of this.removers) remove();
    this.removers = [];
    this.snapshots.clear();
    this.snapshotted = false;
  }

  /** Whether the hooks are still in place. */
  get isAttached(): boolean {
    return this.attached;
  }

  /** Stops recording forwards until `resume()` (e.g. during validation). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  /** A layer's records over all recorded steps. */
  layer(name: string): LayerRecord[] {
    check(
      this.layerNames.has(name),
      () =>
        new ArgumentError({
          fn: "probe.Probe.layer",
          arg: "name",
          expected: `the name of a probed layer: ${[...this.layerNames].map((n) => JSON.stringify(n)).join(", ")}`,
          received: show(name),
          fix: 'Layers are named as model.namedModules() names them: a Sequential\'s layers are "0", "1", ….',
        }),
    );
    return this.records.flatMap((r) => r.layers.filter((l) => l.layer === name));
  }

  /** A parameter's records over all recorded steps. */
  parameter(name: string): ParameterRecord[] {
    check(
      this.params.some(([n]) => n === name),
      () =>
        new ArgumentError({
          fn: "probe.Probe.parameter",
          arg: "name",
          expected: `the name of a recorded parameter: ${this.params.map(([n]) => JSON.stringify(n)).join(", ") || "(none: parameters: false)"}`,
          received: show(name),
          fix: 'Parameters are named as model.namedParameters() names them, e.g. "0.weight".',
        }),
    );
    return this.records.flatMap((r) => r.parameters.filter((p) => p.name === name));
  }

  /** The record of training step `i` (undefined if that step was not recorded); the last one by default. */
  step(i?: number): StepRecord | undefined {
    if (i !== undefined && i !== null) int("probe.Probe.step", "i", i, { min: 0 });
    if (i === null) i = undefined;
    return i === undefined ? this.records[this.records.length - 1] : this.records.find((r) => r.step === i);
  }

  /** One statistic over steps, per layer or per parameter (see `seriesOf`). */
  series(stat: LayerStat | ParameterStat): StatSeries {
    return seriesOfAs("probe.Probe.series", this.records, stat);
  }

  /** One flat row per layer at step `i` (default: the last recorded step), e.g. for console.table. */
  table(i?: number): ProbeTableRow[] {
    if (i !== undefined && i !== null) int("probe.Probe.table", "i", i, { min: 0 });
    const rec = this.step(i ?? undefined);
    if (!rec) return [];
    return rec.layers.map((l) => ({
      layer: l.layer,
      type: l.type,
      shape: `[${l.shape.join(", ")}]`,
      mean: l.activation.mean,
      std: l.activation.std,
      saturated: l.activation.saturated ?? null,
      dead: l.activation.dead ?? null,
      gradMean: l.gradient?.mean ?? null,
      gradStd: l.gradient?.std ?? null,
    }));
  }
}

/**
 * Attaches a probe to a model.
 * @example
 * const model = new gl.nn.Sequential([new gl.nn.Linear(4, 8), new gl.nn.Tanh(), new gl.nn.Linear(8, 1)]);
 * const X = gl.randn([64, 4]);
 * const y = gl.sum(X, 1, true); // (64, 1)
 * const p = gl.probe.attach(model, { every: 2, histogramBins: 40 });
 * const optimizer = new gl.optim.SGD(model.parameters(), { lr: 0.1 });
 * await gl.fit(model, { X: X, y: y }, { epochs: 2, batchSize: 16, optimizer, loss: gl.loss.mse, probe: p, progress: false });
 * p.detach();
 * p.records.map((r) => r.step) // [0, 2, 4, 6]
 * p.table().map((row) => row.type) // one row per layer: Linear, Tanh, Linear
 * const fig = gl.plot.layerStats(p.records, { stat: "updateDataRatio" }); // lines per parameter, 1e-3 guide
 */
export function attach(model: Module, opts: ProbeOptions = {}): Probe {
  return new Probe(model, opts, "probe.attach");
}
