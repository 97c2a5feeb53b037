/**
 * Evaluation and prediction: the model in eval mode (dropout off, BatchNorm on running
 * statistics), no gradients recorded, batch by batch; the model's mode is restored afterwards.
 */
import { fnArg, moduleArg, optionalInt, options } from "../args";
import { noGrad } from "../autograd/mode";
import { ArgumentError, check, show } from "../errors";
import type { Module } from "../nn/module";
import { Tensor } from "../tensor/tensor";
import { concatRows, Data, epochBatches, takeRows } from "./batches";
import { Metrics, resolveMetrics } from "./metrics";

/** A loss function: predictions and targets → a scalar tensor (e.g. gl.loss.crossEntropy). */
export type LossFn = (yHat: Tensor, y: Tensor) => Tensor;

export interface EvaluateOptions {
  loss?: LossFn;
  metrics?: Metrics;
  /** Examples per forward pass (default 256). */
  batchSize?: number;
}

/** Loss and metrics averaged over all examples (weighted by batch size). */
export interface Evaluation {
  /** Mean loss, or null without a loss function. */
  loss: number | null;
  metrics: Record<string, number>;
  /** Number of examples seen. */
  count: number;
}

/** Runs fn with the model in eval mode and restores each module's previous mode. */
export function inEvalMode<T>(model: Module, fn: () => T): T {
  const modes = model.modules().map((m) => m.training);
  model.eval();
  try {
    return fn();
  } finally {
    model.modules().forEach((m, i) => (m.training = modes[i]));
  }
}

/**
 * Mean loss and metrics of the model on data, in eval mode without gradients.
 * @example
 * const model = new gl.nn.Sequential([new gl.nn.Linear(2, 3)]);
 * const Xtest = gl.randn([10, 2]);
 * const ytest = gl.tensor([0, 1, 2, 0, 1, 2, 0, 1, 2, 0]); // class indices
 * const result = gl.evaluate(model, { X: Xtest, y: ytest }, { loss: gl.loss.crossEntropy, metrics: ["accuracy"] });
 * result.count // 10
 * const { loss, metrics } = result; // mean loss, { accuracy }
 */
export function evaluate(model: Module, data: Data, opts: EvaluateOptions = {}): Evaluation {
  moduleArg("evaluate", "model", model);
  opts = options<typeof opts>("evaluate", "opts", opts, ["loss", "metrics", "batchSize"]) as typeof opts;
  const batchSize = optionalInt("evaluate", "batchSize", opts.batchSize, 256, {
    min: 1,
    fix: "batchSize counts examples per forward pass, e.g. 256.",
  });
  if (opts.loss !== undefined && opts.loss !== null) fnArg("evaluate", "loss", opts.loss, "gl.loss.crossEntropy");
  const metrics = resolveMetrics(opts.metrics, "evaluate");
  const sums: Record<string, number> = Object.fromEntries(metrics.map(([n]) => [n, 0]));
  let lossSum = 0;
  let count = 0;
  inEvalMode(model, () =>
    noGrad(() => {
      for (const { X, y } of epochBatches(data, { batchSize, shuffle: false }, "evaluate")) {
        const n = X.shape[0];
        const yHat = model.forward(X);
        if (opts.loss) lossSum += opts.loss(yHat, y).item() * n;
        for (const [name, f] of metrics) sums[name] += f(yHat, y) * n;
        count += n;
      }
    }),
  );
  return {
    loss: opts.loss ? lossSum / count : null,
    metrics: Object.fromEntries(metrics.map(([n]) => [n, sums[n] / count])),
    count,
  };
}

/**
 * The model's outputs for X, computed in batches in eval mode without gradients.
 * @example
 * const model = new gl.nn.Sequential([new gl.nn.Linear(2, 3)]);
 * gl.predict(model, gl.randn([300, 2]), { batchSize: 128 }).shape // [300, 3]
 */
export function predict(model: Module, X: Tensor, opts: { batchSize?: number } = {}): Tensor {
  moduleArg("predict", "model", model);
  opts = options<typeof opts>("predict", "opts", opts, ["batchSize"]) as typeof opts;
  check(
    X instanceof Tensor && X.rank >= 1,
    () =>
      new ArgumentError({
        fn: "predict",
        arg: "X",
        expected: "a tensor with examples on axis 0",
        received: show(X),
        fix: "Pass the inputs as one tensor, e.g. gl.predict(model, data.X).",
      }),
  );
  const batchSize = optionalInt("predict", "batchSize", opts.batchSize, 256, {
    min: 1,
    fix: "batchSize counts examples per forward pass, e.g. 256.",
  });
  const n = X.shape[0];
  return inEvalMode(model, () =>
    noGrad(() => {
      const parts: Tensor[] = [];
      for (let start = 0; start < n; start += batchSize) {
        const idx = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
        parts.push(model.forward(n <= batchSize ? X : takeRows(X, idx)));
      }
      return parts.length === 1 ? parts[0] : concatRows(parts);
    }),
  );
}
