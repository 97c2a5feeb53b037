/**
 * A learner's mistakes, made of one argument at a time, and what gradlab answered to each: a
 * teaching error (typed, naming the argument, with a fix), a documented valid result, or a defect
 * (a generic JS error, a typed error naming another argument or without a fix, a silent NaN, a
 * silently accepted value, a hang).
 */
import * as gl from "../../src";
import { Arg, Entry, Kind, entries } from "./spec";

export interface Mutation {
  /** The argument changed, as an error should name it (an option key for options). */
  arg: string;
  /** What was done to it, e.g. "null" or "misspelled key 'strides'". */
  what: string;
  value: () => unknown;
  /** The options-object key (or, with misspelledValue, the name) that was misspelled: the error should suggest it. */
  misspelled?: string;
  misspelledValue?: boolean;
  /** For a mistake in a whole options object: its keys (an error naming a required one is right). */
  optionKeys?: string[];
  /** null for an optional argument means "not given" (as Python's None): a normal return is valid. */
  nullIsDefault?: boolean;
}

const wrongRankTensor = (rank: number) => () => gl.zeros(rank === 1 ? [2, 2] : [3]);

/** A typo a learner makes: the plural (stride → strides), else a doubled letter. */
export function typo(key: string): string {
  return key.endsWith("s") ? key.slice(0, -1) : `${key}s`;
}

function valueMutations(name: string, is: Kind, optional: boolean): Mutation[] {
  const m = (what: string, value: unknown): Mutation => ({
    arg: name,
    what,
    value: () => value,
    nullIsDefault: optional && value === null,
  });
  const out: Mutation[] = [];
  if (is.kind === "any") return out;
  if (!optional) out.push(m("undefined", undefined));
  if (is.kind !== "bool") out.push(m("null", null));
  switch (is.kind) {
    case "tensor":
      out.push(m("a string", "abc"), m("NaN", NaN), m("a plain object", {}));
      if (is.rank !== undefined)
        out.push({ arg: name, what: `a tensor of the wrong rank (needs ${is.rank})`, value: wrongRankTensor(is.rank) });
      break;
    case "tensorLike":
      out.push(m("a string", "abc"), m("a plain object", {}));
      break;
    case "tensors":
      out.push(m("a string", "abc"), m("a tensor instead of a list", gl.zeros([2])), m("a list holding null", [null]));
      break;
    case "shape":
      out.push(
        m("a string", "abc"),
        m("[NaN]", [NaN]),
        m("[-1, 3]", [-1, 3]),
        m("[2.5, 3]", [2.5, 3]),
        m("[1e12, 4] (too large)", [1e12, 4]),
        m("a number", 3),
      );
      break;
    case "int":
      out.push(m("NaN", NaN), m("Infinity", Infinity), m("2.5", is.min + 1.5), m("a string", "3"));
      if (is.min > -1e9) out.push(m(`below ${is.min}`, is.min - 1));
      if (is.max !== undefined) out.push(m(`above ${is.max}`, is.max + 1));
      break;
    case "number":
      out.push(m("NaN", NaN), m("a string", "0.1"));
      if (!is.infinite) out.push(m("Infinity", Infinity), m("-Infinity", -Infinity));
      if (is.min !== undefined)
        out.push(m(is.minExclusive ? `${is.min}` : `below ${is.min}`, is.minExclusive ? is.min : is.min - 1));
      if (is.max !== undefined) out.push(m(`above ${is.max}`, is.max + 0.5));
      break;
    case "bool":
      out.push(m('the string "false"', "false"), m("the number 1", 1));
      break;
    case "fn":
      out.push(m("a number", 42), m("a string", "abc"));
      break;
    case "module":
      out.push(m("a plain object", {}), m("a tensor", gl.zeros([2])));
      break;
    case "options":
      out.push(m("a string", "abc"));
      break;
    case "numbers":
      out.push(
        m("a string", "abc"),
        m("a number, not a list", 5),
        m("a list holding NaN", is.length === 2 ? [NaN, 1] : [1, NaN, 3]),
        m("a list holding a string", is.length === 2 ? ["0", 1] : [1, "2", 3]),
        m(
          "a nested list",
          is.length === 2
            ? [[0], [1]]
            : [
                [1, 2],
                [3, 4],
              ],
        ),
      );
      if (is.length !== undefined)
        out.push(
          m(
            `${is.length + 1} values`,
            Array.from({ length: is.length + 1 }, (_, i) => i),
          ),
        );
      break;
    case "name": {
      const right = is.values[0];
      out.push(m("a number", 3), m("an unknown name", "zzz"));
      // the learner's misspelling: a capital first letter ("Relu") or a letter dropped ("tan")
      const wrong = /^[a-z]/.test(right) ? right[0].toUpperCase() + right.slice(1) : right.slice(0, -1);
      if (wrong !== right && !is.values.includes(wrong))
        out.push({ ...m(`misspelled name "${wrong}"`, wrong), misspelled: right, misspelledValue: true });
      break;
    }
  }
  return out;
}

/** Every mistake the sweep makes of one argument (for options: of the object and of each key). */
export function mutationsOf(arg: Arg): Mutation[] {
  const out = valueMutations(arg.name, arg.is, arg.optional ?? false);
  if (arg.is.kind === "options") {
    const keys = arg.is.keys;
    for (const mk of out) mk.optionKeys = Object.keys(keys);
    const base = (): Record<string, unknown> => (arg.make() ?? {}) as Record<string, unknown>;
    for (const [key, kind] of Object.entries(keys)) {
      for (const mk of valueMutations(key, kind, true))
        out.push({ ...mk, value: () => ({ ...base(), [key]: mk.value() }) });
    }
    const first = Object.keys(keys)[0];
    if (first) {
      const wrong = typo(first);
      out.push({
        arg: wrong,
        what: `misspelled key '${wrong}'`,
        misspelled: first,
        value: () => ({ ...base(), [wrong]: (base()[first] as unknown) ?? 1 }),
      });
    }
  }
  return out;
}

export type Outcome =
  | "teaching" // typed error naming the argument, with a fix
  | "valid" // returned a finite result, and the value is a documented valid input
  | "no-fix" // typed error naming the argument, without a fix
  | "wrong-arg" // typed error naming another argument (or none)
  | "generic" // a plain JS error (TypeError, RangeError, ...)
  | "silent-nan" // returned NaN/Inf where the valid call gave finite values
  | "accepted" // returned normally, ignoring or accepting the mistake
  | "hang"; // did not return within the time limit

export interface CallResult {
  entry: string;
  arg: string;
  what: string;
  outcome: Outcome;
  detail: string;
}

/** Numbers anywhere in a returned value (tensors, numbers, arrays, plain objects one level deep). */
function finite(v: unknown, depth = 0): boolean {
  if (v instanceof gl.Tensor) {
    for (const d of v.data) if (!Number.isFinite(d)) return false;
    return true;
  }
  if (typeof v === "number") return Number.isFinite(v);
  if (depth > 1 || v === null || typeof v !== "object") return true;
  return Object.values(v as object).every((w) => finite(w, depth + 1));
}

/**
 * A mutated value that is nonetheless valid: undefined for an optional argument is the default;
 * these are the documented ones (a learner would not call them mistakes).
 */
function documentedValid(entry: Entry, mutation: Mutation): boolean {
  // numbers in a tensorLike position and infinite p for norm are documented inputs
  if (mutation.nullIsDefault) return true;
  const infinite = mutation.what === "Infinity" || mutation.what === "-Infinity";
  // ±Infinity where the docs give it a meaning: the ∞-norm, an open clamp bound, no clipping,
  // a tensor filled with Infinity, every element perturbed by gradcheck
  if (infinite && ["norm", "clamp", "full", "fullLike", "optim.clipGradNorm", "optim.clipGradValue"].includes(entry.fn))
    return true;
  // histogramSample: Infinity bins every value (the probe's docs and its error's fix say so)
  if (infinite && ["clipGradNorm", "maxElements", "histogramSample"].includes(mutation.arg)) return true;
  // NaN in a list: probe.histogram counts it apart (Histogram.nonFinite); plot.logTicks reads the
  // values of a plotted series, where NaN is a gap (both documented)
  if (mutation.what === "a list holding NaN" && ["probe.histogram", "plot.logTicks"].includes(entry.fn)) return true;
  // exercises.close's docs: "NaN is never close; an infinite b only equals itself" (checkNumber compares with it)
  if (entry.fn === "exercises.close" && mutation.what === "NaN") return true;
  if (
    infinite &&
    ["exercises.close", "exercises.checkNumber"].includes(entry.fn) &&
    mutation.arg !== "rtol" &&
    mutation.arg !== "atol"
  )
    return true;
  // reshape infers one size given as −1; linear, like PyTorch's F.linear, takes one example [in] as well as [N, in]
  if (entry.fn === "reshape" && mutation.what === "[-1, 3]") return true;
  if (entry.fn === "linear" && mutation.arg === "x" && mutation.what.startsWith("a tensor of the wrong rank"))
    return true;
  // an output unit [row, col] has no upper bound receptiveFieldBox can know (the row does not carry the
  // layer's output size); its formula holds for every whole index, so a huge one is a valid call
  if (entry.fn === "arith.receptiveFieldBox" && mutation.what.startsWith("[1e12")) return true;
  return false;
}

function classify(entry: Entry, mutation: Mutation, err: unknown): Outcome {
  if (err instanceof gl.GradlabError) {
    const names = [mutation.arg, mutation.misspelledValue ? undefined : mutation.misspelled].filter(
      Boolean,
    ) as string[];
    const named =
      (err.arg !== undefined &&
        names.some(
          (n) =>
            err.arg === n ||
            err.arg!.endsWith(`.${n}`) ||
            err.arg!.startsWith(`${n}[`) ||
            err.arg!.toLowerCase() === n.toLowerCase() ||
            err.arg!.split(/[ ,/]+/).includes(n),
        )) ||
      // a mistake in the whole options object answered by naming the required option it lacks
      (mutation.optionKeys !== undefined && err.arg !== undefined && mutation.optionKeys.includes(err.arg)) ||
      names.some((n) => err.message.includes(`'${n}'`));
    // an error about two arguments together (start + length ≤ n) may name either, if its text names both
    const mentioned =
      mutation.arg.length >= 3 && new RegExp(`\\b${mutation.arg}\\b`).test(err.expected + " " + err.received);
    if (!named && !mentioned) return "wrong-arg";
    if (mutation.misspelled && !err.message.includes(mutation.misspelled)) return "no-fix";
    return err.fix ? "teaching" : "no-fix";
  }
  return "generic";
}

/** Runs one mutated call of an entry (await-ing a promise), classifying the answer. */
export async function runMutation(entryIndex: number, argIndex: number, mutationIndex: number): Promise<CallResult> {
  const entry = entries[entryIndex];
  const arg = entry.args[argIndex];
  const mutation = mutationsOf(arg)[mutationIndex];
  const base = { entry: entry.fn, arg: mutation.arg, what: mutation.what };
  gl.seed(0);
  const args = entry.args.map((ar, i) => (i === argIndex ? mutation.value() : ar.make()));
  // drop trailing undefined so "undefined" means "not given"
  while (args.length && args[args.length - 1] === undefined && argIndex !== args.length - 1) args.pop();
  try {
    let r = entry.call(args);
    if (r instanceof Promise) r = await r;
    if (documentedValid(entry, mutation)) return { ...base, outcome: "valid", detail: "" };
    if (!finite(r)) return { ...base, outcome: "silent-nan", detail: "the result holds NaN or Infinity" };
    return { ...base, outcome: "accepted", detail: "returned normally" };
  } catch (err) {
    const e = err as Error;
    return {
      ...base,
      outcome: classify(entry, mutation, err),
      detail: `${e?.constructor?.name}: ${e?.message ?? String(err)}`.slice(0, 300),
    };
  }
}

/** Every (entry, argument, mutation) triple the sweep runs. */
export function allCalls(): [number, number, number][] {
  const out: [number, number, number][] = [];
  entries.forEach((e, ei) => e.args.forEach((ar, ai) => mutationsOf(ar).forEach((_m, mi) => out.push([ei, ai, mi]))));
  return out;
}

/** Checks that every entry's valid call works (a broken catalogue would make every mutation look like a teaching error). */
export async function validCallError(entryIndex: number): Promise<string | null> {
  const entry = entries[entryIndex];
  gl.seed(0);
  try {
    let r = entry.call(entry.args.map((ar) => ar.make()));
    if (r instanceof Promise) r = await r;
    return null;
  } catch (err) {
    return String((err as Error).message ?? err);
  }
}
