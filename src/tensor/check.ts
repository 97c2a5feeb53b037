/**
 * The argument checks that need the Tensor class: a tensor (of a rank), a tensor or a number, a
 * list of tensors, a shape. The rest of the checking layer (numbers, flags, options) is src/args.ts.
 */
import { ArgumentError, ShapeError, check, show } from "../errors";
import { Tensor } from "./tensor";
export { checkShape, MAX_ELEMENTS } from "./shape";

/** A tensor; `rank` when the function needs one. */
export function tensorArg(
  fn: string,
  arg: string,
  value: unknown,
  opts: { rank?: number | number[]; fix?: string } = {},
): Tensor {
  check(
    value instanceof Tensor,
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: "a Tensor (gl.Tensor)",
        received: Array.isArray(value) ? `a plain array ${show(value)}` : show(value),
        fix:
          value === null || value === undefined
            ? `Pass a tensor as '${arg}'; if it comes from an earlier cell, check that the cell ran and assigned it.`
            : Array.isArray(value) || typeof value === "number"
              ? `Wrap the data in gl.tensor(...) first.`
              : (opts.fix ?? `Make '${arg}' with gl.tensor, gl.zeros, gl.randn, … .`),
      }),
  );
  const ranks = opts.rank === undefined ? null : Array.isArray(opts.rank) ? opts.rank : [opts.rank];
  check(
    ranks === null || ranks.includes(value.shape.length),
    () =>
      new ShapeError({
        fn,
        arg,
        expected: `a tensor of rank ${ranks!.join(" or ")}`,
        received: `shape ${show(value.shape)} (rank ${value.shape.length})`,
        fix:
          opts.fix ?? "Reshape the tensor (gl.reshape, gl.unsqueeze, gl.flatten) to the rank this function works on.",
      }),
  );
  return value;
}

/** A tensor or a plain number (operands of elementwise ops). */
export function tensorLikeArg(fn: string, arg: string, value: unknown): Tensor | number {
  check(
    value instanceof Tensor || typeof value === "number",
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: "a gl.Tensor or a number",
        received: show(value),
        fix: Array.isArray(value)
          ? "Wrap the array in gl.tensor(...) first."
          : `Pass a tensor or a number as '${arg}'.`,
      }),
  );
  return value;
}

/** A non-empty list of tensors. */
export function tensorListArg(fn: string, arg: string, value: unknown, opts: { allowEmpty?: boolean } = {}): Tensor[] {
  check(
    Array.isArray(value) && (opts.allowEmpty || value.length > 0),
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: opts.allowEmpty ? "a list of gl.Tensors" : "a non-empty list of gl.Tensors",
        received: value instanceof Tensor ? "one tensor (not in a list)" : show(value),
        fix: value instanceof Tensor ? `Put it in a list: [t].` : "Pass an array of tensors, e.g. model.parameters().",
      }),
  );
  value.forEach((t, i) => tensorArg(fn, `${arg}[${i}]`, t));
  return value as Tensor[];
}
