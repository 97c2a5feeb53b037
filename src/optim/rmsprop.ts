/**
 * RMSProp (Hinton's lecture 6e) as PyTorch documents it (torch.optim.RMSprop):
 *   g ← g + λθ
 *   v ← αv + (1 − α)g²                  running mean of squared gradients
 *   centered: ḡ ← αḡ + (1 − α)g,  ṽ = v − ḡ²   (an estimate of the variance), else ṽ = v
 *   momentum μ > 0:  b ← μb + g/(√ṽ + ε),  θ ← θ − lr·b
 *   otherwise        θ ← θ − lr·g/(√ṽ + ε)
 * ε sits outside the square root. TensorFlow.js (tf.train.rmsprop) puts it inside, √(ṽ + ε), and
 * names α "decay": the two agree only when ε is negligible next to ṽ.
 */
import { num, options } from "../args";
import { DataArray } from "../tensor/tensor";
import { BaseOptions, Optimizer, ParamGroup, ParamsInput, checkNonNegative, checkUnit } from "./optimizer";

export interface RMSPropOptions extends BaseOptions {
  /** Smoothing constant α (default 0.99). */
  alpha: number;
  /** Added to √ṽ (default 1e-8). */
  eps: number;
  /** Momentum μ in [0, 1) (default 0). */
  momentum: number;
  /** Normalize by an estimate of the gradient's variance instead of its second moment. */
  centered: boolean;
  /** L2 weight decay λ (default 0). */
  weightDecay: number;
}

export class RMSProp extends Optimizer<RMSPropOptions> {
  /** @example const opt = new gl.optim.RMSProp(new gl.nn.Linear(4, 2).parameters(), { lr: 1e-3 }); */
  constructor(params: ParamsInput<RMSPropOptions>, opts: Partial<RMSPropOptions> = {}) {
    super(params, { lr: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0, centered: false, weightDecay: 0, ...opts });
    opts = options<typeof opts>("RMSProp", "opts", opts, [
      "alpha",
      "eps",
      "momentum",
      "centered",
      "weightDecay",
      "lr",
    ]) as typeof opts;
  }

  protected override validate(o: RMSPropOptions, where: string): void {
    super.validate(o, where);
    const fn = "RMSProp" + where;
    checkUnit(
      fn,
      "alpha",
      o.alpha,
      "α is the decay of the squared-gradient average (0.99 is PyTorch's default, 0.9 Keras's).",
    );
    checkUnit(fn, "momentum", o.momentum);
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
    group: ParamGroup<RMSPropOptions>,
    state: Record<string, DataArray | number>,
  ): void {
    const { lr, alpha, eps, momentum, centered, weightDecay } = group;
    const v = this.buffer(state, "squareAvg", theta.length);
    const gAvg = centered ? this.buffer(state, "gradAvg", theta.length) : null;
    const buf = momentum > 0 ? this.buffer(state, "momentumBuffer", theta.length) : null;
    for (let i = 0; i < theta.length; i++) {
      const g = grad[i] + weightDecay * theta[i];
      v[i] = alpha * v[i] + (1 - alpha) * g * g;
      let vTilde = v[i];
      if (gAvg) {
        gAvg[i] = alpha * gAvg[i] + (1 - alpha) * g;
        vTilde -= gAvg[i] * gAvg[i];
      }
      const step = g / (Math.sqrt(vTilde) + eps);
      if (buf) {
        buf[i] = momentum * buf[i] + step;
        theta[i] -= lr * buf[i];
      } else theta[i] -= lr * step;
    }
  }
}
