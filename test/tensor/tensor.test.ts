/**
 * src/tensor/: making tensors and reading them back, the behaviour of a Tensor a learner relies on
 * (shape, dtype, data layout, detach/clone, gradients flags, method shortcuts). Expected values are
 * worked out from the definitions (row-major layout, Float32 rounding, Python's range), and
 * compared with TensorFlow.js where it has the same function.
 */
import * as tf from "@tensorflow/tfjs-core";
import { expect } from "chai";
import * as gl from "../../src";
import { tfReady } from "../helpers/tfjs";

describe("tensor creation", () => {
  before(() => tfReady());

  it("gl.tensor infers the shape of nested arrays, row-major, and a number is a scalar of shape []", () => {
    const t = gl.tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).to.deep.equal([2, 3]);
    expect(t.size).to.equal(6);
    expect(t.rank).to.equal(2);
    expect(t.toList()).to.deep.equal([1, 2, 3, 4, 5, 6]); // the last axis varies fastest
    expect(t.strides).to.deep.equal([3, 1]);
    const s = gl.tensor(3.5);
    expect(s.shape).to.deep.equal([]);
    expect(s.rank).to.equal(0);
    expect(s.item()).to.equal(3.5);
    expect(s.toArray()).to.equal(3.5);
    expect(gl.tensor([[[1], [2]]]).shape).to.deep.equal([1, 2, 1]);
    expect(gl.tensor([]).shape).to.deep.equal([0]);
  });

  it("a flat array or typed array with a shape is laid out row-major, as in TensorFlow.js", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const mine = gl.tensor(values, [2, 3, 2]);
    expect(mine.toArray()).to.deep.equal(tf.tensor(values, [2, 3, 2]).arraySync());
    expect(gl.tensor(new Float64Array([1, 2, 3, 4]), [2, 2]).toArray()).to.deep.equal([
      [1, 2],
      [3, 4],
    ]);
    expect(gl.tensor(new Float32Array([1, 2, 3])).shape).to.deep.equal([3]);
  });

  it("toArray gives back the nested array it was made from; the data is not shared with it", () => {
    const nested = [
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ];
    const t = gl.tensor(nested);
    expect(t.toArray()).to.deep.equal(nested);
    nested[0][0][0] = 100;
    expect(t.toList()[0]).to.equal(1);
  });

  it("float32 by default (values are rounded to float32), float64 on request; an op mixing them computes in float64", () => {
    const a = gl.tensor([0.1]);
    expect(a.dtype).to.equal("float32");
    expect(a.data).to.be.instanceOf(Float32Array);
    expect(a.item()).to.equal(Math.fround(0.1));
    expect(a.item()).to.not.equal(0.1);
    const b = gl.tensor([0.1], null, { dtype: "float64" });
    expect(b.dtype).to.equal("float64");
    expect(b.item()).to.equal(0.1);
    // the dtype is the option's (or the default), whatever kind of array the values came in
    expect(gl.tensor(new Float64Array([0.1])).dtype).to.equal("float32");
    expect(gl.tensor(new Float32Array([1]), null, { dtype: "float64" }).dtype).to.equal("float64");
    // an op on a float32 and a float64 tensor computes in float64
    expect(gl.add(a, b).dtype).to.equal("float64");
    expect(gl.add(a, a).dtype).to.equal("float32");
  });

  it("zeros, ones, full, eye, and the *Like versions keep shape and dtype", () => {
    expect(gl.zeros([2, 2]).toArray()).to.deep.equal(tf.zeros([2, 2]).arraySync());
    expect(gl.ones([3]).toArray()).to.deep.equal(tf.ones([3]).arraySync());
    expect(gl.full([2, 1], 7).toArray()).to.deep.equal(tf.fill([2, 1], 7).arraySync());
    expect(gl.eye(2, 3).toArray()).to.deep.equal(tf.eye(2, 3).arraySync());
    const x = gl.randn([2, 3], { dtype: "float64" });
    for (const like of [gl.zerosLike(x), gl.onesLike(x), gl.fullLike(x, 2), gl.randnLike(x), gl.randLike(x)]) {
      expect(like.shape).to.deep.equal([2, 3]);
      expect(like.dtype).to.equal("float64");
    }
    expect(gl.zerosLike(x, { dtype: "float32" }).dtype).to.equal("float32");
    expect(gl.zeros([2], { requiresGrad: true }).requiresGrad).to.equal(true);
  });

  it("arange follows Python's range (end excluded, negative and fractional steps); linspace includes both ends", () => {
    const range = (start: number, stop: number, step: number): number[] => {
      const out: number[] = [];
      for (let v = start, i = 0; step > 0 ? v < stop : v > stop; i++, v = start + i * step) out.push(v);
      return out;
    };
    expect(gl.arange(5).toList()).to.deep.equal(range(0, 5, 1));
    expect(gl.arange(2, 11, 3).toList()).to.deep.equal(range(2, 11, 3));
    expect(gl.arange(5, 0, -2).toList()).to.deep.equal(range(5, 0, -2));
    expect(gl.arange(0, 1, 0.25, { dtype: "float64" }).toList()).to.deep.equal(range(0, 1, 0.25));
    expect(gl.arange(3, 3).shape).to.deep.equal([0]);
    expect(gl.arange(0, 5, 2).toList()).to.deep.equal(Array.from(tf.range(0, 5, 2).dataSync()));
    const l = gl.linspace(-1, 1, 5).toList();
    expect(l[0]).to.equal(-1);
    expect(l[4]).to.equal(1);
    expect(l).to.deep.equal(Array.from(tf.linspace(-1, 1, 5).dataSync()));
    expect(gl.linspace(3, 7, 1).toList()).to.deep.equal([3]);
    expect(() => gl.arange(0, 5, -1)).to.throw(gl.ArgumentError, /Flip the sign of step/);
    expect(() => gl.linspace(0, 1, 0)).to.throw(gl.ArgumentError, /n/);
  });

  it("randn and rand draw from the seeded generator with the asked mean/std and range", () => {
    gl.seed(1);
    const n = gl.randn([20000], { mean: 3, std: 0.5, dtype: "float64" }).toList();
    const mean = n.reduce((a, b) => a + b, 0) / n.length;
    const sd = Math.sqrt(n.reduce((a, b) => a + (b - mean) ** 2, 0) / n.length);
    expect(mean).to.be.closeTo(3, (4 * 0.5) / Math.sqrt(n.length)); // 4 standard errors
    expect(sd).to.be.closeTo(0.5, 0.02);
    const u = gl.rand([20000], { low: -2, high: 1 }).toList();
    expect(u.every((v) => v >= -2 && v < 1)).to.equal(true);
    expect(u.reduce((a, b) => a + b, 0) / u.length).to.be.closeTo(-0.5, 0.05);
  });

  it("a ragged array or a shape that does not fit the values is refused with the index or the sizes", () => {
    expect(() => gl.tensor([[1, 2], [3]])).to.throw(gl.ShapeError, /index \[1\]/);
    expect(() => gl.tensor([1, 2, 3], [2, 2])).to.throw(gl.ShapeError, /multiply to 3/);
    expect(() => gl.zeros([2, -1])).to.throw(gl.GradlabError);
  });
});

describe("Tensor behaviour", () => {
  it("item() reads a one-element tensor and explains what to do otherwise", () => {
    expect(gl.tensor([[4]]).item()).to.equal(4);
    expect(() => gl.tensor([1, 2]).item()).to.throw(gl.ShapeError, /gl\.sum\(x\)/);
  });

  it("detach shares the values but not the graph; clone copies the values", () => {
    const x = gl.tensor([1, 2], null, { requiresGrad: true });
    const y = gl.mul(x, 2);
    const d = y.detach();
    expect(d.requiresGrad).to.equal(false);
    expect(d.isLeaf).to.equal(true);
    expect(d.data).to.equal(y.data);
    const c = y.clone();
    c.data[0] = 99;
    expect(y.toList()).to.deep.equal([2, 4]);
    expect(c.requiresGrad).to.equal(false);
  });

  it("leaves are the tensors you make; requiresGrad_ switches tracking on a leaf and refuses to switch it off an op's result", () => {
    const w = gl.zeros([2]);
    expect(w.isLeaf).to.equal(true);
    expect(w.requiresGrad).to.equal(false);
    expect(w.requiresGrad_()).to.equal(w);
    expect(w.requiresGrad).to.equal(true);
    const y = gl.add(w, 1);
    expect(y.isLeaf).to.equal(false);
    expect(y.requiresGrad).to.equal(true);
    expect(() => y.requiresGrad_(false)).to.throw(gl.ArgumentError, /detach/);
    y.sum().backward();
    expect(w.grad!.toList()).to.deep.equal([1, 1]);
    expect(y.grad).to.equal(null); // a non-leaf keeps its gradient only after retainGrad()
  });

  it("toString names shape, dtype, gradient tracking and the first values", () => {
    const x = gl.tensor([1, 2, 3, 4, 5, 6, 7], null, { requiresGrad: true });
    expect(x.toString()).to.equal("Tensor(shape=[7], float32, requiresGrad) [1, 2, 3, 4, 5, 6, ...]");
    expect(gl.mul(x, 1).toString()).to.match(/^Tensor\(shape=\[7\], float32, requiresGrad, gradFn=\w+\)/);
    expect(String(gl.tensor(0.5, [], { dtype: "float64" }))).to.equal("Tensor(shape=[], float64) [0.5]");
  });

  it("shapes are copied, not shared: changing the array passed in does not change the tensor", () => {
    const shape = [2, 2];
    const t = gl.zeros(shape);
    shape[0] = 5;
    expect(t.shape).to.deep.equal([2, 2]);
  });

  it("x.add, x.matmul, x.sum, x.reshape … are the ops of the same name", () => {
    const x = gl.tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(x.add(1).toList()).to.deep.equal(gl.add(x, 1).toList());
    expect(x.sub(x).toList()).to.deep.equal([0, 0, 0, 0]);
    expect(x.mul(2).div(2).toList()).to.deep.equal(x.toList());
    expect(x.pow(2).toList()).to.deep.equal([1, 4, 9, 16]);
    expect(x.neg().abs().toList()).to.deep.equal(x.toList());
    expect(x.matmul(x).toList()).to.deep.equal(gl.matmul(x, x).toList());
    expect(x.sum(0).toList()).to.deep.equal([4, 6]);
    expect(x.mean(1, true).shape).to.deep.equal([2, 1]);
    expect(x.reshape([4]).shape).to.deep.equal([4]);
    expect(x.transpose().toList()).to.deep.equal([1, 3, 2, 4]);
    expect(x.permute([1, 0]).toList()).to.deep.equal([1, 3, 2, 4]);
    expect(gl.zeros([2, 3, 4]).flatten(1).shape).to.deep.equal([2, 12]);
    expect(
      x
        .exp()
        .log()
        .toList()
        .map((v) => Math.round(v * 1e5) / 1e5),
    ).to.deep.equal(x.toList());
    expect(x.sqrt().toList()).to.deep.equal(gl.sqrt(x).toList());
  });

  it("x.relu(), x.sigmoid(), x.tanh(), x.softmax(axis), x.logSoftmax(axis) are the ops", () => {
    const x = gl.tensor([
      [-1, 0.5],
      [2, -3],
    ]);
    expect(x.relu().toList()).to.deep.equal(gl.relu(x).toList());
    expect(x.sigmoid().toList()).to.deep.equal(gl.sigmoid(x).toList());
    expect(x.tanh().toList()).to.deep.equal(gl.tanh(x).toList());
    expect(x.softmax(0).toList()).to.deep.equal(gl.softmax(x, 0).toList());
    expect(x.logSoftmax().toList()).to.deep.equal(gl.logSoftmax(x, -1).toList());
  });
});
