/**
 * The NaN/Inf guard of a training step: finds the first non-finite number in the loss, the
 * gradients, or the parameters (in that order: the loss is where trouble shows first, a
 * gradient is usually its cause, a parameter its result) and throws a NumericError naming the
 * step, the parameter's dotted name, what held the value, and where. The fit loop calls it after
 * every backward (and after every update).
 */
import { ArgumentError, NumericError, check, show } from "../errors";
import { Module } from "../nn/module";
import { Tensor } from "../tensor/tensor";

/** What checkFinite found, attached to the error as `details`. */
export interface NonFiniteDetails {
  step: number | undefined;
  /** "loss", "grad" or "param". */
  kind: "loss" | "grad" | "param";
  /** The parameter's dotted name ("" for the loss). */
  name: string;
  value: number;
  index: number;
  shape: number[];
}

export interface CheckFiniteOptions {
  /** The training step, for the message. */
  step?: number;
  /** The loss of this step. */
  loss?: Tensor | number;
  /** Check gradients (default true). */
  grads?: boolean;
  /** Check parameter values (default true). */
  params?: boolean;
}

function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}

/**
 * Throws a NumericError (with `details`) at the first NaN or ±Inf in the loss, a gradient or a
 * parameter; returns quietly if all are finite.
 * @example
 * const model = new gl.nn.Sequential([new gl.nn.Linear(2, 1)]);
 * gl.optim.checkFinite(model, { step: 12, loss: 0.7 }); // all finite: returns quietly
 * model.parameters()[0].grad = gl.tensor([[NaN, 0]]);
 * // gl.optim.checkFinite(model, { step: 13 }) now throws NumericError:
 * // "training step 13: argument 'gradient of '0.weight'' expected finite values, but received NaN at flat index 0 ..."
 */
export function checkFinite(target: Module | Tensor[] | [string, Tensor][], opts: CheckFiniteOptions = {}): void {
  const { step, loss, grads = true, params = true } = opts;
  const named: [string, Tensor][] =
    target instanceof Module
      ? target.namedParameters()
      : Array.isArray(target)
        ? target.map((t, i) => (Array.isArray(t) ? t : [t.name ?? `param${i}`, t]))
        : [];
  check(
    target instanceof Module || Array.isArray(target),
    () =>
      new ArgumentError({
        fn: "optim.checkFinite",
        arg: "target",
        expected: "a model or a list of parameters",
        received: show(target),
      }),
  );
  const where = step === undefined ? "training" : `training step ${step}`;
  const fail = (details: NonFiniteDetails, what: string, fix: string): never => {
    const err = new NumericError({
      fn: where,
      arg: what,
      expected: "finite values",
      received: `${details.value} at flat index ${details.index} of shape ${show(details.shape)}`,
      fix,
    });
    (err as NumericError & { details: NonFiniteDetails }).details = details;
    throw err;
  };
  if (loss !== undefined) {
    const data = typeof loss === "number" ? [loss] : loss.data;
    const i = firstNonFinite(data);
    if (i >= 0)
      fail(
        { step, kind: "loss", name: "", value: data[i], index: i, shape: typeof loss === "number" ? [] : loss.shape },
        "loss",
        "Check the inputs for NaN, use a stable loss (crossEntropy from logits, not log(softmax)), or lower the learning rate.",
      );
  }
  if (grads)
    for (const [name, p] of named) {
      if (!p.grad) continue;
      const i = firstNonFinite(p.grad.data);
      if (i >= 0)
        fail(
          { step, kind: "grad", name, value: p.grad.data[i], index: i, shape: p.shape },
          `gradient of '${name}'`,
          "Exploding gradients: lower the learning rate, clip gradients (gl.optim.clipGradNorm), or normalize activations.",
        );
    }
  if (params)
    for (const [name, p] of named) {
      const i = firstNonFinite(p.data);
      if (i >= 0)
        fail(
          { step, kind: "param", name, value: p.data[i], index: i, shape: p.shape },
          `parameter '${name}'`,
          "The last update diverged: lower the learning rate or clip gradients.",
        );
    }
}
