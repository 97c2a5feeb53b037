/**
 * Linear CKA (centered kernel alignment, Kornblith et al., 2019): how similar two sets of
 * features of the same n examples are, from 0 (unrelated) to 1 (the same up to rotation and scale).
 * With X (n × p) and Y (n × q) and their Gram matrices K = XXᵀ, L = YYᵀ centered by H = I − 11ᵀ/n:
 *   CKA(X, Y) = ⟨HKH, HLH⟩ / (‖HKH‖ ‖HLH‖) = ‖YcᵀXc‖²_F / (‖XcᵀXc‖_F ‖YcᵀYc‖_F)   (Xc, Yc: column-centered)
 * `layerSimilarity` compares the outputs of the same-named layers of two models (e.g. a pretrained
 * network and its fine-tuned copy) on one batch: which layers changed.
 */
import { moduleArg, options } from "../args";
import { noGrad } from "../autograd/mode";
import { tensorArg } from "../tensor/check";
import { ArgumentError, ShapeError, check, show } from "../errors";
import type { Module } from "../nn/module";
import { matmul } from "../ops/matmul";
import { Tensor } from "../tensor/tensor";

/** The centered Gram matrix H·XXᵀ·H of the rows of X (flattened per example), float64. */
function centeredGram(X: Tensor, fn: string, arg: string): Float64Array {
  check(
    X.rank >= 2 && X.shape[0] >= 2,
    () =>
      new ShapeError({
        fn,
        arg,
        expected: "features of at least 2 examples, shape [n, ...] (one row per example)",
        received: `shape ${show(X.shape)}`,
        fix: "CKA compares how examples relate to each other: pass a batch of several examples, one row each.",
      }),
  );
  const n = X.shape[0];
  const rows = new Tensor(Float64Array.from(X.data), [n, X.size / n]); // float64: sums of many products
  const K = matmul(rows, rows.transpose()).data; // (n, n)
  const rowMean = new Float64Array(n);
  let all = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += K[i * n + j];
    rowMean[i] = s / n;
    all += s;
  }
  all /= n * n;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = K[i * n + j] - rowMean[i] - rowMean[j] + all;
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Linear CKA between two feature sets of the same examples (rows): 1 = same up to a rotation and
 * a scale, near 0 = unrelated.
 * @example
 * gl.seed(0);
 * const X = gl.randn([50, 10]);
 * gl.probe.linearCKA(X, gl.mul(X, 3)) // 1
 * gl.probe.linearCKA(X, gl.randn([50, 10])) < 0.5 // true
 */
export function linearCKA(X: Tensor, Y: Tensor): number {
  const fn = "probe.linearCKA";
  tensorArg(fn, "X", X, { fix: "Pass the features (activations) of a batch, one row per example." });
  tensorArg(fn, "Y", Y, { fix: "Pass the features (activations) of the same batch, one row per example." });
  check(
    X.shape[0] === Y.shape[0],
    () =>
      new ShapeError({
        fn,
        arg: "Y",
        expected: `features of the same ${X.shape[0]} examples as X (shape [${X.shape[0]}, ...])`,
        received: `shape ${show(Y.shape)}`,
        fix: "Run both models (or layers) on the same batch.",
      }),
  );
  const K = centeredGram(X, fn, "X");
  const L = centeredGram(Y, fn, "Y");
  const kk = dot(K, K);
  const ll = dot(L, L);
  return kk > 0 && ll > 0 ? dot(K, L) / Math.sqrt(kk * ll) : 0;
}

/** One row of layerSimilarity: a layer's name and type, and the CKA of its outputs in the two models. */
export interface LayerSimilarity {
  layer: string;
  type: string;
  cka: number;
}

/**
 * Linear CKA between the outputs of the same-named layers of two models on the same input X
 * (both in eval mode, no gradients; modes restored). Layers: every module without children, or
 * the names given.
 * @example
 * gl.seed(1);
 * const a = new gl.nn.Sequential([new gl.nn.Linear(4, 8), new gl.nn.ReLU(), new gl.nn.Linear(8, 2)]);
 * const b = new gl.nn.Sequential([new gl.nn.Linear(4, 8), new gl.nn.ReLU(), new gl.nn.Linear(8, 2)]);
 * b.loadStateDict(a.stateDict());
 * gl.probe.layerSimilarity(a, b, gl.randn([20, 4])).map((r) => r.cka) // [1, 1, 1]
 */
export function layerSimilarity(a: Module, b: Module, X: Tensor, opts: { layers?: string[] } = {}): LayerSimilarity[] {
  const fn = "probe.layerSimilarity";
  moduleArg(fn, "a", a);
  moduleArg(fn, "b", b);
  tensorArg(fn, "X", X, { fix: "Pass a batch of inputs both models take." });
  opts = options<typeof opts>(fn, "opts", opts, ["layers"]);
  check(
    opts.layers === undefined ||
      opts.layers === null ||
      (Array.isArray(opts.layers) && opts.layers.every((n) => typeof n === "string")),
    () =>
      new ArgumentError({
        fn,
        arg: "layers",
        expected: "a list of layer names (as model.namedModules() names them)",
        received: show(opts.layers),
        fix: 'e.g. layers: ["0", "2"]; leave it out for every layer both models have.',
      }),
  );
  const leaves = (m: Module) => new Map(m.namedModules().filter(([, c]) => c.children().length === 0));
  const la = leaves(a);
  const lb = leaves(b);
  const names = opts.layers ?? [...la.keys()].filter((n) => lb.has(n));
  for (const name of names)
    check(
      la.has(name) && lb.has(name),
      () =>
        new ArgumentError({
          fn,
          arg: "layers",
          expected: `names of layers both models have, e.g. ${show([...la.keys()].filter((n) => lb.has(n)).slice(0, 4))}`,
          received: show(name),
          fix: 'Layers are named as model.namedModules() names them: a Sequential\'s layers are "0", "1", ….',
        }),
    );
  const outputs = (model: Module, layers: Map<string, Module>): Map<string, Tensor> => {
    const out = new Map<string, Tensor>();
    const removers = names.map((name) => layers.get(name)!.registerForwardHook((_m, _i, y) => void out.set(name, y)));
    const modes = model.modules().map((m) => m.training);
    try {
      model.eval();
      noGrad(() => model.forward(X));
    } finally {
      removers.forEach((r) => r());
      model.modules().forEach((m, i) => (m.training = modes[i]));
    }
    return out;
  };
  const oa = outputs(a, la);
  const ob = outputs(b, lb);
  return names.map((layer) => ({
    layer,
    type: la.get(layer)!.constructor.name,
    cka: linearCKA(oa.get(layer)!, ob.get(layer)!),
  }));
}
