/**
 * Readings of a probe's records: update:data ratios far from 1e-3 (learning rate too high or too
 * low), ReLU layers with many dead units, tanh/sigmoid layers with many saturated units, and
 * gradients that shrink or grow by orders of magnitude from the last weight layer to the first.
 */
import { ArgumentError, check, show } from "../errors";
import type { ParameterRecord, StepRecord } from "../probe/records";
import { f3, pct, type Finding } from "./finding";
import * as T from "./thresholds";

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Weight parameters (two or more axes: biases and norm scales are left out), in model order. */
function weightNames(records: readonly StepRecord[]): string[] {
  const names: string[] = [];
  for (const r of records)
    for (const p of r.parameters) if (p.shape.length >= 2 && !names.includes(p.name)) names.push(p.name);
  return names;
}

function paramSeries(records: readonly StepRecord[], name: string): ParameterRecord[] {
  return records.flatMap((r) => r.parameters.filter((p) => p.name === name));
}

/** Median update:data ratio (log10) of each weight over the recorded steps. */
export function updateRatios(records: readonly StepRecord[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const name of weightNames(records)) {
    const values = paramSeries(records, name)
      .map((p) => p.updateDataRatio)
      .filter((v): v is number => typeof v === "number" && Number.isFinite(v));
    out[name] = values.length ? median(values) : null;
  }
  return out;
}

/**
 * The typical update:data ratio of a run (log10): the median over weights (biases left out) of each
 * weight's median over the recorded steps, and each weight's median; null without parameter records.
 * @example
 * const model = new gl.nn.Sequential([new gl.nn.Linear(4, 8), new gl.nn.Tanh(), new gl.nn.Linear(8, 1)]);
 * const X = gl.randn([64, 4]);
 * const p = gl.probe.attach(model);
 * await gl.fit(model, { X: X, y: gl.sum(X, 1, true) }, { epochs: 2, batchSize: 16, loss: gl.loss.mse,
 *   optimizer: new gl.optim.SGD(model.parameters(), { lr: 1e-3 }), probe: p, progress: false });
 * const r = gl.typicalUpdateRatio(p.records)!;
 * Object.keys(r.ratios) // ["0.weight", "2.weight"]
 * r.typical < -2 // true
 */
export function typicalRatio(
  records: readonly StepRecord[],
): { typical: number; ratios: Record<string, number | null> } | null {
  check(
    Array.isArray(records),
    () =>
      new ArgumentError({
        fn: "typicalUpdateRatio",
        arg: "records",
        expected: "a probe's records (an array of step records)",
        received: show(records),
        fix:
          records !== null && typeof records === "object" && "records" in records
            ? "Pass probe.records, not the probe itself."
            : "const p = gl.probe.attach(model); ...train...; gl.typicalUpdateRatio(p.records).",
      }),
  );
  const ratios = updateRatios(records);
  const known = Object.values(ratios).filter((v): v is number => v !== null);
  return known.length ? { typical: median(known), ratios } : null;
}

/**
 * lr-too-high or lr-too-low from the update:data ratios; `slowCurve` says the loss curve already
 * looks like no or slow learning, which a ratio merely below the target then explains.
 */
export function ratioFinding(
  records: readonly StepRecord[],
  lr: number | undefined,
  slowCurve: string | null,
): Finding | null {
  const t = typicalRatio(records);
  if (!t) return null;
  const { typical, ratios } = t;
  const lrText = lr !== undefined && Number.isFinite(lr) ? lr : null;
  const towards =
    lrText !== null
      ? ` towards ${f3(lrText * 10 ** (T.UPDATE_RATIO_TARGET - typical))} (what would bring the ratio to 1e-3)`
      : "";
  const evidence = { ...ratios, typical, target: T.UPDATE_RATIO_TARGET, decades: T.UPDATE_RATIO_DECADES, lr: lrText };
  const size = `10^${typical.toFixed(1)} = ${f3(10 ** typical)}`;
  if (typical > T.UPDATE_RATIO_TARGET + T.UPDATE_RATIO_DECADES)
    return {
      code: "lr-too-high",
      severity: "warning",
      message:
        `Each step changes the weights by about ${size} of their size (typical update:data ratio: median over weights and steps), ` +
        `far above the ≈ 1e-3 a healthy run shows: the learning rate is too high.`,
      evidence,
      fix: `Lower the learning rate${towards}.`,
    };
  const far = typical < T.UPDATE_RATIO_TARGET - T.UPDATE_RATIO_DECADES;
  if (far || (slowCurve !== null && typical < T.UPDATE_RATIO_TARGET - T.UPDATE_RATIO_CONFIRM))
    return {
      code: "lr-too-low",
      severity: "warning",
      message:
        (slowCurve ? `${slowCurve} ` : "") +
        `Each step changes the weights by only about ${size} of their size (typical update:data ratio: median over weights and steps), ` +
        `${far ? "far " : ""}below the ≈ 1e-3 a healthy run shows: the learning rate is too low.`,
      evidence,
      fix: `Raise the learning rate${towards}, or find one with gl.lrFinder.`,
    };
  return null;
}

/** Whether the weights never changed (update ratios recorded but all null: std(Δw) = 0). */
export function weightsFrozen(records: readonly StepRecord[]): boolean {
  const names = weightNames(records);
  if (!names.length) return false;
  return names.every((n) =>
    paramSeries(records, n).every((p) => p.updateDataRatio === null || p.updateDataRatio === undefined),
  );
}

/** Mean of one health fraction per layer over the last LATE_FRACTION of the records. */
function lateFractions(
  records: readonly StepRecord[],
  key: "dead" | "saturated",
): { layer: string; type: string; value: number; steps: number }[] {
  const late = records.slice(Math.floor(records.length * (1 - T.LATE_FRACTION)));
  const byLayer = new Map<string, { type: string; values: number[] }>();
  for (const r of late)
    for (const l of r.layers) {
      const v = l.activation[key];
      if (typeof v !== "number") continue;
      const e = byLayer.get(l.layer) ?? { type: l.type, values: [] };
      e.values.push(v);
      byLayer.set(l.layer, e);
    }
  return [...byLayer].map(([layer, e]) => ({
    layer,
    type: e.type,
    value: e.values.reduce((a, b) => a + b, 0) / e.values.length,
    steps: e.values.length,
  }));
}

/** dead-units: ReLU-family layers with a large fraction of units that are 0 for a whole batch. */
export function deadUnits(records: readonly StepRecord[]): Finding | null {
  const rows = lateFractions(records, "dead");
  const bad = rows.filter((r) => r.value > T.DEAD_FRACTION);
  if (!bad.length) return null;
  return {
    code: "dead-units",
    severity: "warning",
    message:
      bad
        .map((b) => `layer ${b.layer} (${b.type}): ${pct(b.value)} of its units output 0 for every example of a batch`)
        .join("; ") +
      ` (mean over the last ${bad[0].steps} recorded steps). A unit that is 0 for every input passes no gradient, so it no longer learns.`,
    evidence: { ...Object.fromEntries(rows.map((r) => [r.layer, r.value])), threshold: T.DEAD_FRACTION },
    fix: "Lower the learning rate (one large step can push a unit's bias far negative for good), use He initialization, or a LeakyReLU/ELU that keeps a gradient for negative inputs.",
  };
}

/** saturation: tanh/sigmoid layers with a large fraction of outputs in the flat tails. */
export function saturation(records: readonly StepRecord[]): Finding | null {
  const rows = lateFractions(records, "saturated");
  const bad = rows.filter((r) => r.value > T.SATURATED_FRACTION);
  if (!bad.length) return null;
  return {
    code: "saturation",
    severity: "warning",
    message:
      bad.map((b) => `layer ${b.layer} (${b.type}): ${pct(b.value)} of its outputs are saturated`).join("; ") +
      ` (mean over the last ${bad[0].steps} recorded steps; saturated: |tanh| > 0.97, sigmoid within 0.03 of 0 or 1). ` +
      "There the derivative is below 0.06: those units pass almost no gradient.",
    evidence: { ...Object.fromEntries(rows.map((r) => [r.layer, r.value])), threshold: T.SATURATED_FRACTION },
    fix: "Use Xavier/Glorot initialization (smaller weights), standardize the inputs, put BatchNorm before the activation, or use ReLU.",
  };
}

/**
 * vanishing-/exploding-gradients: the gradient of the loss w.r.t. the output of the first weight
 * layer against the last hidden one (δ, what backpropagation carries; the output layer's is set by
 * the loss alone), and the growth of the global gradient norm over the run.
 */
export function gradientSpan(records: readonly StepRecord[], gradNorm: number[]): Finding | null {
  const owners: string[] = [];
  for (const name of weightNames(records)) {
    const layer = records.flatMap((r) => r.parameters).find((p) => p.name === name)?.layer;
    if (layer !== undefined && !owners.includes(layer)) owners.push(layer);
  }
  if (owners.length >= 2) {
    const first = owners[0];
    const last = owners[owners.length >= 3 ? owners.length - 2 : owners.length - 1];
    const logs: number[] = [];
    for (const r of records) {
      const a = r.layers.find((l) => l.layer === first)?.gradient?.std;
      const b = r.layers.find((l) => l.layer === last)?.gradient?.std;
      if (a && b && a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b)) logs.push(Math.log10(a / b));
    }
    if (logs.length) {
      const d = median(logs);
      const perLayer = Object.fromEntries(
        owners.map((n) => {
          const s = records
            .map((r) => r.layers.find((l) => l.layer === n)?.gradient?.std)
            .filter((v): v is number => typeof v === "number");
          return [`layer ${n}`, s.length ? median(s) : null];
        }),
      );
      const evidence = { ...perLayer, log10FirstOverLast: d, decades: T.GRADIENT_DECADES };
      if (d < -T.GRADIENT_DECADES)
        return {
          code: "vanishing-gradients",
          severity: "warning",
          message:
            `The gradient reaching the first layer (${first}) is ${f3(10 ** -d)}× smaller than at the last hidden layer (${last}) ` +
            `(median ratio of the stds of ∂loss/∂output over the recorded steps): the signal fades on its way back, so the first layers barely learn.`,
          evidence,
          fix: "Use an initialization matched to the activation (He for ReLU, Xavier for tanh), ReLU-family activations instead of sigmoid/tanh, BatchNorm, residual connections, or fewer layers.",
        };
      if (d > T.GRADIENT_DECADES)
        return {
          code: "exploding-gradients",
          severity: "warning",
          message:
            `The gradient reaching the first layer (${first}) is ${f3(10 ** d)}× larger than at the last hidden layer (${last}) ` +
            `(median ratio of the stds of ∂loss/∂output over the recorded steps): the gradient grows on its way back through the layers.`,
          evidence,
          fix: "Scale the initialization down (He/Xavier instead of a large std), clip gradients (clipGradNorm in gl.fit), or add normalization layers.",
        };
    }
  }
  const finite = gradNorm.filter((g) => Number.isFinite(g));
  if (finite.length >= T.MIN_STEPS) {
    const w = Math.max(T.WINDOW_MIN, Math.round(finite.length * T.WINDOW_FRACTION));
    const start = finite.slice(0, w).reduce((a, b) => a + b, 0) / w;
    const end = finite.slice(-w).reduce((a, b) => a + b, 0) / w;
    if (start > 0 && end / start > T.GRADIENT_GROWTH)
      return {
        code: "exploding-gradients",
        severity: "warning",
        message: `The gradient norm grew from ${f3(start)} to ${f3(end)} (${f3(end / start)}×, means over ${w}-step windows): it grows without bound instead of settling.`,
        evidence: { startGradNorm: start, endGradNorm: end, growth: T.GRADIENT_GROWTH },
        fix: "Lower the learning rate, clip gradients (clipGradNorm in gl.fit), or add normalization layers.",
      };
  }
  return null;
}
