/**
 * Hyperparameter search: random search (Bergstra & Bengio, 2012) and grid search over a space,
 * each trial scored by a learner-written objective. Trials run one after another, seeded: the
 * same seed gives the same parameters and, because `gl.seed(trial.seed)` runs before each trial,
 * the same initial weights and the same scores. A trial whose training loss exceeds
 * ABORT_FACTOR × its first loss is stopped early (it is diverging: more steps waste the budget).
 */
import { bool, int, oneOf, options, seedArg } from "../args";
import { ArgumentError, check, NumericError, show } from "../errors";
import { Generator, seed as seedGlobal } from "../random";
import type { Callbacks } from "../train/fit";
import type { History } from "../train/history";
import { Progress, ProgressMode } from "../train/progress";
import { checkSpace, choice, Distribution, Params, sample, Space } from "./space";

/**
 * A trial is aborted when its training loss exceeds this multiple of its first loss. CS231n's
 * rule for hyperparameter search ("if the cost is ever > 3 × the original cost, break out
 * early"): a loss that has tripled is diverging, and no later step brings such a run back
 * within a search's budget. (The study notes state it as "训练成本增加超过三倍"; it is the loss
 * relative to its initial value, not the training cost.)
 */
export const ABORT_FACTOR = 3;

/** What an objective receives besides the parameters. */
export interface TrialContext {
  /** The trial's index (0-based). */
  index: number;
  /** The seed set with gl.seed before the objective runs (pass it to gl.fit's `seed` too if you like). */
  seed: number;
  /** Pass to gl.fit: stops the run when the loss exceeds ABORT_FACTOR × its first loss. */
  callbacks: Callbacks;
}

/** What an objective returns: a score, or a score with the run's History. */
export type ObjectiveResult = number | { score: number; history?: History };

export type Objective = (params: Params, trial: TrialContext) => ObjectiveResult | Promise<ObjectiveResult>;

export interface Trial {
  index: number;
  /** The seed gl.seed was set to before the trial (set it again to rebuild the same initial weights). */
  seed: number;
  params: Params;
  /** What the objective returned (NaN for a run that went NaN/Inf). */
  score: number;
  history?: History;
  /** True when the run was stopped early (loss > ABORT_FACTOR × first loss, or NaN/Inf). */
  aborted: boolean;
  /** Why it was aborted, in words. */
  abortReason?: string;
  seconds: number;
}

export interface SearchResult {
  /** "random" or "grid". */
  method: "random" | "grid";
  /** The space searched (for a grid: each list of values as a choice). */
  space: Space;
  /** "min" (lower score is better, the default) or "max". */
  mode: "min" | "max";
  trials: Trial[];
  /** The best trial that was not aborted (the best of all when every trial was). */
  best: Trial;
}

export interface SearchOptions {
  objective: Objective;
  /** "min" (default: lower score is better, e.g. a validation loss) or "max" (e.g. accuracy). */
  mode?: "min" | "max";
  /** Progress bar: "auto" (default), "html", "text", or false. */
  progress?: ProgressMode;
  /** Stop trials early when their loss exceeds ABORT_FACTOR × their first loss (default true). */
  earlyAbort?: boolean;
}

export interface RandomSearchOptions extends SearchOptions {
  space: Space;
  trials: number;
  /** Seed of the search (parameters drawn and the trials' seeds; default 0). */
  seed?: number;
}

export interface GridSearchOptions extends SearchOptions {
  /** Values to try per parameter: { lr: [1e-3, 1e-2, 1e-1], hidden: [8, 32] }. Every combination is one trial. */
  space: Record<string, unknown[]>;
  /** Seed of the trials (default 0). */
  seed?: number;
}

/** The early-abort callback for gl.fit, and what it saw. */
const SEARCH_OPTION_KEYS = ["objective", "mode", "progress", "earlyAbort", "seed"];

function abortWatch(enabled: boolean): { callbacks: Callbacks; reason: () => string | undefined } {
  let first: number | null = null;
  let reason: string | undefined;
  return {
    callbacks: {
      onStepEnd: (logs, ctx) => {
        if (!enabled) return;
        if (first === null) first = logs.loss;
        else if (!(logs.loss <= ABORT_FACTOR * first)) {
          reason = `the loss ${logs.loss.toPrecision(3)} at step ${logs.step} exceeded ${ABORT_FACTOR} × the first loss ${first.toPrecision(3)}`;
          ctx.stop();
        }
      },
    },
    reason: () => reason,
  };
}

function better(a: number, b: number, mode: "min" | "max"): boolean {
  if (Number.isNaN(b)) return !Number.isNaN(a);
  if (Number.isNaN(a)) return false;
  return mode === "min" ? a < b : a > b;
}

/** Runs the trials one after another, with a progress bar; returns the search result. */
async function runTrials(
  method: "random" | "grid",
  space: Space,
  list: Params[],
  seeds: number[],
  opts: SearchOptions,
  fn: string,
): Promise<SearchResult> {
  check(
    typeof opts.objective === "function",
    () =>
      new ArgumentError({
        fn,
        arg: "objective",
        expected: "a function (params, trial) => score (or { score, history }), may be async",
        received: show(opts.objective),
        fix: "e.g. objective: async (p, trial) => { ...train with p.lr...; return validationLoss; }",
      }),
  );
  const mode = oneOf(fn, "mode", opts.mode ?? "min", ["min", "max"]);
  const earlyAbort = bool(fn, "earlyAbort", opts.earlyAbort, true);
  const progress = new Progress(opts.progress ?? "auto");
  const trials: Trial[] = [];
  for (let i = 0; i < list.length; i++) {
    const watch = abortWatch(earlyAbort);
    seedGlobal(seeds[i]);
    const started = performance.now();
    let score: number;
    let history: History | undefined;
    let abortReason: string | undefined;
    try {
      const r = await opts.objective({ ...list[i] }, { index: i, seed: seeds[i], callbacks: watch.callbacks });
      if (typeof r === "number") score = r;
      else {
        check(
          typeof r === "object" && r !== null && typeof r.score === "number",
          () =>
            new ArgumentError({
              fn,
              arg: "objective",
              expected: "to return a number or { score: number, history? }",
              received: show(r),
              fix: "End the objective with return validationLoss; (a number) or return { score, history }.",
            }),
        );
        score = r.score;
        history = r.history;
      }
      abortReason = watch.reason();
    } catch (e) {
      if (!(e instanceof NumericError)) throw e;
      // the run went NaN/Inf: the trial is a failed one, the search goes on
      score = NaN;
      history = (e as { history?: History }).history;
      abortReason = `training stopped on a non-finite value (${e.message.split(".")[0]})`;
    }
    trials.push({
      index: i,
      seed: seeds[i],
      params: list[i],
      score,
      ...(history ? { history } : {}),
      aborted: abortReason !== undefined || Number.isNaN(score),
      ...(abortReason ? { abortReason } : {}),
      seconds: (performance.now() - started) / 1000,
    });
    const best = trials.reduce((b, t) => (better(t.score, b.score, mode) ? t : b));
    progress.update(
      {
        label: `${method} search`,
        unit: "trials",
        epoch: 0,
        epochs: 1,
        done: i + 1,
        total: list.length,
        values: { best: best.score },
      },
      { force: i === list.length - 1, epochEnd: i === list.length - 1 },
    );
  }
  progress.finish();
  const kept = trials.filter((t) => !t.aborted);
  const pool = kept.length ? kept : trials;
  const best = pool.reduce((b, t) => (better(t.score, b.score, mode) ? t : b));
  return { method, space, mode, trials, best };
}

/**
 * Random search: `trials` parameter sets drawn from `space`, each scored by `objective`.
 * @example
 * const result = await gl.tune.randomSearch({
 *   space: { x: gl.tune.uniform(-2, 2) }, trials: 20, seed: 1, progress: false,
 *   objective: (p) => ((p.x as number) - 1) ** 2, // lowest at x = 1
 * });
 * result.trials.length // 20
 * Math.abs((result.best.params.x as number) - 1) < 0.3 // true
 */
export async function randomSearch(opts: RandomSearchOptions): Promise<SearchResult> {
  const fn = "tune.randomSearch";
  opts = options<RandomSearchOptions>(fn, "opts", opts, [
    "space",
    "trials",
    ...SEARCH_OPTION_KEYS,
  ]) as RandomSearchOptions;
  checkSpace(opts.space, fn);
  int(fn, "trials", opts.trials, {
    min: 1,
    fix: "trials is how many random configurations to train, e.g. trials: 20.",
  });
  const generator = new Generator(seedArg(fn, "seed", opts.seed, 0));
  const names = Object.keys(opts.space);
  const list: Params[] = [];
  const seeds: number[] = [];
  for (let i = 0; i < opts.trials; i++) {
    list.push(Object.fromEntries(names.map((n) => [n, sample(opts.space[n], generator)])));
    seeds.push(generator.int(2 ** 31));
  }
  return runTrials("random", opts.space, list, seeds, opts, fn);
}

/**
 * Grid search: every combination of the listed values (the first parameter varies slowest).
 * @example
 * const result = await gl.tune.gridSearch({
 *   space: { a: [1, 2, 3], b: [10, 20] }, progress: false,
 *   objective: (p) => (p.a as number) + (p.b as number),
 * });
 * result.trials.length // 6
 * result.best.score // 11
 */
export async function gridSearch(opts: GridSearchOptions): Promise<SearchResult> {
  const fn = "tune.gridSearch";
  opts = options<GridSearchOptions>(fn, "opts", opts, ["space", ...SEARCH_OPTION_KEYS]) as GridSearchOptions;
  const space = opts.space;
  check(
    typeof space === "object" &&
      space !== null &&
      Object.keys(space).length > 0 &&
      Object.values(space).every((v) => Array.isArray(v) && v.length > 0),
    () =>
      new ArgumentError({
        fn,
        arg: "space",
        expected: "an object with a non-empty list of values per parameter, e.g. { lr: [1e-3, 1e-2, 1e-1] }",
        received: show(space),
        fix: "Distributions (gl.tune.logUniform, ...) are for gl.tune.randomSearch.",
      }),
  );
  const names = Object.keys(space);
  let list: Params[] = [{}];
  for (const n of names) list = list.flatMap((p) => space[n].map((v) => ({ ...p, [n]: v })));
  const generator = new Generator(seedArg(fn, "seed", opts.seed, 0));
  const seeds = list.map(() => generator.int(2 ** 31));
  const asSpace: Record<string, Distribution> = Object.fromEntries(names.map((n) => [n, choice(space[n])]));
  return runTrials("grid", asSpace, list, seeds, opts, fn);
}
