import { expect } from "chai";
import * as gl from "../../src";

/** One 1×5×5 image with a single lit pixel at (row, col). */
function dot(row: number, col: number, n = 1): gl.Tensor {
  const X = gl.zeros([n, 1, 5, 5]);
  for (let i = 0; i < n; i++) X.data[i * 25 + row * 5 + col] = 1;
  return X;
}

describe("data augmentation", () => {
  it("horizontalFlip with p = 1 mirrors columns; p = 0 leaves images alone", () => {
    const X = dot(1, 0);
    expect(gl.data.horizontalFlip(X, { p: 1, seed: 0 }).data[1 * 5 + 4]).to.equal(1);
    expect(gl.data.horizontalFlip(X, { p: 0, seed: 0 }).toList()).to.deep.equal(X.toList());
  });

  it("horizontalFlip with p = 0.5 flips about half of a batch", () => {
    const X = dot(2, 0, 400);
    const out = gl.data.horizontalFlip(X, { seed: 1 });
    let flipped = 0;
    for (let i = 0; i < 400; i++) flipped += out.data[i * 25 + 2 * 5 + 4];
    expect(flipped).to.be.within(160, 240);
  });

  it("shift moves the lit pixel by at most maxShift in each direction and keeps its value", () => {
    const X = dot(2, 2, 200);
    const out = gl.data.shift(X, { maxShift: 1, seed: 2 });
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const img = Array.from(out.data.subarray(i * 25, (i + 1) * 25));
      const at = img.indexOf(1);
      expect(img.reduce((a, b) => a + b, 0)).to.equal(1);
      const [r, c] = [Math.floor(at / 5), at % 5];
      expect(Math.abs(r - 2)).to.be.at.most(1);
      expect(Math.abs(c - 2)).to.be.at.most(1);
      seen.add(`${r},${c}`);
    }
    expect(seen.size).to.equal(9); // all nine offsets occur
  });

  it("rotate by 0 degrees is the identity; small rotations keep the centre and most of the mass", () => {
    gl.seed(3);
    const X = gl.rand([4, 1, 9, 9]);
    expect(gl.data.rotate(X, { maxDegrees: 0, seed: 0 }).toList()).to.deep.equal(X.toList());
    const centre = gl.zeros([1, 1, 9, 9]);
    centre.data[4 * 9 + 4] = 1;
    const r = gl.data.rotate(centre, { maxDegrees: 15, seed: 4 });
    expect(r.data[4 * 9 + 4]).to.be.closeTo(1, 1e-6);
  });

  it("rotate by exactly 90 degrees turns the top centre to the left centre (counter-clockwise on screen)", () => {
    const X = gl.zeros([1, 1, 7, 7]);
    X.data[1 * 7 + 3] = 1;
    const out = gl.data.rotate(X, { degrees: 90 });
    expect(out.data[3 * 7 + 1]).to.be.closeTo(1, 1e-6);
    expect(out.toList().reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-6);
  });

  it("rotate roughly preserves the mass of a pattern that stays inside the image", () => {
    const ring = gl.zeros([1, 1, 7, 7]);
    for (const [r, c] of [
      [1, 3],
      [5, 3],
      [3, 1],
      [3, 5],
    ])
      ring.data[r * 7 + c] = 1;
    const out = gl.data.rotate(ring, { maxDegrees: 30, seed: 5 });
    const sum = out.toList().reduce((a, b) => a + b, 0);
    expect(sum).to.be.closeTo(4, 0.5); // bilinear sampling roughly preserves mass inside the image
  });

  it("gaussianNoise has the requested std, clip keeps the range, and the same seed repeats", () => {
    const X = gl.zeros([1, 1, 100, 100]);
    const noisy = gl.data.gaussianNoise(X, { std: 0.2, seed: 6 });
    const v = noisy.toList();
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    expect(std).to.be.closeTo(0.2, 0.01);
    const clipped = gl.data.gaussianNoise(X, { std: 0.2, clip: [0, 1], seed: 6 }).toList();
    expect(Math.min(...clipped)).to.equal(0);
    expect(gl.data.gaussianNoise(X, { std: 0.2, seed: 6 }).toList()).to.deep.equal(v);
  });

  it("image augmentations ask for NCHW and say how to get it", () => {
    expect(() => gl.data.shift(gl.zeros([3, 784]))).to.throw(gl.ShapeError, /reshape\(\[N, 1, 28, 28\]\)/);
  });
});
