/**
 * Code exercises of lesson 01 (backpropagation): the learner writes two backward rules.
 *   tanhBackward(x, dy) = dy ⊙ (1 − tanh(x)²)
 *   linearBackward(x, W, b, dy) for y = x·Wᵀ + b:  dx = dy·W,  dW = dyᵀ·x,  db = Σₙ dy[n, :]
 */
import { customOp } from "../../autograd/customOp";
import { gradcheck } from "../../autograd/gradcheck";
import { add, matmul, mul, neg, sub, sum, tanh, transpose, mean } from "../../ops";
import { randn } from "../../tensor/create";
import { tensor } from "../../tensor/create";
import { Tensor } from "../../tensor/tensor";
import type { CodeExerciseSpec } from "../codeGrader";

const AUTOGRAD = {
  pattern: /\.\s*(backward|grad)\s*\(/,
  message:
    "Your function calls autograd (.backward or a grad helper): here the point is to write the backward rule yourself, with the formula from the lesson, using only forward ops.",
};

const tanhRule = (x: Tensor, dy: Tensor): Tensor => mul(dy, sub(1, mul(tanh(x), tanh(x))));

/** tanhBackward(x, dy) → dx. */
export const tanhBackward: CodeExerciseSpec = {
  lesson: "backprop",
  prompt:
    "Write tanhBackward(x, dy) → dx: the gradient of the loss w.r.t. tanh's input x, given dy = ∂L/∂tanh(x) (same shape as x).",
  hint: "Local gradient times upstream gradient: d tanh(u)/du = 1 − tanh(u)². Which u goes in: the input x or the output tanh(x)? Multiply elementwise by dy.",
  signature: "tanhBackward(x, dy) → dx",
  args: ["x", "dy"],
  cases: [
    {
      label: "a vector of 5 values, negative ones included",
      make: () => [tensor([-2, -0.5, 0, 0.7, 1.5]), randn([5])],
    },
    { label: "a batch of 1, shape [1, 4]", make: () => [randn([1, 4]), randn([1, 4])] },
    { label: "a [3, 5] batch with large inputs (|x| up to 6)", make: () => [mul(randn([3, 5]), 3), randn([3, 5])] },
    { label: "a [2, 3] batch", make: () => [randn([2, 3]), mul(randn([2, 3]), 2)] },
  ],
  reference: tanhRule,
  wrong: [
    {
      name: "1 − x² on the input",
      fn: (x: Tensor, dy: Tensor) => mul(dy, sub(1, mul(x, x))),
      why: "You computed 1 − x² from the input x. The derivative is 1 − tanh(x)²: it is written in terms of tanh's output, so square tanh(x), not x.",
    },
    {
      name: "dy missing",
      fn: (x: Tensor) => sub(1, mul(tanh(x), tanh(x))),
      why: "You returned tanh's local gradient only: the chain rule multiplies it by the upstream gradient dy that arrives from the layer above.",
    },
    {
      name: "sign error",
      fn: (x: Tensor, dy: Tensor) => neg(tanhRule(x, dy)),
      why: "The sign is flipped everywhere: tanh is increasing, so its local gradient 1 − tanh² is positive and dx has dy's sign.",
    },
    {
      name: "tanh not squared",
      fn: (x: Tensor, dy: Tensor) => mul(dy, sub(1, tanh(x))),
      why: "You used 1 − tanh(x); the derivative is 1 − tanh(x)², the square of tanh's output.",
    },
  ],
  shortcuts: [AUTOGRAD],
  extra: (fn) => {
    const learner = fn as (x: Tensor, dy: Tensor) => Tensor;
    const op = customOp("learnerTanh", { forward: (x) => tanh(x), backward: (g, [x]) => [learner(x, g)] });
    const r = gradcheck((x) => op(x), [randn([3, 4])]);
    return r.ok
      ? {
          ok: true,
          message: `gl.gradcheck through a gl.customOp built from it agrees with finite differences (largest relative error ${r.maxRelError.toExponential(1)}, band "${r.band}").`,
        }
      : {
          ok: false,
          message: `Your values match on the test inputs but gl.gradcheck through a gl.customOp built from your function fails (relative error ${r.maxRelError.toExponential(1)}): does it depend on float32 rounding or on the dtype?`,
        };
  },
  explain: "That is exactly the rule gradlab records for gl.tanh.",
};

const linearRule = (x: Tensor, W: Tensor, _b: Tensor, dy: Tensor): { dx: Tensor; dW: Tensor; db: Tensor } => ({
  dx: matmul(dy, W),
  dW: matmul(transpose(dy), x),
  db: sum(dy, 0),
});

/** x [N, in], W [out, in], b [out], dy [N, out]. */
const linearCase = (N: number, inF: number, outF: number) => (): unknown[] => [
  randn([N, inF]),
  randn([outF, inF]),
  randn([outF]),
  randn([N, outF]),
];

/** linearBackward(x, W, b, dy) → { dx, dW, db }. */
export const linearBackward: CodeExerciseSpec = {
  lesson: "backprop",
  prompt:
    "Write linearBackward(x, W, b, dy) → { dx, dW, db } for y = x·Wᵀ + b (PyTorch's layout: x [N, in], W [out, in], b [out], dy = ∂L/∂y [N, out]).",
  hint: "Each gradient has the shape of what it is the gradient of: dx like x, dW like W, db like b. Write y[n, o] = Σᵢ x[n, i]·W[o, i] + b[o] and ask which products of dy, x and W give those shapes; b is added to every row of the batch.",
  signature: "linearBackward(x, W, b, dy) → { dx, dW, db }",
  args: ["x", "W", "b", "dy"],
  cases: [
    { label: "a square layer, 3 → 3, batch of 2", make: linearCase(2, 3, 3) },
    { label: "a batch of 1, 4 → 2", make: linearCase(1, 4, 2) },
    { label: "a batch of 5, 3 → 4", make: linearCase(5, 3, 4) },
  ],
  reference: linearRule,
  wrong: [
    {
      name: "dW transposed",
      fn: (x: Tensor, W: Tensor, b: Tensor, dy: Tensor) => ({
        ...linearRule(x, W, b, dy),
        dW: matmul(transpose(x), dy),
      }),
      why: "Your dW is transposed: xᵀ·dy has shape [in, out], but W is [out, in] (PyTorch's layout) and dW must have W's shape. Which product of dy and x gives [out, in]?",
    },
    {
      name: "db not summed over the batch",
      fn: (x: Tensor, W: Tensor, b: Tensor, dy: Tensor) => ({ ...linearRule(x, W, b, dy), db: dy }),
      why: "Your db is dy itself, one row per example. b is shared by every example in the batch, so its gradient collects all of them: sum over the batch axis, giving b's shape [out].",
    },
    {
      name: "db averaged over the batch",
      fn: (x: Tensor, W: Tensor, b: Tensor, dy: Tensor) => ({ ...linearRule(x, W, b, dy), db: mean(dy, 0) }),
      why: "Your db is the batch mean of dy. The bias is used once per example, so its gradient is the sum; any 1/N belongs in the loss, which has already put it into dy.",
    },
    {
      name: "dx uses Wᵀ instead of W",
      fn: (x: Tensor, W: Tensor, b: Tensor, dy: Tensor) => ({
        ...linearRule(x, W, b, dy),
        dx: matmul(dy, transpose(W)),
      }),
      why: "Your dx multiplies by Wᵀ. With y = x·Wᵀ the forward pass already used Wᵀ, so going back multiplies dy by W itself (it only runs at all when W is square).",
    },
    {
      name: "bias added to dx",
      fn: (x: Tensor, W: Tensor, b: Tensor, dy: Tensor) => ({ ...linearRule(x, W, b, dy), dx: add(matmul(dy, W), b) }),
      why: "Your dx has b added to it. The bias shifts y but does not depend on x: it contributes nothing to dx.",
    },
  ],
  shortcuts: [AUTOGRAD],
  explain: "These are the three products every Linear layer's backward pass computes.",
};
