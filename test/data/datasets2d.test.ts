import { expect } from "chai";
import * as gl from "../../src";

const counts = (y: gl.Tensor): number[] => {
  const out: number[] = [];
  for (const v of y.data) out[v] = (out[v] ?? 0) + 1;
  return out;
};

describe("data 2-D sets", () => {
  it("each set has [N, 2] points, [N] labels and balanced classes", () => {
    const sets = {
      spiral: gl.data.spiral({ n: 300, classes: 3, seed: 1 }),
      moons: gl.data.moons({ n: 201, seed: 1 }),
      circles: gl.data.circles({ n: 200, seed: 1 }),
      blobs: gl.data.blobs({ n: 90, centers: 3, seed: 1 }),
      xor: gl.data.xor({ n: 400, seed: 1 }),
    };
    for (const [name, { X, y }] of Object.entries(sets)) {
      expect(X.shape[1], name).to.equal(2);
      expect(y.shape, name).to.deep.equal([X.shape[0]]);
    }
    expect(counts(sets.spiral.y)).to.deep.equal([100, 100, 100]);
    expect(counts(sets.moons.y)).to.deep.equal([101, 100]);
    expect(counts(sets.circles.y)).to.deep.equal([100, 100]);
    expect(counts(sets.blobs.y)).to.deep.equal([30, 30, 30]);
  });

  it("the same seed gives the same points; another seed different ones", () => {
    expect(gl.data.moons({ seed: 5 }).X.toList()).to.deep.equal(gl.data.moons({ seed: 5 }).X.toList());
    expect(gl.data.moons({ seed: 5 }).X.toList()).to.not.deep.equal(gl.data.moons({ seed: 6 }).X.toList());
    gl.seed(11);
    const a = gl.data.spiral().X.toList();
    gl.seed(11);
    expect(gl.data.spiral().X.toList()).to.deep.equal(a);
  });

  it("the geometry is right: circles' radii, XOR's labels, blobs around their centres", () => {
    const { X, y } = gl.data.circles({ n: 200, factor: 0.3, noise: 0, seed: 0 });
    for (let i = 0; i < 200; i++) {
      const r = Math.hypot(X.data[2 * i], X.data[2 * i + 1]);
      expect(r).to.be.closeTo(y.data[i] === 1 ? 0.3 : 1, 1e-5);
    }
    const xo = gl.data.xor({ n: 300, seed: 0 });
    for (let i = 0; i < 300; i++) expect(xo.y.data[i]).to.equal(xo.X.data[2 * i] * xo.X.data[2 * i + 1] < 0 ? 1 : 0);
    const b = gl.data.blobs({
      n: 3000,
      centers: [
        [-4, 0],
        [4, 2],
      ],
      std: 0.5,
      seed: 0,
    });
    const meanOf = (c: number, axis: number): number => {
      let s = 0;
      let k = 0;
      for (let i = 0; i < 3000; i++) {
        if (b.y.data[i] !== c) continue;
        s += b.X.data[2 * i + axis];
        k++;
      }
      return s / k;
    };
    expect(meanOf(0, 0)).to.be.closeTo(-4, 0.05);
    expect(meanOf(1, 1)).to.be.closeTo(2, 0.05);
  });

  it("noiseless moons lie on their two arcs", () => {
    const { X, y } = gl.data.moons({ n: 100, noise: 0, seed: 0 });
    for (let i = 0; i < 100; i++) {
      const [a, b] = [X.data[2 * i], X.data[2 * i + 1]];
      const r = y.data[i] === 0 ? Math.hypot(a, b) : Math.hypot(a - 1, b - 0.5);
      expect(r).to.be.closeTo(1, 1e-5);
    }
  });
});
