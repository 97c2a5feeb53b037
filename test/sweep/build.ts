/**
 * The sweep catalogue's vocabulary: what an argument is (Kind), one argument (Arg), one entry
 * point (Entry), and short constructors for them. The catalogue itself is spec.ts and the
 * spec-*.ts files it gathers.
 */
import * as gl from "../../src";

/** What an argument is; decides which mistakes the sweep makes of it. */
export type Kind =
  | { kind: "tensor"; rank?: number } // rank: the rank the function requires (a wrong rank is a mistake)
  | { kind: "tensorLike" } // a tensor or a number
  | { kind: "tensors" } // a list of tensors
  | { kind: "shape" }
  | { kind: "int"; min: number; max?: number; huge?: boolean } // huge: a huge value is a valid call
  | { kind: "number"; min?: number; max?: number; minExclusive?: boolean; infinite?: boolean }
  | { kind: "bool" }
  | { kind: "fn" }
  | { kind: "module" }
  | { kind: "options"; keys: Record<string, Kind> }
  | { kind: "name"; values: readonly string[] } // one of these strings (a misspelling should get "did you mean")
  | { kind: "numbers"; length?: number } // a list of finite numbers (length: exactly that many, e.g. a [lo, hi] range)
  | { kind: "any" }; // not mutated (labels, names)

export interface Arg {
  /** The argument's name as the function's docs give it (or the option key). */
  name: string;
  is: Kind;
  /** A valid value; called afresh for every call. */
  make: () => unknown;
  /** Undefined is a valid value (the argument has a default). */
  optional?: boolean;
}

export interface Entry {
  /** The public name, as a learner writes it after `gl.`. */
  fn: string;
  args: Arg[];
  call: (a: unknown[]) => unknown;
}

export const T =
  (...shape: number[]) =>
  (): gl.Tensor =>
    gl.randn(shape);
export const t = (rank?: number): Kind => ({ kind: "tensor", rank });
export const int = (min: number, max?: number): Kind => ({ kind: "int", min, max });
export const num = (o: Omit<Extract<Kind, { kind: "number" }>, "kind"> = {}): Kind => ({ kind: "number", ...o });
export const opts = (keys: Record<string, Kind>): Kind => ({ kind: "options", keys });
export const a = (name: string, is: Kind, make: () => unknown, optional = false): Arg => ({ name, is, make, optional });
export const x = (shape: number[], rank?: number): Arg => a("x", t(rank), T(...shape));

/** A function of tensors in, tensor out: `gl[name](x, ...rest)`. */
export function op(name: string, args: Arg[], f?: (a: unknown[]) => unknown): Entry {
  const g = (gl as unknown as Record<string, (...v: unknown[]) => unknown>)[name];
  return { fn: name, args, call: f ?? ((v) => g(...v)) };
}
export const unary = (name: string): Entry => op(name, [x([2, 3])]);
export const binary = (name: string): Entry =>
  op(name, [a("a", { kind: "tensorLike" }, T(2, 3)), a("b", { kind: "tensorLike" }, T(2, 3))]);

export const dtypeKey: Kind = { kind: "name", values: ["float32", "float64"] };
export const createOpts = { dtype: dtypeKey, requiresGrad: { kind: "bool" } as Kind };
export const shapeArg = a("shape", { kind: "shape" }, () => [2, 3]);
export const axes = (optional = true): Arg => a("axes", int(-2, 1), () => 1, optional);

export const mlp = (): gl.nn.Module =>
  new gl.nn.Sequential([new gl.nn.Linear(2, 4), new gl.nn.ReLU(), new gl.nn.Linear(4, 3)]);
export const data2 = () => ({ X: gl.randn([8, 2]), y: gl.tensor([0, 1, 2, 0, 1, 2, 0, 1]) });
export const params = (): gl.Tensor[] => {
  const w = gl.randn([3, 2], { requiresGrad: true });
  gl.sum(gl.mul(w, w)).backward();
  return [w];
};
export const sgd = (): gl.optim.SGD => new gl.optim.SGD(params(), { lr: 0.1 });
export const layerList = () => [{ kernelSize: 3 }, { kernelSize: 2, stride: 2 }, { kernelSize: 3 }];

export const activationNames = ["sigmoid", "tanh", "relu", "selu", "mish", "relu6"];
/** One of a fixed set of names (a mode, a dtype, an activation, a stat). */
export const name = (...values: string[]): Kind => ({ kind: "name", values });
/** A list of finite numbers (of exactly `length` values, e.g. 2 for a [lo, hi] range). */
export const numbers = (length?: number): Kind => ({ kind: "numbers", length });
