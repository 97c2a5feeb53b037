/**
 * Makes `tf.grads` work in these tests. tfjs-core's Node bundle (tf-core.node.js) registers no
 * gradients; its `dist/register_all_gradients.js` is an ES module with extension-less imports that
 * Node cannot load. We load that file and what it imports through a require hook that transpiles
 * the ES modules of tfjs-core/dist to CommonJS (TypeScript's transpileModule). The engine and the
 * gradient registry live on a global namespace, so the gradients land where tf-core.node.js
 * looks for them.
 */
import * as path from "path";
import * as ts from "typescript";
import "../helpers/tfjs";

const distDir = path.dirname(require.resolve("@tensorflow/tfjs-core/dist/register_all_gradients.js"));
const nodeBundle = path.join(distDir, "tf-core.node.js");
type Loader = (module: NodeModule & { _compile(code: string, file: string): void }, filename: string) => void;
const extensions = require.extensions as unknown as Record<string, Loader>;
const original = extensions[".js"];

let loaded = false;
if (!loaded) {
  extensions[".js"] = (module, filename) => {
    if (filename.startsWith(distDir) && filename !== nodeBundle) {
      const source = require("fs").readFileSync(filename, "utf8") as string;
      const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
      module._compile(out.outputText, filename);
      return;
    }
    original(module, filename);
  };
  try {
    require(path.join(distDir, "register_all_gradients.js"));
  } finally {
    extensions[".js"] = original;
    loaded = true;
  }
}
