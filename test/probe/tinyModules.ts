/**
 * Small hand-made modules for probe and fit tests (the nn layers live on another branch): their
 * outputs are known by construction.
 */
import * as gl from "../../src";
import { Module, Parameter } from "../../src/nn/module";
import { Tensor } from "../../src/tensor/tensor";

/** y = x Wᵀ + b with W of shape [out, in]. */
export class Linear extends Module {
  weight: Parameter;
  bias: Parameter;
  constructor(W: number[][], b: number[]) {
    super();
    this.weight = new Parameter(gl.tensor(W));
    this.bias = new Parameter(gl.tensor(b));
  }
  forward(x: Tensor): Tensor {
    return gl.add(gl.matmul(x, gl.transpose(this.weight)), this.bias); // (N, out)
  }
}

/** A Linear with seeded random weights (std `scale`/√in). */
export function randomLinear(inF: number, outF: number, scale = 1): Linear {
  const W = gl.randn([outF, inF]).toArray() as number[][];
  const lin = new Linear(
    W.map((r) => r.map((v) => (v * scale) / Math.sqrt(inF))),
    new Array(outF).fill(0),
  );
  return lin;
}

/** tanh(x) = 1 − 2 / (exp(2x) + 1), stable for large |x|. */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return gl.sub(1, gl.div(2, gl.add(gl.exp(gl.mul(x, 2)), 1)));
  }
}

export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return gl.div(1, gl.add(gl.exp(gl.neg(x)), 1));
  }
}

export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return gl.maximum(x, 0);
  }
}

/** Children named "0", "1", ... like nn.Sequential. */
export class Seq extends Module {
  constructor(...layers: Module[]) {
    super();
    layers.forEach((m, i) => ((this as unknown as Record<string, Module>)[String(i)] = m));
  }
  forward(x: Tensor): Tensor {
    let h = x;
    for (const m of this.children()) h = m.forward(h);
    return h;
  }
}

/**
 * A single-channel 3×3 convolution without padding, written as a matrix product with its
 * Toeplitz matrix: (N, 1, H, W) → (N, 1, H − 2, W − 2).
 */
export class Conv3x3 extends Module {
  constructor(
    readonly kernel: number[][],
    readonly H: number,
    readonly W: number,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    const { H, W } = this;
    const Ho = H - 2;
    const Wo = W - 2;
    const T = new Float32Array(H * W * Ho * Wo);
    for (let r = 0; r < Ho; r++)
      for (let c = 0; c < Wo; c++)
        for (let i = 0; i < 3; i++)
          for (let j = 0; j < 3; j++) T[((r + i) * W + (c + j)) * Ho * Wo + r * Wo + c] = this.kernel[i][j];
    const n = x.shape[0];
    const flat = gl.reshape(x, [n, H * W]);
    return gl.reshape(gl.matmul(flat, new Tensor(T, [H * W, Ho * Wo])), [n, 1, Ho, Wo]);
  }
}

/** A BatchNorm-like layer: normalizes each channel with batch statistics and keeps a running mean buffer. */
export class FakeBatchNorm extends Module {
  runningMean: Tensor;
  runningVar: Tensor;
  constructor(channels: number) {
    super();
    this.runningMean = this.registerBuffer("runningMean", gl.zeros([channels]));
    this.runningVar = this.registerBuffer("runningVar", gl.ones([channels]));
  }
  forward(x: Tensor): Tensor {
    const mu = gl.mean(x, 0, true); // (1, C)
    const v = gl.variance(x, 0, { unbiased: false, keepDims: true });
    gl.noGrad(() => {
      const m = mu.reshape([-1]);
      for (let i = 0; i < m.size; i++) this.runningMean.data[i] = 0.9 * this.runningMean.data[i] + 0.1 * m.data[i];
    });
    return gl.div(gl.sub(x, mu), gl.sqrt(gl.add(v, 1e-5)));
  }
}

/** Plain SGD: w ← w − lr·g (a stand-in for gl.optim.SGD). */
export class PlainSGD {
  constructor(
    readonly params: Parameter[],
    public lr: number,
  ) {}
  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }
  step(): void {
    for (const p of this.params) {
      if (!p.grad) continue;
      for (let i = 0; i < p.data.length; i++) p.data[i] -= this.lr * p.grad.data[i];
    }
  }
}
