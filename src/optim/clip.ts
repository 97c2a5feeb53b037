/**
 * Gradient clipping, applied to `.grad` in place between backward() and step():
 *   clipGradNorm(ps, c)          global norm ‖g‖ = (Σ over all tensors ‖gᵢ‖ᵖ)^(1/p); if ‖g‖ > c,
 *                                every gradient is scaled by c/(‖g‖ + 1e-6): the direction is kept.
 *                                (PyTorch's clip_grad_norm_; Keras's global_clipnorm.)
 *   clipGradNormPerTensor(ps, c) each tensor's gradient scaled separately to norm ≤ c
 *                                (Keras's clipnorm): the overall direction changes a little.
 *   clipGradValue(ps, c)         every component clamped to [−c, c]: the direction can change a lot.
 */
import { num, optionalNum, options } from "../args";
import { ArgumentError, check, show } from "../errors";
import { tensorListArg } from "../tensor/check";
import { Tensor } from "../tensor/tensor";

function gradsOf(fn: string, params: Tensor[]): Tensor[] {
  check(
    Array.isArray(params) && params.every((p) => p instanceof Tensor),
    () =>
      new ArgumentError({
        fn,
        arg: "params",
        expected: "an array of tensors, e.g. model.parameters()",
        received: show(params),
        fix: "Pass model.parameters() (a list of tensors), not the model or one tensor.",
      }),
  );
  return params.filter((p) => p.grad !== null).map((p) => p.grad!);
}

/** A clipping threshold: a number > 0; Infinity is valid and clips nothing. */
function checkMax(fn: string, arg: string, value: unknown): number {
  return num(fn, arg, value, {
    min: 0,
    minExclusive: true,
    allowInfinity: true,
    expected: "a positive number",
    fix: "Typical values: 1 or 5 for a norm, 0.5 for a value (Infinity clips nothing).",
  });
}

function pNorm(data: ArrayLike<number>, p: number): number {
  let s = 0;
  if (p === Infinity) {
    for (let i = 0; i < data.length; i++) s = Math.max(s, Math.abs(data[i]));
    return s;
  }
  for (let i = 0; i < data.length; i++) s += Math.abs(data[i]) ** p;
  return s ** (1 / p);
}

/**
 * The global p-norm of all gradients, (Σ over all tensors ‖gᵢ‖ᵖ)^(1/p): what clipGradNorm compares
 * with maxNorm, and what `gl.fit` records per step as `gradNorm`. Parameters without a gradient are skipped.
 * @example
 * const w = gl.zeros([2], { requiresGrad: true });
 * w.grad = gl.tensor([3, 4]);
 * gl.optim.gradNorm([w]) // 5
 * gl.optim.gradNorm([w], Infinity) // 4
 */
export function gradNorm(params: Tensor[], normType = 2): number {
  return totalNorm(gradsOf("optim.gradNorm", params), "optim.gradNorm", normType);
}

function totalNorm(grads: Tensor[], fn: string, normType: number): number {
  const p = optionalNum(fn, "normType", normType, 2, {
    min: 0,
    minExclusive: true,
    allowInfinity: true,
    expected: "p > 0 (2, 1 or Infinity)",
    fix: "normType is the p of the p-norm: 2 (the usual length), 1, or Infinity (the largest |g|).",
  });
  if (grads.length === 0) return 0;
  const norms = grads.map((g) => pNorm(g.data, p));
  return p === Infinity ? Math.max(...norms) : pNorm(norms, p);
}

/**
 * Scales all gradients together so their global p-norm is at most maxNorm; returns the norm
 * before clipping (log it: spikes show where training is unstable).
 * @example
 * const w = gl.zeros([2], { requiresGrad: true });
 * w.grad = gl.tensor([3, 4]);
 * gl.optim.clipGradNorm([w], 1) // 5
 * w.grad.toList() // [0.6, 0.8]
 */
export function clipGradNorm(params: Tensor[], maxNorm: number, normType = 2): number {
  const fn = "optim.clipGradNorm";
  const grads = gradsOf(fn, params);
  checkMax(fn, "maxNorm", maxNorm);
  const total = totalNorm(grads, fn, normType);
  const coef = maxNorm / (total + 1e-6);
  if (coef < 1) for (const g of grads) for (let i = 0; i < g.data.length; i++) g.data[i] *= coef;
  return total;
}

/**
 * Scales each gradient tensor separately so its L2 norm is at most maxNorm (Keras's clipnorm);
 * returns each tensor's norm before clipping. maxNorm = Infinity clips nothing (as for clipGradNorm).
 * @example
 * const a = gl.zeros([2], { requiresGrad: true });
 * const b = gl.zeros([1], { requiresGrad: true });
 * a.grad = gl.tensor([3, 4]); b.grad = gl.tensor([0.5]);
 * gl.optim.clipGradNormPerTensor([a, b], 1) // [5, 0.5]
 * a.grad.toList() // [0.6, 0.8]: b is left alone
 */
export function clipGradNormPerTensor(params: Tensor[], maxNorm: number): number[] {
  const fn = "optim.clipGradNormPerTensor";
  const grads = gradsOf(fn, params);
  checkMax(fn, "maxNorm", maxNorm);
  return grads.map((g) => {
    const n = pNorm(g.data, 2);
    if (n > maxNorm) for (let i = 0; i < g.data.length; i++) g.data[i] *= maxNorm / n;
    return n;
  });
}

/**
 * Clamps every gradient component to [−clipValue, clipValue]; returns how many were clipped.
 * @example
 * const w = gl.zeros([2], { requiresGrad: true });
 * w.grad = gl.tensor([3, 0.1]);
 * gl.optim.clipGradValue([w], 0.5) // 1
 * w.grad.toList() // [0.5, 0.1]: the direction changed
 */
export function clipGradValue(params: Tensor[], clipValue: number): number {
  const fn = "optim.clipGradValue";
  const grads = gradsOf(fn, params);
  checkMax(fn, "clipValue", clipValue);
  let clipped = 0;
  for (const g of grads)
    for (let i = 0; i < g.data.length; i++) {
      const v = g.data[i];
      if (v > clipValue || v < -clipValue) {
        g.data[i] = v > 0 ? clipValue : -clipValue;
        clipped++;
      }
    }
  return clipped;
}

/** Global L2 norms of two lists of tensors (each list as one long vector). */
function flatNorms(a: Tensor[], b: Tensor[]): { na: number; nb: number } {
  return { na: totalNorm(a, "optim.gradientAngle", 2), nb: totalNorm(b, "optim.gradientAngle", 2) };
}

/**
 * Angle in degrees between two gradients given as lists of tensors (all parameters taken as one
 * vector): 0 means the same direction. Clipping by norm gives 0; clipping by value generally not.
 * @example gl.optim.gradientAngle([gl.tensor([3, 4])], [gl.tensor([0.5, 0.5])]) // 8.13
 */
export function gradientAngle(a: Tensor[], b: Tensor[]): number {
  const fn = "optim.gradientAngle";
  tensorListArg(fn, "a", a, { allowEmpty: true });
  tensorListArg(fn, "b", b, { allowEmpty: true });
  check(
    Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((t, k) => t instanceof Tensor && b[k] instanceof Tensor && t.size === b[k].size),
    () =>
      new ArgumentError({
        fn,
        arg: "b",
        expected: "two lists of tensors of the same sizes (e.g. gradients before and after clipping)",
        received: `${show(a)} and ${show(b)}`,
        fix: "Compare the same parameters' gradients: tensor k of b must have as many numbers as tensor k of a.",
      }),
  );
  const { na, nb } = flatNorms(a, b);
  if (na === 0 || nb === 0) return 0;
  // θ = 2·atan2(‖â − b̂‖, ‖â + b̂‖): exact near 0° and 180°, where acos(cos θ) loses digits
  let diff = 0;
  let sum = 0;
  a.forEach((t, k) => {
    const u = t.data;
    const v = b[k].data;
    for (let i = 0; i < u.length; i++) {
      diff += (u[i] / na - v[i] / nb) ** 2;
      sum += (u[i] / na + v[i] / nb) ** 2;
    }
  });
  return (2 * Math.atan2(Math.sqrt(diff), Math.sqrt(sum)) * 180) / Math.PI;
}

/** What one clipping rule does to a gradient. */
export interface ClippingEffect {
  method: "value" | "norm (global)" | "norm (per tensor)";
  /** Global L2 norm before and after. */
  normBefore: number;
  normAfter: number;
  /** Angle between the clipped and the original gradient, degrees. */
  angle: number;
  /** Each tensor's L2 norm after clipping. */
  tensorNorms: number[];
}

/**
 * Applies clipGradValue, clipGradNorm (global, PyTorch's clip_grad_norm_ / Keras's
 * global_clipnorm) and clipGradNormPerTensor (Keras's clipnorm) each to a copy of the current
 * gradients and reports norms and the change of direction. The parameters' gradients are not changed.
 * Either threshold may be Infinity (that rule then clips nothing), as in the functions themselves.
 * @example
 * const a = gl.zeros([2], { requiresGrad: true }), b = gl.zeros([1], { requiresGrad: true });
 * a.grad = gl.tensor([3, 4]); b.grad = gl.tensor([0.5]);
 * const rows = gl.optim.compareClipping([a, b], { maxNorm: 1, clipValue: 1 });
 * rows[1].method // "norm (global)"
 * rows[1].angle // 0
 * rows[1].normAfter // 1
 */
export function compareClipping(params: Tensor[], opts: { maxNorm: number; clipValue: number }): ClippingEffect[] {
  const fn = "optim.compareClipping";
  check(
    opts !== undefined && opts !== null,
    () =>
      new ArgumentError({
        fn,
        arg: "opts",
        expected: "the options { maxNorm, clipValue }",
        received: show(opts),
        fix: "Give both thresholds: gl.optim.compareClipping(params, { maxNorm: 1, clipValue: 0.5 }).",
      }),
  );
  const o = options<typeof opts>(fn, "opts", opts, ["maxNorm", "clipValue"]);
  const grads = gradsOf(fn, params);
  const maxNorm = checkMax(fn, "maxNorm", o.maxNorm);
  const clipValue = checkMax(fn, "clipValue", o.clipValue);
  const normBefore = totalNorm(grads, fn, 2);
  const run = (method: ClippingEffect["method"], clip: (ps: Tensor[]) => unknown): ClippingEffect => {
    const copies = grads.map((g) => {
      const t = new Tensor(g.data.slice(), [...g.shape], { requiresGrad: true });
      t.grad = new Tensor(g.data.slice(), [...g.shape]);
      return t;
    });
    clip(copies);
    const after = copies.map((c) => c.grad!);
    const tensorNorms = after.map((g) => pNorm(g.data, 2));
    return {
      method,
      normBefore,
      normAfter: pNorm(tensorNorms, 2),
      angle: gradientAngle(grads, after),
      tensorNorms,
    };
  };
  return [
    run("value", (ps) => clipGradValue(ps, clipValue)),
    run("norm (global)", (ps) => clipGradNorm(ps, maxNorm)),
    run("norm (per tensor)", (ps) => clipGradNormPerTensor(ps, maxNorm)),
  ];
}
