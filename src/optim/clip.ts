/**
 * Gradient clipping, applied to `.grad` in place between backward() and step():
 *   clipGradNorm(ps, c)          global norm ‖g‖ = (Σ over all tensors ‖gᵢ‖ᵖ)^(1/p); if ‖g‖ > c,
 *                                every gradient is scaled by c/(‖g‖ + 1e-6): the direction is kept.
 *                                (PyTorch's clip_grad_norm_; Keras's global_clipnorm.)
 *   clipGradNormPerTensor(ps, c) each tensor's gradient scaled separately to norm ≤ c
 *                                (Keras's clipnorm): the overall direction changes a little.
 *   clipGradValue(ps, c)         every component clamped to [−c, c]: the direction can change a lot.
 */
import { ArgumentError, check, show } from "../errors";
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
      }),
  );
  return params.filter((p) => p.grad !== null).map((p) => p.grad!);
}

function checkMax(fn: string, arg: string, value: number): void {
  check(
    typeof value === "number" && value > 0,
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: "a positive number",
        received: show(value),
        fix: "Typical values: 1 or 5 for a norm, 0.5 for a value.",
      }),
  );
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
  check(
    normType > 0,
    () => new ArgumentError({ fn, arg: "normType", expected: "p > 0 (2, 1 or Infinity)", received: show(normType) }),
  );
  if (grads.length === 0) return 0;
  const norms = grads.map((g) => pNorm(g.data, normType));
  return normType === Infinity ? Math.max(...norms) : pNorm(norms, normType);
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
 * returns each tensor's norm before clipping.
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
