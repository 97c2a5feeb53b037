/**
 * TensorFlow.js (tfjs-core on its pure-JS cpu backend) as the independent implementation every
 * op and layer is compared with.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { expect } from "chai";
import { Tensor } from "../../src/tensor/tensor";
import { loadTfGradients } from "./tfjsGradients";

let ready: Promise<void> | null = null;

/** Call in a `before` hook: `before(() => tfReady())` (sets the cpu backend, loads tf.grad's gradients). */
export function tfReady(): Promise<void> {
  tf.env().set("PROD", true); // silences tfjs's "install the node backend" banner
  if (!ready) ready = tf.setBackend("cpu").then(loadTfGradients); // tf.grads needs the gradients
  return ready;
}

/** gradlab tensor -> tfjs tensor (float32). */
export function toTf(x: Tensor): tf.Tensor {
  return tf.tensor(Float32Array.from(x.data), x.shape);
}

/** Asserts that a gradlab tensor matches a tfjs tensor within a relative tolerance. */
export function expectCloseToTf(actual: Tensor, expected: tf.Tensor, rtol = 1e-4, atol = 1e-5): void {
  expect(actual.shape).to.deep.equal(expected.shape);
  const e = expected.dataSync();
  let worst = 0;
  let at = -1;
  for (let i = 0; i < e.length; i++) {
    const err = Math.abs(actual.data[i] - e[i]) - rtol * Math.abs(e[i]);
    if (err > worst) {
      worst = err;
      at = i;
    }
  }
  if (worst > atol) expect.fail(`mismatch at flat index ${at}: gradlab ${actual.data[at]} vs tfjs ${e[at]}`);
}

export { tf };
