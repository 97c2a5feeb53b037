import { expect } from "chai";
import * as gl from "../../src";

describe("data.mnist", () => {
  it("gives NCHW images in [0, 1] and integer labels 0..9 for disjoint train and test sets", function () {
    this.timeout(60000); // the first call decodes the package's JSON (a few seconds on a busy machine)
    const { train, test, classes } = gl.data.mnist({ trainSize: 500, testSize: 200, seed: 0 });
    expect(gl.data.mnistSize()).to.equal(10000);
    expect(train.X.shape).to.deep.equal([500, 1, 28, 28]);
    expect(train.y.shape).to.deep.equal([500]);
    expect(test.X.shape).to.deep.equal([200, 1, 28, 28]);
    expect(classes).to.have.length(10);
    let min = Infinity;
    let max = -Infinity;
    for (const v of train.X.data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).to.equal(0);
    expect(max).to.be.closeTo(1, 1e-6);
    const labels = train.y.toList();
    expect(labels.every((v) => Number.isInteger(v) && v >= 0 && v <= 9)).to.equal(true);
    expect(new Set(labels).size).to.equal(10); // a seeded shuffle mixes the digit-sorted package
    // a real digit: a 28×28 image with some ink in the middle and little at the border
    const first = train.X.data.subarray(0, 784);
    const ink = Array.from(first).reduce((a, v) => a + v, 0);
    const border = [...first]
      .filter((_, i) => i < 28 || i >= 756 || i % 28 === 0 || i % 28 === 27)
      .reduce((a, v) => a + v, 0);
    expect(ink).to.be.greaterThan(20);
    expect(border).to.be.lessThan(ink / 10);
    // train and test never share an image
    const key = (X: gl.Tensor, i: number): string => Array.from(X.data.subarray(i * 784, (i + 1) * 784)).join(",");
    const trainKeys = new Set(Array.from({ length: 500 }, (_, i) => key(train.X, i)));
    const shared = Array.from({ length: 200 }, (_, i) => key(test.X, i)).filter((k) => trainKeys.has(k));
    expect(shared.length).to.be.lessThan(3); // MNIST holds a few exact duplicates, not more
  });

  it("the same seed gives the same split; another seed a different one; flatten gives rows", () => {
    const a = gl.data.mnist({ trainSize: 50, testSize: 10, seed: 3 });
    const b = gl.data.mnist({ trainSize: 50, testSize: 10, seed: 3, flatten: true });
    const c = gl.data.mnist({ trainSize: 50, testSize: 10, seed: 4 });
    expect(b.train.X.shape).to.deep.equal([50, 784]);
    expect(Array.from(a.train.X.data)).to.deep.equal(Array.from(b.train.X.data));
    expect(a.train.y.toList()).to.deep.equal(b.train.y.toList());
    expect(a.train.y.toList()).to.not.deep.equal(c.train.y.toList());
  });

  it("asking for more digits than the package holds is explained", () => {
    expect(() => gl.data.mnist({ trainSize: 9000, testSize: 2000 })).to.throw(gl.ArgumentError, /at most 10000/);
  });

  it("digits keeps only those digits, relabels them 0..k-1, and defaults to an 80/20 split of them", () => {
    const all = gl.data.mnist({ trainSize: 8000, testSize: 2000, seed: 1 });
    const high = gl.data.mnist({ digits: [5, 6, 7, 8, 9], seed: 1 });
    expect(high.classes).to.deep.equal(["5", "6", "7", "8", "9"]);
    const n = 863 + 1014 + 1070 + 944 + 978; // images of 5..9 in the package
    expect(high.train.y.size).to.equal(Math.floor(0.8 * n));
    expect(high.test.y.size).to.equal(n - Math.floor(0.8 * n));
    expect(new Set(high.train.y.toList())).to.deep.equal(new Set([0, 1, 2, 3, 4]));
    // the same seed orders the kept digits as in the full shuffle: the first 5..9 image of `all` comes first
    const first = all.train.y.toList().findIndex((v) => v >= 5);
    expect(high.train.y.toList()[0]).to.equal(all.train.y.toList()[first] - 5);
    expect(Array.from(high.train.X.data.subarray(0, 784))).to.deep.equal(
      Array.from(all.train.X.data.subarray(first * 784, (first + 1) * 784)),
    );
    expect(() => gl.data.mnist({ digits: [1, 1] })).to.throw(gl.ArgumentError, /different digits/);
    expect(() => gl.data.mnist({ digits: [0, 1], trainSize: 3000 })).to.throw(/at most 2128/);
  });
});
