/**
 * Adagrad (Duchi et al., 2011) as PyTorch documents it (torch.optim.Adagrad): each parameter's
 * step shrinks with the sum of all its past squared gradients,
 *   lr_t = lr/(1 + (t − 1)·lrDecay)
 *   g ← g + λθ
 *   s ← s + g²
 *   θ ← θ − lr_t·g/(√s + ε)
 * Rarely-updated parameters keep large steps; the ever-growing s is why learning eventually
 * stalls (RMSProp's fix: a decaying average instead of a sum).
 */
import { options } from "../args";
import { DataArray } from "../tensor/tensor";
import { BaseOptions, Optimizer, ParamGroup, ParamsInput, checkNonNegative } from "./optimizer";

export interface AdagradOptions extends BaseOptions {
  /** Decay of the learning rate per step (default 0). */
  lrDecay: number;
  /** L2 weight decay λ (default 0). */
  weightDecay: number;
  /** Starting value of s (default 0). */
  initialAccumulatorValue: number;
  /** Added to √s (default 1e-10). */
  eps: number;
}

export class Adagrad extends Optimizer<AdagradOptions> {
  /** @example const opt = new gl.optim.Adagrad(new gl.nn.Linear(4, 2).parameters(), { lr: 0.01 }); */
  constructor(params: ParamsInput<AdagradOptions>, opts: Partial<AdagradOptions> = {}) {
    super(params, {
      lr: 0.01,
      lrDecay: 0,
      weightDecay: 0,
      initialAccumulatorValue: 0,
      eps: 1e-10,
      ...options<typeof opts>("Adagrad", "opts", opts, [
        "lrDecay",
        "weightDecay",
        "initialAccumulatorValue",
        "eps",
        "lr",
      ]),
    });
  }

  protected override validate(o: AdagradOptions, where: string): void {
    super.validate(o, where);
    const fn = "Adagrad" + where;
    checkNonNegative(fn, "lrDecay", o.lrDecay);
    checkNonNegative(fn, "weightDecay", o.weightDecay);
    checkNonNegative(fn, "initialAccumulatorValue", o.initialAccumulatorValue);
    checkNonNegative(fn, "eps", o.eps);
  }

  protected update(
    theta: DataArray,
    grad: DataArray,
    group: ParamGroup<AdagradOptions>,
    state: Record<string, DataArray | number>,
  ): void {
    const { lr, lrDecay, weightDecay, initialAccumulatorValue, eps } = group;
    const t = state.step as number;
    const s = this.buffer(state, "sum", theta.length, initialAccumulatorValue);
    const lrT = lr / (1 + (t - 1) * lrDecay);
    for (let i = 0; i < theta.length; i++) {
      const g = grad[i] + weightDecay * theta[i];
      s[i] += g * g;
      theta[i] -= (lrT * g) / (Math.sqrt(s[i]) + eps);
    }
  }
}
