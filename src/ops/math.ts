/**
 * Elementwise math functions and their derivatives:
 *   exp' = exp      log' = 1/x      sqrt' = 1/(2√x)      abs' = sign(x)      sign' = 0
 *   clamp'(x) = 1 inside [min, max], 0 outside      square' = 2x
 */
import { optionalNum } from "../args";
import { tensorArg } from "../tensor/check";
import { record } from "../autograd/engine";
import { ArgumentError, check, show } from "../errors";
import { Tensor } from "../tensor/tensor";
import { div, mul } from "./arithmetic";
import { mapData } from "./elementwise";

/** eˣ. @example gl.exp(gl.tensor([0, 1])).toArray() // [1, 2.718...] */
export function exp(x: Tensor): Tensor {
  tensorArg("exp", "x", x);
  const out = mapData(x, Math.exp);
  return record(out, "exp", [x], (g) => [mul(g, out)]);
}

/** Natural logarithm. @example gl.log(gl.tensor([1])).toArray() // [0] */
export function log(x: Tensor): Tensor {
  tensorArg("log", "x", x);
  const out = mapData(x, Math.log);
  return record(out, "log", [x], (g) => [div(g, x)]);
}

/** √x. @example gl.sqrt(gl.tensor([4, 9])).toArray() // [2, 3] */
export function sqrt(x: Tensor): Tensor {
  tensorArg("sqrt", "x", x);
  const out = mapData(x, Math.sqrt);
  return record(out, "sqrt", [x], (g) => [div(g, mul(out, 2))]);
}

/** x². @example gl.square(gl.tensor([3])).toArray() // [9] */
export function square(x: Tensor): Tensor {
  tensorArg("square", "x", x);
  const out = mapData(x, (v) => v * v);
  return record(out, "square", [x], (g) => [mul(g, mul(x, 2))]);
}

/** |x|; its gradient is sign(x) (0 at 0). @example gl.abs(gl.tensor([-2, 3])).toArray() // [2, 3] */
export function abs(x: Tensor): Tensor {
  tensorArg("abs", "x", x);
  const out = mapData(x, Math.abs);
  return record(out, "abs", [x], (g) => [mul(g, sign(x))]);
}

/** −1, 0 or 1 by the sign of x; no gradient. @example gl.sign(gl.tensor([-2, 0, 3])).toArray() // [-1, 0, 1] */
export function sign(x: Tensor): Tensor {
  tensorArg("sign", "x", x);
  return mapData(x, (v) => (v > 0 ? 1 : v < 0 ? -1 : 0));
}

/**
 * Limits every value to [min, max]; the gradient passes where the value was inside.
 * @example gl.clamp(gl.tensor([-2, 0.5, 3]), -1, 1).toArray() // [-1, 0.5, 1]
 */
export function clamp(x: Tensor, min = -Infinity, max = Infinity): Tensor {
  tensorArg("clamp", "x", x);
  check(
    !Number.isNaN(min) && !Number.isNaN(max),
    () =>
      new ArgumentError({
        fn: "clamp",
        arg: Number.isNaN(min) ? "min" : "max",
        expected: "numbers (use -Infinity or Infinity for no bound)",
        received: `min = ${show(min)}, max = ${show(max)}`,
        fix: "A NaN bound usually comes from a computed value: print it before the call.",
      }),
  );
  const bound = { allowInfinity: true, expected: "a number (use -Infinity or Infinity for no bound)" };
  min = optionalNum("clamp", "min", min, -Infinity, bound);
  max = optionalNum("clamp", "max", max, Infinity, bound);
  check(
    !(min > max),
    () =>
      new ArgumentError({
        fn: "clamp",
        arg: "min",
        expected: `min ≤ max`,
        received: `min = ${show(min)}, max = ${show(max)}`,
        fix: "Swap the two bounds.",
      }),
  );
  const out = mapData(x, (v) => (v < min ? min : v > max ? max : v));
  return record(out, "clamp", [x], (g) => [
    mul(
      g,
      mapData(x, (v) => (v >= min && v <= max ? 1 : 0)),
    ),
  ]);
}
