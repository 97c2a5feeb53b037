/**
 * Code exercise of lesson 07 (gradient clipping): clipByGlobalNorm(grads, maxNorm) → new tensors
 *   g ← g · min(1, maxNorm / ‖g‖),  ‖g‖ = √(Σ over all tensors Σ g²)   (PyTorch's clip_grad_norm_)
 * graded against gl.optim.clipGradNorm applied to copies; known wrong versions: per-tensor norms
 * (Keras clipnorm), always rescaling to maxNorm (the notes' "clipnorm=1.0 makes the norm 1"), and
 * clipping by value.
 */
import { clipGradNorm, clipGradNormPerTensor, clipGradValue } from "../../optim/clip";
import { randn } from "../../tensor/create";
import { Tensor } from "../../tensor/tensor";
import type { CodeExerciseSpec } from "../codeGrader";

/** Applies an in-place gradient rule of gl.optim to copies of the gradients; returns the copies. */
function onCopies(grads: Tensor[], rule: (ps: Tensor[]) => unknown): Tensor[] {
  const ps = grads.map((g) => {
    const p = new Tensor(new Float32Array(g.size), [...g.shape], { requiresGrad: true });
    p.grad = new Tensor(Float32Array.from(g.data), [...g.shape]);
    return p;
  });
  rule(ps);
  return ps.map((p) => p.grad!);
}

const gradients = (shapes: number[][], scale: number) => (): unknown[] => [shapes.map((s) => randn(s).mul(scale)), 1];

/** clipByGlobalNorm(grads, maxNorm) → the clipped gradients (new tensors). */
export const clipByGlobalNorm: CodeExerciseSpec = {
  lesson: "clipping",
  prompt:
    "Write clipByGlobalNorm(grads, maxNorm) → new tensors scaled so that their global L2 norm is at most maxNorm (unchanged when it already is).",
  hint: "One norm over ALL tensors together: the square root of the sum of every squared entry. Scale only when that norm exceeds maxNorm, by maxNorm / norm.",
  signature: "clipByGlobalNorm(grads, maxNorm) → grads'",
  args: ["grads", "maxNorm"],
  cases: [
    { label: "a weight [4, 3] and a bias [4] with a large global norm", make: gradients([[4, 3], [4]], 3) },
    { label: "three tensors of very different sizes", make: gradients([[8, 8], [8], [1, 8]], 0.5) },
    { label: "small gradients (global norm below maxNorm = 1)", make: gradients([[3, 2], [2]], 0.05) },
  ],
  reference: (grads: Tensor[], maxNorm: number) => onCopies(grads, (ps) => clipGradNorm(ps, maxNorm)),
  wrong: [
    {
      name: "per tensor",
      fn: (grads: Tensor[], maxNorm: number) => onCopies(grads, (ps) => clipGradNormPerTensor(ps, maxNorm)),
      why: "You clipped each tensor by its own norm (Keras's clipnorm). The global rule computes ONE norm over all tensors and scales them all by the same factor, so the direction of the whole gradient is kept.",
    },
    {
      name: "always rescale",
      fn: (grads: Tensor[], maxNorm: number) =>
        onCopies(grads, (ps) => {
          const norm = Math.sqrt(ps.reduce((s, p) => s + Array.from(p.grad!.data).reduce((t, v) => t + v * v, 0), 0));
          for (const p of ps) for (let i = 0; i < p.grad!.size; i++) p.grad!.data[i] *= maxNorm / norm;
        }),
      why: "You rescaled every gradient to norm maxNorm, small ones too (the notes' 'clipnorm=1.0 makes the norm 1'). Clipping only shrinks: a gradient whose norm is already ≤ maxNorm passes unchanged.",
    },
    {
      name: "by value",
      fn: (grads: Tensor[], maxNorm: number) => onCopies(grads, (ps) => clipGradValue(ps, maxNorm)),
      why: "You clamped each component to [−maxNorm, maxNorm]: that is clipping by value, which changes the direction. Clip by norm: scale all components by one factor.",
    },
  ],
  explain: "One global norm, one factor min(1, maxNorm/‖g‖): the step keeps its direction, only its length is capped.",
};
