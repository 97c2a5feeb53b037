/** The sweep catalogue, part: nn layers and helpers, init, losses, optimizers and schedulers, and the tensor ops not in spec.ts. */
import * as gl from "../../src";
import { Arg, Entry, Kind, T, a, binary, int, num, op, opts, params, sgd, t, x, name } from "./build";

const bool: Kind = { kind: "bool" };
const any: Kind = { kind: "any" };
const positive = num({ min: 0, minExclusive: true });
const nonNegative = num({ min: 0 });

/** `new gl.nn[cls](...args)` for a constructor entry. */
function ctor(cls: string, args: Arg[]): Entry {
  const C = (gl.nn as unknown as Record<string, new (...v: unknown[]) => unknown>)[cls];
  return { fn: `nn.${cls}`, args, call: (v) => new C(...v) };
}
/** `new gl.nn[cls](...made).forward(x)` for a forward entry. */
function forward(cls: string, xArg: Arg, made: unknown[] = []): Entry {
  const C = (gl.nn as unknown as Record<string, new (...v: unknown[]) => gl.nn.Module>)[cls];
  return { fn: `nn.${cls}.forward`, args: [xArg], call: (v) => new C(...made).forward(v[0] as gl.Tensor) };
}
const anyX = (): Arg => a("x", t(), T(4, 3));

// ---- activation modules: constructor (where it takes arguments) and forward
const activationLayers: Entry[] = [
  ...["ReLU", "ReLU6", "Sigmoid", "Tanh", "Hardtanh", "SELU", "Mish", "Identity"].map((c) => forward(c, anyX())),
  ctor("ELU", [a("alpha", num(), () => 1, true)]),
  forward("ELU", anyX()),
  ctor("GELU", [a("opts", opts({ approximate: name("tanh", "none") }), () => ({ approximate: "tanh" }), true)]),
  forward("GELU", anyX()),
  ctor("SiLU", [a("beta", num(), () => 1, true)]),
  forward("SiLU", anyX()),
  ctor("Swish", [a("beta", num(), () => 2, true)]),
  forward("Swish", anyX()),
  // threshold: Infinity is documented (the formula everywhere)
  ctor("Softplus", [a("opts", opts({ beta: num(), threshold: num({ infinite: true }) }), () => ({ beta: 2 }), true)]),
  forward("Softplus", anyX()),
  // the axis is checked against the input's rank when the layer runs: the entry runs it on [4, 3]
  {
    fn: "nn.Softmax",
    args: [a("axis", int(-2, 1), () => -1, true)],
    call: (v) => new gl.nn.Softmax(v[0] as number).forward(gl.randn([4, 3])),
  },
  forward("Softmax", a("x", t(), T(4, 3)), [-1]),
  {
    fn: "nn.LogSoftmax",
    args: [a("axis", int(-2, 1), () => -1, true)],
    call: (v) => new gl.nn.LogSoftmax(v[0] as number).forward(gl.randn([4, 3])),
  },
  forward("LogSoftmax", a("x", t(), T(4, 3)), [-1]),
  ctor("RReLU", [a("lower", num(), () => 0.1, true), a("upper", num(), () => 0.3, true)]),
  forward("RReLU", anyX()),
  {
    fn: "nn.ElementwiseActivation.f",
    args: [a("x", num(), () => 0.5)],
    call: (v) => new gl.nn.Tanh().f(v[0] as number),
  },
  {
    fn: "nn.ElementwiseActivation.df",
    args: [a("x", num(), () => 0.5)],
    call: (v) => new gl.nn.ELU().df(v[0] as number),
  },
];

// ---- RNN
const rnn: Entry[] = [
  {
    fn: "nn.RNN",
    args: [
      a("inputSize", int(1), () => 3),
      a("hiddenSize", int(1), () => 5),
      a("opts", opts({ batchFirst: bool, bias: bool, nonlinearity: name("tanh", "relu") }), () => ({}), true),
    ],
    call: (v) => new gl.nn.RNN(v[0] as number, v[1] as number, v[2] as never),
  },
  {
    fn: "nn.RNN.forward",
    args: [a("x", t(3), T(7, 2, 3)), a("h0", t(), T(2, 5), true)],
    call: (v) => new gl.nn.RNN(3, 5).forward(v[0] as gl.Tensor, v[1] as gl.Tensor),
  },
];

// ---- other layers and nn helpers
const layers: Entry[] = [
  ctor("AvgPool2d", [
    a("kernelSize", int(1), () => 2),
    a(
      "opts",
      opts({ stride: int(1), padding: int(0), ceilMode: bool, countIncludePad: bool }),
      () => ({ padding: 1 }),
      true,
    ),
  ]),
  forward("AvgPool2d", a("x", t(4), T(1, 2, 6, 6)), [2]),
  forward("GlobalAvgPool2d", a("x", t(4), T(1, 2, 6, 6))),
  {
    fn: "nn.deepMLP",
    args: [
      a(
        "opts",
        opts({
          inFeatures: int(1),
          width: int(1),
          depth: int(1),
          outFeatures: int(1),
          activation: { kind: "fn" },
          init: name(...Object.keys(gl.init.initializers)),
          batchNorm: bool,
          residual: bool,
          bias: bool,
        }),
        () => ({ inFeatures: 2, width: 4, depth: 3, outFeatures: 3, activation: () => new gl.nn.Tanh() }),
      ),
    ],
    call: (v) => gl.nn.deepMLP(v[0] as never),
  },
  {
    fn: "nn.normGroups",
    args: [
      a("kind", name("group", "batch", "layer", "instance"), () => "group"),
      a("shape", { kind: "shape" }, () => [2, 4, 3, 3]),
      a("opts", opts({ numGroups: int(1) }), () => ({ numGroups: 2 }), true),
    ],
    call: (v) => gl.nn.normGroups(v[0] as never, v[1] as number[], v[2] as never),
  },
  {
    fn: "nn.groupStatistics",
    args: [a("x", t(), T(2, 4, 3, 3)), a("groups", any, () => gl.nn.normGroups("layer", [2, 4, 3, 3]))],
    call: (v) => gl.nn.groupStatistics(v[0] as gl.Tensor, v[1] as never),
  },
  {
    fn: "nn.kerasToTorchMomentum",
    args: [a("kerasMomentum", num({ min: 0, max: 1 }), () => 0.99)],
    call: (v) => gl.nn.kerasToTorchMomentum(v[0] as number),
  },
  {
    fn: "nn.Parameter",
    args: [a("value", t(), T(3, 2)), a("name", any, () => "w", true)],
    call: (v) => new gl.nn.Parameter(v[0] as gl.Tensor, v[1] as string),
  },
];

// ---- what a learner calls on any Module (here a Linear)
const lin = (): gl.nn.Linear => new gl.nn.Linear(3, 2);
const moduleMethods: Entry[] = [
  { fn: "nn.Module.parameters", args: [], call: () => lin().parameters() },
  {
    fn: "nn.Module.namedParameters",
    args: [a("prefix", any, () => "fc", true)],
    call: (v) => lin().namedParameters(v[0] as string),
  },
  { fn: "nn.Module.train", args: [a("mode", bool, () => false, true)], call: (v) => lin().train(v[0] as boolean) },
  { fn: "nn.Module.eval", args: [], call: () => lin().eval() },
  {
    fn: "nn.Module.requiresGrad",
    args: [a("value", bool, () => false, true)],
    call: (v) => lin().requiresGrad(v[0] as boolean),
  },
  {
    fn: "nn.Module.loadStateDict",
    args: [a("state", any, () => lin().stateDict()), a("strict", bool, () => true, true)],
    call: (v) => lin().loadStateDict(v[0] as never, v[1] as boolean),
  },
  {
    fn: "nn.Module.registerForwardHook",
    args: [a("hook", { kind: "fn" }, () => () => undefined)],
    call: (v) => {
      const m = lin();
      m.registerForwardHook(v[0] as never);
      return m.forward(gl.randn([4, 3]));
    },
  },
  {
    fn: "nn.Module.registerForwardPreHook",
    args: [a("hook", { kind: "fn" }, () => () => undefined)],
    call: (v) => {
      const m = lin();
      m.registerForwardPreHook(v[0] as never);
      return m.forward(gl.randn([4, 3]));
    },
  },
];

// ---- init
const initEntries: Entry[] = [
  {
    fn: "init.calculateGain",
    args: [
      a(
        "nonlinearity",
        name("leakyRelu", "linear", "conv1d", "conv2d", "conv3d", "sigmoid", "tanh", "relu", "leaky_relu", "selu"),
        () => "leakyRelu",
      ),
      a("param", num(), () => 0.2, true),
    ],
    call: (v) => gl.init.calculateGain(v[0] as never, v[1] as number),
  },
  {
    fn: "init.computeFans",
    args: [a("shape", { kind: "shape" }, () => [8, 3, 5, 5])],
    call: (v) => gl.init.computeFans(v[0] as number[]),
  },
  ...Object.keys(gl.init.initializers).map((n) => ({
    fn: `init.initializers.${n}`,
    args: [a("shape", { kind: "shape" } as Kind, () => [4, 3])],
    call: (v: unknown[]) => (gl.init.initializers as Record<string, (s: unknown) => unknown>)[n](v[0]),
  })),
  {
    fn: "init.orthogonal",
    args: [a("shape", { kind: "shape" }, () => [4, 3]), a("opts", opts({ gain: nonNegative }), () => ({}), true)],
    call: (v) => gl.init.orthogonal(v[0] as number[], v[1] as never),
  },
  {
    fn: "init.resolveInit",
    args: [
      a("init", name("heNormal", ...Object.keys(gl.init.initializers)), () => "heNormal"),
      a("fn", any, () => "Linear"),
    ],
    call: (v) => gl.init.resolveInit(v[0] as never, v[1] as string)([4, 3]),
  },
];

// ---- optimizers, schedulers, clipping
const withGrad = (): gl.Tensor[] => params();
const clipThreshold = num({ min: 0, minExclusive: true, infinite: true });
const optimEntries: Entry[] = [
  {
    fn: "optim.Adagrad",
    args: [
      a("params", { kind: "tensors" }, params),
      a(
        "opts",
        opts({
          lr: nonNegative,
          lrDecay: nonNegative,
          weightDecay: nonNegative,
          initialAccumulatorValue: nonNegative,
          eps: nonNegative,
        }),
        () => ({ lr: 0.01 }),
        true,
      ),
    ],
    call: (v) => new gl.optim.Adagrad(v[0] as gl.Tensor[], v[1] as never).step(),
  },
  {
    fn: "optim.AdamW",
    args: [
      a("params", { kind: "tensors" }, params),
      a(
        "opts",
        opts({ lr: nonNegative, eps: positive, weightDecay: nonNegative, amsgrad: bool, betas: any }),
        () => ({ lr: 0.01 }),
        true,
      ),
    ],
    call: (v) => new gl.optim.AdamW(v[0] as gl.Tensor[], v[1] as never).step(),
  },
  {
    fn: "optim.Optimizer",
    args: [a("params", { kind: "tensors" }, params), a("opts", opts({ lr: nonNegative }), () => ({ lr: 0.1 }))],
    call: (v) => new gl.optim.SGD(v[0] as gl.Tensor[], v[1] as never),
  },
  {
    fn: "optim.Optimizer.step",
    args: [],
    call: () => {
      const o = sgd();
      o.step();
      return o.paramGroups[0].params[0];
    },
  },
  {
    fn: "optim.Optimizer.zeroGrad",
    args: [],
    call: () => sgd().zeroGrad(),
  },
  {
    fn: "optim.LinearWarmup",
    args: [
      a("optimizer", any, sgd),
      a("opts", opts({ warmupSteps: int(1), startFactor: num({ min: 0, minExclusive: true, max: 1 }) }), () => ({
        warmupSteps: 3,
        startFactor: 0.5,
      })),
    ],
    call: (v) => {
      const s = new gl.optim.LinearWarmup(v[0] as never, v[1] as never);
      s.step();
      return s.getLastLr();
    },
  },
  {
    fn: "optim.LRScheduler",
    args: [a("optimizer", any, sgd)],
    call: (v) => new gl.optim.ExponentialLR(v[0] as never, { gamma: 0.9 }).getLastLr(),
  },
  {
    fn: "optim.LRScheduler.step",
    args: [],
    call: () => {
      const s = new gl.optim.StepLR(sgd(), { stepSize: 1 });
      s.step();
      return s.getLastLr();
    },
  },
  {
    fn: "optim.LRScheduler.preview",
    args: [a("n", int(0), () => 5)],
    call: (v) => new gl.optim.StepLR(sgd(), { stepSize: 2 }).preview(v[0] as number),
  },
  {
    fn: "optim.checkFinite",
    args: [
      a("target", any, () => new gl.nn.Linear(2, 1)),
      a(
        "opts",
        opts({ step: int(0), loss: { kind: "tensorLike" }, grads: bool, params: bool }),
        () => ({ step: 3, loss: 0.5 }),
        true,
      ),
    ],
    call: (v) => gl.optim.checkFinite(v[0] as never, v[1] as never),
  },
  {
    fn: "optim.clipGradNormPerTensor",
    // Infinity is a documented threshold: it clips nothing (as for clipGradNorm)
    args: [a("params", { kind: "tensors" }, withGrad), a("maxNorm", clipThreshold, () => 1)],
    call: (v) => gl.optim.clipGradNormPerTensor(v[0] as gl.Tensor[], v[1] as number),
  },
  {
    fn: "optim.compareClipping",
    args: [
      a("params", { kind: "tensors" }, withGrad),
      a("opts", opts({ maxNorm: clipThreshold, clipValue: clipThreshold }), () => ({ maxNorm: 1, clipValue: 0.5 })),
    ],
    call: (v) => gl.optim.compareClipping(v[0] as gl.Tensor[], v[1] as never),
  },
  {
    fn: "optim.gradNorm",
    args: [
      a("params", { kind: "tensors" }, withGrad),
      a("normType", num({ min: 0, minExclusive: true, infinite: true }), () => 2, true),
    ],
    call: (v) => gl.optim.gradNorm(v[0] as gl.Tensor[], v[1] as number),
  },
  {
    fn: "optim.gradientAngle",
    args: [
      a("a", { kind: "tensors" }, () => [gl.randn([3, 2])]),
      a("b", { kind: "tensors" }, () => [gl.randn([3, 2])]),
    ],
    call: (v) => gl.optim.gradientAngle(v[0] as gl.Tensor[], v[1] as gl.Tensor[]),
  },
];

// ---- tensor ops, losses, autograd and backends
const leaf = (): gl.Tensor => gl.randn([3], { requiresGrad: true });
const opEntries: Entry[] = [
  {
    fn: "activationCost",
    args: [
      a("name", name("leakyRelu", ...Object.keys(gl.activations)), () => "leakyRelu"),
      a(
        "opts",
        opts({ size: int(1), repeats: int(1), param: num() }),
        () => ({ size: 16, repeats: 1, param: 0.1 }),
        true,
      ),
    ],
    call: (v) => gl.activationCost(v[0] as never, v[1] as never),
  },
  {
    fn: "activationProperties",
    args: [a("name", name("elu", ...Object.keys(gl.activations)), () => "elu"), a("param", num(), () => 1, true)],
    call: (v) => gl.activationProperties(v[0] as never, v[1] as number),
  },
  op("argmin", [x([2, 3]), a("axis", int(-2, 1), () => 1, true), a("keepDims", bool, () => false, true)]),
  op("asTensor", [
    a("x", { kind: "tensorLike" }, () => 3),
    a("dtype", name("float32", "float64"), () => "float32", true),
  ]),
  { fn: "availableBackends", args: [], call: () => gl.availableBackends() },
  { fn: "backend", args: [], call: () => gl.backend() },
  {
    fn: "setBackend",
    args: [a("name", name("auto", "reference", "cpu"), () => "auto")],
    call: (v) => gl.setBackend(v[0] as never),
  },
  op("enableGrad", [a("fn", { kind: "fn" }, () => () => gl.mul(leaf(), 2))]),
  ...["ge", "le", "ne"].map(binary),
  op("gelu", [
    x([2, 3]),
    a("opts", opts({ approximate: name("tanh", "none") }), () => ({ approximate: "tanh" }), true),
  ]),
  op("hardtanh", [x([2, 3]), a("minVal", num(), () => -0.5, true), a("maxVal", num(), () => 0.5, true)]),
  op("indexSelect", [x([3, 2]), a("axis", int(-2, 1), () => 0), a("indices", t(1), () => gl.tensor([2, 0]))]),
  {
    fn: "linalg.svdvals",
    args: [a("a", t(2), T(3, 2))],
    call: (v) => gl.linalg.svdvals(v[0] as gl.Tensor),
  },
  {
    fn: "loss.l1Penalty",
    args: [a("params", { kind: "tensors" }, () => [gl.randn([3])])],
    call: (v) => gl.loss.l1Penalty(v[0] as gl.Tensor[]),
  },
  op("pad", [
    x([2, 3]),
    a("padding", { kind: "shape" }, () => [1, 2]),
    // ±Infinity are documented fill values (−Infinity before a max)
    a(
      "opts",
      opts({ value: num({ infinite: true }), mode: name("reflect", "constant", "replicate", "circular") }),
      () => ({ value: 0 }),
      true,
    ),
  ]),
  op("silu", [x([2, 3]), a("beta", num(), () => 1, true)]),
  op("softplus", [
    x([2, 3]),
    a("opts", opts({ beta: num(), threshold: num({ infinite: true }) }), () => ({ beta: 1 }), true),
  ]),
  op("slice", [x([2, 3]), a("ranges", any, () => [null, [1]])]),
  {
    fn: "traceGraph",
    args: [a("root", t(), () => gl.sum(gl.mul(leaf(), 2))), a("names", any, () => ({}), true)],
    call: (v) => gl.traceGraph(v[0] as gl.Tensor, v[1] as never),
  },
  {
    fn: "traceTable",
    args: [
      a("trace", any, () => gl.traceGraph(gl.sum(gl.mul(leaf(), 2)))),
      a("kind", name("nodes", "edges"), () => "nodes", true),
    ],
    call: (v) => gl.traceTable(v[0] as never, v[1] as never),
  },
];

export const modelEntries: Entry[] = [
  ...activationLayers,
  ...rnn,
  ...layers,
  ...moduleMethods,
  ...initEntries,
  ...optimEntries,
  ...opEntries,
];
