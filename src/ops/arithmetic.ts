/**
 * Broadcasting arithmetic, the primitives most gradients are made of:
 *   add: ∂(a+b)/∂a = 1        sub: ∂(a−b)/∂b = −1
 *   mul: ∂(ab)/∂a = b          div: ∂(a/b)/∂b = −a/b²
 *   pow: ∂(aᵇ)/∂a = b·aᵇ⁻¹,  ∂(aᵇ)/∂b = aᵇ·ln a
 *   maximum/minimum: the gradient goes to the larger/smaller operand (split evenly on ties).
 * Each backward sums the gradient back over broadcast axes (`sumToShape`).
 */
import { tensorArg, tensorLikeArg } from "../tensor/check";
import { record } from "../autograd/engine";
import { Tensor, TensorLike } from "../tensor/tensor";
import { mapData, operands, sumToShape, zipData } from "./elementwise";

/**
 * a + b, broadcasting. @example gl.add(gl.tensor([1, 2]), 10).toArray() // [11, 12]
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  tensorLikeArg("add", "a", a);
  tensorLikeArg("add", "b", b);
  const [x, y] = operands(a, b);
  const out = zipData("add", x, y, (p, q) => p + q);
  return record(out, "add", [x, y], (g) => [sumToShape(g, x.shape), sumToShape(g, y.shape)]);
}

/** a − b, broadcasting. @example gl.sub(gl.tensor([3, 4]), 1).toArray() // [2, 3] */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  tensorLikeArg("sub", "a", a);
  tensorLikeArg("sub", "b", b);
  const [x, y] = operands(a, b);
  const out = zipData("sub", x, y, (p, q) => p - q);
  return record(out, "sub", [x, y], (g) => [
    sumToShape(g, x.shape),
    y.requiresGrad ? sumToShape(neg(g), y.shape) : null,
  ]);
}

/** a · b elementwise, broadcasting. @example gl.mul(gl.tensor([1, 2]), gl.tensor([3, 4])).toArray() // [3, 8] */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  tensorLikeArg("mul", "a", a);
  tensorLikeArg("mul", "b", b);
  const [x, y] = operands(a, b);
  const out = zipData("mul", x, y, (p, q) => p * q);
  return record(out, "mul", [x, y], (g) => [
    x.requiresGrad ? sumToShape(mul(g, y), x.shape) : null,
    y.requiresGrad ? sumToShape(mul(g, x), y.shape) : null,
  ]);
}

/** a / b elementwise, broadcasting. @example gl.div(gl.tensor([1, 2]), 2).toArray() // [0.5, 1] */
export function div(a: TensorLike, b: TensorLike): Tensor {
  tensorLikeArg("div", "a", a);
  tensorLikeArg("div", "b", b);
  const [x, y] = operands(a, b);
  const out = zipData("div", x, y, (p, q) => p / q);
  return record(out, "div", [x, y], (g) => [
    x.requiresGrad ? sumToShape(div(g, y), x.shape) : null,
    y.requiresGrad ? sumToShape(neg(div(mul(g, out), y)), y.shape) : null,
  ]);
}

/** −a. @example gl.neg(gl.tensor([1, -2])).toArray() // [-1, 2] */
export function neg(a: Tensor): Tensor {
  tensorArg("neg", "a", a);
  const out = mapData(a, (v) => -v);
  return record(out, "neg", [a], (g) => [neg(g)]);
}

/**
 * aᵇ elementwise, broadcasting. The gradient w.r.t. b uses ln a, defined for a > 0.
 * @example gl.pow(gl.tensor([2, 3]), 2).toArray() // [4, 9]
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  tensorLikeArg("pow", "a", a);
  tensorLikeArg("pow", "b", b);
  const [x, y] = operands(a, b);
  const out = zipData("pow", x, y, Math.pow);
  return record(out, "pow", [x, y], (g) => [
    x.requiresGrad ? sumToShape(mul(g, mul(y, pow(x, sub(y, 1)))), x.shape) : null,
    y.requiresGrad
      ? sumToShape(
          mul(
            g,
            mul(
              out,
              zipData("log", x, x, (p) => Math.log(p)),
            ),
          ),
          y.shape,
        )
      : null,
  ]);
}

function extremum(fn: "maximum" | "minimum", a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b);
  const pick = fn === "maximum" ? Math.max : Math.min;
  const out = zipData(fn, x, y, pick);
  return record(out, fn, [x, y], (g) => {
    // share of the gradient each operand receives: 1 where it wins, 1/2 on a tie
    const wins = (self: Tensor, other: Tensor): Tensor =>
      zipData(fn, self, other, (p, q) => (p === q ? 0.5 : pick(p, q) === p ? 1 : 0));
    return [
      x.requiresGrad ? sumToShape(mul(g, wins(x, y)), x.shape) : null,
      y.requiresGrad ? sumToShape(mul(g, wins(y, x)), y.shape) : null,
    ];
  });
}

/** Elementwise larger of a and b. @example gl.maximum(gl.tensor([1, 5]), 3).toArray() // [3, 5] */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  tensorLikeArg("maximum", "a", a);
  tensorLikeArg("maximum", "b", b);
  return extremum("maximum", a, b);
}

/** Elementwise smaller of a and b. @example gl.minimum(gl.tensor([1, 5]), 3).toArray() // [1, 3] */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  tensorLikeArg("minimum", "a", a);
  tensorLikeArg("minimum", "b", b);
  return extremum("minimum", a, b);
}
