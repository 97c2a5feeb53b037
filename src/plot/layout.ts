/**
 * Layout pieces every gradlab figure shares: a title, axis titles (with units), log axes, and a
 * grid of subplots (one axis pair per panel, e.g. one panel per layer); and the check of every
 * builder's options object (known keys only, flags true/false, sizes positive).
 */
import { bool, options, optionalNum } from "../args";
import { ArgumentError, check, show } from "../errors";

/** Options common to every figure builder. */
export interface FigureOptions {
  /** Figure title (every figure has one). */
  title?: string;
  /** x-axis title, with units where they mean something (e.g. "step", "activation value"). */
  xLabel?: string;
  /** y-axis title. */
  yLabel?: string;
  /** Logarithmic x axis. */
  logX?: boolean;
  /** Logarithmic y axis. */
  logY?: boolean;
  /** Height in pixels. */
  height?: number;
  /** Width in pixels (default: the notebook's width). */
  width?: number;
}

/** The keys of FigureOptions. */
export const FIGURE_KEYS: readonly string[] = ["title", "xLabel", "yLabel", "logX", "logY", "height", "width"];

/** Options of the figure builders that are true/false flags. */
const FLAG_KEYS = ["logX", "logY", "logZ", "equalAspect", "horizontal", "sharedX", "sharedY", "diverging"];
/** Options that are sizes in pixels. */
const PIXEL_KEYS = ["height", "width", "panelSize"];
/** Options that are one piece of text (a number is written as text). */
const TEXT_KEYS = ["title", "xLabel", "yLabel", "zLabel", "scoreLabel", "label", "colorscale", "color"];

/**
 * A builder's options object, checked with the one argument layer: only the `known` keys (a
 * misspelled key gets "did you mean …?"), flags true or false, sizes positive numbers.
 * undefined/null give {}.
 */
export function figureOptions<O extends object>(fn: string, value: unknown, known: readonly string[], arg = "opts"): O {
  const o = options<O>(fn, arg, value, known) as Record<string, unknown>;
  for (const key of FLAG_KEYS) if (known.includes(key)) bool(fn, key, o[key], false);
  for (const key of PIXEL_KEYS)
    if (known.includes(key)) optionalNum(fn, key, o[key], 1, { min: 0, minExclusive: true });
  for (const key of TEXT_KEYS) {
    const v = o[key];
    if (!known.includes(key) || v === undefined || v === null) continue;
    const plural = `${key}s`;
    check(
      typeof v === "string" || typeof v === "number",
      () =>
        new ArgumentError({
          fn,
          arg: key,
          expected: "one piece of text",
          received: show(v),
          fix:
            Array.isArray(v) && known.includes(plural)
              ? `Did you mean '${plural}' (one per panel)? '${key}' is the one ${key} of the figure.`
              : `Write ${key}: "…" (a string).`,
        }),
    );
  }
  return o as O;
}

/** A plotly title object. */
export function titleOf(text: string): { text: string } {
  return { text };
}

/** A plotly axis with a title and, optionally, a log scale. */
export function axis(label: string, log = false, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: { text: label }, ...(log ? { type: "log" } : {}), ...extra };
}

/** The layout of a single-panel figure. */
export function baseLayout(
  opts: FigureOptions,
  defaults: { title: string; xLabel: string; yLabel: string },
): Record<string, unknown> {
  return {
    title: titleOf(opts.title ?? defaults.title),
    xaxis: axis(opts.xLabel ?? defaults.xLabel, opts.logX),
    yaxis: axis(opts.yLabel ?? defaults.yLabel, opts.logY),
    ...(opts.height ? { height: opts.height } : {}),
    ...(opts.width ? { width: opts.width } : {}),
  };
}

/** One panel of a subplot grid: the axis ids its traces use and the layout keys of its axes. */
export interface Panel {
  /** Trace fields: "x", "x2", ... */
  xref: string;
  yref: string;
  /** Layout keys: "xaxis", "xaxis2", ... */
  xKey: string;
  yKey: string;
  /** Position in the figure, as fractions of its width/height. */
  xDomain: [number, number];
  yDomain: [number, number];
  row: number;
  col: number;
}

/**
 * Splits a figure into `n` panels, `cols` per row, filled row by row from the top; `gap` and
 * `yGap` are the spaces between columns and rows, as fractions of the figure.
 * For example grid(4, 2)[3] is the bottom-right panel, drawn on axes "x4"/"y4".
 */
export function grid(n: number, cols = Math.min(n, 3), gap = 0.08, yGap = gap * 1.5): Panel[] {
  const rows = Math.max(1, Math.ceil(n / cols));
  const w = (1 - gap * (cols - 1)) / cols;
  const h = (1 - yGap * (rows - 1)) / rows;
  return Array.from({ length: n }, (_, i) => {
    const row = Math.floor(i / cols);
    const col = i % cols;
    const k = i === 0 ? "" : String(i + 1);
    const x0 = col * (w + gap);
    const y1 = 1 - row * (h + yGap);
    return {
      xref: `x${k}`,
      yref: `y${k}`,
      xKey: `xaxis${k}`,
      yKey: `yaxis${k}`,
      xDomain: [round(x0), round(x0 + w)] as [number, number],
      yDomain: [round(Math.max(0, y1 - h)), round(y1)] as [number, number],
      row,
      col,
    };
  });
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** Height that keeps grid panels readable: `perRow` pixels per row plus room for the title. */
export function gridHeight(n: number, cols: number, perRow = 220): number {
  return 80 + perRow * Math.max(1, Math.ceil(n / cols));
}

/** A small bold label above a panel (plotly annotation in paper coordinates). */
export function panelTitle(text: string, p: Panel): Record<string, unknown> {
  return {
    text: `<b>${text}</b>`,
    x: (p.xDomain[0] + p.xDomain[1]) / 2,
    y: p.yDomain[1],
    xref: "paper",
    yref: "paper",
    xanchor: "center",
    yanchor: "bottom",
    showarrow: false,
    font: { size: 12 },
  };
}

export { CATEGORY_COLORS } from "./readable";
