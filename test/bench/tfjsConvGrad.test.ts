/**
 * The bench's trainable tfjs conv (test/helpers/tfjsConv.ts): its custom gradients equal tfjs-cpu's
 * own Conv2D gradients, and it trains on tfjs-backend-wasm, which has no Conv2DBackpropFilter kernel.
 */
import * as path from "path";
import { expect } from "chai";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { tf, tfReady } from "../helpers/tfjs";
import { ConvPad, conv2dTrainable } from "../helpers/tfjsConv";

function expectAllClose(actual: tf.Tensor, expected: tf.Tensor, tol = 1e-4): void {
  expect(actual.shape).to.deep.equal(expected.shape);
  const a = actual.dataSync();
  const e = expected.dataSync();
  for (let i = 0; i < e.length; i++)
    if (Math.abs(a[i] - e[i]) > tol * (1 + Math.abs(e[i]))) expect.fail(`index ${i}: ${a[i]} vs ${e[i]}`);
}

/** Gradients of Σ conv(x, w)·r (r random, so every output position weighs differently) w.r.t. x and w. */
function gradsOf(conv: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D, x: tf.Tensor4D, w: tf.Tensor4D, r: tf.Tensor) {
  return tf.grads((xx: tf.Tensor, ww: tf.Tensor) => tf.sum(tf.mul(conv(xx as tf.Tensor4D, ww as tf.Tensor4D), r)))([
    x,
    w,
  ]);
}

const cases: { title: string; x: [number, number, number, number]; k: [number, number]; out: number; pad: ConvPad }[] =
  [
    { title: "3×3 same, B2 6×5×3 -> 4", x: [2, 6, 5, 3], k: [3, 3], out: 4, pad: "same" },
    { title: "3×3 valid, B3 7×6×2 -> 5", x: [3, 7, 6, 2], k: [3, 3], out: 5, pad: "valid" },
    { title: "2×4 same (uneven padding), B2 5×7×3 -> 2", x: [2, 5, 7, 3], k: [2, 4], out: 2, pad: "same" },
    { title: "5×5 same, B1 8×8×1 -> 3", x: [1, 8, 8, 1], k: [5, 5], out: 3, pad: "same" },
    { title: "4×4 same (uneven padding), B2 6×6×2 -> 3", x: [2, 6, 6, 2], k: [4, 4], out: 3, pad: "same" },
    { title: "2×3 valid, B2 5×6×3 -> 2", x: [2, 5, 6, 3], k: [2, 3], out: 2, pad: "valid" },
  ];

describe("bench: trainable tfjs conv2d (filter gradient by the conv identity)", () => {
  before(() => tfReady());

  for (const c of cases) {
    it(`${c.title}: dx and dW equal tfjs-cpu's Conv2D gradients`, () => {
      tf.tidy(() => {
        const x = tf.randomNormal(c.x, 0, 1, "float32", 1) as tf.Tensor4D;
        const w = tf.randomNormal([c.k[0], c.k[1], c.x[3], c.out], 0, 1, "float32", 2) as tf.Tensor4D;
        const y = tf.conv2d(x, w, 1, c.pad);
        const r = tf.randomNormal(y.shape, 0, 1, "float32", 3);
        expectAllClose(conv2dTrainable(x, w, c.pad), y);
        const [dx, dw] = gradsOf((a, b) => conv2dTrainable(a, b, c.pad), x, w, r);
        const [dxRef, dwRef] = gradsOf((a, b) => tf.conv2d(a, b, 1, c.pad), x, w, r);
        expectAllClose(dx, dxRef);
        expectAllClose(dw, dwRef);
      });
    });
  }

  it("trains on tfjs-backend-wasm (where tf.conv2d's own gradient throws) with the same gradients", async function () {
    this.timeout(60000);
    setWasmPaths(path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm")), path.sep));
    // odd 'same' (conv2d 'same' for dx), even 'same' and 'valid' (explicit padding for dx)
    const configs: { x: [number, number, number, number]; w: [number, number, number, number]; pad: ConvPad }[] = [
      { x: [2, 6, 6, 3], w: [3, 3, 3, 4], pad: "same" },
      { x: [2, 5, 7, 3], w: [2, 4, 3, 2], pad: "same" },
      { x: [2, 6, 5, 2], w: [3, 2, 2, 3], pad: "valid" },
    ];
    const data = configs.map((c, i) =>
      tf.tidy(() => [c.x, c.w].map((s, j) => tf.randomNormal(s, 0, 1, "float32", 4 + 2 * i + j).dataSync())),
    );
    const grads = (i: number) =>
      tf.tidy(() => {
        const c = configs[i];
        const x = tf.tensor4d(data[i][0], c.x);
        const w = tf.tensor4d(data[i][1], c.w);
        const r = tf.tensor(Float32Array.from(tf.conv2d(x, w, 1, c.pad).dataSync(), (_, k) => Math.sin(k)));
        return gradsOf(
          (a, b) => conv2dTrainable(a, b, c.pad),
          x,
          w,
          tf.reshape(r, tf.conv2d(x, w, 1, c.pad).shape),
        ).map((g) => Array.from(g.dataSync()));
      });
    const onCpu = configs.map((_, i) => grads(i));
    try {
      await tf.setBackend("wasm");
      expect(() =>
        tf.tidy(() =>
          tf.grad((w: tf.Tensor) =>
            tf.sum(tf.conv2d(tf.ones(configs[0].x) as tf.Tensor4D, w as tf.Tensor4D, 1, "same")),
          )(tf.ones(configs[0].w)),
        ),
      ).to.throw(/Conv2DBackpropFilter/);
      for (let i = 0; i < configs.length; i++) {
        const onWasm = grads(i);
        for (let g = 0; g < 2; g++) expectAllClose(tf.tensor(onWasm[g]), tf.tensor(onCpu[i][g]));
      }
    } finally {
      await tf.setBackend("cpu");
    }
  });
});
