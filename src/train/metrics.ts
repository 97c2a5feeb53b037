/**
 * Metrics computed from a batch's predictions and targets (plain numbers, no gradients).
 * accuracy = fraction of examples whose predicted class equals the target class.
 */
import { suggestion } from "../args";
import { ArgumentError, ShapeError, show } from "../errors";
import type { Tensor } from "../tensor/tensor";

/** A metric: predictions and targets of a batch → one number (averaged over examples by fit). */
export type MetricFn = (yHat: Tensor, y: Tensor) => number;

/** Metrics by name, or built-in names ("accuracy") and functions. */
export type Metrics = (string | MetricFn)[] | Record<string, MetricFn>;

/** Predicted or target class per example: argmax of each row for [N, C] (C > 1), else the value itself / a threshold. */
function classes(t: Tensor, threshold: number | null): number[] {
  const n = t.shape[0];
  const c = t.size / Math.max(n, 1);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    if (c > 1) {
      let best = 0;
      for (let k = 1; k < c; k++) if (t.data[i * c + k] > t.data[i * c + best]) best = k;
      out[i] = best;
    } else out[i] = threshold === null ? Math.round(t.data[i]) : t.data[i] > threshold ? 1 : 0;
  }
  return out;
}

/**
 * Fraction of correct predictions. yHat [N, C]: the class is the argmax (logits or probabilities);
 * y is class indices [N] or one-hot [N, C]. yHat [N] or [N, 1] (binary): the class is yHat > 0.5
 * when every yHat lies in [0, 1] (probabilities), else yHat > 0 (logits); y holds 0/1.
 * For example, logits [[2, 1], [0, 3]] with targets [0, 0] give 0.5 (fit and evaluate use it for metrics: ["accuracy"]).
 */
export function accuracy(yHat: Tensor, y: Tensor): number {
  const n = yHat.shape[0];
  if (y.shape[0] !== n) {
    throw new ShapeError({
      fn: "accuracy",
      arg: "y",
      expected: `${n} targets (one per prediction)`,
      received: `shape ${show(y.shape)}`,
      fix: "Pass the targets of the same examples as the predictions: y as class indices [N] (or one-hot [N, C]).",
    });
  }
  let threshold = 0;
  if (yHat.size === n) {
    let inUnit = true;
    for (let i = 0; i < n; i++) if (yHat.data[i] < 0 || yHat.data[i] > 1) inUnit = false;
    threshold = inUnit ? 0.5 : 0;
  }
  const p = classes(yHat, threshold);
  const t = classes(y, null);
  let correct = 0;
  for (let i = 0; i < n; i++) if (p[i] === t[i]) correct++;
  return n ? correct / n : NaN;
}

const builtIn: Record<string, MetricFn> = { accuracy };

/** The metrics as [name, fn] pairs. */
export function resolveMetrics(metrics: Metrics | undefined, fn: string): [string, MetricFn][] {
  if (!metrics) return [];
  if (!Array.isArray(metrics)) return Object.entries(metrics);
  return metrics.map((m, i) => {
    if (typeof m === "function") return [m.name || `metric${i}`, m] as [string, MetricFn];
    const f = builtIn[m];
    if (!f) {
      throw new ArgumentError({
        fn,
        arg: "metrics",
        expected: `one of ${show(Object.keys(builtIn))} or a function (yHat, y) => number`,
        received: show(m),
        fix: `${typeof m === "string" ? `${suggestion(m, Object.keys(builtIn))} ` : ""}Give metrics as a list, e.g. metrics: ["accuracy"], or a function (yHat, y) => number.`.trim(),
      });
    }
    return [m, f] as [string, MetricFn];
  });
}
