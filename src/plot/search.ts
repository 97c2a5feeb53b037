/**
 * Figures of a hyperparameter search: the score of every trial against each parameter (log axes
 * where the parameter was sampled log-uniformly), and which values of each single parameter a
 * grid and a random search tried (coverage: 3 values per parameter for a 3×3 grid, 9 for 9 random trials).
 */
import type { Figure } from "../display/notebook";
import { listArg, objectArg } from "../args";
import { ArgumentError, check, show } from "../errors";
import {
  axis,
  grid,
  gridHeight,
  panelTitle,
  titleOf,
  FigureOptions,
  CATEGORY_COLORS,
  FIGURE_KEYS,
  figureOptions,
} from "./layout";

/** A search result: its method, a space of named distributions, trials { params, score }. */
function searchArg(fn: string, arg: string, value: unknown): SearchData {
  const fix =
    "Pass what gl.tune.randomSearch or gl.tune.gridSearch returns, awaited: const r = await gl.tune.randomSearch(...).";
  const v = objectArg(fn, arg, value, {
    what: "a search result { method, space, trials } (gl.tune.randomSearch / gridSearch)",
    fix,
    keys: ["method", "space", "trials"],
  });
  const space = objectArg(fn, `${arg}.space`, v.space, { what: "the space searched: { name: distribution }", fix });
  for (const [name, d] of Object.entries(space))
    objectArg(fn, `${arg}.space.${name}`, d, { what: "a distribution { kind, values? }", fix, keys: ["kind"] });
  listArg(fn, `${arg}.trials`, v.trials, { what: "trials { params, score }", example: `${arg}.trials` });
  const trials = v.trials as unknown[];
  const best = v.best === undefined || v.best === null ? [] : [["best", v.best] as const];
  for (const [at, t] of [...trials.map((t, i) => [`trials[${i}]`, t] as const), ...best]) {
    const tr = objectArg(fn, `${arg}.${at}`, t, { what: "a trial { params, score }", fix, keys: ["params", "score"] });
    objectArg(fn, `${arg}.${at}.params`, tr.params, { what: "the trial's parameters by name", fix });
    check(
      typeof tr.score === "number",
      () =>
        new ArgumentError({
          fn,
          arg: `${arg}.${at}.score`,
          expected: "a number (the trial's score)",
          received: show(tr.score),
          fix,
        }),
    );
  }
  return value as SearchData;
}
import { readable } from "./readable";

/** What the figures need (a gl.tune search result has it). */
export interface SearchData {
  method: string;
  space: Record<string, { kind: string; values?: unknown[] }>;
  trials: { params: Record<string, unknown>; score: number; aborted?: boolean }[];
  best?: { params: Record<string, unknown>; score: number };
}

/**
 * Log axis for a parameter: sampled log-uniformly, or a list of positive numbers spanning at least
 * two decades (a grid laid out on a log scale, e.g. [1e-3, 1e-2, 1e-1]).
 */
function isLog(d: { kind: string; values?: unknown[] } | undefined): boolean {
  if (!d) return false;
  if (d.kind === "logUniform") return true;
  const v = d.values;
  if (!v || !v.every((x) => typeof x === "number" && x > 0)) return false;
  const nums = v as number[];
  return Math.max(...nums) / Math.min(...nums) >= 100;
}

/**
 * Score of every trial against each parameter, one panel per parameter; aborted trials grey, the best one starred.
 * @example
 * const result = { method: "random", space: { lr: { kind: "logUniform" } },
 *   trials: [{ params: { lr: 1e-3 }, score: 0.9 }, { params: { lr: 1e-2 }, score: 0.4 }, { params: { lr: 1 }, score: 2.3, aborted: true }] };
 * const fig = gl.plot.searchScores(result);
 * (fig.layout!.xaxis as { type?: string }).type // "log"
 */
export function searchScores(result: SearchData, opts: FigureOptions & { scoreLabel?: string } = {}): Figure {
  opts = figureOptions<FigureOptions & { scoreLabel?: string }>("plot.searchScores", opts, [
    ...FIGURE_KEYS,
    "scoreLabel",
  ]);
  searchArg("plot.searchScores", "result", result);
  const names = Object.keys(result.space);
  const cols = Math.min(names.length, 3);
  const panels = grid(names.length, cols, 0.1);
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {
    title: titleOf(opts.title ?? `${result.method} search: score of each trial`),
    height: opts.height ?? gridHeight(names.length, cols, 300),
    showlegend: true,
    annotations: [] as Record<string, unknown>[],
  };
  const best = result.best;
  names.forEach((name, k) => {
    const p = panels[k];
    const ok = result.trials.filter((t) => !t.aborted);
    const bad = result.trials.filter((t) => t.aborted);
    const common = {
      type: "scatter",
      mode: "markers",
      xaxis: p.xref,
      yaxis: p.yref,
      legendgroup: "g",
      showlegend: k === 0,
    };
    data.push({
      ...common,
      name: "trial",
      x: ok.map((t) => t.params[name]),
      y: ok.map((t) => t.score),
      marker: { color: CATEGORY_COLORS[0], size: 8 },
    });
    if (bad.length)
      data.push({
        ...common,
        legendgroup: "a",
        name: "aborted trial",
        x: bad.map((t) => t.params[name]),
        y: bad.map((t) => (Number.isFinite(t.score) ? t.score : null)),
        marker: { color: "gray", symbol: "x", size: 8 },
      });
    if (best)
      data.push({
        ...common,
        legendgroup: "b",
        name: "best",
        x: [best.params[name]],
        y: [best.score],
        marker: { color: CATEGORY_COLORS[3], symbol: "star", size: 14 },
      });
    layout[p.xKey] = axis(isLog(result.space[name]) ? `${name} (log scale)` : name, isLog(result.space[name]), {
      domain: p.xDomain,
      anchor: p.yref,
    });
    layout[p.yKey] = axis(opts.scoreLabel ?? "score", opts.logY, { domain: p.yDomain, anchor: p.xref });
    (layout.annotations as Record<string, unknown>[]).push(panelTitle(name, p));
  });
  if (opts.width) layout.width = opts.width;
  return readable({ data, layout });
}

/**
 * Which values of each single parameter each search tried: one panel per parameter, one row of
 * markers per search, its number of distinct values in the row's name.
 * @example
 * const g = { method: "grid", space: { a: { kind: "choice", values: [1, 2] } }, trials: [{ params: { a: 1 }, score: 0 }, { params: { a: 2 }, score: 0 }, { params: { a: 1 }, score: 0 }] };
 * const fig = gl.plot.searchCoverage([g]);
 * fig.data[0].name // "grid: 2 distinct"
 */
export function searchCoverage(results: SearchData[], opts: FigureOptions = {}): Figure {
  const fn = "plot.searchCoverage";
  opts = figureOptions<FigureOptions>(fn, opts, FIGURE_KEYS);
  listArg(fn, "results", results, { what: "search results", example: "[grid, random]", minLength: 1 });
  results.forEach((r, i) => searchArg(fn, `results[${i}]`, r));
  const names = [...new Set(results.flatMap((r) => Object.keys(r.space)))];
  // a row gap in pixels that holds a panel's x tick labels and axis title and the next panel's title
  const margin = { t: 90, b: 70 };
  const height = opts.height ?? margin.t + margin.b + 150 * names.length + 90 * (names.length - 1);
  const panels = grid(names.length, 1, 0.1, names.length > 1 ? 90 / (height - margin.t - margin.b) : 0);
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {
    title: titleOf(opts.title ?? "Values of each parameter that each search tried"),
    height,
    margin,
    showlegend: false,
    annotations: [] as Record<string, unknown>[],
  };
  names.forEach((name, k) => {
    const p = panels[k];
    results.forEach((r, j) => {
      const values = r.trials.map((t) => t.params[name]);
      const distinct = new Set(values).size;
      data.push({
        type: "scatter",
        mode: "markers",
        xaxis: p.xref,
        yaxis: p.yref,
        name: `${r.method}: ${distinct} distinct`,
        x: values,
        y: values.map(() => `${r.method} (${distinct} values)`),
        marker: { color: CATEGORY_COLORS[j % CATEGORY_COLORS.length], size: 10, opacity: 0.7 },
      });
    });
    const log = results.some((r) => isLog(r.space[name]));
    layout[p.xKey] = axis(log ? `${name} (log scale)` : name, log, { domain: p.xDomain, anchor: p.yref });
    layout[p.yKey] = axis("", false, { domain: p.yDomain, anchor: p.xref, type: "category" });
    (layout.annotations as Record<string, unknown>[]).push(panelTitle(name, p));
  });
  if (opts.width) layout.width = opts.width;
  return readable({ data, layout });
}
