/** Residual (skip) connection: y = x + f(x). The identity path carries the gradient past f unchanged. */
import { moduleArg } from "../args";
import { ShapeError, check, show } from "../errors";
import { add } from "../ops/arithmetic";
import { sameShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { Module } from "./module";

export class Residual extends Module {
  readonly fn: Module;

  /** @example new gl.nn.Residual(new gl.nn.Linear(8, 8)).forward(gl.randn([2, 8])).shape // [2, 8] */
  constructor(fn: Module) {
    super();
    moduleArg("Residual", "fn", fn);
    this.fn = fn;
  }

  forward(x: Tensor): Tensor {
    const fx = this.fn.forward(x);
    check(
      sameShape(fx.shape, x.shape),
      () =>
        new ShapeError({
          fn: "Residual.forward",
          expected: `the wrapped module to keep the input's shape ${show(x.shape)} so x + f(x) is defined`,
          received: `f(x) of shape ${show(fx.shape)}`,
          fix: "Make the inner block map C channels (features) to C, e.g. Linear(n, n) or a conv with padding 'same'.",
        }),
    );
    return add(x, fx);
  }
}
