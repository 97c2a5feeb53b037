/**
 * The properties lessons list for an activation, measured from its { f, df } pair rather than
 * asserted: mean output for standard normal input (zero-centred?), where f′ → 0 (saturating),
 * where f stays bounded, whether f′ jumps (smooth?), whether f′ < 0 anywhere (monotonic?), and the
 * measured time per element of its tensor op (cost).
 *   E[f(z)], z ~ N(0, 1)  ≈  Σ f(zₖ)·φ(zₖ)·Δz over a fine grid on [−10, 10]
 */
import { num, oneOf, optionalInt, options } from "../args";
import { linspace } from "../tensor/create";
import { Tensor } from "../tensor/tensor";
import {
  activations,
  ActivationName,
  elu,
  gelu,
  hardtanh,
  leakyRelu,
  mish,
  relu,
  relu6,
  selu,
  sigmoid,
  silu,
  softplus,
  tanh,
} from "./activations";

/** Which sides of the x axis a property holds on. */
export type Sides = "both" | "negative side" | "positive side" | "neither";

export interface ActivationProperties {
  name: ActivationName;
  /** E[f(z)] for z ~ N(0, 1): 0 for a zero-centred activation. */
  meanOutput: number;
  /** Where f′(x) → 0 as |x| grows (f′ below 1e-3 at x = ±30). */
  saturates: Sides;
  /** Where f stays bounded (|f(±60) − f(±30)| < 1e-3: the curve has flattened). */
  bounded: Sides;
  /** f′ continuous: no jump larger than 1e-2 across any grid point of [−10, 10]. */
  smooth: boolean;
  /** f′ ≥ 0 everywhere on [−10, 10]. */
  monotonic: boolean;
  /** Smallest f′ on [−10, 10] (negative for non-monotonic activations such as GELU, SiLU, Mish). */
  minSlope: number;
}

const sidesOf = (neg: boolean, pos: boolean): Sides =>
  neg && pos ? "both" : neg ? "negative side" : pos ? "positive side" : "neither";

/** An activation's parameter (α, β): a finite number, or not given for the activation's default. */
function paramArg(fn: string, param: unknown): number | undefined {
  if (param === undefined || param === null) return undefined;
  return num(fn, "param", param, {
    fix: "param is the activation's α or β (leakyRelu's slope, elu's α, silu's β), e.g. 0.01; leave it out for the default.",
  });
}

/**
 * Measured properties of one activation of `gl.activations` (with its parameter, if any).
 * @example
 * gl.activationProperties("tanh").saturates // "both"
 * gl.activationProperties("relu").meanOutput // 0.3989... (= 1/√(2π): not zero-centred)
 */
export function activationProperties(name: ActivationName, param?: number): ActivationProperties {
  const act = activations[oneOf("activationProperties", "name", name, Object.keys(activations) as ActivationName[])];
  param = paramArg("activationProperties", param);
  const f = (x: number) => act.f(x, param);
  const df = (x: number) => act.df(x, param);
  const dz = 1e-3;
  let mean = 0;
  let minSlope = Infinity;
  let biggestJump = 0;
  let prev = df(-10);
  for (let k = 0; k <= 20000; k++) {
    const z = -10 + k * dz;
    mean += f(z) * Math.exp(-0.5 * z * z) * dz;
    const s = df(z);
    if (s < minSlope) minSlope = s;
    if (k > 0) biggestJump = Math.max(biggestJump, Math.abs(s - prev));
    prev = s;
  }
  mean /= Math.sqrt(2 * Math.PI);
  return {
    name,
    meanOutput: Math.abs(mean) < 1e-12 ? 0 : mean,
    saturates: sidesOf(Math.abs(df(-30)) < 1e-3, Math.abs(df(30)) < 1e-3),
    bounded: sidesOf(Math.abs(f(-60) - f(-30)) < 1e-3, Math.abs(f(60) - f(30)) < 1e-3),
    smooth: biggestJump < 1e-2,
    monotonic: minSlope >= -1e-12,
    minSlope,
  };
}

/** The tensor op of each activation (with its parameter), for timing. */
const ops: Record<ActivationName, (x: Tensor, param?: number) => Tensor> = {
  sigmoid,
  tanh,
  relu,
  leakyRelu: (x, a) => leakyRelu(x, a),
  elu: (x, a) => elu(x, a),
  selu,
  gelu: (x) => gelu(x),
  geluTanh: (x) => gelu(x, { approximate: "tanh" }),
  silu: (x, b) => silu(x, b),
  mish,
  softplus: (x) => softplus(x),
  relu6,
  hardtanh: (x) => hardtanh(x),
};

/**
 * Measured cost of an activation's forward pass: nanoseconds per element, the median of `repeats`
 * runs on `size` evenly spaced values in [−5, 5] (forward only, no graph). Timings vary by machine and
 * run; compare activations measured in the same cell.
 * @example gl.activationCost("relu") // e.g. 4 (ns per element)
 */
export function activationCost(
  name: ActivationName,
  opts: { size?: number; repeats?: number; param?: number } = {},
): number {
  opts = options<typeof opts>("activationCost", "opts", opts, ["size", "repeats", "param"]) as typeof opts;
  const fn = "activationCost";
  const size = optionalInt(fn, "size", opts.size, 1 << 16, {
    min: 1,
    max: 1 << 24,
    fix: "size is how many values are timed: the default 65536 is enough for a steady figure.",
  });
  const repeats = optionalInt(fn, "repeats", opts.repeats, 5, {
    min: 1,
    max: 1000,
    fix: "repeats is how many timed runs the median is taken over, e.g. 5.",
  });
  const param = paramArg(fn, opts.param);
  const op = ops[oneOf(fn, "name", name, Object.keys(ops) as ActivationName[])];
  const x = linspace(-5, 5, size); // not random: timing must not move the seeded rng
  op(x, param); // warm-up (JIT)
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    op(x, param);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return (times[Math.floor(times.length / 2)] * 1e6) / size;
}
