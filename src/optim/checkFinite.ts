/**
 * The NaN/Inf guard of a training step: finds the first non-finite number in the loss, the
 * gradients, or the parameters (in that order: the loss is where trouble shows first, a
 * gradient is usually its cause, a parameter its result) and throws a NonFiniteError naming the
 * step, the parameter's dotted name, what held the value, and where. Use it in a hand-written
 * loop after backward (and after the update); `gl.fit` has its own guard built on the same
 * scan (`firstNonFinite`) and error.
 */
import { bool, optionalInt, options } from "../args";
import { ArgumentError, NonFiniteError, NonFiniteWhat, check, show } from "../errors";
import { tensorLikeArg } from "../tensor/check";
import { Module } from "../nn/module";
import { firstNonFinite } from "../tensor/finite";
import { Tensor } from "../tensor/tensor";

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

/**
 * Throws a NonFiniteError at the first NaN or ±Inf in the loss, a gradient or a parameter
 * (fields: step, what, parameter, index, value); returns quietly if all are finite.
 * @example
 * const model = new gl.nn.Sequential([new gl.nn.Linear(2, 1)]);
 * gl.optim.checkFinite(model, { step: 12, loss: 0.7 }); // all finite: returns quietly
 * model.parameters()[0].grad = gl.tensor([[NaN, 0]]);
 * // gl.optim.checkFinite(model, { step: 13 }) now throws NonFiniteError (what "gradient", parameter "0.weight"):
 * // "training step 13: argument 'gradient of '0.weight'' expected finite values, but received NaN at flat index 0 ..."
 */
export function checkFinite(target: Module | Tensor[] | [string, Tensor][], opts: CheckFiniteOptions = {}): void {
  const fn = "optim.checkFinite";
  opts = options<CheckFiniteOptions>(fn, "opts", opts, ["step", "loss", "grads", "params"]);
  const step =
    opts.step === undefined || opts.step === null
      ? undefined
      : optionalInt(fn, "step", opts.step, 0, {
          min: 0,
          fix: "step is the training step's number, for the message (e.g. the loop's counter).",
        });
  const loss = opts.loss === undefined || opts.loss === null ? undefined : tensorLikeArg(fn, "loss", opts.loss);
  const grads = bool(fn, "grads", opts.grads, true);
  const params = bool(fn, "params", opts.params, true);
  check(
    target instanceof Module || Array.isArray(target),
    () =>
      new ArgumentError({
        fn: "optim.checkFinite",
        arg: "target",
        expected: "a model or a list of parameters",
        received: show(target),
        fix: "Pass the model (gl.optim.checkFinite(model, { step })) or model.parameters().",
      }),
  );
  const named: [string, Tensor][] =
    target instanceof Module
      ? target.namedParameters()
      : target.map((t, i) => (Array.isArray(t) ? t : [t.name ?? `param${i}`, t]));
  const where = step === undefined ? "training" : `training step ${step}`;
  const verify = (
    data: ArrayLike<number>,
    shape: number[],
    what: NonFiniteWhat,
    name: string | null,
    arg: string,
    fix: string,
  ): void => {
    const bad = firstNonFinite(data);
    if (!bad) return;
    throw new NonFiniteError({
      fn: where,
      arg,
      expected: "finite values",
      received: `${bad.value} at flat index ${bad.index} of shape ${show(shape)}`,
      fix,
      what,
      step: step ?? null,
      parameter: name,
      parameters: name === null ? [] : [name],
      index: bad.index,
      value: bad.value,
      shape: [...shape],
    });
  };
  if (loss !== undefined)
    verify(
      typeof loss === "number" ? [loss] : loss.data,
      typeof loss === "number" ? [] : loss.shape,
      "loss",
      null,
      "loss",
      "Check the inputs for NaN, use a stable loss (crossEntropy from logits, not log(softmax)), or lower the learning rate.",
    );
  if (grads)
    for (const [name, p] of named)
      if (p.grad)
        verify(
          p.grad.data,
          p.shape,
          "gradient",
          name,
          `gradient of '${name}'`,
          "Exploding gradients: lower the learning rate, clip gradients (gl.optim.clipGradNorm), or normalize activations.",
        );
  if (params)
    for (const [name, p] of named)
      verify(
        p.data,
        p.shape,
        "parameter",
        name,
        `parameter '${name}'`,
        "The last update diverged: lower the learning rate or clip gradients.",
      );
}
