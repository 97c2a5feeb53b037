/**
 * Stochastic gradient descent with momentum, dampening, Nesterov and L2 weight decay — the
 * update PyTorch documents (torch.optim.SGD), for each parameter θ with gradient g at step t:
 *   g ← g + λθ                                   (weightDecay λ: coupled L2 penalty)
 *   b ← g if t = 1, else μ·b + (1 − τ)·g         (momentum μ, dampening τ)
 *   g ← g + μ·b if nesterov, else b
 *   θ ← θ − lr·g
 * Note the convention: lr multiplies the buffer, not the gradient inside it (Sutskever et al.
 * write v ← μv − lr·g; the two agree while lr is constant).
 */
import { options } from "../args";
import { ArgumentError, check } from "../errors";
import { DataArray } from "../tensor/tensor";
import { BaseOptions, Optimizer, ParamGroup, ParamsInput, checkNonNegative, checkUnit } from "./optimizer";
import { num } from "../args";

const checkRange01 = (fn: string, arg: string, v: number): number =>
  num(fn, arg, v, {
    min: 0,
    max: 1,
    fix: "dampening τ damps the new gradient in the momentum buffer: 0 (default) to 1.",
  });

export interface SGDOptions extends BaseOptions {
  /** μ in [0, 1) (default 0: plain SGD). */
  momentum: number;
  /** τ: how much of the new gradient is damped in the buffer (default 0). */
  dampening: number;
  /** Nesterov momentum: look ahead along the buffer (needs momentum > 0, dampening 0). */
  nesterov: boolean;
  /** L2 weight decay λ (default 0). */
  weightDecay: number;
}

export class SGD extends Optimizer<SGDOptions> {
  /**
   * @example
   * const model = new gl.nn.Linear(4, 2);
   * const opt = new gl.optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9, nesterov: true });
   */
  constructor(params: ParamsInput<SGDOptions>, opts: Partial<SGDOptions> & { lr: number }) {
    super(params, { momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, ...opts });
    opts = options<typeof opts>("SGD", "opts", opts, [
      "momentum",
      "dampening",
      "nesterov",
      "weightDecay",
      "lr",
    ]) as typeof opts;
  }

  protected override validate(o: SGDOptions, where: string): void {
    super.validate(o, where);
    const fn = "SGD" + where;
    checkUnit(
      fn,
      "momentum",
      o.momentum,
      "Momentum μ is the fraction of the previous step kept (0.9 is usual); μ ≥ 1 makes steps grow without bound.",
    );
    checkRange01(fn, "dampening", o.dampening);
    checkNonNegative(fn, "weightDecay", o.weightDecay);
    check(
      !o.nesterov || (o.momentum > 0 && o.dampening === 0),
      () =>
        new ArgumentError({
          fn,
          arg: "nesterov",
          expected: "momentum > 0 and dampening 0 with nesterov: true",
          received: `momentum ${o.momentum}, dampening ${o.dampening}`,
          fix: "Nesterov momentum looks ahead along the momentum buffer; set e.g. momentum: 0.9.",
        }),
    );
  }

  protected update(
    theta: DataArray,
    grad: DataArray,
    group: ParamGroup<SGDOptions>,
    state: Record<string, DataArray | number>,
  ): void {
    const { lr, momentum, dampening, nesterov, weightDecay } = group;
    const first = state.step === 1;
    const buf = momentum !== 0 ? this.buffer(state, "momentumBuffer", theta.length) : null;
    for (let i = 0; i < theta.length; i++) {
      let g = grad[i] + weightDecay * theta[i];
      if (buf) {
        buf[i] = first ? g : momentum * buf[i] + (1 - dampening) * g;
        g = nesterov ? g + momentum * buf[i] : buf[i];
      }
      theta[i] -= lr * g;
    }
  }
}
