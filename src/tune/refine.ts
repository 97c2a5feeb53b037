/**
 * Coarse-to-fine search: `refine` narrows a space around the best trials of a search, keeping each
 * distribution's kind (a log-uniform range stays log-uniform, narrowed in log space), and
 * `coverage` counts how many distinct values of each parameter a search tried — the number that
 * makes random search beat grid search when only some parameters matter (Bergstra & Bengio, 2012).
 */
import { optionalInt, options } from "../args";
import { ArgumentError, check, show } from "../errors";
import type { SearchResult, Trial } from "./search";
import type { Distribution, Space } from "./space";

/**
 * Padding added on each side of the best trials' range, as a fraction of that range (of the
 * old range when the best trials share one value): the next search should also look a little
 * beyond the best values seen, since a coarse search only brackets the optimum.
 */
export const REFINE_PADDING = 0.25;

/** Trials ranked best first (aborted and NaN ones last). */
/** The result of a search (randomSearch or gridSearch), as `refine` and `coverage` read it. */
function checkResult(fn: string, result: unknown): asserts result is SearchResult {
  const r = result as Partial<SearchResult> | null | undefined;
  check(
    typeof r === "object" &&
      r !== null &&
      Array.isArray(r.trials) &&
      typeof r.space === "object" &&
      r.space !== null &&
      !(r instanceof Promise),
    () =>
      new ArgumentError({
        fn,
        arg: "result",
        expected: "the result of gl.tune.randomSearch or gl.tune.gridSearch",
        received: result instanceof Promise ? "a Promise" : show(result),
        fix:
          result instanceof Promise
            ? "The search is async: const result = await gl.tune.randomSearch({...});"
            : "const result = await gl.tune.randomSearch({ space, trials, objective }); then pass result.",
      }),
  );
}

export function ranked(result: SearchResult): Trial[] {
  const key = (t: Trial): number =>
    t.aborted || Number.isNaN(t.score) ? Infinity : result.mode === "max" ? -t.score : t.score;
  return [...result.trials].sort((a, b) => key(a) - key(b));
}

function narrow(d: Distribution, values: unknown[]): Distribution {
  if (d.kind === "choice") return { kind: "choice", values: d.values.filter((v) => values.includes(v)) };
  const nums = values as number[];
  const log = d.kind === "logUniform";
  const f = (v: number): number => (log ? Math.log(v) : v);
  const g = (v: number): number => (log ? Math.exp(v) : v);
  const lo0 = f(d.low);
  const hi0 = f(d.high);
  const lo = Math.min(...nums.map(f));
  const hi = Math.max(...nums.map(f));
  const pad = REFINE_PADDING * (hi > lo ? hi - lo : hi0 - lo0);
  const low = g(Math.max(lo0, lo - pad));
  const high = g(Math.min(hi0, hi + pad));
  if (d.kind === "intUniform") return { kind: "intUniform", low: Math.floor(low), high: Math.ceil(high) };
  return { kind: d.kind, low, high };
}

/**
 * A narrower space of the same kinds around the `top` best trials (default 3): each range shrinks
 * to the span of their values plus REFINE_PADDING on each side (never past the old bounds: when
 * the best values sit at an edge, widen that bound yourself), each choice to the values they used.
 * @example
 * const coarse = await gl.tune.randomSearch({
 *   space: { lr: gl.tune.logUniform(1e-5, 1) }, trials: 12, seed: 0, progress: false,
 *   objective: (p) => Math.abs(Math.log10(p.lr as number) + 2), // best at lr = 1e-2
 * });
 * const fine = gl.tune.refine(coarse, { top: 3 });
 * fine.lr.kind // "logUniform"
 * const f = fine.lr as { low: number; high: number };
 * f.low > 1e-5 && f.high < 1 && f.low < 1e-2 && f.high > 1e-2 // true
 */
export function refine(result: SearchResult, opts: { top?: number } = {}): Space {
  checkResult("tune.refine", result);
  opts = options<typeof opts>("tune.refine", "opts", opts, ["top"]);
  const top = optionalInt("tune.refine", "top", opts.top, 3, {
    min: 1,
    fix: "top is how many of the best trials the new space surrounds, e.g. top: 3.",
  });
  const best = ranked(result).slice(0, top);
  const out: Space = {};
  for (const [name, d] of Object.entries(result.space))
    out[name] = narrow(
      d,
      best.map((t) => t.params[name]),
    );
  return out;
}

/**
 * How many distinct values of each parameter the search tried.
 * @example
 * const grid = await gl.tune.gridSearch({ space: { a: [1, 2, 3], b: [1, 2, 3] }, objective: () => 0, progress: false });
 * gl.tune.coverage(grid).a // 3
 */
export function coverage(result: SearchResult): Record<string, number> {
  checkResult("tune.coverage", result);
  const out: Record<string, number> = {};
  for (const name of Object.keys(result.space)) out[name] = new Set(result.trials.map((t) => t.params[name])).size;
  return out;
}
