/**
 * Line chart: one or more series y(x) on shared axes, optionally with log axes and horizontal
 * guide lines (e.g. the 1e-3 update:data ratio rule of thumb).
 */
import type { Figure } from "../display/notebook";
import { listArg, num, numberList, objectArg, options } from "../args";
import { baseLayout, FIGURE_KEYS, figureOptions, FigureOptions } from "./layout";
import { readable } from "./readable";

/** One line: y values, optional x values (default 0, 1, 2, ...) and a legend name. */
export interface Series {
  y: ArrayLike<number>;
  x?: ArrayLike<number>;
  name?: string;
  /** "solid" (default), "dash", "dot". */
  dash?: string;
  /** Draw markers as well as lines. */
  markers?: boolean;
}

/** A horizontal reference line drawn across the plot. */
export interface Guide {
  y: number;
  label?: string;
}

export interface LineOptions extends FigureOptions {
  guides?: Guide[];
}

/** Guide lines: a list of { y, label? } with a finite y. */
export function guidesArg(fn: string, guides: unknown): Guide[] | undefined {
  if (guides === undefined || guides === null) return undefined;
  listArg(fn, "guides", guides, { what: "guide lines { y, label }", example: '[{ y: -3, label: "1e-3" }]' });
  (guides as unknown[]).forEach((g, i) => {
    const v = objectArg(fn, `guides[${i}]`, g, {
      what: "a guide line { y, label? }",
      fix: 'Write it as { y: -3, label: "1e-3" }.',
      keys: ["y"],
    });
    num(fn, `guides[${i}].y`, v.y);
  });
  return guides as Guide[];
}
/** Plain number arrays (typed arrays become arrays; NaN stays NaN and shows as a gap). */
export function plain(values: ArrayLike<number>): number[] {
  return Array.from(values, (v) => (v === null ? NaN : v));
}

/** A plotly scatter trace in "lines" mode for one series. */
export function lineTrace(s: Series, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const y = plain(s.y);
  return {
    type: "scatter",
    mode: s.markers ? "lines+markers" : "lines",
    x: s.x ? plain(s.x) : y.map((_, i) => i),
    y,
    ...(s.name !== undefined ? { name: s.name } : {}),
    ...(s.dash ? { line: { dash: s.dash } } : {}),
    ...extra,
  };
}

/** Dashed horizontal lines for the guides, as layout shapes and their labels as annotations. */
export function guideShapes(
  guides: Guide[] | null = [],
  xref = "x",
  yref = "y",
): { shapes: Record<string, unknown>[]; annotations: Record<string, unknown>[] } {
  guides ??= [];
  const domain = xref === "x" ? "x domain" : `${xref} domain`;
  return {
    shapes: guides.map((g) => ({
      type: "line",
      xref: domain,
      x0: 0,
      x1: 1,
      yref,
      y0: g.y,
      y1: g.y,
      line: { dash: "dash", color: "gray", width: 1.5 },
    })),
    annotations: guides
      .filter((g) => g.label)
      .map((g) => ({
        xref: domain,
        x: 1,
        xanchor: "right",
        yref,
        y: g.y,
        yanchor: "bottom",
        text: g.label,
        showarrow: false,
        font: { color: "gray" },
      })),
  };
}

/**
 * Line chart of one or more series.
 * @example
 * gl.plot.line([{ y: [1, 0.5, 0.25], name: "train" }, { y: [1, 0.7, 0.6], name: "val" }],
 *              { title: "Loss", xLabel: "epoch", yLabel: "loss", logY: true });
 */
export function line(series: Series | Series[] | ArrayLike<number>, opts: LineOptions = {}): Figure {
  const fn = "plot.line";
  opts = figureOptions<LineOptions>(fn, opts, [...FIGURE_KEYS, "guides"]);
  guidesArg(fn, opts.guides);
  const list: Series[] =
    Array.isArray(series) && (series.length === 0 || (typeof series[0] === "object" && series[0] !== null))
      ? (series as unknown[]).map((s, i) => seriesArg(fn, `series[${i}]`, s))
      : isSeries(series)
        ? [seriesArg(fn, "series", series)]
        : [{ y: numberList(fn, "series", series, LINE_VALUES) }];
  const { shapes, annotations } = guideShapes(opts.guides);
  return readable({
    data: withCoincidentLinesMarked(list, opts.logY).map((s) => lineTrace(s)),
    layout: {
      ...baseLayout(opts, { title: "Line chart", xLabel: "x", yLabel: "y" }),
      showlegend: list.length > 1,
      ...(shapes.length ? { shapes, annotations } : {}),
    },
  });
}

/**
 * A line drawn over an earlier one would hide it: where two series stay within 1.5 % of the y
 * span of each other at every point (about a line's width; measured in log10 on a log axis), the
 * later one is dashed and its legend name says which line it covers (e.g. LeCun over Xavier init
 * in a square network).
 */
export function withCoincidentLinesMarked(list: Series[], logY = false): Series[] {
  const shown = (v: number) => (logY ? (v > 0 ? Math.log10(v) : NaN) : v);
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of list)
    for (let i = 0; i < s.y.length; i++) {
      const v = shown(s.y[i]);
      if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
  const tol = hi > lo ? 0.015 * (hi - lo) : 1e-12;
  const same = (a: Series, b: Series): boolean => {
    if (a.y.length !== b.y.length || a.y.length === 0) return false;
    for (let i = 0; i < a.y.length; i++) {
      if ((a.x ? a.x[i] : i) !== (b.x ? b.x[i] : i)) return false;
      const [ya, yb] = [shown(a.y[i]), shown(b.y[i])];
      if (Number.isNaN(ya) && Number.isNaN(yb)) continue;
      if (!(Math.abs(ya - yb) <= tol)) return false;
    }
    return true;
  };
  return list.map((s, i) => {
    const earlier = list.slice(0, i).find((e) => same(e, s));
    if (!earlier) return s;
    const name = s.name !== undefined && earlier.name !== undefined ? `${s.name} (≈ ${earlier.name}, dashed)` : s.name;
    return { ...s, name, dash: s.dash ?? "dash" };
  });
}

function isSeries(s: unknown): s is Series {
  return typeof s === "object" && s !== null && "y" in s;
}

/** Values of a line: numbers, NaN/null for a gap, ±Infinity where a run diverged (plotly leaves those points out). */
const LINE_VALUES = { gaps: true, infinite: true } as const;

/** One series { y, x?, name?, dash?, markers? }, checked: known keys, y a list of numbers, x as long as y. */
function seriesArg(fn: string, arg: string, s: unknown): Series {
  const o = objectArg(fn, arg, s, {
    what: "a series { y, x?, name? }",
    fix: 'Write each line as { y: [1, 0.5, 0.25], name: "train" } (x is optional: 0, 1, 2, … by default).',
    keys: ["y"],
  });
  options(fn, arg, o, ["y", "x", "name", "dash", "markers"]);
  const y = numberList(fn, `${arg}.y`, o.y, LINE_VALUES);
  if (o.x !== undefined && o.x !== null)
    numberList(fn, `${arg}.x`, o.x, { ...LINE_VALUES, length: y.length, lengthOf: `'${arg}.y'` });
  return o as unknown as Series;
}
