/**
 * How smooth the loss is along the gradient direction at the current parameters (Santurkar et
 * al., 2018, "How does batch normalization help optimization?"): with g = ∇L(w) on one batch,
 *   losses[k]     = L(w − η_k·g)                        (the loss landscape along the step)
 *   gradChange[k] = ‖∇L(w − η_k·g) − ∇L(w)‖              ("gradient predictiveness")
 *   smoothness[k] = gradChange[k] / (η_k·‖g‖)             ("effective β-smoothness": how fast the
 *                                                          gradient turns per unit of distance moved)
 * A narrow range of losses and small gradient changes mean a smoother landscape, which lets a
 * larger learning rate work. Parameters, buffers (e.g. BatchNorm's running statistics) and
 * gradients are restored afterwards, so a training run can call this between steps.
 */
import { options } from "../args";
import { checkLossArgs } from "./parameterPath";
import { backward } from "../autograd/engine";
import { noGrad } from "../autograd/mode";
import { ArgumentError, check, show } from "../errors";
import type { Module } from "../nn/module";
import { Tensor } from "../tensor/tensor";

export interface LossLandscape {
  /** The step sizes η tried. */
  stepSizes: number[];
  /** L(w − η·g) for each step size, on the same batch. */
  losses: number[];
  /** ‖∇L(w − η·g) − ∇L(w)‖ (all parameters together) for each step size. */
  gradChange: number[];
  /** gradChange / (η·‖g‖) for each step size (NaN for η = 0): a local Lipschitz constant of the gradient. */
  smoothness: number[];
  /** L(w) and ‖∇L(w)‖. */
  loss: number;
  gradNorm: number;
  /** max(losses) − min(losses): the spread Santurkar et al. plot. */
  lossRange: number;
}

type LossFn = (yHat: Tensor, y: Tensor) => Tensor;

/** Loss and flattened gradients of all parameters at the current point. */
function lossAndGrads(model: Module, loss: LossFn, X: Tensor, y: Tensor): { value: number; grads: Float64Array[] } {
  const params = model.parameters();
  for (const p of params) p.grad = null;
  const L = loss(model.forward(X), y);
  backward(L);
  const grads = params.map((p) => (p.grad ? Float64Array.from(p.grad.data) : new Float64Array(p.size)));
  return { value: L.item(), grads };
}

/**
 * Loss and gradient change along the gradient direction from the current parameters.
 * @example
 * gl.seed(0);
 * const model = new gl.nn.Sequential([new gl.nn.Linear(2, 8), new gl.nn.ReLU(), new gl.nn.Linear(8, 2)]);
 * const X = gl.randn([16, 2]), y = gl.tensor(Array.from({ length: 16 }, (_, i) => i % 2));
 * const s = gl.probe.lossLandscape(model, gl.loss.crossEntropy, X, y, { stepSizes: [0.1, 0.5, 1] });
 * s.losses.length; // 3
 */
export function lossLandscape(
  model: Module,
  loss: LossFn,
  X: Tensor,
  y: Tensor,
  opts: { stepSizes?: number[] } = {},
): LossLandscape {
  checkLossArgs("probe.lossLandscape", model, loss, X, y);
  opts = options<typeof opts>("probe.lossLandscape", "opts", opts, ["stepSizes"]) as typeof opts;
  const stepSizes = opts.stepSizes ?? [0.05, 0.1, 0.2, 0.4, 0.8];
  check(
    Array.isArray(stepSizes) &&
      stepSizes.length > 0 &&
      stepSizes.every((s) => typeof s === "number" && Number.isFinite(s) && s >= 0),
    () =>
      new ArgumentError({
        fn: "probe.lossLandscape",
        arg: "stepSizes",
        expected: "a non-empty list of step sizes ≥ 0",
        received: show(stepSizes),
        fix: "Pass e.g. { stepSizes: [0.1, 0.2, 0.4] } (multiples of your learning rate).",
      }),
  );
  const params = model.parameters();
  const saved = model.stateDict();
  const savedGrads = params.map((p) => p.grad);
  try {
    const here = lossAndGrads(model, loss, X, y);
    const gradNorm = Math.sqrt(here.grads.reduce((s, g) => s + g.reduce((t, v) => t + v * v, 0), 0));
    const losses: number[] = [];
    const gradChange: number[] = [];
    for (const eta of stepSizes) {
      model.loadStateDict(saved);
      noGrad(() =>
        params.forEach((p, i) => {
          p.data.forEach((v, k) => (p.data[k] = v - eta * here.grads[i][k]));
          p.markChanged();
        }),
      );
      const there = lossAndGrads(model, loss, X, y);
      losses.push(there.value);
      let sq = 0;
      there.grads.forEach((g, i) => g.forEach((v, k) => (sq += (v - here.grads[i][k]) ** 2)));
      gradChange.push(Math.sqrt(sq));
    }
    const smoothness = gradChange.map((c, k) =>
      stepSizes[k] > 0 && gradNorm > 0 ? c / (stepSizes[k] * gradNorm) : NaN,
    );
    return {
      stepSizes: [...stepSizes],
      losses,
      gradChange,
      smoothness,
      loss: here.value,
      gradNorm,
      lossRange: Math.max(...losses) - Math.min(...losses),
    };
  } finally {
    model.loadStateDict(saved);
    params.forEach((p, i) => (p.grad = savedGrads[i]));
  }
}
