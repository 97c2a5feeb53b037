/**
 * The live training figure: the History's loss (and metric) curves redrawn in one notebook output
 * while training runs, at most every `everyMs` milliseconds, and once more at the end.
 *
 * train stands below plot, so it does not import the figure builder: the figure is a function
 * handed in (`live: { figure }`), by default the one plot/history.ts hands down when it loads
 * (`gl.plot.history`, always loaded with gradlab).
 */
import { ArgumentError } from "../errors";
import { Figure, inNotebook, liveDisplay, LiveDisplay } from "../display/notebook";
import type { History } from "./history";

/** Builds the live figure from the History so far. */
export type HistoryFigure = (history: History, opts: { title: string; logY?: boolean }) => Figure;

let defaultFigure: HistoryFigure | null = null;

/** Sets the figure `live: true` draws (plot/history.ts sets gl.plot.history). */
export function setDefaultLiveFigure(figure: HistoryFigure): void {
  defaultFigure = figure;
}

export interface LiveOptions {
  /** Minimum milliseconds between redraws (default 500). */
  everyMs?: number;
  /** Log scale for the loss axis. */
  logY?: boolean;
  /** Where to draw (default: a new notebook output; outside a notebook, nothing is drawn). */
  target?: LiveDisplay;
  /** The figure to draw (default gl.plot.history). */
  figure?: HistoryFigure;
}

export class LiveFigure {
  private readonly target: LiveDisplay | null;
  private last = 0;
  private readonly everyMs: number;
  /** How many times the figure was drawn. */
  draws = 0;

  private readonly figure: HistoryFigure;

  constructor(private readonly opts: LiveOptions = {}) {
    this.everyMs = opts.everyMs ?? 500;
    this.target = opts.target ?? (inNotebook() ? liveDisplay() : null);
    const figure = opts.figure ?? defaultFigure;
    if (!figure)
      throw new ArgumentError({
        fn: "fit",
        arg: "live",
        expected: "a figure to draw",
        received: "none (gradlab's plot module was not loaded)",
        fix: 'Import gradlab as a whole (import * as gl from "gradlab"), or pass live: { figure: gl.plot.history }.',
      });
    this.figure = figure;
  }

  /** Redraws if `everyMs` passed since the last draw (or when forced). */
  update(h: History, force = false): void {
    if (!this.target || h.steps.step.length === 0) return;
    const now = Date.now();
    if (!force && now - this.last < this.everyMs) return;
    this.last = now;
    this.draws++;
    this.target.figure(this.figure(h, { title: "Training (live)", logY: this.opts.logY }));
  }
}
