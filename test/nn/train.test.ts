import { expect } from "chai";
import * as gl from "../../src";
import { Generator } from "../../src/random";

/** Seeded XOR-like 2-D data: class = sign(x₀)·sign(x₁) > 0, points in [−1, 1]². */
function xorData(n: number, seed: number): { X: gl.Tensor; y: number[] } {
  const g = new Generator(seed);
  const X: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = g.uniform(-1, 1);
    const b = g.uniform(-1, 1);
    X.push(a, b);
    y.push(a * b > 0 ? 1 : 0);
  }
  return { X: gl.tensor(X, [n, 2]), y };
}

/** Seeded 8×8 images: class 0 a horizontal bar, class 1 a vertical bar, plus noise. */
function barImages(n: number, seed: number): { X: gl.Tensor; y: number[] } {
  const g = new Generator(seed);
  const X = new Float32Array(n * 64);
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const cls = g.int(2);
    const k = g.int(8);
    for (let r = 0; r < 8; r++)
      for (let c = 0; c < 8; c++) X[i * 64 + r * 8 + c] = ((cls === 0 ? r === k : c === k) ? 1 : 0) + 0.3 * g.normal();
    y.push(cls);
  }
  return { X: gl.tensor(X, [n, 1, 8, 8]), y };
}

function accuracy(logits: gl.Tensor, y: number[]): number {
  const pred = gl.argmax(logits, 1).toList();
  return pred.filter((p, i) => p === y[i]).length / y.length;
}

describe("training end to end (seeded toy problems)", () => {
  it("a 2-layer MLP learns XOR with Adam: the loss falls and accuracy exceeds 90%", () => {
    gl.seed(0);
    const { X, y } = xorData(200, 1);
    const model = new gl.nn.Sequential([new gl.nn.Linear(2, 16), new gl.nn.Tanh(), new gl.nn.Linear(16, 2)]);
    const opt = new gl.optim.Adam(model.parameters(), { lr: 0.05 });
    const losses: number[] = [];
    for (let step = 0; step < 150; step++) {
      opt.zeroGrad();
      const loss = gl.loss.crossEntropy(model.forward(X), y);
      loss.backward();
      gl.optim.checkFinite(model, { step, loss });
      opt.step();
      losses.push(loss.item());
    }
    expect(losses[0]).to.be.closeTo(Math.log(2), 0.2); // the initial-loss check: ≈ ln C
    expect(losses[losses.length - 1]).to.be.below(0.3 * losses[0]);
    const test = xorData(200, 2);
    expect(
      accuracy(
        gl.noGrad(() => model.forward(test.X)),
        test.y,
      ),
    ).to.be.above(0.9);
  });

  it("a small CNN (conv → BatchNorm → ReLU → pool → linear) learns bar orientation with SGD + momentum", () => {
    gl.seed(1);
    const train = barImages(64, 3);
    const model = new gl.nn.Sequential([
      new gl.nn.Conv2d(1, 4, 3, { padding: 1 }),
      new gl.nn.BatchNorm2d(4),
      new gl.nn.ReLU(),
      new gl.nn.MaxPool2d(2),
      new gl.nn.Flatten(),
      new gl.nn.Linear(4 * 4 * 4, 2),
    ]);
    const opt = new gl.optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
    const losses: number[] = [];
    for (let step = 0; step < 40; step++) {
      opt.zeroGrad();
      const loss = gl.loss.crossEntropy(model.forward(train.X), train.y);
      loss.backward();
      gl.optim.clipGradNorm(model.parameters(), 5);
      opt.step();
      losses.push(loss.item());
    }
    expect(losses[losses.length - 1]).to.be.below(0.3 * losses[0]);
    model.eval(); // BatchNorm switches to its running statistics
    const test = barImages(64, 4);
    expect(
      accuracy(
        gl.noGrad(() => model.forward(test.X)),
        test.y,
      ),
    ).to.be.above(0.9);
  });
});
