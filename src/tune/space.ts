/**
 * Search spaces for hyperparameter search: each distribution is a plain object that says what it
 * is (`{ kind: "logUniform", low: 1e-4, high: 1e-1 }`), so a space prints and reads as written,
 * and `sample` draws one value from it with a seeded generator. Log-uniform is the one to use for
 * scale parameters (learning rate, weight decay): it spends as many trials on [1e-4, 1e-3] as on
 * [1e-2, 1e-1], where a uniform draw would put 90 % of them in the top decade.
 */
import { int } from "../args";
import { ArgumentError, check, show } from "../errors";
import type { Generator } from "../random";

/** Uniform on [low, high). */
export interface Uniform {
  kind: "uniform";
  low: number;
  high: number;
}

/** log(value) uniform on [log low, log high): every decade gets the same share of trials. */
export interface LogUniform {
  kind: "logUniform";
  low: number;
  high: number;
}

/** A whole number in [low, high], both ends included, each equally likely. */
export interface IntUniform {
  kind: "intUniform";
  low: number;
  high: number;
}

/** One of the listed values, each equally likely. */
export interface Choice<T = unknown> {
  kind: "choice";
  values: T[];
}

export type Distribution = Uniform | LogUniform | IntUniform | Choice;

/** A search space: one distribution per hyperparameter name. */
export type Space = Record<string, Distribution>;

/** The hyperparameters of one trial, by name. */
export type Params = Record<string, unknown>;

function checkRange(fn: string, low: number, high: number, positive: boolean): void {
  check(
    typeof low === "number" && typeof high === "number" && Number.isFinite(low) && Number.isFinite(high) && low < high,
    () =>
      new ArgumentError({
        fn,
        arg: "low, high",
        expected: "two finite numbers with low < high",
        received: `low ${show(low)}, high ${show(high)}`,
        fix: "Write the smaller bound first, e.g. gl.tune.uniform(0, 0.5).",
      }),
  );
  check(
    !positive || low > 0,
    () =>
      new ArgumentError({
        fn,
        arg: "low",
        expected: "a bound > 0 (a logarithm is taken)",
        received: show(low),
        fix: "A log-uniform range spans decades, e.g. gl.tune.logUniform(1e-5, 1e-1); use uniform for ranges that include 0.",
      }),
  );
}

/**
 * Uniform on [low, high): for parameters whose effect is additive (dropout p, momentum).
 * @example
 * gl.tune.uniform(0, 0.5) // { kind: "uniform", low: 0, high: 0.5 }
 * gl.tune.uniform(0, 0.5).high // 0.5
 */
export function uniform(low: number, high: number): Uniform {
  checkRange("tune.uniform", low, high, false);
  return { kind: "uniform", low, high };
}

/**
 * Log-uniform on [low, high): log(value) is uniform, so each decade gets the same share of trials.
 * The distribution for learning rates and regularization strengths.
 * @example
 * gl.tune.logUniform(1e-4, 1e-1).kind // "logUniform"
 */
export function logUniform(low: number, high: number): LogUniform {
  checkRange("tune.logUniform", low, high, true);
  return { kind: "logUniform", low, high };
}

/**
 * A whole number in [low, high], both included (hidden units, layers).
 * @example
 * gl.tune.intUniform(1, 4) // { kind: "intUniform", low: 1, high: 4 }
 * gl.tune.intUniform(1, 4).low // 1
 */
export function intUniform(low: number, high: number): IntUniform {
  const fn = "tune.intUniform";
  int(fn, "low", low, { fix: "intUniform draws whole numbers: e.g. gl.tune.intUniform(1, 4) for 1, 2, 3 or 4." });
  int(fn, "high", high, { fix: "intUniform draws whole numbers: e.g. gl.tune.intUniform(1, 4) for 1, 2, 3 or 4." });
  check(
    low <= high,
    () =>
      new ArgumentError({
        fn,
        arg: "low, high",
        expected: "two whole numbers with low ≤ high",
        received: `low ${show(low)}, high ${show(high)}`,
        fix: `Write the smaller bound first: gl.tune.intUniform(${high}, ${low}).`,
      }),
  );
  return { kind: "intUniform", low, high };
}

/**
 * One of a list of values (activation names, batch sizes, optimizers).
 * @example
 * gl.tune.choice(["relu", "tanh"]).values // ["relu", "tanh"]
 */
export function choice<T>(values: T[]): Choice<T> {
  check(
    Array.isArray(values) && values.length > 0,
    () =>
      new ArgumentError({
        fn: "tune.choice",
        arg: "values",
        expected: "a non-empty array of values",
        received: show(values),
        fix: 'e.g. gl.tune.choice(["relu", "tanh"]).',
      }),
  );
  return { kind: "choice", values: [...values] };
}

const KINDS = ["uniform", "logUniform", "intUniform", "choice"];

/** Checks that every entry of a space is a distribution (teaching error otherwise). */
export function checkSpace(space: unknown, fn: string): asserts space is Space {
  check(
    typeof space === "object" && space !== null && !Array.isArray(space) && Object.keys(space).length > 0,
    () =>
      new ArgumentError({
        fn,
        arg: "space",
        expected: "an object with one distribution per hyperparameter, e.g. { lr: gl.tune.logUniform(1e-4, 1e-1) }",
        received: show(space),
        fix: "e.g. space: { lr: gl.tune.logUniform(1e-4, 1e-1), hidden: gl.tune.choice([16, 32, 64]) }.",
      }),
  );
  for (const [name, d] of Object.entries(space as Record<string, unknown>)) {
    check(
      typeof d === "object" && d !== null && KINDS.includes((d as { kind?: string }).kind ?? ""),
      () =>
        new ArgumentError({
          fn,
          arg: `space.${name}`,
          expected: "a distribution: gl.tune.uniform, logUniform, intUniform or choice",
          received: show(d),
          fix: Array.isArray(d)
            ? `A list of values is a grid: use gl.tune.gridSearch, or gl.tune.choice(${show(d)}) for a random search.`
            : `Describe '${name}' with a distribution, e.g. ${name}: gl.tune.uniform(0, 1).`,
        }),
    );
  }
}

/**
 * One value drawn from a distribution with the given generator (one `random()` per draw).
 * @example
 * const g = new gl.Generator(0);
 * const lr = gl.tune.sample(gl.tune.logUniform(1e-4, 1e-1), g) as number;
 * lr >= 1e-4 && lr < 1e-1 // true
 */
export function sample(d: Distribution, generator: Generator): unknown {
  check(
    typeof d === "object" && d !== null && KINDS.includes((d as { kind?: string }).kind ?? ""),
    () =>
      new ArgumentError({
        fn: "tune.sample",
        arg: "d",
        expected: "a distribution: gl.tune.uniform, logUniform, intUniform or choice",
        received: show(d),
        fix: "e.g. gl.tune.sample(gl.tune.logUniform(1e-4, 1e-1), new gl.Generator(0)).",
      }),
  );
  check(
    typeof (generator as { random?: unknown } | null)?.random === "function",
    () =>
      new ArgumentError({
        fn: "tune.sample",
        arg: "generator",
        expected: "a random generator (new gl.Generator(seed))",
        received: show(generator),
        fix: "Pass a seeded generator: gl.tune.sample(d, new gl.Generator(0)).",
      }),
  );
  const u = generator.random();
  switch (d.kind) {
    case "uniform":
      return d.low + u * (d.high - d.low);
    case "logUniform":
      return Math.exp(Math.log(d.low) + u * (Math.log(d.high) - Math.log(d.low)));
    case "intUniform":
      return Math.min(d.high, d.low + Math.floor(u * (d.high - d.low + 1)));
    case "choice":
      return d.values[Math.min(d.values.length - 1, Math.floor(u * d.values.length))];
  }
}

/**
 * A space as one readable line per parameter.
 * @example
 * gl.tune.describeSpace({ lr: gl.tune.logUniform(1e-4, 0.1) }) // "lr: logUniform(0.0001, 0.1)"
 */
export function describeSpace(space: Space): string {
  checkSpace(space, "tune.describeSpace");
  return Object.entries(space)
    .map(([name, d]) =>
      d.kind === "choice" ? `${name}: choice(${JSON.stringify(d.values)})` : `${name}: ${d.kind}(${d.low}, ${d.high})`,
    )
    .join("\n");
}
