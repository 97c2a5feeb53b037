/**
 * One Module per activation function, so a network can be written as a list of layers. Each
 * elementwise one exposes the pair a lesson plots, straight from the ops' table
 * (`gl.activations`): `f(x)` and its derivative `df(x)` for one number, with `formula` and
 * `dformula` as text. The learnable/random ones are built here:
 *   PReLU  y = max(x, 0) + a·min(x, 0), a learned (one slope, or one per channel), init 0.25
 *   RReLU  y = x if x ≥ 0 else a·x, a ~ U(lower, upper) per element in train mode (seeded),
 *          a = (lower + upper)/2 in eval mode; defaults 1/8 and 1/3 (Xu et al., 2015)
 */
import { int, num, options } from "../args";
import { noGrad } from "../autograd/mode";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { add, maximum, minimum, mul } from "../ops/arithmetic";
import {
  Activation,
  ActivationName,
  activations,
  elu,
  gelu,
  hardtanh,
  leakyRelu,
  logSoftmax,
  mish,
  relu,
  relu6,
  selu,
  sigmoid,
  silu,
  softmax,
  softplus,
  tanh,
} from "../ops/activations";
import { mapData } from "../ops/elementwise";
import { reshape } from "../ops/reshape";
import { rng } from "../random";
import { full } from "../tensor/create";
import { Tensor } from "../tensor/tensor";
import { Module, Parameter } from "./module";
import { checkCount } from "./validate";

/**
 * How a layer's output is judged: saturation (|y| > 0.97 for tanh, y within 0.03 of 0 or 1 for
 * sigmoid), dead units (ReLU family: zero for the whole batch), or neither. Each activation
 * class states its own (`ReLU.activationKind`).
 */
export type ActivationKind = "tanh" | "sigmoid" | "relu" | "none";

/** The one number f or f′ is evaluated at: finite (f(NaN) would answer NaN without saying why). */
function pointArg(fn: string, x: unknown): number {
  return num(fn, "x", x, {
    fix: `${fn.split(".").pop()} takes one number, e.g. .f(0.5); for a tensor, call forward(x).`,
  });
}

/** An activation layer with its scalar function and derivative readable by a learner. */
export abstract class ElementwiseActivation extends Module {
  /** How a probe judges this layer's output (saturation, dead units, or neither). */
  static readonly activationKind: ActivationKind = "none";
  /** Which entry of `gl.activations` this layer applies. */
  protected abstract readonly table: ActivationName;
  /** The activation's parameter (α, β), if it has one. */
  protected param(): number | undefined {
    return undefined;
  }

  private entry(): Activation {
    return activations[this.table];
  }

  /** f(x) for one number. @example new gl.nn.Sigmoid().f(0) // 0.5 */
  f(x: number): number {
    return this.entry().f(pointArg(`nn.${this.constructor.name}.f`, x), this.param());
  }

  /** f′(x) for one number. @example new gl.nn.Sigmoid().df(0) // 0.25 */
  df(x: number): number {
    return this.entry().df(pointArg(`nn.${this.constructor.name}.df`, x), this.param());
  }

  /** f as text, e.g. "σ(x) = 1 / (1 + e^(−x))". */
  get formula(): string {
    return this.entry().formula;
  }

  /** f′ as text. */
  get dformula(): string {
    return this.entry().dformula;
  }

  override extraRepr(): string {
    const p = this.entry().param;
    return p ? `${p.name}=${this.param()}` : "";
  }
}

/** Logistic sigmoid σ(x) = 1/(1 + e⁻ˣ). @example new gl.nn.Sigmoid().forward(gl.tensor([0])).toList() // [0.5] */
export class Sigmoid extends ElementwiseActivation {
  static override readonly activationKind: ActivationKind = "sigmoid";
  protected readonly table = "sigmoid";
  forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
}

/** tanh(x). @example new gl.nn.Tanh().df(0) // 1 */
export class Tanh extends ElementwiseActivation {
  static override readonly activationKind: ActivationKind = "tanh";
  protected readonly table = "tanh";
  forward(x: Tensor): Tensor {
    return tanh(x);
  }
}

/** max(0, x). @example new gl.nn.ReLU().forward(gl.tensor([-1, 2])).toList() // [0, 2] */
export class ReLU extends ElementwiseActivation {
  static override readonly activationKind: ActivationKind = "relu";
  protected readonly table = "relu";
  forward(x: Tensor): Tensor {
    return relu(x);
  }
}

/** min(max(0, x), 6). @example new gl.nn.ReLU6().f(9) // 6 */
export class ReLU6 extends ElementwiseActivation {
  static override readonly activationKind: ActivationKind = "relu";
  protected readonly table = "relu6";
  forward(x: Tensor): Tensor {
    return relu6(x);
  }
}

/** Clips to [−1, 1]. @example new gl.nn.Hardtanh().f(3) // 1 */
export class Hardtanh extends ElementwiseActivation {
  static override readonly activationKind: ActivationKind = "tanh";
  protected readonly table = "hardtanh";
  forward(x: Tensor): Tensor {
    return hardtanh(x);
  }
}

function finite(fn: string, arg: string, v: number): number {
  return num(fn, arg, v, { fix: `${arg} is the activation's slope or scale: a plain number such as 0.01.` });
}

/** x if x > 0 else α·x (default α = 0.01). @example new gl.nn.LeakyReLU(0.2).df(-1) // 0.2 */
export class LeakyReLU extends ElementwiseActivation {
  static override readonly activationKind: ActivationKind = "relu";
  protected readonly table = "leakyRelu";
  readonly alpha: number;
  constructor(alpha = 0.01) {
    super();
    this.alpha = finite("LeakyReLU", "alpha", alpha);
  }
  protected override param(): number {
    return this.alpha;
  }
  forward(x: Tensor): Tensor {
    return leakyRelu(x, this.alpha);
  }
}

/** x if x > 0 else α·(eˣ − 1) (default α = 1). @example new gl.nn.ELU().f(0) // 0 */
export class ELU extends ElementwiseActivation {
  protected readonly table = "elu";
  readonly alpha: number;
  constructor(alpha = 1) {
    super();
    this.alpha = finite("ELU", "alpha", alpha);
  }
  protected override param(): number {
    return this.alpha;
  }
  forward(x: Tensor): Tensor {
    return elu(x, this.alpha);
  }
}

/** λ·elu(x, α) with λ ≈ 1.0507, α ≈ 1.6733 (self-normalizing with lecunNormal init). @example new gl.nn.SELU().df(1) // 1.0507... */
export class SELU extends ElementwiseActivation {
  protected readonly table = "selu";
  forward(x: Tensor): Tensor {
    return selu(x);
  }
}

/** x·Φ(x), exact, or the tanh approximation with { approximate: "tanh" }. @example new gl.nn.GELU().f(1) // 0.8413... */
export class GELU extends ElementwiseActivation {
  protected readonly table: ActivationName;
  readonly approximate: "none" | "tanh";
  constructor(opts: { approximate?: "none" | "tanh" } = {}) {
    super();
    opts = options<typeof opts>("GELU", "opts", opts, ["approximate"]) as typeof opts;
    this.approximate = opts.approximate ?? "none";
    check(
      this.approximate === "none" || this.approximate === "tanh",
      () =>
        new ArgumentError({
          fn: "GELU",
          arg: "approximate",
          expected: '"none" or "tanh"',
          received: show(this.approximate),
          fix: 'approximate: "tanh" is the fast approximation; leave it out for the exact GELU.',
        }),
    );
    this.table = this.approximate === "tanh" ? "geluTanh" : "gelu";
  }
  forward(x: Tensor): Tensor {
    return gelu(x, { approximate: this.approximate });
  }
}

/** SiLU / swish x·σ(βx) (β = 1 by default). @example new gl.nn.SiLU().f(0) // 0 */
export class SiLU extends ElementwiseActivation {
  protected readonly table = "silu";
  readonly beta: number;
  constructor(beta = 1) {
    super();
    this.beta = finite("SiLU", "beta", beta);
  }
  protected override param(): number {
    return this.beta;
  }
  forward(x: Tensor): Tensor {
    return silu(x, this.beta);
  }
}

/** Swish x·σ(βx): SiLU with a β (Ramachandran et al., 2017). @example new gl.nn.Swish(2).f(1) // 0.8808... */
export class Swish extends SiLU {}

/** x·tanh(softplus(x)). @example new gl.nn.Mish().f(0) // 0 */
export class Mish extends ElementwiseActivation {
  protected readonly table = "mish";
  forward(x: Tensor): Tensor {
    return mish(x);
  }
}

/** (1/β)·log(1 + e^(βx)), a smooth ReLU. @example new gl.nn.Softplus().df(0) // 0.5 */
export class Softplus extends ElementwiseActivation {
  protected readonly table = "softplus";
  readonly beta: number;
  readonly threshold: number;
  constructor(opts: { beta?: number; threshold?: number } = {}) {
    super();
    opts = options<typeof opts>("Softplus", "opts", opts, ["beta", "threshold"]) as typeof opts;
    this.beta = finite("Softplus", "beta", opts.beta ?? 1);
    // Infinity is valid, as for gl.softplus: the formula everywhere, never x itself
    this.threshold = num("Softplus", "threshold", opts.threshold ?? 20, {
      allowInfinity: true,
      fix: "Above β·x > threshold softplus returns x itself (PyTorch's rule): a number such as 20.",
    });
  }
  protected override param(): number {
    return this.beta;
  }
  forward(x: Tensor): Tensor {
    return softplus(x, { beta: this.beta, threshold: this.threshold });
  }
}

/**
 * Softmax along an axis (default the last): exp(xᵢ)/Σⱼ exp(xⱼ). Not elementwise: its derivative
 * is the Jacobian ∂sᵢ/∂xⱼ = sᵢ(δᵢⱼ − sⱼ), given by `jacobian` for one vector.
 * @example new gl.nn.Softmax().f([0, 0]) // [0.5, 0.5]
 */
export class Softmax extends Module {
  /** How a probe judges this layer's output. */
  static readonly activationKind: ActivationKind = "none";
  readonly axis: number;
  constructor(axis = -1) {
    super();
    // a whole number; whether it fits the input's rank is checked by forward
    this.axis = int("nn.Softmax", "axis", axis ?? -1, {
      fix: "axis is the axis the probabilities sum over: -1 (the last, the classes) is usual.",
    });
  }
  forward(x: Tensor): Tensor {
    return softmax(x, this.axis);
  }
  /** softmax of one vector. */
  f(x: number[]): number[] {
    const m = Math.max(...x);
    const e = x.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  }
  /** The Jacobian sᵢ(δᵢⱼ − sⱼ) at one vector. @example new gl.nn.Softmax().jacobian([0, 0]) // [[0.25, -0.25], [-0.25, 0.25]] */
  jacobian(x: number[]): number[][] {
    const s = this.f(x);
    return s.map((si, i) => s.map((sj, j) => si * ((i === j ? 1 : 0) - sj)));
  }
  override extraRepr(): string {
    return `axis=${this.axis}`;
  }
}

/** log softmax along an axis, stable (x − logsumexp(x)). @example new gl.nn.LogSoftmax().forward(gl.tensor([[0, 0]])).toList() // [-0.6931..., -0.6931...] */
export class LogSoftmax extends Module {
  /** How a probe judges this layer's output. */
  static readonly activationKind: ActivationKind = "none";
  readonly axis: number;
  constructor(axis = -1) {
    super();
    // a whole number; whether it fits the input's rank is checked by forward
    this.axis = int("nn.LogSoftmax", "axis", axis ?? -1, {
      fix: "axis is the axis the probabilities sum over: -1 (the last, the classes) is usual.",
    });
  }
  forward(x: Tensor): Tensor {
    return logSoftmax(x, this.axis);
  }
  override extraRepr(): string {
    return `axis=${this.axis}`;
  }
}

/**
 * PReLU (He et al., 2015): leaky ReLU whose negative slope a is learned, one shared slope
 * (numParameters = 1) or one per channel (numParameters = C, channels on axis 1). Built from
 * primitives, y = max(x, 0) + a·min(x, 0), so ∂y/∂a = min(x, 0) comes from autograd.
 * @example
 * const act = new gl.nn.PReLU();              // a = 0.25
 * act.forward(gl.tensor([-2, 3])).toList()    // [-0.5, 3]
 */
export class PReLU extends Module {
  /** How a probe judges this layer's output. */
  static readonly activationKind: ActivationKind = "relu";
  readonly numParameters: number;
  /** The slopes a, [numParameters]. */
  weight: Parameter;
  constructor(numParameters = 1, init = 0.25) {
    super();
    checkCount("PReLU", "numParameters", numParameters);
    this.numParameters = numParameters;
    this.weight = new Parameter(full([numParameters], finite("PReLU", "init", init)), "weight");
  }
  forward(x: Tensor): Tensor {
    const n = this.numParameters;
    let a: Tensor = this.weight;
    if (n > 1) {
      check(
        x.rank >= 2 && x.shape[1] === n,
        () =>
          new ShapeError({
            fn: `PReLU(${n}).forward`,
            arg: "x",
            expected: `${n} channels on axis 1 (one slope per channel)`,
            received: `shape ${show(x.shape)}`,
            fix: "Use PReLU() for one shared slope, or PReLU(C) with C = the number of channels.",
          }),
      );
      a = reshape(
        this.weight,
        x.shape.map((d, i) => (i === 1 ? n : 1)),
      ); // (1, C, 1, …)
    }
    return add(maximum(x, 0), mul(a, minimum(x, 0)));
  }
  /** f(x) with the slope of channel c. */
  f(x: number, c = 0): number {
    return x >= 0 ? x : this.weight.data[c] * x;
  }
  /** ∂y/∂x with the slope of channel c (1 or a). */
  df(x: number, c = 0): number {
    return x > 0 ? 1 : this.weight.data[c];
  }
  override extraRepr(): string {
    return `numParameters=${this.numParameters}`;
  }
}

/**
 * RReLU (randomized leaky ReLU): in train mode each negative element gets its own slope drawn
 * from U(lower, upper) (from the seeded rng; the slopes of the last forward are in `lastSlopes`),
 * which acts as a regularizer; in eval mode the slope is fixed at (lower + upper)/2.
 * @example
 * const act = new gl.nn.RReLU().eval();
 * act.forward(gl.tensor([-24])).toList() // [-5.5]: slope (1/8 + 1/3)/2 = 11/48
 */
export class RReLU extends Module {
  /** How a probe judges this layer's output. */
  static readonly activationKind: ActivationKind = "relu";
  readonly lower: number;
  readonly upper: number;
  /** Per-element slopes of the last train-mode forward (1 where x ≥ 0). */
  lastSlopes: Tensor | null = null;
  constructor(lower = 1 / 8, upper = 1 / 3) {
    super();
    const fix = "The negative slopes are drawn from U(lower, upper): e.g. new gl.nn.RReLU(1 / 8, 1 / 3).";
    lower = num("nn.RReLU", "lower", lower ?? 1 / 8, { fix });
    upper = num("nn.RReLU", "upper", upper ?? 1 / 3, { fix });
    check(
      lower <= upper,
      () =>
        new ArgumentError({
          fn: "nn.RReLU",
          arg: "lower",
          expected: "lower ≤ upper",
          received: `lower ${show(lower)}, upper ${show(upper)}`,
          fix: "Swap the bounds: new gl.nn.RReLU(lower, upper) with lower ≤ upper.",
        }),
    );
    this.lower = lower;
    this.upper = upper;
  }
  forward(x: Tensor): Tensor {
    if (!this.training) return leakyRelu(x, (this.lower + this.upper) / 2);
    const slopes = noGrad(() => mapData(x.detach(), (v) => (v >= 0 ? 1 : rng.uniform(this.lower, this.upper))));
    this.lastSlopes = slopes;
    return mul(x, slopes);
  }
  /** f in eval mode (slope (lower + upper)/2). */
  f(x: number): number {
    return x >= 0 ? x : ((this.lower + this.upper) / 2) * x;
  }
  /** f′ in eval mode. */
  df(x: number): number {
    return x > 0 ? 1 : (this.lower + this.upper) / 2;
  }
  override extraRepr(): string {
    return `lower=${this.lower}, upper=${this.upper}`;
  }
}

/**
 * Every activation Module, by class name: the one list of activations. The probe reads each
 * one's kind from it (`activationKindOf`), depthProfile which layers are activations, and
 * arith's layer specs their names (arith reads a module's `activationKind` duck-typed).
 */
export const activationModules = {
  Sigmoid,
  Tanh,
  ReLU,
  ReLU6,
  Hardtanh,
  LeakyReLU,
  ELU,
  SELU,
  GELU,
  SiLU,
  Swish,
  Mish,
  Softplus,
  Softmax,
  LogSoftmax,
  PReLU,
  RReLU,
} as const;

/** The class name of an activation Module ("ReLU", "Tanh", ...). */
export type ActivationModuleName = keyof typeof activationModules;

/**
 * The kind of a layer by its class name, read from the activation class itself ("none" for a
 * layer that is not an activation).
 * @example
 * activationKindOf("LeakyReLU") // "relu"
 * gl.probe.kindOf("Tanh") // "tanh"
 */
export function activationKindOf(typeName: string): ActivationKind {
  const cls = (activationModules as Record<string, { activationKind: ActivationKind }>)[typeName];
  return cls ? cls.activationKind : "none";
}
