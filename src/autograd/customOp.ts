/**
 * A user-defined op: a forward computation plus a hand-written backward rule, like PyTorch's
 * `torch.autograd.Function`. Autograd trusts the rule as written, so a wrong rule gives wrong
 * gradients silently; `gl.gradcheck` is how to catch it (lesson 01 does exactly that).
 *   backward(gradOutput, inputs, output) -> one gradient per input, each ∂L/∂input = (∂out/∂input)ᵀ·gradOutput
 */
import { ArgumentError, check, show } from "../errors";
import { Tensor } from "../tensor/tensor";
import { record } from "./engine";
import { noGrad } from "./mode";

export interface CustomOpSpec {
  /** Computes the output from the inputs (runs without recording a graph). */
  forward: (...inputs: Tensor[]) => Tensor;
  /**
   * Returns ∂L/∂input for each input given ∂L/∂output (null for an input with no gradient).
   * Written with gradlab ops; it runs under noGrad.
   */
  backward: (gradOutput: Tensor, inputs: Tensor[], output: Tensor) => (Tensor | null)[];
}

/**
 * Makes an op from a forward function and a backward rule.
 * @example
 * const cube = gl.customOp("cube", {
 *   forward: (x) => gl.mul(gl.mul(x, x), x),
 *   backward: (g, [x]) => [gl.mul(g, gl.mul(3, gl.mul(x, x)))],
 * });
 * gl.gradcheck((x) => cube(x), [gl.randn([4])]).ok // true
 */
export function customOp(name: string, spec: CustomOpSpec): (...inputs: Tensor[]) => Tensor {
  check(
    typeof name === "string" && spec && typeof spec.forward === "function" && typeof spec.backward === "function",
    () =>
      new ArgumentError({
        fn: "customOp",
        arg: "spec",
        expected: "a name and { forward(...inputs), backward(gradOutput, inputs, output) }",
        received: show(spec),
        fix: 'Write gl.customOp("name", { forward: (x) => ..., backward: (g, [x]) => [...] }).',
      }),
  );
  return (...inputs: Tensor[]): Tensor => {
    const out = noGrad(() => spec.forward(...inputs));
    const result = new Tensor(out.data, out.shape);
    return record(result, name, inputs, (g) => {
      const grads = spec.backward(g, inputs, result);
      check(
        Array.isArray(grads) && grads.length === inputs.length,
        () =>
          new ArgumentError({
            fn: `customOp ${name}: backward`,
            expected: `an array of ${inputs.length} gradients (one per input, null allowed)`,
            received: show(grads),
            fix: "Return [gradForInput0, gradForInput1, ...] in the order forward takes its inputs.",
          }),
      );
      return grads;
    });
  };
}
