import { expect } from "chai";
import * as gl from "../../src";

describe("data.DataLoader", () => {
  const N = 103;
  const X = gl.tensor(
    Array.from({ length: N * 2 }, (_, i) => i),
    [N, 2],
  );
  const y = gl.tensor(
    Array.from({ length: N }, (_, i) => i),
    [N],
  );

  it("covers every example exactly once per epoch, with rows of X and y kept together", () => {
    const loader = new gl.data.DataLoader(X, y, { batchSize: 10, seed: 0 });
    expect(loader.length).to.equal(11);
    for (let epoch = 0; epoch < 2; epoch++) {
      const seen: number[] = [];
      let batches = 0;
      for (const batch of loader) {
        batches++;
        batch.y.toList().forEach((label, k) => {
          expect(batch.X.data[2 * k]).to.equal(2 * label);
          expect(label).to.equal(batch.indices[k]);
        });
        seen.push(...batch.y.toList());
      }
      expect(batches).to.equal(11);
      expect(seen.sort((a, b) => a - b)).to.deep.equal(Array.from({ length: N }, (_, i) => i));
    }
  });

  it("reshuffles every epoch and repeats the same epochs for the same seed", () => {
    const order = (l: gl.data.DataLoader): number[] => [...l].flatMap((b) => b.indices);
    const a = new gl.data.DataLoader(X, y, { batchSize: 16, seed: 7 });
    const b = new gl.data.DataLoader(X, y, { batchSize: 16, seed: 7 });
    const a1 = order(a);
    const a2 = order(a);
    expect(a1).to.not.deep.equal(a2);
    expect(order(b)).to.deep.equal(a1);
    expect(order(b)).to.deep.equal(a2);
    expect(a.epoch).to.equal(2);
  });

  it("without shuffle the order is 0..N−1; dropLast drops the short last batch", () => {
    const plain = new gl.data.DataLoader(X, y, { batchSize: 25, shuffle: false });
    expect([...plain].flatMap((b) => b.indices)).to.deep.equal(Array.from({ length: N }, (_, i) => i));
    expect([...plain].map((b) => b.X.shape[0])).to.deep.equal([25, 25, 25, 25, 3]);
    const dropped = new gl.data.DataLoader(X, y, { batchSize: 25, dropLast: true, seed: 1 });
    expect(dropped.length).to.equal(4);
    expect([...dropped].map((b) => b.X.shape)).to.deep.equal([
      [25, 2],
      [25, 2],
      [25, 2],
      [25, 2],
    ]);
  });

  it("keeps image batches NCHW", () => {
    const images = gl.zeros([10, 1, 4, 4]);
    const labels = gl.zeros([10]);
    const [first] = new gl.data.DataLoader(images, labels, { batchSize: 4, seed: 0 });
    expect(first.X.shape).to.deep.equal([4, 1, 4, 4]);
  });

  it("X and y of different lengths are explained", () => {
    expect(() => new gl.data.DataLoader(X, gl.zeros([5]))).to.throw(gl.ShapeError, /103 targets/);
    expect(() => new gl.data.DataLoader(X, y, { batchSize: 0 })).to.throw(gl.ArgumentError, /batchSize/);
  });
});

describe("data.trainTestSplit", () => {
  const X = gl.tensor(
    Array.from({ length: 40 }, (_, i) => i),
    [20, 2],
  );
  const y = gl.tensor(
    Array.from({ length: 20 }, (_, i) => i),
    [20],
  );

  it("splits disjointly, covers every example, keeps rows of X and y together, and repeats by seed", () => {
    const a = gl.data.trainTestSplit(X, y, { testSize: 0.25, seed: 3 });
    expect(a.XTrain.shape).to.deep.equal([15, 2]);
    expect(a.yTest.shape).to.deep.equal([5]);
    const all = [...a.yTrain.toList(), ...a.yTest.toList()].sort((p, q) => p - q);
    expect(all).to.deep.equal(Array.from({ length: 20 }, (_, i) => i));
    a.yTest.toList().forEach((label, k) => expect(a.XTest.data[2 * k]).to.equal(2 * label));
    const b = gl.data.trainTestSplit(X, y, { testSize: 5, seed: 3 });
    expect(b.yTest.toList()).to.deep.equal(a.yTest.toList());
    expect(gl.data.trainTestSplit(X, y, { testSize: 5, seed: 4 }).yTest.toList()).to.not.deep.equal(a.yTest.toList());
  });

  it("refuses splits that leave a set empty", () => {
    expect(() => gl.data.trainTestSplit(X, y, { testSize: 0 })).to.throw(gl.ArgumentError, /testSize/);
    expect(() => gl.data.trainTestSplit(X, y, { testSize: 20 })).to.throw(gl.ArgumentError, /from 1 to 19/);
    expect(() => gl.data.trainTestSplit(X, gl.zeros([3]))).to.throw(gl.ShapeError);
  });
});
