/**
 * History: what happened during `fit`, as plain arrays. Per step (one optimizer update): loss,
 * learning rate, gradient norm. Per epoch: mean training loss and metrics, validation loss and
 * metrics, wall time. Steps and epochs are counted from 0, like probe steps.
 */

/**
 * Why training ended. "nonFinite": fit's guard found NaN/Inf at step `stopped.step` (that step's
 * values are not in the History) and threw a NonFiniteError carrying this History.
 */
export type StopReason = "completed" | "earlyStopping" | "callback" | "nonFinite";

export class History {
  /** One entry per optimizer step. */
  readonly steps = {
    /** Step index (0, 1, 2, ...), the same numbering as probe records. */
    step: [] as number[],
    epoch: [] as number[],
    loss: [] as number[],
    lr: [] as number[],
    /** Global L2 norm of all parameter gradients, before any clipping. */
    gradNorm: [] as number[],
  };
  /** One entry per epoch. */
  readonly epochs = {
    epoch: [] as number[],
    /** Index of the epoch's last step (where epoch values are drawn on a step axis). */
    step: [] as number[],
    /** Mean training loss over the epoch's examples. */
    loss: [] as number[],
    /** Validation loss (null without validation data). */
    valLoss: [] as (number | null)[],
    /** Training metrics (mean over the epoch's examples), by name. */
    metrics: {} as Record<string, number[]>,
    /** Validation metrics by name (null without validation data). */
    valMetrics: {} as Record<string, (number | null)[]>,
    /** Seconds the epoch took. */
    seconds: [] as number[],
  };
  /** How and where training ended. */
  stopped: { reason: StopReason; epoch: number; step: number } = { reason: "completed", epoch: -1, step: -1 };
  /** With early stopping: the epoch whose weights were kept (restoreBest) or were best. */
  bestEpoch: number | null = null;
  /**
   * Shapes of the first batch's model output and target, e.g. { yHat: [32, 10], y: [32] } (logits
   * and class indices: gl.diagnose reads the number of classes from them); null before a step.
   */
  batchShapes: { yHat: number[]; y: number[] } | null = null;

  /** The last epoch's values as one flat object: { loss, valLoss, accuracy, valAccuracy, ... }. */
  last(): Record<string, number | null> {
    const i = this.epochs.epoch.length - 1;
    if (i < 0) return {};
    const out: Record<string, number | null> = { loss: this.epochs.loss[i], valLoss: this.epochs.valLoss[i] };
    for (const [k, v] of Object.entries(this.epochs.metrics)) out[k] = v[i];
    for (const [k, v] of Object.entries(this.epochs.valMetrics)) out[`val${k[0].toUpperCase()}${k.slice(1)}`] = v[i];
    return out;
  }

  /** Plain data (for JSON.stringify, or `plot.history`). */
  toJSON(): {
    steps: History["steps"];
    epochs: History["epochs"];
    stopped: History["stopped"];
    bestEpoch: number | null;
  } {
    return { steps: this.steps, epochs: this.epochs, stopped: this.stopped, bestEpoch: this.bestEpoch };
  }
}
