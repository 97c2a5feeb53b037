import { expect } from "chai";
import { windowPositions } from "../../src/arith/windowPositions";
import { ArgumentError, ShapeError } from "../../src/errors";

describe("arith.windowPositions", () => {
  it("runs its JSDoc example: W=5, F=3, S=2, P=1 gives 3 windows whose edge taps read padding", () => {
    const w = windowPositions({ inputSize: 5, kernelSize: 3, stride: 2, padding: 1 });
    expect(w.outputSize).to.equal(3);
    expect(w.windows).to.deep.equal([
      [-1, 0, 1],
      [1, 2, 3],
      [3, 4, 5],
    ]);
    expect(w.coverage).to.deep.equal([1, 2, 1, 2, 1]);
    expect(w.skipped).to.deep.equal([]);
  });

  it("counts one window per output unit, matching floor((W + 2P − d(F−1) − 1)/S) + 1 on many sizes", () => {
    for (let W = 1; W <= 20; W++)
      for (const F of [1, 2, 3, 5])
        for (const S of [1, 2, 3])
          for (const P of [0, 1, 2])
            for (const d of [1, 2]) {
              const span = W + 2 * P - d * (F - 1) - 1;
              if (span < 0) continue;
              const w = windowPositions({ inputSize: W, kernelSize: F, stride: S, padding: P, dilation: d });
              expect(w.outputSize, `W=${W} F=${F} S=${S} P=${P} d=${d}`).to.equal(Math.floor(span / S) + 1);
              expect(w.windows).to.have.length(w.outputSize);
              // every tap lies inside the padded input
              for (const taps of w.windows) for (const pos of taps) expect(pos).to.be.within(-P, W + P - 1);
              // the coverage counts each in-image tap once
              const inside = w.windows.flat().filter((pos) => pos >= 0 && pos < W).length;
              expect(w.coverage.reduce((a, b) => a + b, 0)).to.equal(inside);
            }
  });

  it("spaces taps d apart with dilation: F=3, d=2 spans 5 pixels", () => {
    const w = windowPositions({ inputSize: 7, kernelSize: 3, dilation: 2 });
    expect(w.effectiveKernel).to.equal(5);
    expect(w.windows).to.deep.equal([
      [0, 2, 4],
      [1, 3, 5],
      [2, 4, 6],
    ]);
  });

  it("reports the pixels a stride larger than the kernel skips", () => {
    const w = windowPositions({ inputSize: 8, kernelSize: 2, stride: 3 });
    expect(w.windows).to.deep.equal([
      [0, 1],
      [3, 4],
      [6, 7],
    ]);
    expect(w.skipped).to.deep.equal([2, 5]);
  });

  it("shows AlexNet's first layer: 227 with F=11, S=4 gives 55 windows and the last ends on pixel 226", () => {
    const w = windowPositions({ inputSize: 227, kernelSize: 11, stride: 4 });
    expect(w.outputSize).to.equal(55);
    expect(w.windows[54][10]).to.equal(226);
    // with 224: 54 windows, the last ends on 222, so pixel 223 is never read
    expect(windowPositions({ inputSize: 224, kernelSize: 11, stride: 4 }).skipped).to.deep.equal([223]);
  });

  it("takes TensorFlow SAME's asymmetric padding [0, 1] for W=128, F=3, S=2: 64 windows, the last reads the padding pixel", () => {
    const w = windowPositions({ inputSize: 128, kernelSize: 3, stride: 2, padding: [0, 1] });
    expect(w.outputSize).to.equal(64);
    expect(w.windows[63]).to.deep.equal([126, 127, 128]);
  });

  it("applies PyTorch's ceilMode rule: an extra window only if it starts inside the input or left padding", () => {
    expect(windowPositions({ inputSize: 5, kernelSize: 2, stride: 2 }).outputSize).to.equal(2);
    const ceil = windowPositions({ inputSize: 5, kernelSize: 2, stride: 2, ceilMode: true });
    expect(ceil.outputSize).to.equal(3);
    expect(ceil.windows[2]).to.deep.equal([4, 5]);
    // W=4, F=2, S=2, P=1: ceil would give 4 windows but the 4th starts in the right padding
    expect(windowPositions({ inputSize: 4, kernelSize: 2, stride: 2, padding: 1, ceilMode: true }).outputSize).to.equal(
      3,
    );
  });

  it("refuses fractional or negative sizes and a window larger than the padded input", () => {
    expect(() => windowPositions({ inputSize: 5.5, kernelSize: 3 })).to.throw(ArgumentError, /inputSize/);
    expect(() => windowPositions({ inputSize: 5, kernelSize: 3, padding: -1 })).to.throw(ArgumentError, /padding/);
    expect(() => windowPositions({ inputSize: 2, kernelSize: 3, dilation: 2 })).to.throw(
      ShapeError,
      /spanning 5 pixels/,
    );
  });
});
