/**
 * Adam (Kingma & Ba, 2015) as PyTorch documents and implements it (torch.optim.Adam), for θ with
 * gradient g at step t:
 *   g ← g + λθ                          (weightDecay λ: coupled L2 — AdamW decouples it)
 *   m ← β₁m + (1 − β₁)g                 first moment (momentum)
 *   v ← β₂v + (1 − β₂)g²                second moment (per-parameter scale)
 *   m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ)   bias correction (m and v start at 0)
 *   θ ← θ − lr·m̂/(√v̂ + ε)              ε outside the square root
 * amsgrad: v_max ← max(v_max, v) and v̂ = v_max/(1 − β₂ᵗ) (PyTorch's implementation).
 * TensorFlow.js's tf.train.adam uses the same formula (ε outside the root, default 1e-7 vs 1e-8).
 */
import { num, options } from "../args";
import { DataArray } from "../tensor/tensor";
import { BaseOptions, Optimizer, ParamGroup, ParamsInput, checkNonNegative, checkUnit } from "./optimizer";

export interface AdamOptions extends BaseOptions {
  /** [β₁, β₂], each in [0, 1) (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to √v̂ (default 1e-8). */
  eps: number;
  /** L2 weight decay λ (default 0 for Adam, 0.01 for AdamW). */
  weightDecay: number;
  /** Use the maximum of past second moments (Reddi et al., 2018). */
  amsgrad: boolean;
}

export class Adam extends Optimizer<AdamOptions> {
  /** Whether weight decay is decoupled from the gradient (AdamW) or added to it (Adam). */
  protected readonly decoupled: boolean = false;

  /** @example new gl.optim.Adam(new gl.nn.Linear(4, 2).parameters()).defaults.betas // [0.9, 0.999] */
  constructor(params: ParamsInput<AdamOptions>, opts: Partial<AdamOptions> = {}) {
    super(params, {
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
      ...options<typeof opts>("Adam", "opts", opts, ["betas", "eps", "weightDecay", "amsgrad", "lr"]),
    });
  }

  protected override validate(o: AdamOptions, where: string): void {
    super.validate(o, where);
    const fn = this.constructor.name + where;
    checkUnit(fn, "betas[0]", o.betas[0], "β₁ is the momentum of the gradient average (0.9 is usual).");
    checkUnit(
      fn,
      "betas[1]",
      o.betas[1],
      "β₂ is the decay of the squared-gradient average (0.999 is usual); 1 would never forget.",
    );
    num(fn, "eps", o.eps, {
      min: 0,
      minExclusive: true,
      fix: "eps keeps the division finite where the second moment is 0: e.g. 1e-8.",
    });
    checkNonNegative(fn, "weightDecay", o.weightDecay);
  }

  protected update(
    theta: DataArray,
    grad: DataArray,
    group: ParamGroup<AdamOptions>,
    state: Record<string, DataArray | number>,
  ): void {
    const { lr, eps, weightDecay, amsgrad } = group;
    const [beta1, beta2] = group.betas;
    const t = state.step as number;
    const m = this.buffer(state, "expAvg", theta.length);
    const v = this.buffer(state, "expAvgSq", theta.length);
    const vMax = amsgrad ? this.buffer(state, "maxExpAvgSq", theta.length) : null;
    const bc1 = 1 - beta1 ** t;
    const bc2 = 1 - beta2 ** t;
    for (let i = 0; i < theta.length; i++) {
      let g = grad[i];
      if (this.decoupled) theta[i] *= 1 - lr * weightDecay;
      else g += weightDecay * theta[i];
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      let second = v[i];
      if (vMax) {
        vMax[i] = Math.max(vMax[i], v[i]);
        second = vMax[i];
      }
      theta[i] -= (lr * (m[i] / bc1)) / (Math.sqrt(second / bc2) + eps);
    }
  }
}

/**
 * AdamW (Loshchilov & Hutter, 2019): Adam with decoupled weight decay — the parameter shrinks by
 * lr·λ·θ directly instead of λθ being added to the gradient (where Adam's per-parameter scaling
 * would weaken it for parameters with large gradients):
 *   θ ← θ − lr·λ·θ,  then the Adam step without λ.   Default λ = 0.01 (PyTorch's).
 */
export class AdamW extends Adam {
  protected override readonly decoupled: boolean = true;

  /** @example new gl.optim.AdamW(new gl.nn.Linear(4, 2).parameters(), { lr: 1e-3 }).defaults.weightDecay // 0.01 */
  constructor(params: ParamsInput<AdamOptions>, opts: Partial<AdamOptions> = {}) {
    // checked before the defaults are merged in: spreading a string would turn its letters into keys
    super(params, {
      weightDecay: 0.01,
      ...options<typeof opts>("AdamW", "opts", opts, ["betas", "eps", "weightDecay", "amsgrad", "lr"]),
    });
  }
}
