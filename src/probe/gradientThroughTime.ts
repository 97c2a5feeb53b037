/**
 * Gradients through time in a recurrent network: runs the RNN on x, takes the loss L (default:
 * Σ of the last hidden state h_T) and returns ‖∂L/∂h_t‖ for every time step t. Backpropagation
 * through time multiplies the gradient, step after step, by the Jacobian
 *   ∂h_t/∂h_{t−1} = diag(1 − h_t²)·W_hh   (tanh),
 * so ‖∂L/∂h_t‖ shrinks geometrically going back in time when W_hh's spectral radius ρ < 1
 * (vanishing) and can grow as ρ^(T−t) when ρ > 1 and the units are not saturated (exploding).
 * The RNN's parameters' gradients are left as they were.
 */
import { fnArg, options } from "../args";
import { backward } from "../autograd/engine";
import { tensorArg } from "../tensor/check";
import { ArgumentError, check, show } from "../errors";
import { RNN } from "../nn/rnn";
import { sum } from "../ops/reduce";
import { Tensor } from "../tensor/tensor";

export interface GradientThroughTime {
  /** ‖∂L/∂h_t‖ (L2, over the whole batch) for t = 1 … T. */
  norms: number[];
  /** The loss value. */
  loss: number;
  /** norms[0] / norms[T − 1]: how much the gradient grew (> 1) or shrank (< 1) over the sequence. */
  ratio: number;
}

export interface GradientThroughTimeOptions {
  /** Initial hidden state (default zeros). */
  h0?: Tensor;
  /** The loss from the output sequence and the last hidden state hN [1, N, H] (default Σ hN). */
  loss?: (output: Tensor, hN: Tensor) => Tensor;
}

/**
 * @example
 * gl.seed(0);
 * const rnn = new gl.nn.RNN(2, 8);
 * const g = gl.probe.gradientThroughTime(rnn, gl.randn([20, 4, 2]));
 * g.norms.length // 20: one per time step, g.norms[19] is ∂L/∂h_T
 */
export function gradientThroughTime(rnn: RNN, x: Tensor, opts: GradientThroughTimeOptions = {}): GradientThroughTime {
  check(
    rnn instanceof RNN,
    () =>
      new ArgumentError({
        fn: "probe.gradientThroughTime",
        arg: "rnn",
        expected: "a gl.nn.RNN",
        received: show(rnn),
        fix: "Pass the recurrent layer itself, e.g. new gl.nn.RNN(inputSize, hiddenSize).",
      }),
  );
  const fn = "probe.gradientThroughTime";
  tensorArg(fn, "x", x, { fix: "Pass the input sequence, [T, N, F] (time first) or [T, F]." });
  opts = options<GradientThroughTimeOptions>(fn, "opts", opts, ["h0", "loss"]);
  const h0 = opts.h0 === undefined || opts.h0 === null ? undefined : tensorArg(fn, "h0", opts.h0);
  const lossFn =
    opts.loss === undefined || opts.loss === null
      ? (_o: Tensor, hN: Tensor) => sum(hN)
      : fnArg<(output: Tensor, hN: Tensor) => Tensor>(fn, "loss", opts.loss, "loss: (output, hN) => gl.sum(hN)");
  const params = rnn.parameters();
  const saved = params.map((p) => p.grad);
  try {
    const out = rnn.forward(x, h0);
    for (const h of rnn.hiddenStates) h.retainGrad();
    const L = lossFn(out, rnn.hN!);
    backward(L);
    const norms = rnn.hiddenStates.map((h) => {
      let s = 0;
      if (h.grad) for (const v of h.grad.data) s += v * v;
      return Math.sqrt(s);
    });
    return { norms, loss: L.item(), ratio: norms[0] / norms[norms.length - 1] };
  } finally {
    params.forEach((p, i) => (p.grad = saved[i]));
  }
}
