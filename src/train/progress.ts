/**
 * Progress of a training run: epoch, steps done, rate (steps/s), ETA and the latest loss. In a
 * notebook an HTML bar that updates in place; in a terminal one line rewritten in place (or, when
 * output is not a terminal, one line per epoch); or nothing.
 */
import { inNotebook, liveDisplay, LiveDisplay } from "../display/notebook";

/** "auto" (default): HTML in a notebook, text elsewhere; false: silent. A LiveDisplay can be passed to receive the updates. */
export type ProgressMode = "auto" | "html" | "text" | false | LiveDisplay;

export interface ProgressState {
  /** What the bar counts, shown first instead of "epoch e/E" (e.g. "lr finder", "trial 3/9"). */
  label?: string;
  /** What is counted (default "steps"; "trials" for a search). */
  unit?: string;
  epoch: number;
  epochs: number;
  /** Steps done in total, and the total when known. */
  done: number;
  total: number | null;
  /** Values to show, e.g. { loss: 0.43, valLoss: 0.51 }. */
  values: Record<string, number | null>;
}

/** Seconds as m:ss (or h:mm:ss). */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  const t = Math.max(0, Math.round(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

function formatValue(v: number | null): string {
  if (v === null) return "–";
  return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toFixed(4) : v.toExponential(2);
}

/** The one-line text form: "epoch 2/5 [#####.....] 48/120 · 35.2 steps/s · ETA 0:02 · loss 0.4312". */
export function progressText(p: ProgressState, seconds: number): string {
  const width = 24;
  const frac = p.total ? Math.min(1, p.done / p.total) : 0;
  const filled = Math.round(frac * width);
  const bar = p.total ? `[${"#".repeat(filled)}${".".repeat(width - filled)}] ` : "";
  const rate = seconds > 0 ? p.done / seconds : 0;
  const eta = p.total && p.done >= p.total ? 0 : p.total && rate > 0 ? (p.total - p.done) / rate : NaN;
  const vals = Object.entries(p.values)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k} ${formatValue(v)}`)
    .join(" · ");
  return `${p.label ?? `epoch ${p.epoch + 1}/${p.epochs}`} ${bar}${p.done}${p.total ? `/${p.total}` : ""} ${p.unit ?? "steps"} · ${rate.toFixed(1)} ${p.unit ?? "steps"}/s · ${p.total ? `ETA ${formatSeconds(eta)}` : `elapsed ${formatSeconds(seconds)}`}${vals ? ` · ${vals}` : ""}`;
}

function escapeHTML(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The HTML form: a <progress> bar and the same text. */
export function progressHTML(p: ProgressState, seconds: number): string {
  const max = p.total ?? Math.max(p.done, 1);
  return `<div style="font-family:monospace;font-size:12px"><progress value="${p.done}" max="${max}" style="width:240px;vertical-align:middle"></progress> ${escapeHTML(progressText({ ...p }, seconds).replace(/\[[#.]*\] /, ""))}</div>`;
}

/** Throttled progress output for one run. */
export class Progress {
  private readonly target: LiveDisplay | null;
  private readonly html: boolean;
  private readonly tty: boolean;
  private readonly start = performance.now();
  private last = 0;
  private lastEpochPrinted = -1;

  constructor(
    mode: ProgressMode = "auto",
    private readonly minIntervalMs = 100,
  ) {
    if (mode === false) {
      this.target = null;
      this.html = false;
    } else if (typeof mode === "object") {
      this.target = mode;
      this.html = inNotebook();
    } else {
      this.html = mode === "html" || (mode === "auto" && inNotebook());
      this.target = liveDisplay();
    }
    this.tty = this.html || typeof mode === "object" || Boolean(process.stdout.isTTY);
  }

  /** Seconds since the run started. */
  get seconds(): number {
    return (performance.now() - this.start) / 1000;
  }

  /** Shows the state if enough time has passed (or `force`); non-terminal text output prints at epoch ends only. */
  update(p: ProgressState, opts: { force?: boolean; epochEnd?: boolean } = {}): void {
    if (!this.target) return;
    const now = Date.now();
    if (!this.tty) {
      if (!opts.epochEnd || this.lastEpochPrinted === p.epoch) return;
      this.lastEpochPrinted = p.epoch;
      this.target.text(progressText(p, this.seconds));
      return;
    }
    if (!opts.force && now - this.last < this.minIntervalMs) return;
    this.last = now;
    if (this.html) this.target.html(progressHTML(p, this.seconds), progressText(p, this.seconds));
    else this.target.text(progressText(p, this.seconds));
  }

  /** Ends the line in a terminal. */
  finish(): void {
    if (this.target && this.tty && !this.html && process.stdout.isTTY) process.stdout.write("\n");
  }
}
