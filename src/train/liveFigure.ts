/**
 * The live training figure: the History's loss (and metric) curves redrawn in one notebook output
 * while training runs, at most every `everyMs` milliseconds, and once more at the end.
 */
import { history as historyFigure } from "../plot/history";
import { inNotebook, liveDisplay, LiveDisplay } from "../plot/display";
import type { History } from "./history";

export interface LiveOptions {
  /** Minimum milliseconds between redraws (default 500). */
  everyMs?: number;
  /** Log scale for the loss axis. */
  logY?: boolean;
  /** Where to draw (default: a new notebook output; outside a notebook, nothing is drawn). */
  target?: LiveDisplay;
}

export class LiveFigure {
  private readonly target: LiveDisplay | null;
  private last = 0;
  private readonly everyMs: number;
  /** How many times the figure was drawn. */
  draws = 0;

  constructor(private readonly opts: LiveOptions = {}) {
    this.everyMs = opts.everyMs ?? 500;
    this.target = opts.target ?? (inNotebook() ? liveDisplay() : null);
  }

  /** Redraws if `everyMs` passed since the last draw (or when forced). */
  update(h: History, force = false): void {
    if (!this.target || h.steps.step.length === 0) return;
    const now = Date.now();
    if (!force && now - this.last < this.everyMs) return;
    this.last = now;
    this.draws++;
    this.target.figure(historyFigure(h, { title: "Training (live)", logY: this.opts.logY }));
  }
}
