/**
 * The defaults that make a figure readable, in one place: every builder returns its figure through
 * `readable`, and `gl.plot.show` passes hand-made figures through it too (it is idempotent).
 *   - log axes are labelled with the numbers at the ticks: powers of ten where the data span at
 *     least three of them, else 1-2-5 (or 1…9) steps as short decimals; never SI prefixes (10k, 100μ)
 *     or bare digits standing for 0.2 or 20;
 *   - a fixed axis range grows to hold every point of every slider frame, and a slider figure
 *     without a range gets one from all its frames (plotly does not rescale axes while animating);
 *   - more than ten legend entries get a 24-colour palette (plotly cycles ten), past 24 a dash too;
 *   - on a slider figure, text labels of points are never "" (plotly would not draw them later);
 *   - an equal-aspect axis pair shrinks its plot area (`constrain: "domain"`) instead of widening
 *     the data range, and x tick labels stand off a little so they clear the y labels at the corner.
 */
import type { Figure } from "../display/notebook";
import { figureArg } from "./figureCheck";
import { int, numberList } from "../args";

/** plotly's ten category colours: classes and groups use them in this order. */
export const CATEGORY_COLORS: readonly string[] = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];

/** 24 distinguishable colours (plotly express "Dark24"), for more than ten lines or groups. */
const WIDE_PALETTE: readonly string[] = [
  "#2E91E5",
  "#E15F99",
  "#1CA71C",
  "#FB0D0D",
  "#DA16FF",
  "#222A2A",
  "#B68100",
  "#750D86",
  "#EB663B",
  "#511CFB",
  "#00A08B",
  "#FB00D1",
  "#FC0080",
  "#B2828D",
  "#6C7C32",
  "#778AAE",
  "#862A16",
  "#A777F1",
  "#620042",
  "#1616A7",
  "#DA60CA",
  "#6C4516",
  "#0D2A63",
  "#AF0038",
];

const DASHES = ["solid", "dash", "dot", "dashdot"];

/**
 * Colours for `n` classes, groups or lines: plotly's ten when they suffice, else 24 (repeated
 * past 24; lines then differ by dash as well).
 * @example
 * gl.plot.palette(24).length // 24
 */
export function palette(n: number): readonly string[] {
  int("plot.palette", "n", n, { min: 0 });
  return n <= CATEGORY_COLORS.length ? CATEGORY_COLORS : WIDE_PALETTE;
}

const MINUS = "\u2212";

/**
 * A tick label for m·10^k: a short decimal between 0.001 and 10^4 (`decimals`: 1-2-5 steps), else
 * m×10^k with a superscript; powers of ten are all written 10^k (but 1 and 10) so an axis never
 * mixes styles.
 */
function logLabel(m: number, k: number, decimals: boolean): string {
  const v = m * Math.pow(10, k);
  if (decimals ? k >= -3 && k <= 3 : k === 0 || k === 1) return String(+v.toPrecision(1)).replace("-", MINUS);
  const power = `10<sup>${k < 0 ? MINUS : ""}${Math.abs(k)}</sup>`;
  return m === 1 ? power : `${m}×${power}`;
}

/**
 * Tick values and labels for a log axis holding `values` (the positive ones count): powers of ten
 * (thinned to at most 8) when at least three lie in the data's span, else the 1-2-5 steps (or
 * every digit when fewer than three 1-2-5 steps lie in the span).
 * @example
 * gl.plot.logTicks([2, 64])!.ticktext // ["2", "5", "10", "20", "50"]
 */
export function logTicks(values: ArrayLike<number>): { tickvals: number[]; ticktext: string[] } | null {
  numberList("plot.logTicks", "values", values, { gaps: true });
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && v > 0) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(lo <= hi)) return null;
  const eps = 1e-9;
  const first = Math.ceil(Math.log10(lo) - eps);
  const last = Math.floor(Math.log10(hi) + eps);
  if (last - first + 1 >= 3) {
    const step = Math.ceil((last - first + 1) / 8);
    const ks: number[] = [];
    for (let k = Math.floor(Math.log10(lo) + eps); k <= Math.ceil(Math.log10(hi) - eps); k++)
      if ((k - first) % step === 0) ks.push(k);
    return { tickvals: ks.map((k) => Math.pow(10, k)), ticktext: ks.map((k) => logLabel(1, k, false)) };
  }
  const steps = (ms: number[]): [number, number][] => {
    const out: [number, number][] = [];
    for (let k = Math.floor(Math.log10(lo)) - 1; k <= Math.ceil(Math.log10(hi)); k++)
      for (const m of ms) {
        const v = m * Math.pow(10, k);
        if (v >= lo / 1.25 && v <= hi * 1.25) out.push([m, k]);
      }
    return out;
  };
  const inside = (ts: [number, number][]) =>
    ts.filter(([m, k]) => m * Math.pow(10, k) >= lo && m * Math.pow(10, k) <= hi);
  let ticks = steps([1, 2, 5]);
  if (inside(ticks).length < 3) ticks = steps([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  return {
    tickvals: ticks.map(([m, k]) => +(m * Math.pow(10, k)).toPrecision(2)),
    ticktext: ticks.map(([m, k]) => logLabel(m, k, true)),
  };
}

type Trace = Record<string, unknown>;
type Axis = Record<string, unknown>;

const AXIS_KEY = /^([xy])axis(\d*)$/;

/** The values each cartesian axis shows (scatter and bar data, every frame), keyed by layout key. */
function axisValues(fig: Figure): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (key: string, values: unknown, withZero: boolean) => {
    if (!Array.isArray(values) && !ArrayBuffer.isView(values)) return;
    const list = out.get(key) ?? [];
    for (const v of Array.from(values as ArrayLike<unknown>))
      if (typeof v === "number" && Number.isFinite(v)) list.push(v);
    if (withZero) list.push(0);
    out.set(key, list);
  };
  const take = (t: Trace, base: Trace) => {
    const type = String(base.type ?? "scatter");
    if (type !== "scatter" && type !== "bar" && type !== "scattergl") return;
    if (base.visible === false) return;
    const xKey = `xaxis${String(base.xaxis ?? "x").slice(1)}`;
    const yKey = `yaxis${String(base.yaxis ?? "y").slice(1)}`;
    const horizontal = type === "bar" && base.orientation === "h";
    if (type !== "bar" || horizontal) add(xKey, t.x ?? base.x, type === "bar");
    if (type !== "bar" || !horizontal) add(yKey, t.y ?? base.y, type === "bar");
  };
  for (const t of fig.data) take(t, t);
  for (const f of fig.frames ?? []) {
    const data = (f.data as Trace[] | undefined) ?? [];
    const traces = f.traces as number[] | undefined;
    data.forEach((t, k) => {
      const base = fig.data[traces ? traces[k] : k];
      if (base) take(t, base);
    });
  }
  return out;
}

/** [lo, hi] of `values` in the axis's units (log10 on a log axis), or null. */
function extent(values: number[], log: boolean): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (log && v <= 0) continue;
    const u = log ? Math.log10(v) : v;
    lo = Math.min(lo, u);
    hi = Math.max(hi, u);
  }
  return lo <= hi ? [lo, hi] : null;
}

/** A range holding [lo, hi] with 5 % to spare on each side (half a unit when lo = hi). */
function padded([lo, hi]: [number, number]): [number, number] {
  const pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(lo) * 0.1, 0.5);
  return [lo - pad, hi + pad];
}

/**
 * The figure with gradlab's readability defaults applied (see the file comment). Settings the
 * figure already has are kept, except a fixed range that would hide data, which grows.
 * @example
 * const fig = gl.plot.readable({ data: [{ type: "scatter", x: [1, 10, 100, 1000], y: [1, 2, 3, 4] }], layout: { xaxis: { type: "log" } } });
 * (fig.layout!.xaxis as { ticktext: string[] }).ticktext // ["1", "10", "10<sup>2</sup>", "10<sup>3</sup>"]
 */
export function readable(fig: Figure): Figure {
  figureArg("plot.readable", "fig", fig);
  const layout: Record<string, unknown> = { ...(fig.layout ?? {}) };
  const values = axisValues(fig);
  const animated = (fig.frames ?? []).length > 0;
  for (const key of Object.keys(layout)) {
    const m = AXIS_KEY.exec(key);
    if (!m || typeof layout[key] !== "object" || layout[key] === null) continue;
    const ax: Axis = { ...(layout[key] as Axis) };
    const log = ax.type === "log";
    const data = values.get(key) ?? [];
    if (log) {
      ax.exponentformat ??= "power";
      if (ax.tickvals === undefined && ax.dtick === undefined) {
        const ticks = logTicks(data);
        if (ticks) Object.assign(ax, { tickmode: "array", ...ticks });
      }
    }
    const span = extent(data, log);
    const range = ax.range as [number, number] | undefined;
    if (span && !ax.matches && (range || animated)) {
      if (Array.isArray(range) && range.length === 2 && range.every(Number.isFinite)) {
        const reversed = range[0] > range[1];
        const lo = Math.min(range[0], range[1]);
        const hi = Math.max(range[0], range[1]);
        const eps = (hi - lo) * 1e-6;
        if (span[0] < lo - eps || span[1] > hi + eps) {
          const [plo, phi] = padded(span);
          const grown: [number, number] = [Math.min(lo, plo), Math.max(hi, phi)];
          ax.range = reversed ? [grown[1], grown[0]] : grown;
        }
      } else if (range === undefined && ax.autorange === undefined) {
        ax.range = padded(span);
      }
    }
    if (ax.scaleanchor !== undefined && ax.constrain === undefined) {
      ax.constrain = "domain";
      const other = `${String(ax.scaleanchor)[0]}axis${String(ax.scaleanchor).slice(1)}`;
      if (layout[other] && typeof layout[other] === "object")
        layout[other] = { constrain: "domain", ...(layout[other] as Axis) };
      else layout[other] = { constrain: "domain" };
    }
    if (m[1] === "x") ax.ticklabelstandoff ??= 3;
    else ax.automargin ??= true; // long y tick labels (category names) widen the margin, not run off the page
    layout[key] = ax;
  }
  if (Array.isArray(layout.sliders))
    // below the x-axis title, not on it (plotly's default puts the rail right under the axis)
    layout.sliders = layout.sliders.map((sl: Record<string, unknown>) =>
      sl.y === undefined && sl.pad === undefined ? { ...sl, pad: { t: 60 } } : sl,
    );
  const data = withColours(animated ? fig.data.map(textNeverEmpty) : fig.data, layout);
  fitWidthToAspect(layout, data);
  const frames = animated
    ? fig.frames!.map((f) => ({ ...f, data: ((f.data as Trace[] | undefined) ?? []).map(textNeverEmpty) }))
    : fig.frames;
  return { ...fig, data, layout, ...(frames ? { frames } : {}) };
}

/**
 * On a slider figure, a point's text "" becomes " ": plotly animates the text of the points that
 * had some, so a label that appears on a point whose text was "" is never drawn (the labels of a
 * kernel's taps vanished after the first slider move).
 */
function textNeverEmpty(t: Trace): Trace {
  if (!Array.isArray(t.text) || !t.text.includes("")) return t;
  return { ...t, text: t.text.map((s: unknown) => (s === "" ? " " : s)) };
}

/**
 * An equal-aspect figure (y scaled to x) with both ranges fixed and no width gets the width its
 * plot area needs, plus room for a colour bar or legend: no blank band between plot and colour bar.
 */
function fitWidthToAspect(layout: Record<string, unknown>, data: Trace[]): void {
  const x = layout.xaxis as Axis | undefined;
  const y = layout.yaxis as Axis | undefined;
  if (layout.width !== undefined || !x || !y || y.scaleanchor !== "x") return;
  const xr = x.range as number[] | undefined;
  const yr = y.range as number[] | undefined;
  if (!Array.isArray(xr) || !Array.isArray(yr) || ![...xr, ...yr].every(Number.isFinite)) return;
  if (x.type === "log" || y.type === "log") return;
  const margin = (layout.margin as Record<string, number> | undefined) ?? {};
  const [t, b, l, r] = [margin.t ?? 100, margin.b ?? 80, margin.l ?? 80, margin.r ?? 80];
  const height = Number(layout.height ?? 450);
  const plotH = height - t - b - (Array.isArray(layout.sliders) && layout.sliders.length ? 90 : 0);
  const ratio = Math.abs(xr[1] - xr[0]) / Math.abs(yr[1] - yr[0]) / Number(y.scaleratio ?? 1);
  const colorbar = data.some((d) => (d.type === "heatmap" || d.type === "contour") && d.showscale !== false);
  const legend = layout.showlegend === true || (layout.showlegend === undefined && data.length > 1);
  const title = layout.title as { text?: string } | string | undefined;
  const titleText = (typeof title === "string" ? title : (title?.text ?? "")).replace(/<[^>]+>/g, "");
  const width = Math.max(
    plotH * ratio + l + r + (colorbar ? 110 : 0) + (legend ? 140 : 0),
    titleText.length * 9.5 + 60, // the title fits (the plot stays square: its area is constrained)
  );
  layout.width = Math.round(Math.min(1100, Math.max(360, width)));
}

/** Past ten legend entries: the wide palette as the colour cycle, and a dash per round past 24. */
function withColours(data: Trace[], layout: Record<string, unknown>): Trace[] {
  const legend = data.filter((t) => t.showlegend !== false && t.name !== undefined && t.type !== "heatmap");
  const groups = [...new Set(legend.map((t) => String(t.legendgroup ?? t.name)))];
  if (groups.length <= CATEGORY_COLORS.length || layout.colorway !== undefined) return data;
  layout.colorway = WIDE_PALETTE;
  let k = -1;
  const seen = new Map<string, number>();
  return data.map((t) => {
    if (!legend.includes(t)) return t;
    const group = String(t.legendgroup ?? t.name);
    if (!seen.has(group)) seen.set(group, ++k);
    const round = Math.floor(seen.get(group)! / WIDE_PALETTE.length);
    const line = (t.line as Record<string, unknown> | undefined) ?? {};
    if (round === 0 || line.dash !== undefined) return t;
    return { ...t, line: { ...line, dash: DASHES[round % DASHES.length] } };
  });
}
