/**
 * TensorFlow.js (tfjs-core on its pure-JS cpu backend) as the independent implementation every
 * op and layer is compared with.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { expect } from "chai";
import { register } from "node:module";
import { Tensor } from "../../src/tensor/tensor";

let ready: Promise<void> | null = null;

/**
 * tfjs-core's CommonJS bundle registers no gradients (tf.grad fails with "gradient function not
 * found"); they ship only as ES modules whose imports omit ".js". This loads them through a
 * resolve hook that adds the extension, once. The registries are global, so the CommonJS `tf`
 * sees them.
 */
async function registerTfGradients(): Promise<void> {
  const hook = `export async function resolve(specifier, context, next) {
    try { return await next(specifier, context); } catch (e) {
      const inCore = (context.parentURL || "").includes("/@tensorflow/tfjs-core/dist/") && /^\\.\\.?\\//.test(specifier);
      if (!inCore) throw e;
      try { return await next(specifier + ".js", context); } catch { return next(specifier + "/index.js", context); }
    }
  }`;
  register("data:text/javascript," + encodeURIComponent(hook));
  // a real import() (TypeScript would turn a literal one into require, which cannot load ES modules)
  const nativeImport = new Function("s", "return import(s)") as (s: string) => Promise<unknown>;
  await nativeImport("@tensorflow/tfjs-core/dist/register_all_gradients.js");
  // some gradients call chained methods (x.split(...)), which live on the shared global Tensor class
  await nativeImport("@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js");
}

/** Call in a `before` hook: `before(() => tfReady())`. Loads the cpu backend and the gradients. */
export function tfReady(): Promise<void> {
  if (!ready) ready = registerTfGradients().then(() => tf.setBackend("cpu")).then(() => undefined);
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
