/**
 * A deep multilayer perceptron built in one call, for experiments on depth (lessons 02–04):
 *   Linear(in, width) → [norm] → act → (Linear(width, width) → [norm] → act) × (depth − 1) → Linear(width, out)
 * With `residual`, each hidden block after the first computes x + act(norm(Linear(x))) instead.
 * The hidden Linear layers are what "layer l" means in the lessons' depth plots.
 */
import { fnArg, int, options } from "../args";
import { BatchNorm1d } from "./norm/batchnorm";
import { InitName, Initializer } from "./init";
import { Linear } from "./linear";
import { Module } from "./module";
import { Residual } from "./residual";
import { Sequential } from "./sequential";

export interface DeepMLPOptions {
  inFeatures: number;
  /** Units in every hidden layer. */
  width: number;
  /** Number of hidden layers (Linear + activation), ≥ 1. */
  depth: number;
  outFeatures: number;
  /** Makes a fresh activation module for each hidden layer, e.g. () => new gl.nn.Tanh(). */
  activation: () => Module;
  /** Initialization of every Linear weight (name or function of the shape); default PyTorch's. */
  init?: InitName | Initializer;
  /** Add BatchNorm1d after each hidden Linear, before the activation (default false). */
  batchNorm?: boolean;
  /** Wrap hidden blocks 2…depth in a residual connection x + f(x) (default false). */
  residual?: boolean;
  /** Biases in the Linear layers (default true). */
  bias?: boolean;
}

/**
 * @example
 * const model = gl.nn.deepMLP({ inFeatures: 2, width: 16, depth: 10, outFeatures: 3, activation: () => new gl.nn.Tanh(), init: "xavierNormal" });
 * model.forward(gl.randn([8, 2])).shape // [8, 3]
 */
export function deepMLP(opts: DeepMLPOptions): Sequential {
  opts = options<typeof opts>("deepMLP", "opts", opts, [
    "inFeatures",
    "width",
    "depth",
    "outFeatures",
    "activation",
    "init",
    "batchNorm",
    "residual",
    "bias",
  ]) as typeof opts;
  const {
    inFeatures,
    width,
    depth,
    outFeatures,
    activation,
    init,
    batchNorm = false,
    residual = false,
    bias = true,
  } = opts;
  // every size is checked here, under the name the learner gave it (not as the Linear's argument)
  const count = (arg: string, v: unknown, what: string): void =>
    void int("nn.deepMLP", arg, v, { min: 1, fix: `'${arg}' is ${what}: a whole number ≥ 1.` });
  count("inFeatures", inFeatures, "the number of input features (columns of X)");
  count("width", width, "the number of units in every hidden layer");
  count("depth", depth, "the number of hidden layers");
  count("outFeatures", outFeatures, "the number of outputs (e.g. classes)");
  fnArg(
    "nn.deepMLP",
    "activation",
    activation,
    "activation: () => new gl.nn.ReLU() (a function, so each layer gets its own module)",
  );
  const layers: Module[] = [];
  for (let l = 0; l < depth; l++) {
    const block: Module[] = [new Linear(l === 0 ? inFeatures : width, width, { init, bias })];
    if (batchNorm) block.push(new BatchNorm1d(width));
    block.push(activation());
    if (residual && l > 0) layers.push(new Residual(new Sequential(block)));
    else layers.push(...block);
  }
  layers.push(new Linear(width, outFeatures, { init, bias }));
  return new Sequential(layers);
}
