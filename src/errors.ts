/**
 * Typed errors that teach: each names the function and argument, what was expected, what came,
 * and a likely fix. Messages are built lazily (`check(cond, () => new ShapeError(...))`) so the
 * happy path pays nothing for them.
 */

export interface ErrorParts {
  /** The public function or layer that refused the call, e.g. "matmul" or "Conv2d.forward". */
  fn: string;
  /** The argument at fault, e.g. "b" or "padding". */
  arg?: string;
  /** What was expected, in words a learner can act on. */
  expected: string;
  /** What actually came. */
  received: string;
  /** A likely fix. */
  fix?: string;
}

/** Formats the parts into one message: "fn: argument 'arg' expected ..., but received .... Fix: ...". */
export function formatMessage(p: ErrorParts): string {
  const where = p.arg ? `${p.fn}: argument '${p.arg}'` : p.fn;
  const fix = p.fix ? ` ${p.fix}` : "";
  return `${where} expected ${p.expected}, but received ${p.received}.${fix}`;
}

/** Base class of every error gradlab throws on purpose. */
export class GradlabError extends Error {
  readonly fn: string;
  readonly arg: string | undefined;
  readonly expected: string;
  readonly received: string;
  readonly fix: string | undefined;
  constructor(parts: ErrorParts) {
    super(formatMessage(parts));
    this.name = new.target.name;
    this.fn = parts.fn;
    this.arg = parts.arg;
    this.expected = parts.expected;
    this.received = parts.received;
    this.fix = parts.fix;
  }
}

/** Shapes that do not fit together (ranks, sizes, channels). */
export class ShapeError extends GradlabError {}
/** A value outside what the function accepts (negative padding, momentum >= 1, unknown name). */
export class ArgumentError extends GradlabError {}
/** A compute backend that cannot run, or was named wrongly. */
export class BackendError extends GradlabError {}
/** NaN or Inf where a finite number was needed (training stops with the step and layer). */
export class NumericError extends GradlabError {}
/** A file that is not what its format says (truncated, a header that does not parse, an unsupported dtype). */
export class FormatError extends GradlabError {}

/** What held the first NaN/Inf: the loss, a gradient, a parameter, or a tensor checked directly (assertFinite). */
export type NonFiniteWhat = "loss" | "gradient" | "parameter" | "value";

/** The parts of a NonFiniteError: where the first NaN/Inf sat, besides the message's parts. */
export interface NonFiniteParts extends ErrorParts {
  what: NonFiniteWhat;
  /** Flat index and value of the first non-finite number, and the shape of the tensor holding it. */
  index: number;
  value: number;
  shape: number[];
  /** The training step (and epoch, batch within it), when the check ran inside training. */
  step?: number | null;
  epoch?: number | null;
  batch?: number | null;
  /** The parameter whose value or gradient held it (dotted name, "0.weight"), when one did. */
  parameter?: string | null;
  /** The layer (dotted module name) where the value first became non-finite, when known. */
  layer?: string | null;
  /** Every parameter holding NaN/Inf (dotted names), when parameters are the cause. */
  parameters?: string[];
}

/**
 * NaN or ±Inf found by the one non-finite check (`firstNonFinite`): thrown by `Tensor.assertFinite`,
 * `gl.optim.checkFinite` and `gl.fit`'s guard, with the step, the layer or parameter, and the
 * first bad value and its index as fields. When `gl.fit` throws it, `history` holds the run so far.
 */
export class NonFiniteError extends NumericError {
  readonly what: NonFiniteWhat;
  readonly step: number | null;
  readonly epoch: number | null;
  readonly batch: number | null;
  readonly parameter: string | null;
  readonly layer: string | null;
  readonly parameters: string[];
  readonly index: number;
  readonly value: number;
  readonly shape: number[];
  constructor(parts: NonFiniteParts) {
    super(parts);
    this.what = parts.what;
    this.step = parts.step ?? null;
    this.epoch = parts.epoch ?? null;
    this.batch = parts.batch ?? null;
    this.parameter = parts.parameter ?? null;
    this.layer = parts.layer ?? null;
    this.parameters = parts.parameters ?? [];
    this.index = parts.index;
    this.value = parts.value;
    this.shape = parts.shape;
  }
}

/** Throws the error `make()` builds when `cond` is false. */
export function check(cond: unknown, make: () => GradlabError): asserts cond {
  if (!cond) throw make();
}

/** Short, readable rendering of a value for an error message. */
export function show(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(+value.toPrecision(6));
  if (value === null || value === undefined) return String(value);
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  if (typeof value === "object" && "shape" in (value as object))
    return `Tensor of shape ${show((value as { shape: unknown }).shape)}`;
  return typeof value;
}
