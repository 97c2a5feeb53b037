/**
 * Elman recurrent network (one layer), PyTorch's torch.nn.RNN with the same parameters and names:
 *   h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh)        (nonlinearity "relu": max(0, ·))
 * weightIh [H, F], weightHh [H, H], biasIh [H], biasHh [H] (PyTorch's weight_ih_l0, …), all
 * initialized U(−1/√H, 1/√H) as PyTorch does. The input is [T, N, F] (time first, PyTorch's
 * default) or [N, T, F] with `batchFirst`, or unbatched [T, F]. forward(x, h0?) returns the output
 * sequence — every h_t, [T, N, H] (or [N, T, H]) — as PyTorch's `output`; the last hidden state
 * (PyTorch's `h_n`, [1, N, H]) is kept in `rnn.hN`, and every h_t as its own graph node in
 * `rnn.hiddenStates`, so a lesson can ask for ∂L/∂h_t at each time step (vanishing/exploding
 * gradients through time: each step multiplies the gradient by diag(1 − h_t²)·W_hh).
 */
import { bool, options } from "../args";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { relu, tanh } from "../ops/activations";
import { add } from "../ops/arithmetic";
import { linear } from "../ops/matmul";
import { select } from "../ops/indexing";
import { stack } from "../ops/join";
import { reshape } from "../ops/reshape";
import { zeros } from "../tensor/create";
import { Tensor } from "../tensor/tensor";
import { uniform } from "./init";
import { Module, Parameter } from "./module";
import { checkCount } from "./validate";

export interface RNNOptions {
  /** Input and output are [N, T, F] / [N, T, H] instead of [T, N, F] / [T, N, H] (default false). */
  batchFirst?: boolean;
  /** Learn biasIh and biasHh (default true). */
  bias?: boolean;
  /** "tanh" (default, the Elman network) or "relu". */
  nonlinearity?: "tanh" | "relu";
}

export class RNN extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly batchFirst: boolean;
  readonly nonlinearity: "tanh" | "relu";
  /** [hiddenSize, inputSize]: input → hidden (PyTorch's weight_ih_l0). */
  weightIh: Parameter;
  /** [hiddenSize, hiddenSize]: hidden → hidden, the recurrent weight (weight_hh_l0). */
  weightHh: Parameter;
  /** [hiddenSize] or null without bias (bias_ih_l0). */
  biasIh: Parameter | null;
  /** [hiddenSize] or null without bias (bias_hh_l0). */
  biasHh: Parameter | null;
  /** The last hidden state of the last forward, [1, N, H] (PyTorch's h_n; [1, H] for unbatched input). */
  hN: Tensor | null = null;
  /** h_1 … h_T of the last forward, each [N, H] (N = 1 for unbatched input), as graph nodes: call retainGrad() on them before backward. */
  hiddenStates: Tensor[] = [];

  /**
   * @example
   * const rnn = new gl.nn.RNN(3, 5);
   * const out = rnn.forward(gl.randn([7, 2, 3])); // [T, N, F] = [7, 2, 3]
   * out.shape // [7, 2, 5]: h_t for every time step
   * rnn.hN!.shape // [1, 2, 5]: the last hidden state, as PyTorch's h_n
   * new gl.nn.RNN(3, 5, { batchFirst: true }).forward(gl.randn([2, 7, 3])).shape // [2, 7, 5]
   */
  constructor(inputSize: number, hiddenSize: number, opts: RNNOptions = {}) {
    super();
    opts = options<RNNOptions>("nn.RNN", "opts", opts, ["batchFirst", "bias", "nonlinearity"]);
    checkCount("RNN", "inputSize", inputSize);
    checkCount("RNN", "hiddenSize", hiddenSize);
    const nonlinearity = opts.nonlinearity ?? "tanh";
    check(
      nonlinearity === "tanh" || nonlinearity === "relu",
      () =>
        new ArgumentError({
          fn: "RNN",
          arg: "nonlinearity",
          expected: '"tanh" or "relu"',
          received: show(nonlinearity),
          fix: "The Elman RNN uses tanh; LSTM and GRU are separate layers, not a nonlinearity.",
        }),
    );
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.batchFirst = bool("nn.RNN", "batchFirst", opts.batchFirst, false);
    this.nonlinearity = nonlinearity;
    const k = 1 / Math.sqrt(hiddenSize); // PyTorch: every parameter ~ U(−√k, √k) with k = 1/hiddenSize
    this.weightIh = new Parameter(uniform([hiddenSize, inputSize], -k, k), "weightIh");
    this.weightHh = new Parameter(uniform([hiddenSize, hiddenSize], -k, k), "weightHh");
    const bias = bool("nn.RNN", "bias", opts.bias, true);
    this.biasIh = bias ? new Parameter(uniform([hiddenSize], -k, k), "biasIh") : null;
    this.biasHh = bias ? new Parameter(uniform([hiddenSize], -k, k), "biasHh") : null;
  }

  protected override forwardArgNames(): readonly string[] {
    return ["x", "h0"];
  }

  /** x: [T, N, F] (or [N, T, F] with batchFirst, or [T, F]); h0: [N, H] or [1, N, H] (default zeros). */
  forward(x: Tensor, h0?: Tensor): Tensor {
    const fn = `${this.describe()}.forward`;
    const layout = this.batchFirst ? "[N, T, F]" : "[T, N, F]";
    check(
      x instanceof Tensor && (x.rank === 3 || x.rank === 2) && x.shape[x.rank - 1] === this.inputSize,
      () =>
        new ShapeError({
          fn,
          arg: "x",
          expected: `a sequence ${layout} with F = ${this.inputSize} features (or unbatched [T, ${this.inputSize}])`,
          received: x instanceof Tensor ? `shape ${show(x.shape)}` : show(x),
          fix:
            x instanceof Tensor && x.rank === 3 && x.shape[1] === this.inputSize
              ? "Is your input [N, T, F]? Create the layer with { batchFirst: true }, or transpose(x, 0, 1)."
              : `Create the layer as RNN(${x instanceof Tensor ? x.shape[x.rank - 1] : "F"}, ${this.hiddenSize}), or check the input's last axis.`,
        }),
    );
    const unbatched = x.rank === 2;
    const steps = x.shape[unbatched || !this.batchFirst ? 0 : 1];
    check(
      steps >= 1,
      () =>
        new ShapeError({
          fn,
          arg: "x",
          expected: "at least one time step",
          received: `shape ${show(x.shape)}`,
          fix: "A sequence needs at least one time step: check the time axis of x.",
        }),
    );
    const seq = unbatched ? reshape(x, [steps, 1, this.inputSize]) : x; // an unbatched sequence is a batch of one
    const timeAxis = unbatched || !this.batchFirst ? 0 : 1;
    const n = seq.shape[timeAxis === 0 ? 1 : 0];
    const H = this.hiddenSize;
    let h = this.initialState(fn, h0, unbatched, n);
    const states: Tensor[] = [];
    const f = this.nonlinearity === "tanh" ? tanh : relu;
    for (let t = 0; t < steps; t++) {
      const xt = select(seq, timeAxis, t); // (N, F)
      h = f(add(linear(xt, this.weightIh, this.biasIh), linear(h, this.weightHh, this.biasHh))); // (N, H)
      states.push(h);
    }
    this.hiddenStates = states;
    this.hN = unbatched ? reshape(h, [1, H]) : reshape(h, [1, n, H]);
    const out = stack(states, timeAxis); // (T, N, H) or (N, T, H)
    return unbatched ? reshape(out, [steps, H]) : out;
  }

  private initialState(fn: string, h0: Tensor | undefined, unbatched: boolean, n: number): Tensor {
    const H = this.hiddenSize;
    const want = [n, H];
    if (h0 === undefined || h0 === null) return zeros(want);
    const shape = h0 instanceof Tensor ? h0.shape : [];
    // accepted: [N, H], PyTorch's [1, N, H], and for unbatched input [H] or [1, H]
    const flat =
      shape.length === 3 && shape[0] === 1 ? shape.slice(1) : unbatched && shape.length === 1 ? [1, ...shape] : shape;
    check(
      h0 instanceof Tensor && flat.length === 2 && flat[0] === n && flat[1] === H,
      () =>
        new ShapeError({
          fn,
          arg: "h0",
          expected: unbatched
            ? `the initial hidden state [${H}] or [1, ${H}]`
            : `the initial hidden state ${show(want)} (or PyTorch's ${show([1, ...want])})`,
          received: h0 instanceof Tensor ? `shape ${show(h0.shape)}` : show(h0),
          fix: `h0 has one row of ${H} numbers per sequence in the batch; omit it to start from zeros.`,
        }),
    );
    return shape.length === 2 ? h0 : reshape(h0, want);
  }

  private describe(): string {
    return `RNN(${this.inputSize}, ${this.hiddenSize})`;
  }

  override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}, batchFirst=${this.batchFirst}, bias=${this.biasIh !== null}${this.nonlinearity === "relu" ? ", nonlinearity=relu" : ""}`;
  }
}
