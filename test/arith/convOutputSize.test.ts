import { expect } from "chai";
import * as gl from "../../src";

describe("arith.convOutputSize", () => {
  it("the notes' example 128/3/2/1 gives floor(127/2) + 1 = 64, not 64.5 rounded to 65", () => {
    expect(gl.arith.convOutputSize({ inputSize: 128, kernelSize: 3, stride: 2, padding: 1 })).to.equal(64);
    expect(
      gl.arith.explainConvOutputSize({ inputSize: 128, kernelSize: 3, stride: 2, padding: 1 }).explanation,
    ).to.equal("out = floor((128 + 1 + 1 − 3) / 2) + 1 = floor(127 / 2) + 1 = 63 + 1 = 64");
  });

  it("matches a brute-force count of window positions for many sizes (floor and ceil mode)", () => {
    for (let W = 1; W <= 12; W++)
      for (let F = 1; F <= 5; F++)
        for (let S = 1; S <= 3; S++)
          for (let P = 0; P <= Math.floor(F / 2); P++)
            for (const d of [1, 2]) {
              const span = d * (F - 1) + 1;
              if (span > W + 2 * P) continue;
              // floor: windows [start, start + span) fully inside the padded input
              let floorCount = 0;
              for (let start = 0; start + span <= W + 2 * P; start += S) floorCount++;
              // ceil (PyTorch): windows may run past the end, but must start inside input or left padding
              let ceilCount = 0;
              for (let start = 0; start < W + P && start <= W + 2 * P - span + S - 1; start += S) ceilCount++;
              expect(
                gl.arith.convOutputSize({ inputSize: W, kernelSize: F, stride: S, padding: P, dilation: d }),
                `W${W} F${F} S${S} P${P} d${d}`,
              ).to.equal(floorCount);
              expect(
                gl.arith.convOutputSize({
                  inputSize: W,
                  kernelSize: F,
                  stride: S,
                  padding: P,
                  dilation: d,
                  ceilMode: true,
                }),
                `ceil W${W} F${F} S${S} P${P} d${d}`,
              ).to.equal(ceilCount);
            }
  });

  it("ceilMode rounds up, but drops a last window that would start inside the right padding", () => {
    expect(gl.arith.convOutputSize({ inputSize: 6, kernelSize: 3, stride: 2 })).to.equal(2);
    expect(gl.arith.convOutputSize({ inputSize: 6, kernelSize: 3, stride: 2, ceilMode: true })).to.equal(3);
    // W = 5, F = 2, S = 2, P = 1: ceil(5/2) + 1 = 4, but window 4 would start at 6 >= 5 + 1
    expect(gl.arith.convOutputSize({ inputSize: 5, kernelSize: 2, stride: 2, padding: 1, ceilMode: true })).to.equal(3);
    expect(
      gl.arith.explainConvOutputSize({ inputSize: 5, kernelSize: 2, stride: 2, padding: 1, ceilMode: true })
        .explanation,
    ).to.contain("PyTorch drops it");
  });

  it('"valid" is no padding; "same" keeps ceil(W/S) positions with TensorFlow\'s padding', () => {
    expect(gl.arith.convOutputSize({ inputSize: 32, kernelSize: 5, padding: "valid" })).to.equal(28);
    expect(gl.arith.convOutputSize({ inputSize: 32, kernelSize: 5, padding: "same" })).to.equal(32);
    expect(gl.arith.convOutputSize({ inputSize: 128, kernelSize: 3, stride: 2, padding: "same" })).to.equal(64);
    expect(gl.arith.convOutputSize({ inputSize: 7, kernelSize: 4, stride: 3, padding: "same" })).to.equal(3);
  });

  it("asymmetric [before, after] padding adds both sides", () => {
    expect(gl.arith.convOutputSize({ inputSize: 128, kernelSize: 3, stride: 2, padding: [0, 1] })).to.equal(64);
    expect(gl.arith.convOutputSize({ inputSize: 4, kernelSize: 3, padding: [2, 0] })).to.equal(4);
  });

  it("dilation widens the window to d·(F − 1) + 1", () => {
    expect(gl.arith.convOutputSize({ inputSize: 10, kernelSize: 3, dilation: 2 })).to.equal(6);
    expect(gl.arith.explainConvOutputSize({ inputSize: 10, kernelSize: 3, dilation: 2 }).effectiveKernel).to.equal(5);
  });

  it("teaching errors: negative padding, non-integer sizes, a kernel larger than the padded input", () => {
    expect(() => gl.arith.convOutputSize({ inputSize: 8, kernelSize: 3, padding: -1 })).to.throw(
      gl.ArgumentError,
      /negative padding/,
    );
    expect(() => gl.arith.convOutputSize({ inputSize: 8.5, kernelSize: 3 })).to.throw(gl.ArgumentError, /whole number/);
    expect(() => gl.arith.convOutputSize({ inputSize: 8, kernelSize: 3, stride: 0 })).to.throw(
      gl.ArgumentError,
      /stride/,
    );
    expect(() => gl.arith.convOutputSize({ inputSize: 3, kernelSize: 5 })).to.throw(
      gl.ShapeError,
      /larger than the padded input \(3 \+ 0 \+ 0 = 3/,
    );
    expect(() => gl.arith.convOutputSize({ inputSize: 4, kernelSize: 3, dilation: 2 })).to.throw(
      gl.ShapeError,
      /spanning 5 pixels/,
    );
  });
});

describe("arith.tfSamePadding", () => {
  it("128/3/2: 64 outputs with padding 0 before and 1 after (not 1 on both sides)", () => {
    expect(gl.arith.tfSamePadding({ inputSize: 128, kernelSize: 3, stride: 2 })).to.deep.equal({
      before: 0,
      after: 1,
      total: 1,
      outputSize: 64,
    });
  });

  it("stride 1 and an odd kernel pads (F − 1)/2 on each side; an even kernel puts the extra pixel at the end", () => {
    expect(gl.arith.tfSamePadding({ inputSize: 10, kernelSize: 5 })).to.deep.equal({
      before: 2,
      after: 2,
      total: 4,
      outputSize: 10,
    });
    expect(gl.arith.tfSamePadding({ inputSize: 10, kernelSize: 4 })).to.deep.equal({
      before: 1,
      after: 2,
      total: 3,
      outputSize: 10,
    });
  });

  it("padding never goes negative when the stride skips past the kernel", () => {
    expect(gl.arith.tfSamePadding({ inputSize: 10, kernelSize: 1, stride: 3 })).to.deep.equal({
      before: 0,
      after: 0,
      total: 0,
      outputSize: 4,
    });
  });

  it("conv with the SAME padding gives exactly ceil(W/S) for many sizes", () => {
    for (let W = 1; W <= 20; W++)
      for (let F = 1; F <= 6; F++)
        for (let S = 1; S <= 4; S++) {
          const p = gl.arith.tfSamePadding({ inputSize: W, kernelSize: F, stride: S });
          expect(p.after - p.before).to.be.oneOf([0, 1]);
          expect(
            gl.arith.convOutputSize({ inputSize: W, kernelSize: F, stride: S, padding: [p.before, p.after] }),
          ).to.equal(Math.ceil(W / S));
        }
  });
});

describe("arith.poolOutputSize and convTransposeOutputSize", () => {
  it("pooling strides by its kernel unless told otherwise; AlexNet's overlapping 3/2 pooling maps 55 to 27", () => {
    expect(gl.arith.poolOutputSize({ inputSize: 28, kernelSize: 2 })).to.equal(14);
    expect(gl.arith.poolOutputSize({ inputSize: 55, kernelSize: 3, stride: 2 })).to.equal(27);
    expect(gl.arith.poolOutputSize({ inputSize: 5, kernelSize: 2 })).to.equal(2);
    expect(gl.arith.poolOutputSize({ inputSize: 5, kernelSize: 2, ceilMode: true })).to.equal(3);
  });

  it("refuses pooling padding larger than half the kernel (PyTorch's rule)", () => {
    expect(() => gl.arith.poolOutputSize({ inputSize: 8, kernelSize: 3, padding: 2 })).to.throw(
      gl.ArgumentError,
      /at most half the kernel/,
    );
  });

  it("a transposed conv inverts the conv's size map", () => {
    expect(gl.arith.convTransposeOutputSize({ inputSize: 32, kernelSize: 4, stride: 2, padding: 1 })).to.equal(64);
    for (let W = 4; W <= 20; W++) {
      const out = gl.arith.convOutputSize({ inputSize: W, kernelSize: 3, stride: 2, padding: 1 });
      const back = gl.arith.convTransposeOutputSize({
        inputSize: out,
        kernelSize: 3,
        stride: 2,
        padding: 1,
        outputPadding: (W + 1) % 2,
      });
      expect(back).to.equal(W);
    }
    expect(() =>
      gl.arith.convTransposeOutputSize({ inputSize: 4, kernelSize: 3, stride: 2, outputPadding: 2 }),
    ).to.throw(gl.ArgumentError, /outputPadding/);
  });
});
