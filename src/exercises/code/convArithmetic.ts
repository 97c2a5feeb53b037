/**
 * Code exercise of lesson 11 (convolution arithmetic): a convolution layer's forward pass written
 * with loops, as PyTorch defines it (cross-correlation, zero padding P on both sides, no bias),
 *   y[n, f, i, j] = Σ_c Σ_u Σ_v x_pad[n, c, i·S + u, j·S + v] · w[f, c, u, v],   H_out = ⌊(H + 2P − K)/S⌋ + 1
 */
import { conv2d } from "../../ops/conv2d";
import { randn } from "../../tensor/create";
import { Tensor } from "../../tensor/tensor";
import type { CodeExerciseSpec } from "../codeGrader";

interface LoopOptions {
  padBefore: number;
  padAfter: number;
  flip: boolean;
  round: (v: number) => number;
}

/** The one loop nest behind the wrong versions (and readable as the definition). */
function loops(x: Tensor, w: Tensor, stride: number, o: LoopOptions): Tensor {
  const [N, C, H, W] = x.shape;
  const [F, , kH, kW] = w.shape;
  const Ho = o.round((H + o.padBefore + o.padAfter - kH) / stride) + 1;
  const Wo = o.round((W + o.padBefore + o.padAfter - kW) / stride) + 1;
  const out = new Float32Array(N * F * Ho * Wo);
  for (let n = 0; n < N; n++)
    for (let f = 0; f < F; f++)
      for (let i = 0; i < Ho; i++)
        for (let j = 0; j < Wo; j++) {
          let s = 0;
          for (let c = 0; c < C; c++)
            for (let u = 0; u < kH; u++)
              for (let v = 0; v < kW; v++) {
                const r = i * stride + u - o.padBefore;
                const q = j * stride + v - o.padBefore;
                if (r < 0 || q < 0 || r >= H || q >= W) continue;
                const wu = o.flip ? kH - 1 - u : u;
                const wv = o.flip ? kW - 1 - v : v;
                s += x.data[((n * C + c) * H + r) * W + q] * w.data[((f * C + c) * kH + wu) * kW + wv];
              }
          out[((n * F + f) * Ho + i) * Wo + j] = s;
        }
  return new Tensor(out, [N, F, Ho, Wo]);
}

type Opts = { stride?: number; padding?: number };
const arg = (o: Opts): { s: number; p: number } => ({ s: o?.stride ?? 1, p: o?.padding ?? 0 });
const variant =
  (make: (p: number) => LoopOptions) =>
  (x: Tensor, w: Tensor, o: Opts): Tensor =>
    loops(x, w, arg(o).s, make(arg(o).p));

const caseOf = (x: number[], w: number[], stride: number, padding: number) => (): unknown[] => [
  randn(x),
  randn(w),
  { stride, padding },
];

/** conv2dNaive(x, w, { stride, padding }) → y. */
export const conv2dNaive: CodeExerciseSpec = {
  lesson: "convArithmetic",
  prompt:
    "Write conv2dNaive(x, w, { stride, padding }) → y with loops: x [N, C, H, W], w [F, C, kH, kW], zero padding on both sides, no bias, PyTorch's definition (cross-correlation).",
  hint: "First the output size, ⌊(H + 2P − kH)/S⌋ + 1 (and the same for W). Then six nested loops: n, f, output row i, output column j, and inside them c, u, v reading x at row i·S + u − P (skip positions outside x: they are the zero padding). Read x.data and w.data row-major and return new gl.Tensor(data, shape).",
  signature: "conv2dNaive(x, w, { stride, padding }) → y",
  args: ["x", "w", "options"],
  cases: [
    { label: "one 5×5 image, one 3×3 kernel, stride 1, padding 0", make: caseOf([1, 1, 5, 5], [1, 1, 3, 3], 1, 0) },
    {
      label: "a batch of 2, 2 channels, 6×5 input, 3 kernels 3×2, stride 2, padding 1",
      make: caseOf([2, 2, 6, 5], [3, 2, 3, 2], 2, 1),
    },
    {
      label: "a 6×6 input, 3×3 kernel, stride 2, padding 0 (the windows do not fit evenly)",
      make: caseOf([1, 3, 6, 6], [2, 3, 3, 3], 2, 0),
    },
    { label: "a 4×7 input, 3×3 kernel, stride 1, padding 2", make: caseOf([1, 1, 4, 7], [2, 1, 3, 3], 1, 2) },
  ],
  reference: (x: Tensor, w: Tensor, o: Opts) => conv2d(x, w, null, { stride: arg(o).s, padding: arg(o).p }),
  wrong: [
    {
      name: "ceil instead of floor",
      fn: variant((p) => ({ padBefore: p, padAfter: p, flip: false, round: Math.ceil })),
      why: "Your output is one row/column too large when the windows do not fit evenly: you rounded (H + 2P − K)/S up. A conv output position needs its whole window inside the padded input: ⌊(H + 2P − K)/S⌋ + 1 (ceil is pooling's optional ceil_mode).",
    },
    {
      name: "padding on one side only",
      fn: variant((p) => ({ padBefore: p, padAfter: 0, flip: false, round: Math.floor })),
      why: "You padded only before (top/left): PyTorch's padding P adds P zeros on both sides, so the padded size is H + 2P.",
    },
    {
      name: "padding after only",
      fn: variant((p) => ({ padBefore: 0, padAfter: p, flip: false, round: Math.floor })),
      why: "You padded only after (bottom/right): PyTorch's padding P adds P zeros on both sides, so the padded size is H + 2P and the first window starts P rows above x.",
    },
    {
      name: "kernel flipped",
      fn: variant((p) => ({ padBefore: p, padAfter: p, flip: true, round: Math.floor })),
      why: "You flipped the kernel (w[kH−1−u, kW−1−v]): that is a true convolution, as in signal processing. Deep-learning libraries (PyTorch, TensorFlow, gradlab) compute cross-correlation, with w[u, v] as stored; since w is learned, nothing is lost.",
    },
  ],
  shortcuts: [
    {
      pattern: /\.\s*(conv2d|convTranspose2d|unfold|im2col)\s*\(|\bnew\s+[\w.]*\bConv2d\b/,
      message: "Your function calls gl.conv2d (or Conv2d): the point is to write the loops yourself.",
    },
  ],
  explain: "That loop nest is the reference definition gradlab's fast kernels are tested against.",
};
