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
