import { expect } from "chai";
import * as gl from "../../src";
import { Conv2d } from "../../src/nn/conv";
import { AdaptiveAvgPool2d, AvgPool2d, GlobalAvgPool2d, MaxPool2d } from "../../src/nn/pool";
import { describeAllBackends } from "../helpers/backends";
import { expectClose } from "../helpers/close";
import { expectCloseToTf, tf, tfReady, toTf } from "../helpers/tfjs";
import { gradcheckModule } from "./util";

const nhwc = (t: tf.Tensor): tf.Tensor => tf.transpose(t, [0, 2, 3, 1]);
const nchw = (t: tf.Tensor): tf.Tensor => tf.transpose(t, [0, 3, 1, 2]);

describeAllBackends("nn.Conv2d and pooling layers vs tfjs", () => {
  before(() => tfReady());
  beforeEach(() => gl.seed(41));

  it("Conv2d forward and gradients (input, weight, bias) match tf.conv2d (NHWC, HWIO)", () => {
    const conv = new Conv2d(2, 3, 3, { padding: 1, stride: 2 });
    const x = gl.randn([2, 2, 5, 5], { requiresGrad: true });
    const r = gl.randn([2, 3, 3, 3]);
    const y = conv.forward(x);
    gl.sum(gl.mul(y, r)).backward();
    const f = (xt: tf.Tensor, wt: tf.Tensor, bt: tf.Tensor): tf.Tensor =>
      nchw(
        tf.add(
          tf.conv2d(
            tf.pad(nhwc(xt), [
              [0, 0],
              [1, 1],
              [1, 1],
              [0, 0],
            ]) as tf.Tensor4D,
            tf.transpose(wt, [2, 3, 1, 0]) as tf.Tensor4D,
            2,
            "valid",
          ),
          bt,
        ),
      );
    const args = [toTf(x), toTf(conv.weight), toTf(conv.bias!)];
    expectCloseToTf(y, f(args[0], args[1], args[2]));
    const [dx, dw, db] = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(f(a, b, c), toTf(r))))(
      args,
    );
    expectCloseToTf(x.grad!, dx, 1e-3, 1e-4);
    expectCloseToTf(conv.weight.grad!, dw, 1e-3, 1e-4);
    expectCloseToTf(conv.bias!.grad!, db, 1e-3, 1e-4);
  });

  it("MaxPool2d and AvgPool2d match tf.maxPool / tf.avgPool", () => {
    const x = gl.randn([2, 3, 6, 6]);
    expectCloseToTf(new MaxPool2d(2).forward(x), nchw(tf.maxPool(nhwc(toTf(x)) as tf.Tensor4D, 2, 2, "valid")));
    expectCloseToTf(
      new MaxPool2d(3, { stride: 1 }).forward(x),
      nchw(tf.maxPool(nhwc(toTf(x)) as tf.Tensor4D, 3, 1, "valid")),
    );
    expectCloseToTf(new AvgPool2d(3).forward(x), nchw(tf.avgPool(nhwc(toTf(x)) as tf.Tensor4D, 3, 3, "valid")));
    expectCloseToTf(new AdaptiveAvgPool2d(1).forward(x), tf.mean(toTf(x), [2, 3], true));
    expectCloseToTf(new GlobalAvgPool2d().forward(x), tf.mean(toTf(x), [2, 3], true));
  });
});

describe("nn.Conv2d and pooling layers", () => {
  beforeEach(() => gl.seed(42));

  it("Conv2d has PyTorch's default init U(±1/√fanIn), fanIn = Cin/groups·kh·kw", () => {
    const conv = new Conv2d(16, 32, 3);
    const bound = 1 / Math.sqrt(16 * 9);
    expect(conv.weight.shape).to.deep.equal([32, 16, 3, 3]);
    expect(Math.max(...conv.weight.data))
      .to.be.at.most(bound)
      .and.above(0.98 * bound);
    expect(Math.max(...conv.bias!.data.map(Math.abs))).to.be.at.most(bound);
    const grouped = new Conv2d(8, 8, 3, { groups: 4, bias: false, init: "heNormal" });
    expect(grouped.weight.shape).to.deep.equal([8, 2, 3, 3]);
    expect(grouped.bias).to.equal(null);
  });

  it("Conv2d equals gl.conv2d with its parameters, passes gradcheck, and is read by gl.arith", () => {
    const conv = new Conv2d(2, 2, [2, 3], { padding: "same", dilation: 1 });
    const x = gl.randn([1, 2, 4, 4]);
    expectClose(conv.forward(x), gl.conv2d(x, conv.weight, conv.bias, { padding: "same" }));
    expect(gradcheckModule(new Conv2d(2, 2, 2, { stride: 2 }), gl.randn([1, 2, 4, 4])).ok).to.equal(true);
    expect(gradcheckModule(new Conv2d(4, 2, 3, { groups: 2, padding: 1 }), gl.randn([1, 4, 3, 3])).ok).to.equal(true);
    const rows = gl.summary(new gl.nn.Sequential([conv, new MaxPool2d(2)]), [1, 2, 4, 4]).rows;
    expect(rows.map((r) => r.outputShape)).to.deep.include.members([
      [1, 2, 4, 4],
      [1, 2, 2, 2],
    ]);
  });

  it("Conv2d errors teach: groups, channels", () => {
    expect(() => new Conv2d(6, 4, 3, { groups: 4 })).to.throw(gl.ArgumentError, /divid/);
    expect(() => new Conv2d(3, 8, 3).forward(gl.randn([1, 1, 8, 8]))).to.throw(gl.ShapeError, /channel/);
    expect(() => new Conv2d(3, 8, 0)).to.throw(gl.ArgumentError, /kernelSize/);
  });

  it("pooling: stride defaults to the kernel; AdaptiveAvgPool2d needs an even division", () => {
    const x = gl.arange(16).reshape([1, 1, 4, 4]);
    expectClose(new MaxPool2d(2).forward(x), [5, 7, 13, 15]);
    expectClose(new AvgPool2d(2).forward(x), [2.5, 4.5, 10.5, 12.5]);
    expectClose(new AdaptiveAvgPool2d(2).forward(x), [2.5, 4.5, 10.5, 12.5]);
    expect(new MaxPool2d(3, { stride: 2, ceilMode: true }).forward(gl.randn([1, 1, 6, 6])).shape).to.deep.equal([
      1, 1, 3, 3,
    ]);
    expect(() => new AdaptiveAvgPool2d(3).forward(gl.randn([1, 1, 4, 4]))).to.throw(gl.ArgumentError, /divides/);
    const head = new gl.nn.Sequential([new Conv2d(1, 4, 3), new GlobalAvgPool2d(), new gl.nn.Flatten()]);
    expect(gl.summary(head, [2, 1, 6, 6]).rows.map((r) => r.outputShape)).to.deep.include.members([
      [2, 4, 1, 1],
      [2, 4],
    ]);
  });
});
