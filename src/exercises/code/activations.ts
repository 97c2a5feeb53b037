/**
 * Code exercise of lesson 03 (activations): a numerically stable softmax along the last axis,
 *   softmax(x)ᵢ = exp(xᵢ − m) / Σⱼ exp(xⱼ − m),  m = maxⱼ xⱼ (per row; the shift cancels, and exp never overflows)
 */
import { div, exp, max, softmax as softmaxOp, sub, sum } from "../../ops";
import { mul } from "../../ops";
import { randn, tensor } from "../../tensor/create";
import { Tensor } from "../../tensor/tensor";
import type { CodeExerciseSpec } from "../codeGrader";

const naive = (x: Tensor): Tensor => div(exp(x), sum(exp(x), -1, true));

/** softmax(x) → y along the last axis. */
export const softmax: CodeExerciseSpec = {
  lesson: "activations",
  prompt:
    "Write softmax(x) → y along the last axis (each row of a [N, C] tensor sums to 1), stable for logits as large as ±1000.",
  hint: "exp(1000) is Infinity in float32. Subtracting the same number from every logit of a row does not change that row's softmax: which number makes every exponent ≤ 0? Keep the reduced axis (keepDims) so it broadcasts back over the row.",
  signature: "softmax(x) → y",
  args: ["x"],
  cases: [
    { label: "a [2, 4] batch of ordinary logits", make: () => [randn([2, 4])] },
    { label: "a batch of 1, shape [1, 5], negative logits", make: () => [tensor([[-3, -1, -4, -1.5, -9]])] },
    { label: "a [3, 2] batch (more rows than columns)", make: () => [mul(randn([3, 2]), 2)] },
    {
      label: "logits of ±1000, shape [2, 3]",
      make: () => [
        tensor([
          [1000, 1001, 1002],
          [-1000, -1000, -999],
        ]),
      ],
    },
  ],
  reference: (x: Tensor) => softmaxOp(x, -1),
  wrong: [
    {
      name: "no max subtraction",
      fn: naive,
      why: "Right on ordinary logits, but on logits of ±1000 yours gives NaN: exp(1000) overflows to Infinity (and exp(−1000) underflows to 0, so a row can become 0/0). Subtract each row's maximum before exp.",
    },
    {
      name: "max of the whole tensor",
      fn: (x: Tensor) => naive(sub(x, max(x))),
      why: "You subtracted the maximum of the whole tensor. A row whose logits are all far below it (the −1000 row) underflows to 0/0. Subtract each row's own maximum: max over the last axis, keepDims.",
    },
    {
      name: "wrong axis",
      fn: (x: Tensor) => softmaxOp(x, 0),
      why: "Your softmax normalizes over the first axis (down each column), so the columns sum to 1, not the rows. Reduce over the last axis (−1): one distribution per example.",
    },
    {
      name: "sum over the whole tensor",
      fn: (x: Tensor) => {
        const e = exp(sub(x, max(x, -1, true)));
        return div(e, sum(e));
      },
      why: "You divided by the sum over the whole tensor, so all rows together sum to 1. Each row is its own distribution: sum over the last axis with keepDims.",
    },
  ],
  shortcuts: [
    {
      pattern: /\.\s*(softmax|logSoftmax|logsumexp)\s*\(/,
      message:
        "Your function calls gl.softmax (or logSoftmax/logsumexp): the point is to write softmax from exp, max, sum and div. Those are the ops to use.",
    },
  ],
  explain: "Subtracting the row maximum changes nothing mathematically and keeps every exponent ≤ 0.",
};
