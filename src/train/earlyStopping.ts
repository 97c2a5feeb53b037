/**
 * Early stopping: stop when a monitored value (validation loss by default) has not improved by
 * more than `minDelta` for `patience` epochs, and optionally put back the best epoch's weights.
 */
import { ArgumentError } from "../errors";
import type { Module } from "../nn/module";
import type { Tensor } from "../tensor/tensor";

export interface EarlyStoppingOptions {
  /** What to watch: "valLoss" (default with validation data), "loss", a metric ("accuracy") or "valAccuracy". */
  monitor?: string;
  /** Epochs without improvement before stopping (default 5). */
  patience?: number;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** "min" for losses, "max" for metrics; default: "min" if the name contains "loss", else "max". */
  mode?: "min" | "max";
  /** Put back the weights of the best epoch when stopping or at the end (default true). */
  restoreBest?: boolean;
}

export class EarlyStopping {
  readonly monitor: string;
  readonly patience: number;
  readonly minDelta: number;
  readonly mode: "min" | "max";
  readonly restoreBest: boolean;
  best = NaN;
  bestEpoch: number | null = null;
  private wait = 0;
  private bestState: Record<string, Tensor> | null = null;

  constructor(opts: EarlyStoppingOptions, hasValidation: boolean) {
    this.monitor = opts.monitor ?? (hasValidation ? "valLoss" : "loss");
    this.patience = opts.patience ?? 5;
    this.minDelta = opts.minDelta ?? 0;
    this.mode = opts.mode ?? (/loss/i.test(this.monitor) ? "min" : "max");
    this.restoreBest = opts.restoreBest ?? true;
  }

  /** Records this epoch's value; returns true when training should stop. */
  update(epoch: number, logs: Record<string, number | null>, model: Module): boolean {
    const v = logs[this.monitor];
    if (v === undefined || v === null) {
      throw new ArgumentError({
        fn: "fit",
        arg: "earlyStopping.monitor",
        expected: `one of ${JSON.stringify(Object.keys(logs).filter((k) => logs[k] !== null))}`,
        received: JSON.stringify(this.monitor),
        fix: "Monitor 'valLoss' only when you pass validation data; metrics are named as in `metrics`.",
      });
    }
    const improved =
      this.bestEpoch === null || (this.mode === "min" ? v < this.best - this.minDelta : v > this.best + this.minDelta);
    if (improved) {
      this.best = v;
      this.bestEpoch = epoch;
      this.wait = 0;
      if (this.restoreBest) this.bestState = model.stateDict();
      return false;
    }
    this.wait++;
    return this.wait >= this.patience;
  }

  /** Puts back the best weights (if asked and if a later epoch was worse). */
  restore(model: Module): void {
    if (this.restoreBest && this.bestState) model.loadStateDict(this.bestState);
  }
}
