/**
 * Code exercise of lesson 02 (vanishing and exploding gradients): clipping by the global norm, the
 * remedy for exploding gradients that keeps the update's direction,
 *   ‖g‖ = √(Σ over all tensors Σ gᵢ²);  g ← g · min(1, maxNorm / (‖g‖ + 1e-6))
 */
import { mul } from "../../ops";
import { randn, tensor } from "../../tensor/create";
import { Tensor } from "../../tensor/tensor";
import type { CodeExerciseSpec } from "../codeGrader";

const norm = (ts: Tensor[]): number =>
  Math.sqrt(ts.reduce((s, t) => s + Array.from(t.data).reduce((a, v) => a + v * v, 0), 0));
const scaled = (grads: Tensor[], c: number): Tensor[] => grads.map((g) => mul(g, c));
const clip = (grads: Tensor[], maxNorm: number): Tensor[] => scaled(grads, Math.min(1, maxNorm / (norm(grads) + 1e-6)));

/** clipGradNorm(grads, maxNorm) → grads. */
export const clipGradNorm: CodeExerciseSpec = {
  lesson: "vanishing",
  prompt:
    "Write clipGradNorm(grads, maxNorm) → new gradients: if the global L2 norm of all the tensors together exceeds maxNorm, scale every tensor by maxNorm / (norm + 1e-6); otherwise return them unchanged (as new tensors).",
  hint: "One norm for all tensors: the square root of the sum of every squared element of every tensor. Then one factor, the same for every tensor, and only when the norm is above maxNorm.",
  signature: "clipGradNorm(grads, maxNorm) → grads",
  args: ["grads", "maxNorm"],
  cases: [
    { label: "one gradient [3, 4] with maxNorm 1", make: () => [[tensor([3, 4])], 1] },
    {
      label: "two tensors, [2, 3] and [3], with maxNorm 1",
      make: () => [[mul(randn([2, 3]), 3), mul(randn([3]), 2)], 1],
    },
    { label: "three tensors already below maxNorm 100", make: () => [[randn([4]), randn([2, 2]), randn([1])], 100] },
    {
      label: "a large [4, 4] and a small [2] gradient, maxNorm 5",
      make: () => [[mul(randn([4, 4]), 10), mul(randn([2]), 0.1)], 5],
    },
  ],
  reference: clip,
  wrong: [
    {
      name: "per tensor",
      fn: (grads: Tensor[], maxNorm: number) => grads.map((g) => clip([g], maxNorm)[0]),
      why: "You clipped each tensor by its own norm (Keras's clipnorm). gl.optim.clipGradNorm and PyTorch's clip_grad_norm_ use one global norm over all tensors, so every tensor gets the same factor and the update keeps its direction.",
    },
    {
      name: "always rescaled",
      fn: (grads: Tensor[], maxNorm: number) => scaled(grads, maxNorm / (norm(grads) + 1e-6)),
      why: "You rescaled to norm maxNorm even when the norm was already smaller, which blows small gradients up. Clipping only ever shrinks: the factor is min(1, maxNorm/‖g‖).",
    },
    {
      name: "clip by value",
      fn: (grads: Tensor[], maxNorm: number) =>
        grads.map(
          (g) =>
            new Tensor(
              Float32Array.from(g.data, (v) => Math.max(-maxNorm, Math.min(maxNorm, v))),
              g.shape,
            ),
        ),
      why: "You clamped each component to [−maxNorm, maxNorm]: that is clipping by value, which can change the gradient's direction. Clipping by norm scales the whole gradient by one factor.",
    },
    {
      name: "norm without the square root",
      fn: (grads: Tensor[], maxNorm: number) => {
        const sq = norm(grads) ** 2;
        return scaled(grads, Math.min(1, maxNorm / (sq + 1e-6)));
      },
      why: "Your norm is the sum of squares; the L2 norm is its square root.",
    },
  ],
  shortcuts: [
    {
      pattern: /\.\s*(clipGradNorm|clipGradNormPerTensor|clipGradValue)\s*\(/,
      message: "Your function calls gl.optim.clipGradNorm: the point is to write the clipping yourself.",
    },
  ],
  explain: "The direction of the update is unchanged; only its length is capped.",
};
