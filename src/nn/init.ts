/**
 * Weight initializers (`gl.init`): each takes a shape and returns a new tensor drawn from the
 * seeded `rng`, with the scale its paper derives from the layer's fans:
 *   fanIn = Cin·kh·kw (inputs feeding one unit), fanOut = Cout·kh·kw (units one input feeds)
 *   xavier (Glorot):  Var(w) = gain²·2/(fanIn + fanOut)   normal: std = gain·√(2/(fanIn+fanOut)),
 *                                                          uniform: U(±gain·√(6/(fanIn+fanOut)))
 *   he (Kaiming):     Var(w) = gain²/fan                   normal: std = gain/√fan, uniform: U(±gain·√(3/fan))
 *   lecun:            Var(w) = 1/fanIn                     (what SELU's self-normalization assumes)
 *   orthogonal:       W = gain·Q with Q from the QR decomposition of a Gaussian matrix
 * The formulas and defaults are PyTorch's (torch.nn.init), so numbers carry over.
 */
import { num, optionalNum, options } from "../args";
import { allocData } from "../tensor/dtype";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { rng } from "../random";
import { checkShape, sizeOf } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";

/** A function that makes an initial weight of a given shape (layers accept one as `init`). */
export type Initializer = (shape: number[]) => Tensor;

/** Nonlinearities `calculateGain` knows (PyTorch's names in camelCase; snake_case also accepted). */
export type Nonlinearity =
  "linear" | "conv1d" | "conv2d" | "conv3d" | "sigmoid" | "tanh" | "relu" | "leakyRelu" | "leaky_relu" | "selu";

/** Which fan `he*` scales by: fanIn keeps the forward activations' variance, fanOut the gradients'. */
export type FanMode = "fanIn" | "fanOut" | "fan_in" | "fan_out";

function filled(shape: number[], draw: () => number, fn: string): Tensor {
  checkShape(`init.${fn}`, "shape", shape);
  const data = allocData(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = draw();
  return new Tensor(data, shape);
}

/**
 * The recommended gain for a nonlinearity (PyTorch's values): linear/conv/sigmoid 1, tanh 5/3,
 * relu √2, leakyRelu √(2/(1 + a²)) with slope a (default 0.01), selu 3/4.
 * @example gl.init.calculateGain("relu") // 1.4142...
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case "linear":
    case "conv1d":
    case "conv2d":
    case "conv3d":
    case "sigmoid":
      return 1;
    case "tanh":
      return 5 / 3;
    case "relu":
      return Math.SQRT2;
    case "leakyRelu":
    case "leaky_relu": {
      const a = optionalNum("init.calculateGain", "param", param, 0.01, {
        expected: "a finite negative slope",
        fix: 'param is the leaky ReLU\'s slope for x < 0, e.g. gl.init.calculateGain("leakyRelu", 0.01).',
      });
      return Math.sqrt(2 / (1 + a * a));
    }
    case "selu":
      return 3 / 4;
    default:
      throw new ArgumentError({
        fn: "init.calculateGain",
        arg: "nonlinearity",
        expected: '"linear", "conv2d", "sigmoid", "tanh", "relu", "leakyRelu" or "selu"',
        received: show(nonlinearity),
        fix: "Use the camelCase name of the activation that follows the layer.",
      });
  }
}

/**
 * Fans of a weight shape: for [outFeatures, inFeatures] (Linear) fanIn = inFeatures, fanOut =
 * outFeatures; for a conv weight [Cout, Cin/groups, kh, kw] fanIn = Cin/groups·kh·kw and
 * fanOut = Cout·kh·kw (PyTorch's rule).
 * @example gl.init.computeFans([8, 3, 5, 5]) // { fanIn: 75, fanOut: 200 }
 */
export function computeFans(shape: number[]): { fanIn: number; fanOut: number } {
  return fansOf("init.computeFans", shape);
}

/** computeFans, with errors naming `fn`: the initializer the learner called. */
function fansOf(fn: string, shape: number[]): { fanIn: number; fanOut: number } {
  checkShape(fn, "shape", shape);
  check(
    shape.length >= 2,
    () =>
      new ShapeError({
        fn,
        arg: "shape",
        expected: "a weight shape with at least 2 axes ([outFeatures, inFeatures] or [Cout, Cin, kh, kw])",
        received: show(shape),
        fix: "Fans are defined for weight matrices and conv kernels; initialize a bias with init.uniform or init.zeros.",
      }),
  );
  const receptive = sizeOf(shape.slice(2));
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

function fanOf(shape: number[], mode: FanMode, fn: string): number {
  const { fanIn, fanOut } = fansOf(`init.${fn}`, shape);
  if (mode === "fanIn" || mode === "fan_in") return fanIn;
  if (mode === "fanOut" || mode === "fan_out") return fanOut;
  throw new ArgumentError({
    fn: `init.${fn}`,
    arg: "mode",
    expected: '"fanIn" or "fanOut"',
    received: show(mode),
    fix: 'mode: "fanIn" (default) keeps the forward variance, "fanOut" the backward one.',
  });
}

/** All zeros. @example gl.init.zeros([3]).toList() // [0, 0, 0] */
export function zeros(shape: number[]): Tensor {
  return filled(shape, () => 0, "zeros");
}

/** All equal to `value`. @example gl.init.constant([3], 0.5).toList() // [0.5, 0.5, 0.5] */
export function constant(shape: number[], value: number): Tensor {
  num("init.constant", "value", value, { fix: "Give the value every weight gets, e.g. gl.init.constant([3], 0.1)." });
  return filled(shape, () => value, "constant");
}

/** N(mean, std²). @example gl.init.normal([784, 10], 0.01).shape // [784, 10]: the classic "small random numbers" */
export function normal(shape: number[], std = 1, mean = 0): Tensor {
  std = optionalNum("init.normal", "std", std, 1, {
    min: 0,
    expected: "std ≥ 0",
    fix: "A standard deviation is ≥ 0 (e.g. 0.01 for small random weights).",
  });
  mean = optionalNum("init.normal", "mean", mean, 0);
  return filled(shape, () => mean + std * rng.normal(), "normal");
}

/** U(a, b). @example gl.init.uniform([3, 3], -0.1, 0.1).shape // [3, 3] */
export function uniform(shape: number[], a = 0, b = 1): Tensor {
  a = optionalNum("init.uniform", "a", a, 0);
  b = optionalNum("init.uniform", "b", b, 1);
  check(
    a <= b,
    () =>
      new ArgumentError({
        fn: "init.uniform",
        arg: "a",
        expected: "a ≤ b",
        received: `a = ${show(a)}, b = ${show(b)}`,
        fix: "Swap the bounds: gl.init.uniform(shape, low, high).",
      }),
  );
  return filled(shape, () => rng.uniform(a, b), "uniform");
}

/** A gain ≥ 0 (default 1). */
function gainOf(fn: string, gain: unknown): number {
  return optionalNum(fn, "gain", gain, 1, {
    min: 0,
    fix: 'gain scales the weights; gl.init.calculateGain("tanh") gives PyTorch\'s value for tanh.',
  });
}

export interface XavierOptions {
  /** Multiplies the scale (see calculateGain); default 1. */
  gain?: number;
}

/**
 * Glorot/Xavier normal: std = gain·√(2/(fanIn + fanOut)) — keeps activation and gradient
 * variance roughly equal across layers for tanh/sigmoid-like (linear near 0) activations.
 * @example gl.init.xavierNormal([256, 784]).shape // [256, 784]
 */
export function xavierNormal(shape: number[], opts: XavierOptions = {}): Tensor {
  opts = options<typeof opts>("init.xavierNormal", "opts", opts, ["gain"]) as typeof opts;
  const { fanIn, fanOut } = fansOf("init.xavierNormal", shape);
  const std = gainOf("xavierNormal", opts.gain) * Math.sqrt(2 / (fanIn + fanOut));
  return filled(shape, () => std * rng.normal(), "xavierNormal");
}

/** Glorot/Xavier uniform: U(±gain·√(6/(fanIn + fanOut))). @example gl.init.xavierUniform([256, 784]).shape // [256, 784] */
export function xavierUniform(shape: number[], opts: XavierOptions = {}): Tensor {
  opts = options<typeof opts>("init.xavierUniform", "opts", opts, ["gain"]) as typeof opts;
  const { fanIn, fanOut } = fansOf("init.xavierUniform", shape);
  const bound = gainOf("xavierUniform", opts.gain) * Math.sqrt(6 / (fanIn + fanOut));
  return filled(shape, () => rng.uniform(-bound, bound), "xavierUniform");
}

export interface HeOptions {
  /** "fanIn" (default) preserves the forward pass's variance; "fanOut" the backward pass's. */
  mode?: FanMode;
  /** The activation after the layer (default "relu", gain √2). */
  nonlinearity?: Nonlinearity;
  /** Negative slope for "leakyRelu" (PyTorch's `a`). */
  a?: number;
}

/**
 * He/Kaiming normal: std = gain/√fan (gain √2 for ReLU, which zeroes half its inputs).
 * @example gl.init.heNormal([256, 784]) // std ≈ √(2/784)
 */
export function heNormal(shape: number[], opts: HeOptions = {}): Tensor {
  opts = options<typeof opts>("init.heNormal", "opts", opts, ["mode", "nonlinearity", "a"]) as typeof opts;
  const fan = fanOf(shape, opts.mode ?? "fanIn", "heNormal");
  const std = calculateGain(opts.nonlinearity ?? "relu", optionalNum("heNormal", "a", opts.a, 0)) / Math.sqrt(fan);
  return filled(shape, () => std * rng.normal(), "heNormal");
}

/** He/Kaiming uniform: U(±gain·√(3/fan)). @example gl.init.heUniform([256, 784], { mode: "fanOut" }).shape // [256, 784] */
export function heUniform(shape: number[], opts: HeOptions = {}): Tensor {
  opts = options<typeof opts>("init.heUniform", "opts", opts, ["mode", "nonlinearity", "a"]) as typeof opts;
  const fan = fanOf(shape, opts.mode ?? "fanIn", "heUniform");
  const bound =
    calculateGain(opts.nonlinearity ?? "relu", optionalNum("heUniform", "a", opts.a, 0)) * Math.sqrt(3 / fan);
  return filled(shape, () => rng.uniform(-bound, bound), "heUniform");
}

/** LeCun normal: std = 1/√fanIn (use with SELU). @example gl.init.lecunNormal([100, 100]).shape // [100, 100] */
export function lecunNormal(shape: number[]): Tensor {
  const std = 1 / Math.sqrt(fansOf("init.lecunNormal", shape).fanIn);
  return filled(shape, () => std * rng.normal(), "lecunNormal");
}

/** LeCun uniform: U(±√(3/fanIn)). @example gl.init.lecunUniform([100, 100]).shape // [100, 100] */
export function lecunUniform(shape: number[]): Tensor {
  const bound = Math.sqrt(3 / fansOf("init.lecunUniform", shape).fanIn);
  return filled(shape, () => rng.uniform(-bound, bound), "lecunUniform");
}

/**
 * Orthogonal: the weight, viewed as a [shape[0], rest] matrix, has orthonormal rows (or columns,
 * whichever are fewer), times `gain`. All its singular values equal `gain`, so repeated
 * products neither grow nor shrink a vector — the lesson on depth shows why that matters.
 * Made by Gram-Schmidt (a QR decomposition with positive diagonal) of a Gaussian matrix.
 * @example
 * const W = gl.init.orthogonal([2, 2]);
 * gl.matmul(W, gl.transpose(W)).toList() // [1, 0, 0, 1]: W·Wᵀ = I
 */
export function orthogonal(shape: number[], opts: XavierOptions = {}): Tensor {
  opts = options<typeof opts>("init.orthogonal", "opts", opts, ["gain"]) as typeof opts;
  checkShape("init.orthogonal", "shape", shape);
  check(
    shape.length >= 2,
    () =>
      new ShapeError({
        fn: "init.orthogonal",
        arg: "shape",
        expected: "at least 2 axes",
        received: show(shape),
        fix: "Orthogonal init is for weight matrices and conv kernels; initialize a bias with init.zeros.",
      }),
  );
  const rows = shape[0];
  const cols = sizeOf(shape) / rows;
  // Orthonormalize the k = min(rows, cols) vectors of length n = max(rows, cols).
  const k = Math.min(rows, cols);
  const n = Math.max(rows, cols);
  const q: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const v = Float64Array.from({ length: n }, () => rng.normal());
    for (const u of q) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += u[i] * v[i];
      for (let i = 0; i < n; i++) v[i] -= dot * u[i];
    }
    let len = 0;
    for (let i = 0; i < n; i++) len += v[i] * v[i];
    len = Math.sqrt(len);
    for (let i = 0; i < n; i++) v[i] /= len;
    q.push(v);
  }
  const gain = gainOf("init.orthogonal", opts.gain);
  const data = allocData(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) data[r * cols + c] = gain * (rows <= cols ? q[r][c] : q[c][r]);
  return new Tensor(data, shape);
}

/** Initializers by name, for layers' `init` option. */
export const initializers = {
  zeros,
  xavierNormal: (s: number[]) => xavierNormal(s),
  xavierUniform: (s: number[]) => xavierUniform(s),
  heNormal: (s: number[]) => heNormal(s),
  heUniform: (s: number[]) => heUniform(s),
  lecunNormal,
  lecunUniform,
  orthogonal: (s: number[]) => orthogonal(s),
} satisfies Record<string, Initializer>;

export type InitName = keyof typeof initializers;

/** Turns a layer's `init` option (a name or a function) into a function; teaches on a bad name. */
export function resolveInit(init: InitName | Initializer, fn: string): Initializer {
  if (typeof init === "function") return init;
  const found = (initializers as Record<string, Initializer>)[init];
  check(
    found !== undefined,
    () =>
      new ArgumentError({
        fn,
        arg: "init",
        expected: `an initializer function or one of ${show(Object.keys(initializers))}`,
        received: show(init),
        fix: 'Pass e.g. init: "heNormal" or init: (shape) => gl.init.heNormal(shape, { mode: "fanOut" }).',
      }),
  );
  return found;
}
