/**
 * Registers TensorFlow.js's gradient functions, so `tf.grad`/`tf.grads` work in the tests.
 * tfjs-core's Node bundle ships without them; they exist only as ES modules with extensionless
 * imports (`'../ops/conv2d'`), which Node cannot resolve. A small resolve hook adds the ".js",
 * then the gradients load as a second (ES module) copy of tfjs-core that shares the first copy's
 * engine and registries (tfjs keeps both on `globalThis`). Takes ~3 s, once.
 */
import { register } from "node:module";

const hook = `
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    const relative = /^\\.\\.?\\//.test(specifier) && !specifier.endsWith(".js");
    if (relative && e && (e.code === "ERR_MODULE_NOT_FOUND" || e.code === "ERR_UNSUPPORTED_DIR_IMPORT")) return next(specifier + ".js", context);
    throw e;
  }
}`;

let loaded: Promise<void> | null = null;

export function loadTfGradients(): Promise<void> {
  if (!loaded) {
    register("data:text/javascript," + encodeURIComponent(hook));
    // a real dynamic import (TypeScript would turn `import()` into `require` under commonjs)
    const importEsm = new Function("url", "return import(url)") as (url: string) => Promise<unknown>;
    loaded = importEsm(require.resolve("@tensorflow/tfjs-core/dist/register_all_gradients.js"))
      // some gradients call chained methods (x.split(...)), which live on the shared global Tensor class
      .then(() =>
        importEsm(require.resolve("@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js")),
      )
      .then(() => undefined);
  }
  return loaded;
}
