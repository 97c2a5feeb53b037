/**
 * Activation functions, each written once as a pair { f, df } (the function and its derivative)
 * that both the network and the lessons use: `gl.activations.tanh.f` is what `gl.tanh` maps over
 * a tensor, and `gl.activations.tanh.df` is what its backward multiplies the gradient by, so a
 * plot of f and f′ shows exactly what trains.
 *   sigmoid σ(x) = 1/(1+e⁻ˣ)        σ′ = σ(1−σ)           tanh′ = 1 − tanh²
 *   relu max(0, x)                  relu′ = [x > 0]       softplus log(1+eˣ), softplus′ = σ
 *   logSoftmax(x) = x − logsumexp(x)    softmax(x) = exp(logSoftmax(x))    (composites)
 */
import { num, options } from "../args";
import { tensorArg } from "../tensor/check";
import { record } from "../autograd/engine";
import { ArgumentError, check, show } from "../errors";
import { allocData, resultDType } from "../tensor/dtype";
import "../backend/reference/activation";
import type { ReluBackwardKernel, ReluKernel } from "../backend/kernels";
import { getKernel } from "../backend/registry";
import { DataArray, Tensor } from "../tensor/tensor";
import { mul, sub } from "./arithmetic";
import { mapData } from "./elementwise";
import { exp, log } from "./math";
import { max, sum } from "./reduce";

/**
 * SELU's constants (Klambauer et al. 2017): they make 0 mean / unit variance a fixed point.
 * λ = 1.0507009873554804934193349852946 and α = 1.6732632423543772848170429916717, written
 * below as the nearest doubles (the same numbers JavaScript reads from the long forms).
 */
export const SELU_LAMBDA = 1.0507009873554805;
export const SELU_ALPHA = 1.6732632423543772;

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2 = Math.SQRT2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, to double precision (JavaScript has none):
 * a series with positive terms for |x| < 3, a continued fraction for erfc beyond.
 */
function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax >= 3) return Math.sign(x) * (1 - erfc(ax));
  // erf(x) = 2/√π · e^(−x²) · Σₙ 2ⁿ x^(2n+1) / (1·3·5···(2n+1))
  let term = ax;
  let total = ax;
  for (let n = 1; n < 200 && term > total * 1e-17; n++) {
    term *= (2 * ax * ax) / (2 * n + 1);
    total += term;
  }
  return Math.sign(x) * ((2 / SQRT_PI) * Math.exp(-ax * ax) * total);
}

/** erfc(x) = 1 − erf(x), accurate also where it is tiny (large x). */
function erfc(x: number): number {
  if (x < 3) return 1 - erf(x);
  // erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  let t = 0;
  for (let n = 60; n >= 1; n--) t = n / 2 / (x + t);
  return Math.exp(-x * x) / SQRT_PI / (x + t);
}

/** The standard normal CDF Φ(x) = ½(1 + erf(x/√2)), accurate in both tails. */
function normalCdf(x: number): number {
  return x < 0 ? 0.5 * erfc(-x / SQRT_2) : 1 - 0.5 * erfc(x / SQRT_2);
}

/** The standard normal density φ(x) = e^(−x²/2)/√(2π). */
function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** σ(x) without overflow: for x < 0 use eˣ/(1+eˣ), which never computes e^(large). */
function sigmoidOf(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(1 + eˣ) without overflow: max(x, 0) + log1p(e^(−|x|)). */
function softplusOf(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** One activation: the function, its derivative, and both as formulas for a plot legend. */
export interface Activation {
  /** The formula of f, in plain text. */
  formula: string;
  /** The formula of f′, in plain text. */
  dformula: string;
  /** f(x); `param` is the activation's one parameter (α or β) where it has one. */
  f(x: number, param?: number): number;
  /** f′(x), the local gradient backward multiplies by. */
  df(x: number, param?: number): number;
  /** f′ written in terms of the output y = f(x), where that is the cheap way (sigmoid, tanh). */
  dfOfOutput?(y: number): number;
  /** The name and default of the parameter, for activations that have one. */
  param?: { name: string; default: number };
}

export type ActivationName =
  | "sigmoid"
  | "tanh"
  | "relu"
  | "leakyRelu"
  | "elu"
  | "selu"
  | "gelu"
  | "geluTanh"
  | "silu"
  | "mish"
  | "softplus"
  | "relu6"
  | "hardtanh";

/**
 * Every elementwise activation as a { f, df } pair: the definitions the ops run, and what a lesson
 * plots.
 * @example
 * const { f, df } = gl.activations.sigmoid;
 * [f(0), df(0)] // [0.5, 0.25]
 */
export const activations: Record<ActivationName, Activation> = {
  sigmoid: {
    formula: "σ(x) = 1 / (1 + e^(−x))",
    dformula: "σ′(x) = σ(x)·(1 − σ(x))",
    f: sigmoidOf,
    df: (x) => {
      const s = sigmoidOf(x);
      return s * (1 - s);
    },
    dfOfOutput: (y) => y * (1 - y),
  },
  tanh: {
    formula: "tanh(x) = (eˣ − e^(−x)) / (eˣ + e^(−x))",
    dformula: "tanh′(x) = 1 − tanh²(x)",
    f: Math.tanh,
    df: (x) => 1 - Math.tanh(x) ** 2,
    dfOfOutput: (y) => 1 - y * y,
  },
  relu: {
    formula: "relu(x) = max(0, x)",
    dformula: "relu′(x) = 1 if x > 0 else 0",
    f: (x) => (x > 0 ? x : 0),
    df: (x) => (x > 0 ? 1 : 0),
  },
  leakyRelu: {
    formula: "leakyRelu(x) = x if x > 0 else α·x",
    dformula: "leakyRelu′(x) = 1 if x > 0 else α",
    f: (x, alpha = 0.01) => (x > 0 ? x : alpha * x),
    df: (x, alpha = 0.01) => (x > 0 ? 1 : alpha),
    param: { name: "alpha", default: 0.01 },
  },
  elu: {
    formula: "elu(x) = x if x > 0 else α·(eˣ − 1)",
    dformula: "elu′(x) = 1 if x > 0 else α·eˣ",
    f: (x, alpha = 1) => (x > 0 ? x : alpha * Math.expm1(x)),
    df: (x, alpha = 1) => (x > 0 ? 1 : alpha * Math.exp(x)),
    param: { name: "alpha", default: 1 },
  },
  selu: {
    formula: "selu(x) = λ·(x if x > 0 else α·(eˣ − 1)),  λ ≈ 1.0507, α ≈ 1.6733",
    dformula: "selu′(x) = λ if x > 0 else λ·α·eˣ",
    f: (x) => SELU_LAMBDA * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
    df: (x) => SELU_LAMBDA * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x)),
  },
  gelu: {
    formula: "gelu(x) = x·Φ(x) = x·½(1 + erf(x/√2))",
    dformula: "gelu′(x) = Φ(x) + x·φ(x)",
    f: (x) => x * normalCdf(x),
    df: (x) => normalCdf(x) + x * normalPdf(x),
  },
  geluTanh: {
    formula: "gelu(x) ≈ ½x·(1 + tanh(√(2/π)·(x + 0.044715x³)))",
    dformula: "½(1 + t) + ½x·(1 − t²)·√(2/π)·(1 + 3·0.044715x²),  t = tanh(√(2/π)·(x + 0.044715x³))",
    f: (x) => 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x ** 3))),
    df: (x) => {
      const t = Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x ** 3));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x);
    },
  },
  silu: {
    formula: "silu(x) = x·σ(βx)   (swish; β = 1 gives SiLU)",
    dformula: "silu′(x) = σ(βx) + βx·σ(βx)·(1 − σ(βx))",
    f: (x, beta = 1) => x * sigmoidOf(beta * x),
    df: (x, beta = 1) => {
      const s = sigmoidOf(beta * x);
      return s + beta * x * s * (1 - s);
    },
    param: { name: "beta", default: 1 },
  },
  mish: {
    formula: "mish(x) = x·tanh(softplus(x))",
    dformula: "mish′(x) = tanh(softplus(x)) + x·(1 − tanh²(softplus(x)))·σ(x)",
    f: (x) => x * Math.tanh(softplusOf(x)),
    df: (x) => {
      const t = Math.tanh(softplusOf(x));
      return t + x * (1 - t * t) * sigmoidOf(x);
    },
  },
  softplus: {
    formula: "softplus(x) = (1/β)·log(1 + e^(βx)) = (1/β)·(max(βx, 0) + log1p(e^(−|βx|)))",
    dformula: "softplus′(x) = σ(βx)",
    f: (x, beta = 1) => softplusOf(beta * x) / beta,
    df: (x, beta = 1) => sigmoidOf(beta * x),
    param: { name: "beta", default: 1 },
  },
  relu6: {
    formula: "relu6(x) = min(max(0, x), 6)",
    dformula: "relu6′(x) = 1 if 0 < x < 6 else 0",
    f: (x) => (x < 0 ? 0 : x > 6 ? 6 : x),
    df: (x) => (x > 0 && x < 6 ? 1 : 0),
  },
  hardtanh: {
    formula: "hardtanh(x) = min(max(−1, x), 1)",
    dformula: "hardtanh′(x) = 1 if −1 < x < 1 else 0",
    f: (x) => (x < -1 ? -1 : x > 1 ? 1 : x),
    df: (x) => (x > -1 && x < 1 ? 1 : 0),
  },
};

function checkInput(fn: string, x: unknown): asserts x is Tensor {
  check(
    x instanceof Tensor,
    () =>
      new ArgumentError({
        fn,
        arg: "x",
        expected: "a Tensor",
        received: Array.isArray(x) ? `a plain array ${show(x)}` : show(x),
        fix: `Wrap the values first: gl.${fn}(gl.tensor(values)).`,
      }),
  );
}

function checkParam(fn: string, name: string, value: number): void {
  num(fn, name, value, { fix: `${name} is the activation's slope or scale: a plain number such as 0.01.` });
}

/**
 * The same f and f′ as the table, as loops over whole arrays, for the activations training uses
 * most (a call per element through the table costs ≈ 7 ns). relu runs as a registry kernel.
 * `backward` writes dx[i] = g[i]·f′(x[i]) in one pass. Tests check they equal the table exactly.
 */
interface ArrayLoops {
  forward(x: DataArray, out: DataArray, param: number): void;
  backward(x: DataArray, out: DataArray, g: DataArray, dx: DataArray, param: number): void;
}
const arrayLoops: Partial<Record<ActivationName, ArrayLoops>> = {
  leakyRelu: {
    forward(x, out, alpha) {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        out[i] = v > 0 ? v : alpha * v;
      }
    },
    backward(x, _out, g, dx, alpha) {
      for (let i = 0; i < x.length; i++) dx[i] = g[i] * (x[i] > 0 ? 1 : alpha);
    },
  },
  tanh: {
    forward(x, out) {
      for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]);
    },
    backward(_x, out, g, dx) {
      for (let i = 0; i < out.length; i++) {
        const y = out[i];
        dx[i] = g[i] * (1 - y * y);
      }
    },
  },
  sigmoid: {
    forward(x, out) {
      for (let i = 0; i < x.length; i++) out[i] = sigmoidOf(x[i]);
    },
    backward(_x, out, g, dx) {
      for (let i = 0; i < out.length; i++) {
        const y = out[i];
        dx[i] = g[i] * (y * (1 - y));
      }
    },
  },
};

/** relu through the kernel registry (the webasm backend runs it as f32x4 loops). */
function reluOp(fn: string, x: Tensor): Tensor {
  const force = x.dtype === "float64" ? "reference" : undefined;
  const xd = x.data;
  const out = new Tensor(getKernel<ReluKernel>("relu", force)(xd), x.shape);
  return record(out, fn, [x], (g) => [
    new Tensor(
      getKernel<ReluBackwardKernel>("reluBackward", force === undefined && g.dtype === "float64" ? "reference" : force)(
        xd,
        g.data,
      ),
      x.shape,
    ),
  ]);
}

/**
 * Applies an activation from the table as a primitive op: forward maps f over x, backward
 * multiplies the incoming gradient by f′ (from the output where the table gives that form).
 */
function applyActivation(fn: string, name: ActivationName, x: Tensor, param?: number): Tensor {
  checkInput(fn, x);
  if (name === "relu") return reluOp(fn, x);
  const act = activations[name];
  const loops = arrayLoops[name];
  const p = param ?? act.param?.default ?? 0;
  const xd = x.data;
  const od = allocData(x.size, x.dtype);
  if (loops) loops.forward(xd, od, p);
  else for (let i = 0; i < xd.length; i++) od[i] = act.f(xd[i], param);
  const out = new Tensor(od, x.shape);
  return record(out, fn, [x], (g) => {
    const gd = g.data;
    const dx = allocData(x.size, resultDType(g.dtype, x.dtype));
    if (loops) loops.backward(xd, od, gd, dx, p);
    else if (act.dfOfOutput) for (let i = 0; i < dx.length; i++) dx[i] = gd[i] * act.dfOfOutput(od[i]);
    else for (let i = 0; i < dx.length; i++) dx[i] = gd[i] * act.df(xd[i], param);
    return [new Tensor(dx, x.shape)];
  });
}

/**
 * Logistic sigmoid 1/(1+e⁻ˣ), squashing to (0, 1); saturates (σ′ → 0) for large |x|.
 * @example gl.sigmoid(gl.tensor([-1000, 0, 1000])).toArray() // [0, 0.5, 1]
 */
export function sigmoid(x: Tensor): Tensor {
  tensorArg("sigmoid", "x", x);
  return applyActivation("sigmoid", "sigmoid", x);
}

/**
 * Hyperbolic tangent, squashing to (−1, 1), zero-centred.
 * @example gl.tanh(gl.tensor([0])).toArray() // [0]
 */
export function tanh(x: Tensor): Tensor {
  tensorArg("tanh", "x", x);
  return applyActivation("tanh", "tanh", x);
}

/**
 * Rectified linear unit max(0, x); its gradient is 0 for x ≤ 0 (a unit stuck there is "dead").
 * @example gl.relu(gl.tensor([-2, 0, 3])).toArray() // [0, 0, 3]
 */
export function relu(x: Tensor): Tensor {
  tensorArg("relu", "x", x);
  return applyActivation("relu", "relu", x);
}

/**
 * Leaky ReLU: x for x > 0, alpha·x otherwise, so negative units still pass a small gradient.
 * @example gl.leakyRelu(gl.tensor([-2, 3]), 0.1).toArray() // [-0.2, 3]
 */
export function leakyRelu(x: Tensor, alpha = 0.01): Tensor {
  tensorArg("leakyRelu", "x", x);
  checkParam("leakyRelu", "alpha", alpha);
  return applyActivation("leakyRelu", "leakyRelu", x, alpha);
}

/**
 * Exponential linear unit: x for x > 0, alpha·(eˣ − 1) otherwise (smooth, saturates at −alpha).
 * @example gl.elu(gl.tensor([0, 1])).toArray() // [0, 1]
 */
export function elu(x: Tensor, alpha = 1): Tensor {
  tensorArg("elu", "x", x);
  checkParam("elu", "alpha", alpha);
  return applyActivation("elu", "elu", x, alpha);
}

/**
 * Scaled ELU with λ = 1.0507…, α = 1.6732…: keeps activations near mean 0, variance 1 in a deep
 * net initialized with lecunNormal (self-normalizing).
 * @example gl.selu(gl.tensor([1])).toArray() // [1.0507...]
 */
export function selu(x: Tensor): Tensor {
  tensorArg("selu", "x", x);
  return applyActivation("selu", "selu", x);
}

export interface GeluOptions {
  /** "none" (default): the exact x·Φ(x); "tanh": the tanh approximation (as in GPT-2). */
  approximate?: "none" | "tanh";
}

/**
 * Gaussian error linear unit x·Φ(x) (Φ the standard normal CDF), exact by default.
 * @example gl.gelu(gl.tensor([0, 1])).toArray() // [0, 0.8413...]
 */
export function gelu(x: Tensor, opts: GeluOptions = {}): Tensor {
  opts = options<typeof opts>("gelu", "opts", opts, ["approximate"]) as typeof opts;
  tensorArg("gelu", "x", x);
  const { approximate = "none" } = opts;
  check(
    approximate === "none" || approximate === "tanh",
    () =>
      new ArgumentError({
        fn: "gelu",
        arg: "approximate",
        expected: '"none" or "tanh"',
        received: show(approximate),
        fix: 'approximate: "tanh" is the fast approximation; leave it out for the exact GELU.',
      }),
  );
  return applyActivation("gelu", approximate === "tanh" ? "geluTanh" : "gelu", x);
}

/**
 * SiLU / swish: x·σ(beta·x) (beta = 1 by default).
 * @example gl.silu(gl.tensor([0, 1])).toArray() // [0, 0.7310...]
 */
export function silu(x: Tensor, beta = 1): Tensor {
  tensorArg("silu", "x", x);
  checkParam("silu", "beta", beta);
  return applyActivation("silu", "silu", x, beta);
}

/**
 * Mish: x·tanh(softplus(x)).
 * @example gl.mish(gl.tensor([0, 1])).toArray() // [0, 0.8650...]
 */
export function mish(x: Tensor): Tensor {
  tensorArg("mish", "x", x);
  return applyActivation("mish", "mish", x);
}

export interface SoftplusOptions {
  /** Sharpness: (1/β)·log(1 + e^(βx)). Default 1. */
  beta?: number;
  /** Above βx > threshold the result is x itself (PyTorch's rule). Default 20; Infinity never switches. */
  threshold?: number;
}

/**
 * Softplus log(1 + eˣ), a smooth ReLU, computed as max(x, 0) + log1p(e^(−|x|)) so it never
 * overflows.
 * @example gl.softplus(gl.tensor([0, 1000])).toArray() // [0.6931..., 1000]
 */
export function softplus(x: Tensor, opts: SoftplusOptions = {}): Tensor {
  opts = options<typeof opts>("softplus", "opts", opts, ["beta", "threshold"]) as typeof opts;
  tensorArg("softplus", "x", x);
  const beta = opts.beta ?? 1;
  const threshold = opts.threshold ?? 20;
  checkParam("softplus", "beta", beta);
  num("softplus", "threshold", threshold, {
    allowInfinity: true,
    fix: "Above β·x > threshold softplus returns x itself (PyTorch's rule): a number such as 20.",
  });
  check(
    beta !== 0,
    () =>
      new ArgumentError({
        fn: "softplus",
        arg: "beta",
        expected: "a non-zero number",
        received: "0",
        fix: "beta is the sharpness (1 by default); beta 0 would divide by zero.",
      }),
  );
  checkInput("softplus", x);
  const { f, df } = activations.softplus;
  // above the threshold softplus(x) equals x to float precision; PyTorch returns x there
  const out = mapData(x, (v) => (beta * v > threshold ? v : f(v, beta)));
  return record(out, "softplus", [x], (g) => [
    mul(
      g,
      mapData(x, (v) => (beta * v > threshold ? 1 : df(v, beta))),
    ),
  ]);
}

/**
 * ReLU capped at 6: min(max(0, x), 6).
 * @example gl.relu6(gl.tensor([-1, 3, 9])).toArray() // [0, 3, 6]
 */
export function relu6(x: Tensor): Tensor {
  tensorArg("relu6", "x", x);
  return applyActivation("relu6", "relu6", x);
}

/**
 * Hard tanh: clips x to [minVal, maxVal] (default [−1, 1]); gradient 1 strictly inside, 0 outside.
 * @example gl.hardtanh(gl.tensor([-3, 0.5, 3])).toArray() // [-1, 0.5, 1]
 */
export function hardtanh(x: Tensor, minVal = -1, maxVal = 1): Tensor {
  tensorArg("hardtanh", "x", x);
  minVal = num("hardtanh", "minVal", minVal ?? -1, { fix: "minVal is the lower clip bound, -1 by default." });
  maxVal = num("hardtanh", "maxVal", maxVal ?? 1, { fix: "maxVal is the upper clip bound, 1 by default." });
  checkInput("hardtanh", x);
  check(
    minVal < maxVal,
    () =>
      new ArgumentError({
        fn: "hardtanh",
        arg: "minVal",
        expected: "minVal < maxVal",
        received: `minVal = ${show(minVal)}, maxVal = ${show(maxVal)}`,
        fix: "Swap the two bounds.",
      }),
  );
  const out = mapData(x, (v) => (v < minVal ? minVal : v > maxVal ? maxVal : v));
  return record(out, "hardtanh", [x], (g) => [
    mul(
      g,
      mapData(x, (v) => (v > minVal && v < maxVal ? 1 : 0)),
    ),
  ]);
}

function checkAxis(fn: string, x: Tensor, axis: number): void {
  check(
    x.rank >= 1,
    () =>
      new ArgumentError({
        fn,
        arg: "x",
        expected: "a tensor of rank ≥ 1 (a vector of logits, or a batch of them)",
        received: `a scalar (shape [])`,
        fix: "Softmax normalizes along an axis; pass at least a vector.",
      }),
  );
  check(
    Number.isInteger(axis) && axis >= -x.rank && axis < x.rank,
    () =>
      new ArgumentError({
        fn,
        arg: "axis",
        expected: `one axis in [${-x.rank}, ${x.rank - 1}] for a tensor of shape ${show(x.shape)}`,
        received: show(axis),
        fix: "Use axis = -1 (the last axis, the classes of a [batch, classes] tensor).",
      }),
  );
}

/**
 * log softmax along `axis`: x − logsumexp(x), computed as (x − max) − log Σ exp(x − max) so large
 * logits neither overflow nor lose precision (a composite: its gradient comes by composition).
 * @example gl.logSoftmax(gl.tensor([0, 0])).toArray() // [-0.6931..., -0.6931...]
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  tensorArg("logSoftmax", "x", x);
  checkInput("logSoftmax", x);
  checkAxis("logSoftmax", x, axis);
  // (x − m) − log Σ exp(x − m): subtracting the max first keeps float32 exact for huge logits
  const m = max(x.detach(), axis, true); // (..., 1), a constant shift: it cancels in the gradient
  const shifted = sub(x, m); // (..., C), ≤ 0
  return sub(shifted, log(sum(exp(shifted), axis, true)));
}

/**
 * softmax along `axis`: exp(xᵢ − logsumexp(x)), probabilities summing to 1 (a composite).
 * @example gl.softmax(gl.tensor([1, 1, 1, 1])).toArray() // [0.25, 0.25, 0.25, 0.25]
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  tensorArg("softmax", "x", x);
  checkInput("softmax", x);
  checkAxis("softmax", x, axis);
  return exp(logSoftmax(x, axis));
}
