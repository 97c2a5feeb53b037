/**
 * The bad-input sweep's catalogue: every public entry point a learner calls, with one valid call
 * and a description of each argument, so the sweep can turn one argument at a time into a
 * learner's mistake (null, undefined, NaN, ±Infinity, negative, zero, fractional, huge, wrong
 * type, wrong rank, a misspelled option key) and see what gradlab answers.
 */
import * as gl from "../../src";

import {
  Entry,
  Kind,
  T,
  a,
  activationNames,
  axes,
  binary,
  createOpts,
  data2,
  int,
  layerList,
  mlp,
  num,
  op,
  opts,
  params,
  sgd,
  shapeArg,
  t,
  unary,
  x,
  name,
  numbers,
} from "./build";
import { modelEntries } from "./spec-models";
import { analysisEntries } from "./spec-analysis";
import { dataEntries } from "./spec-data";
import { plotEntries } from "./spec-plot";

export type { Arg, Entry, Kind } from "./build";

const core: Entry[] = [
  // ---- creation
  op("tensor", [
    a("data", { kind: "any" }, () => [1, 2, 3, 4, 5, 6]),
    a("shape", { kind: "shape" }, () => [2, 3], true),
    a("opts", opts(createOpts), () => ({}), true),
  ]),
  op("zeros", [shapeArg, a("opts", opts(createOpts), () => ({}), true)]),
  op("ones", [shapeArg, a("opts", opts(createOpts), () => ({}), true)]),
  op("full", [shapeArg, a("value", num(), () => 7), a("opts", opts(createOpts), () => ({}), true)]),
  op("randn", [
    shapeArg,
    a("opts", opts({ ...createOpts, mean: num(), std: num({ min: 0 }) }), () => ({ mean: 0, std: 1 }), true),
  ]),
  op("rand", [
    shapeArg,
    a("opts", opts({ ...createOpts, low: num(), high: num() }), () => ({ low: 0, high: 1 }), true),
  ]),
  op("arange", [a("start", num(), () => 0), a("end", num(), () => 5, true), a("step", num(), () => 1, true)]),
  op("linspace", [a("a", num(), () => 0), a("b", num(), () => 1), a("n", int(1), () => 5)]),
  op("eye", [a("n", int(1), () => 3), a("m", int(1), () => 3, true)]),
  op("zerosLike", [x([2, 3])]),
  op("onesLike", [x([2, 3])]),
  op("fullLike", [x([2, 3]), a("value", num(), () => 2)]),
  op("randnLike", [x([2, 3])]),
  op("randLike", [x([2, 3])]),
  op("oneHot", [a("indices", t(), () => gl.tensor([0, 2, 1])), a("numClasses", int(1), () => 3, true)]),
  // ---- elementwise and math
  op("neg", [a("a", t(), T(2, 3))]),
  ...["exp", "sqrt", "square", "abs", "sign"].map(unary),
  op("log", [a("x", t(), () => gl.rand([2, 3], { low: 0.5, high: 1 }))]),
  op("clamp", [x([2, 3]), a("min", num(), () => -1, true), a("max", num(), () => 1, true)]),
  ...["add", "sub", "mul", "maximum", "minimum"].map(binary),
  op("div", [a("a", { kind: "tensorLike" }, T(2, 3)), a("b", { kind: "tensorLike" }, () => gl.full([2, 3], 2))]),
  op("pow", [a("a", { kind: "tensorLike" }, () => gl.rand([2, 3])), a("b", { kind: "tensorLike" }, () => 2)]),
  op("where", [
    a("cond", t(), () => gl.gt(gl.randn([2, 3]), 0)),
    a("a", { kind: "tensorLike" }, T(2, 3)),
    a("b", { kind: "tensorLike" }, T(2, 3)),
  ]),
  ...["eq", "lt", "gt"].map(binary),
  ...activationNames.map(unary),
  op("leakyRelu", [x([2, 3]), a("alpha", num(), () => 0.01, true)]),
  op("elu", [x([2, 3]), a("alpha", num(), () => 1, true)]),
  op("softmax", [x([2, 3]), a("axis", int(-2, 1), () => -1, true)]),
  op("logSoftmax", [x([2, 3]), a("axis", int(-2, 1), () => -1, true)]),
  // ---- reductions and statistics
  ...["sum", "mean", "max", "min", "logsumexp"].map((n) =>
    op(n, [x([2, 3]), axes(), a("keepDims", { kind: "bool" }, () => false, true)]),
  ),
  op("argmax", [x([2, 3]), a("axis", int(-2, 1), () => 1, true)]),
  op("variance", [
    x([2, 3]),
    axes(),
    a("opts", opts({ unbiased: { kind: "bool" }, keepDims: { kind: "bool" } }), () => ({}), true),
  ]),
  op("std", [
    x([2, 3]),
    axes(),
    a("opts", opts({ unbiased: { kind: "bool" }, keepDims: { kind: "bool" } }), () => ({}), true),
  ]),
  op("norm", [x([2, 3]), a("p", num({ min: 0, minExclusive: true, infinite: true }), () => 2, true)]),
  // ---- shapes
  op("reshape", [x([2, 3]), a("shape", { kind: "shape" }, () => [3, 2])]),
  op("permute", [x([2, 3]), a("dims", { kind: "any" }, () => [1, 0])]),
  op("transpose", [x([2, 3], 2), a("dim0", int(-2, 1), () => 0, true), a("dim1", int(-2, 1), () => 1, true)]),
  op("flatten", [x([2, 3, 4]), a("startDim", int(-3, 2), () => 1, true)]),
  op("unsqueeze", [x([2, 3]), a("dim", int(-3, 2), () => 0)]),
  op("squeeze", [a("x", t(), T(1, 3)), a("dim", int(-2, 1), () => 0, true)]),
  op("broadcastTo", [a("x", t(), T(3)), a("shape", { kind: "shape" }, () => [2, 3])]),
  op("narrow", [
    x([4, 3]),
    a("axis", int(-2, 1), () => 0),
    a("start", int(0, 3), () => 1),
    a("length", int(0, 3), () => 2),
  ]),
  op("select", [x([4, 3]), a("axis", int(-2, 1), () => 0), a("index", int(-4, 3), () => 1)]),
  op("concat", [
    a("tensors", { kind: "tensors" }, () => [gl.randn([2, 3]), gl.randn([1, 3])]),
    a("axis", int(-2, 1), () => 0, true),
  ]),
  op("stack", [
    a("tensors", { kind: "tensors" }, () => [gl.randn([2, 3]), gl.randn([2, 3])]),
    a("axis", int(-3, 2), () => 0, true),
  ]),
  op("gather", [x([4, 3]), a("axis", int(-2, 1), () => 1), a("indices", t(), () => gl.tensor([[0], [1], [2], [0]]))]),
  // ---- linear algebra, conv, pooling
  op("matmul", [a("a", t(), T(2, 3)), a("b", t(), T(3, 4))]),
  op("linear", [a("x", t(2), T(4, 3)), a("weight", t(2), T(5, 3)), a("bias", t(1), T(5), true)]),
  op("conv2d", [
    a("x", t(4), T(1, 2, 6, 6)),
    a("weight", t(4), T(3, 2, 3, 3)),
    a("bias", t(1), T(3), true),
    a(
      "opts",
      opts({ stride: int(1), padding: int(0), dilation: int(1), groups: int(1) }),
      () => ({ stride: 1, padding: 1 }),
      true,
    ),
  ]),
  op("maxPool2d", [
    a("x", t(4), T(1, 2, 6, 6)),
    a("opts", opts({ kernelSize: int(1), stride: int(1), padding: int(0), ceilMode: { kind: "bool" } }), () => ({
      kernelSize: 2,
    })),
  ]),
  op("avgPool2d", [
    a("x", t(4), T(1, 2, 6, 6)),
    a("opts", opts({ kernelSize: int(1), stride: int(1), padding: int(0), ceilMode: { kind: "bool" } }), () => ({
      kernelSize: 2,
    })),
  ]),
  op("globalAvgPool2d", [a("x", t(4), T(1, 2, 6, 6))]),
  // ---- autograd
  op("gradcheck", [
    a("fn", { kind: "fn" }, () => (v: gl.Tensor) => gl.sum(gl.mul(v, v))),
    a("inputs", { kind: "tensors" }, () => [gl.randn([3], { dtype: "float64", requiresGrad: true })]),
    a(
      "opts",
      opts({ eps: num({ min: 0, minExclusive: true }), tol: num({ min: 0 }), maxElements: int(1) }),
      () => ({}),
      true,
    ),
  ]),
  op("noGrad", [a("fn", { kind: "fn" }, () => () => 1)]),
  op("customOp", [
    a("name", { kind: "any" }, () => "double"),
    a("spec", { kind: "any" }, () => ({
      forward: (v: gl.Tensor) => gl.mul(v, 2),
      backward: (_i: gl.Tensor[], dy: gl.Tensor) => [gl.mul(dy, 2)],
    })),
  ]),
  op("seed", [a("seed", int(0, 2 ** 32 - 1), () => 1)]),
  // ---- nn constructors and forward
  {
    fn: "nn.Linear",
    args: [
      a("inFeatures", int(1), () => 3),
      a("outFeatures", int(1), () => 2),
      a("opts", opts({ bias: { kind: "bool" }, init: { kind: "any" } }), () => ({}), true),
    ],
    call: (v) => new gl.nn.Linear(v[0] as number, v[1] as number, v[2] as never),
  },
  {
    fn: "nn.Linear.forward",
    args: [a("x", t(), T(4, 3))],
    call: (v) => new gl.nn.Linear(3, 2).forward(v[0] as gl.Tensor),
  },
  {
    fn: "nn.Conv2d",
    args: [
      a("inChannels", int(1), () => 2),
      a("outChannels", int(1), () => 3),
      a("kernelSize", int(1), () => 3),
      a(
        "opts",
        opts({ stride: int(1), padding: int(0), dilation: int(1), groups: int(1), bias: { kind: "bool" } }),
        () => ({}),
        true,
      ),
    ],
    call: (v) => new gl.nn.Conv2d(v[0] as number, v[1] as number, v[2] as number, v[3] as never),
  },
  {
    fn: "nn.Conv2d.forward",
    args: [a("x", t(4), T(1, 2, 6, 6))],
    call: (v) => new gl.nn.Conv2d(2, 3, 3).forward(v[0] as gl.Tensor),
  },
  {
    fn: "nn.BatchNorm1d",
    args: [
      a("numFeatures", int(1), () => 3),
      a(
        "opts",
        opts({ eps: num({ min: 0, minExclusive: true }), momentum: num({ min: 0, max: 1 }), affine: { kind: "bool" } }),
        () => ({}),
        true,
      ),
    ],
    call: (v) => new gl.nn.BatchNorm1d(v[0] as number, v[1] as never),
  },
  {
    fn: "nn.BatchNorm1d.forward",
    args: [a("x", t(2), T(4, 3))],
    call: (v) => new gl.nn.BatchNorm1d(3).forward(v[0] as gl.Tensor),
  },
  {
    fn: "nn.BatchNorm2d.forward",
    args: [a("x", t(4), T(2, 3, 4, 4))],
    call: (v) => new gl.nn.BatchNorm2d(3).forward(v[0] as gl.Tensor),
  },
  {
    fn: "nn.LayerNorm",
    args: [
      a("normalizedShape", int(1), () => 3),
      a(
        "opts",
        opts({ eps: num({ min: 0, minExclusive: true }), elementwiseAffine: { kind: "bool" } }),
        () => ({}),
        true,
      ),
    ],
    call: (v) => new gl.nn.LayerNorm(v[0] as number, v[1] as never),
  },
  {
    fn: "nn.LayerNorm.forward",
    args: [a("x", t(), T(4, 3))],
    call: (v) => new gl.nn.LayerNorm(3).forward(v[0] as gl.Tensor),
  },
  {
    fn: "nn.GroupNorm",
    args: [
      a("numGroups", int(1), () => 2),
      a("numChannels", int(1), () => 4),
      a("opts", opts({ eps: num({ min: 0, minExclusive: true }), affine: { kind: "bool" } }), () => ({}), true),
    ],
    call: (v) => new gl.nn.GroupNorm(v[0] as number, v[1] as number, v[2] as never),
  },
  {
    fn: "nn.GroupNorm.forward",
    args: [a("x", t(4), T(2, 4, 3, 3))],
    call: (v) => new gl.nn.GroupNorm(2, 4).forward(v[0] as gl.Tensor),
  },
  {
    fn: "nn.InstanceNorm2d.forward",
    args: [a("x", t(4), T(2, 3, 4, 4))],
    call: (v) => new gl.nn.InstanceNorm2d(3).forward(v[0] as gl.Tensor),
  },
  {
    fn: "nn.Dropout",
    args: [a("p", num({ min: 0, max: 1 }), () => 0.5, true)],
    call: (v) => new gl.nn.Dropout(v[0] as number),
  },
  {
    fn: "nn.Dropout.forward",
    args: [a("x", t(), T(4, 3))],
    call: (v) => new gl.nn.Dropout(0.5).forward(v[0] as gl.Tensor),
  },
  {
    fn: "nn.MaxPool2d",
    args: [
      a("kernelSize", int(1), () => 2),
      a("opts", opts({ stride: int(1), padding: int(0), ceilMode: { kind: "bool" } }), () => ({}), true),
    ],
    call: (v) => new gl.nn.MaxPool2d(v[0] as number, v[1] as never),
  },
  {
    fn: "nn.MaxPool2d.forward",
    args: [a("x", t(4), T(1, 2, 6, 6))],
    call: (v) => new gl.nn.MaxPool2d(2).forward(v[0] as gl.Tensor),
  },
  {
    fn: "nn.AdaptiveAvgPool2d.forward",
    args: [a("x", t(4), T(1, 2, 6, 6))],
    call: (v) => new gl.nn.AdaptiveAvgPool2d(1).forward(v[0] as gl.Tensor),
  },
  {
    fn: "nn.Flatten.forward",
    args: [a("x", t(), T(2, 3, 4))],
    call: (v) => new gl.nn.Flatten().forward(v[0] as gl.Tensor),
  },
  {
    fn: "nn.Sequential",
    args: [a("layers", { kind: "any" }, () => [new gl.nn.Linear(2, 2)])],
    call: (v) => new gl.nn.Sequential(v[0] as never),
  },
  { fn: "nn.Sequential.forward", args: [a("x", t(), T(4, 2))], call: (v) => mlp().forward(v[0] as gl.Tensor) },
  {
    fn: "nn.Residual",
    args: [a("fn", { kind: "module" }, () => new gl.nn.Linear(2, 2))],
    call: (v) => new gl.nn.Residual(v[0] as never),
  },
  { fn: "nn.LeakyReLU", args: [a("alpha", num(), () => 0.01, true)], call: (v) => new gl.nn.LeakyReLU(v[0] as number) },
  { fn: "nn.PReLU.forward", args: [a("x", t(), T(4, 3))], call: (v) => new gl.nn.PReLU().forward(v[0] as gl.Tensor) },
  {
    fn: "nn.Maxout",
    args: [a("inFeatures", int(1), () => 4), a("outFeatures", int(1), () => 3), a("k", int(1), () => 2)],
    call: (v) => new gl.nn.Maxout(v[0] as number, v[1] as number, v[2] as number),
  },
  {
    fn: "nn.Maxout.forward",
    args: [a("x", t(2), T(5, 4))],
    call: (v) => new gl.nn.Maxout(4, 3, 2).forward(v[0] as gl.Tensor),
  },
  // ---- init
  ...["xavierNormal", "xavierUniform", "heNormal", "heUniform", "lecunNormal", "lecunUniform", "zeros"].map((n) => ({
    fn: `init.${n}`,
    args: [a("shape", { kind: "shape" } as Kind, () => [4, 3])],
    call: (v: unknown[]) => (gl.init as unknown as Record<string, (s: unknown) => unknown>)[n](v[0]),
  })),
  {
    fn: "init.normal",
    args: [
      a("shape", { kind: "shape" }, () => [4, 3]),
      a("std", num({ min: 0 }), () => 1, true),
      a("mean", num(), () => 0, true),
    ],
    call: (v) => gl.init.normal(v[0] as number[], v[1] as number, v[2] as number),
  },
  {
    fn: "init.uniform",
    args: [a("shape", { kind: "shape" }, () => [4, 3]), a("a", num(), () => -1, true), a("b", num(), () => 1, true)],
    call: (v) => gl.init.uniform(v[0] as number[], v[1] as number, v[2] as number),
  },
  {
    fn: "init.constant",
    args: [a("shape", { kind: "shape" }, () => [4, 3]), a("value", num(), () => 0.5)],
    call: (v) => gl.init.constant(v[0] as number[], v[1] as number),
  },
  // ---- losses
  {
    fn: "loss.crossEntropy",
    args: [
      a("logits", t(2), T(4, 3)),
      a("target", t(), () => gl.tensor([0, 1, 2, 1])),
      a("opts", opts({ reduction: { kind: "any" }, labelSmoothing: num({ min: 0, max: 1 }) }), () => ({}), true),
    ],
    call: (v) => gl.loss.crossEntropy(v[0] as gl.Tensor, v[1] as gl.Tensor, v[2] as never),
  },
  {
    fn: "loss.nllLoss",
    args: [a("logProbs", t(2), () => gl.logSoftmax(gl.randn([4, 3]))), a("target", t(), () => gl.tensor([0, 1, 2, 1]))],
    call: (v) => gl.loss.nllLoss(v[0] as gl.Tensor, v[1] as gl.Tensor),
  },
  ...["mse", "l1", "binaryCrossEntropyWithLogits"].map((n) => ({
    fn: `loss.${n}`,
    args: [
      a(n === "binaryCrossEntropyWithLogits" ? "logits" : "yHat", t(), T(4, 1)),
      a("y", t(), () => gl.tensor([[0], [1], [1], [0]])),
      a("opts", opts({ reduction: { kind: "any" } }), () => ({}), true),
    ],
    call: (v: unknown[]) => (gl.loss as unknown as Record<string, (...s: unknown[]) => unknown>)[n](...v),
  })),
  {
    fn: "loss.huber",
    args: [
      a("yHat", t(), T(4, 1)),
      a("y", t(), T(4, 1)),
      a("opts", opts({ reduction: { kind: "any" }, delta: num({ min: 0, minExclusive: true }) }), () => ({}), true),
    ],
    call: (v) => gl.loss.huber(v[0] as gl.Tensor, v[1] as gl.Tensor, v[2] as never),
  },
  {
    fn: "loss.binaryCrossEntropy",
    args: [
      a("p", t(), () => gl.rand([4, 1], { low: 0.1, high: 0.9 })),
      a("y", t(), () => gl.tensor([[0], [1], [1], [0]])),
    ],
    call: (v) => gl.loss.binaryCrossEntropy(v[0] as gl.Tensor, v[1] as gl.Tensor),
  },
  {
    fn: "loss.l2Penalty",
    args: [a("params", { kind: "tensors" }, () => [gl.randn([3])])],
    call: (v) => gl.loss.l2Penalty(v[0] as gl.Tensor[]),
  },
  // ---- optimizers, schedulers, clipping
  {
    fn: "optim.SGD",
    args: [
      a("params", { kind: "tensors" }, params),
      a(
        "opts",
        opts({
          lr: num({ min: 0 }),
          momentum: num({ min: 0, max: 1 }),
          dampening: num({ min: 0, max: 1 }),
          weightDecay: num({ min: 0 }),
          nesterov: { kind: "bool" },
        }),
        () => ({ lr: 0.1, momentum: 0.9 }),
      ),
    ],
    call: (v) => new gl.optim.SGD(v[0] as gl.Tensor[], v[1] as never).step(),
  },
  {
    fn: "optim.Adam",
    args: [
      a("params", { kind: "tensors" }, params),
      a(
        "opts",
        opts({
          lr: num({ min: 0 }),
          eps: num({ min: 0, minExclusive: true }),
          weightDecay: num({ min: 0 }),
          amsgrad: { kind: "bool" },
        }),
        () => ({ lr: 0.01 }),
        true,
      ),
    ],
    call: (v) => new gl.optim.Adam(v[0] as gl.Tensor[], v[1] as never).step(),
  },
  {
    fn: "optim.RMSProp",
    args: [
      a("params", { kind: "tensors" }, params),
      a(
        "opts",
        opts({ lr: num({ min: 0 }), alpha: num({ min: 0, max: 1 }), eps: num({ min: 0, minExclusive: true }) }),
        () => ({ lr: 0.01 }),
        true,
      ),
    ],
    call: (v) => new gl.optim.RMSProp(v[0] as gl.Tensor[], v[1] as never).step(),
  },
  {
    fn: "optim.StepLR",
    args: [
      a("optimizer", { kind: "any" }, sgd),
      a("opts", opts({ stepSize: int(1), gamma: num({ min: 0, minExclusive: true }) }), () => ({
        stepSize: 2,
        gamma: 0.5,
      })),
    ],
    call: (v) => {
      const s = new gl.optim.StepLR(v[0] as never, v[1] as never);
      s.step();
      s.step();
      return s.getLastLr();
    },
  },
  {
    fn: "optim.ExponentialLR",
    args: [
      a("optimizer", { kind: "any" }, sgd),
      a("opts", opts({ gamma: num({ min: 0, minExclusive: true }) }), () => ({ gamma: 0.9 })),
    ],
    call: (v) => {
      const s = new gl.optim.ExponentialLR(v[0] as never, v[1] as never);
      s.step();
      return s.getLastLr();
    },
  },
  {
    fn: "optim.CosineAnnealingLR",
    args: [
      a("optimizer", { kind: "any" }, sgd),
      a("opts", opts({ tMax: int(1), etaMin: num({ min: 0 }) }), () => ({ tMax: 10 })),
    ],
    call: (v) => {
      const s = new gl.optim.CosineAnnealingLR(v[0] as never, v[1] as never);
      s.step();
      return s.getLastLr();
    },
  },
  {
    fn: "optim.OneCycleLR",
    args: [
      a("optimizer", { kind: "any" }, sgd),
      a(
        "opts",
        opts({
          maxLr: num({ min: 0, minExclusive: true }),
          totalSteps: int(1),
          divFactor: num({ min: 0, minExclusive: true }),
        }),
        () => ({ maxLr: 0.1, totalSteps: 10 }),
      ),
    ],
    call: (v) => {
      const s = new gl.optim.OneCycleLR(v[0] as never, v[1] as never);
      s.step();
      return s.getLastLr();
    },
  },
  {
    fn: "optim.clipGradNorm",
    args: [a("params", { kind: "tensors" }, params), a("maxNorm", num({ min: 0, minExclusive: true }), () => 1)],
    call: (v) => gl.optim.clipGradNorm(v[0] as gl.Tensor[], v[1] as number),
  },
  {
    fn: "optim.clipGradValue",
    args: [a("params", { kind: "tensors" }, params), a("clipValue", num({ min: 0, minExclusive: true }), () => 1)],
    call: (v) => gl.optim.clipGradValue(v[0] as gl.Tensor[], v[1] as number),
  },
  // ---- arithmetic formulas
  {
    fn: "arith.convOutputSize",
    args: [
      a(
        "opts",
        opts({ inputSize: int(1), kernelSize: int(1), stride: int(1), padding: int(0), dilation: int(1) }),
        () => ({ inputSize: 28, kernelSize: 3 }),
      ),
    ],
    call: (v) => gl.arith.convOutputSize(v[0] as never),
  },
  {
    fn: "arith.poolOutputSize",
    args: [
      a(
        "opts",
        opts({ inputSize: int(1), kernelSize: int(1), stride: int(1), padding: int(0), ceilMode: { kind: "bool" } }),
        () => ({ inputSize: 28, kernelSize: 2 }),
      ),
    ],
    call: (v) => gl.arith.poolOutputSize(v[0] as never),
  },
  {
    fn: "arith.convParams",
    args: [
      a("opts", opts({ inChannels: int(1), outChannels: int(1), kernelSize: int(1), bias: { kind: "bool" } }), () => ({
        inChannels: 3,
        outChannels: 8,
        kernelSize: 3,
      })),
    ],
    call: (v) => gl.arith.convParams(v[0] as never),
  },
  {
    fn: "arith.linearParams",
    args: [
      a("opts", opts({ inFeatures: int(1), outFeatures: int(1), bias: { kind: "bool" } }), () => ({
        inFeatures: 3,
        outFeatures: 8,
      })),
    ],
    call: (v) => gl.arith.linearParams(v[0] as never),
  },
  {
    fn: "arith.receptiveField",
    args: [a("layers", { kind: "any" }, layerList)],
    call: (v) => gl.arith.receptiveField(v[0] as never),
  },
  {
    fn: "summary",
    args: [a("model", { kind: "module" }, mlp), a("inputShape", { kind: "shape" }, () => [1, 2], true)],
    call: (v) => gl.summary(v[0] as never, v[1] as number[]),
  },
  // ---- data
  {
    fn: "data.spiral",
    args: [
      a("opts", opts({ n: int(1), classes: int(1), noise: num({ min: 0 }), seed: int(0) }), () => ({ n: 30 }), true),
    ],
    call: (v) => gl.data.spiral(v[0] as never),
  },
  {
    fn: "data.trainTestSplit",
    args: [
      a("X", t(), T(10, 2)),
      a("y", t(), () => gl.arange(10)),
      a("opts", opts({ testSize: num({ min: 0, max: 1 }), seed: int(0) }), () => ({ testSize: 0.2 }), true),
    ],
    call: (v) => gl.data.trainTestSplit(v[0] as gl.Tensor, v[1] as gl.Tensor, v[2] as never),
  },
  {
    fn: "data.StandardScaler.fit",
    args: [a("X", t(2), T(10, 2))],
    call: (v) => new gl.data.StandardScaler().fit(v[0] as gl.Tensor),
  },
  {
    fn: "data.gaussianNoise",
    args: [a("X", t(), T(4, 3)), a("opts", opts({ std: num({ min: 0 }), seed: int(0) }), () => ({ std: 0.1 }), true)],
    call: (v) => gl.data.gaussianNoise(v[0] as gl.Tensor, v[1] as never),
  },
  // ---- training loop
  {
    fn: "fit",
    args: [
      a("model", { kind: "module" }, mlp),
      a("data", { kind: "any" }, data2),
      a(
        "opts",
        opts({
          epochs: int(1),
          batchSize: int(1),
          clipGradNorm: num({ min: 0, minExclusive: true }),
          progress: { kind: "bool" },
          metrics: { kind: "any" },
        }),
        () => ({
          epochs: 1,
          batchSize: 4,
          progress: false,
          loss: gl.loss.crossEntropy,
          optimizer: new gl.optim.SGD(params(), { lr: 0.1 }),
        }),
      ),
    ],
    call: (v) => gl.fit(v[0] as never, v[1] as never, v[2] as never),
  },
  {
    fn: "evaluate",
    args: [
      a("model", { kind: "module" }, mlp),
      a("data", { kind: "any" }, data2),
      a("opts", opts({ batchSize: int(1), loss: { kind: "fn" } }), () => ({ batchSize: 4 }), true),
    ],
    call: (v) => gl.evaluate(v[0] as never, v[1] as never, v[2] as never),
  },
  {
    fn: "predict",
    args: [
      a("model", { kind: "module" }, mlp),
      a("X", t(2), T(5, 2)),
      a("opts", opts({ batchSize: int(1) }), () => ({ batchSize: 2 }), true),
    ],
    call: (v) => gl.predict(v[0] as never, v[1] as gl.Tensor, v[2] as never),
  },
  // ---- probes and plots
  {
    fn: "probe.attach",
    args: [
      a("model", { kind: "module" }, mlp),
      a(
        "opts",
        opts({ every: int(1), histogramBins: int(1), histogramSample: int(1), parameters: { kind: "bool" } }),
        () => ({}),
        true,
      ),
    ],
    call: (v) => gl.probe.attach(v[0] as never, v[1] as never).detach(),
  },
  {
    fn: "probe.forwardStats",
    args: [a("model", { kind: "module" }, mlp), a("X", t(2), T(8, 2))],
    call: (v) => gl.probe.forwardStats(v[0] as never, v[1] as gl.Tensor),
  },
  {
    fn: "probe.histogram",
    args: [
      a("values", numbers(), () => [1, 2, 3, 4]),
      a("bins", int(1), () => 4, true),
      a("range", numbers(2), () => [0, 5], true),
    ],
    call: (v) => gl.probe.histogram(v[0] as number[], v[1] as number, v[2] as [number, number]),
  },
];

/** The Tensor constructor, the seeded generator, and the API lesson authors write exercises with. */
const tol = { rtol: num({ min: 0 }), atol: num({ min: 0 }) };
const authoring: Entry[] = [
  {
    fn: "Tensor",
    args: [a("data", { kind: "any" }, () => new Float32Array(6)), a("shape", { kind: "shape" }, () => [2, 3])],
    call: (v) => new gl.Tensor(v[0] as Float32Array, v[1] as number[]),
  },
  { fn: "Generator", args: [a("seed", int(0), () => 7, true)], call: (v) => new gl.Generator(v[0] as number).random() },
  {
    fn: "Generator.uniform",
    args: [a("low", num(), () => 0, true), a("high", num(), () => 1, true)],
    call: (v) => new gl.Generator(1).uniform(v[0] as number, v[1] as number),
  },
  { fn: "Generator.int", args: [a("n", int(1), () => 5)], call: (v) => new gl.Generator(1).int(v[0] as number) },
  {
    fn: "Generator.permutation",
    args: [a("n", int(0), () => 5)],
    call: (v) => new gl.Generator(1).permutation(v[0] as number),
  },
  {
    fn: "exercises.checkNumber",
    args: [
      a("answer", { kind: "any" }, () => 2),
      a("expected", num(), () => 2),
      a("opts", opts({ ...tol, explanation: { kind: "any" }, expectedText: { kind: "any" } }), () => ({}), true),
    ],
    call: (v) => gl.exercises.checkNumber(v[0], v[1] as number, v[2] as never),
  },
  {
    fn: "exercises.checkValues",
    args: [
      a("answer", { kind: "any" }, () => [1, 2]),
      a("expected", { kind: "any" }, () => [1, 2]),
      a("opts", opts({ ...tol, explanation: { kind: "any" }, expectedText: { kind: "any" } }), () => ({}), true),
    ],
    call: (v) => gl.exercises.checkValues(v[0], v[1] as number[], v[2] as never),
  },
  {
    fn: "exercises.checkShape",
    args: [
      a("answer", { kind: "any" }, () => [2, 3]),
      a("expected", { kind: "shape" }, () => [2, 3]),
      a("opts", opts({ explanation: { kind: "any" } }), () => ({}), true),
    ],
    call: (v) => gl.exercises.checkShape(v[0], v[1] as number[], v[2] as never),
  },
  {
    fn: "exercises.checkFormula",
    args: [
      a("answer", { kind: "any" }, () => "W + 1"),
      a(
        "opts",
        opts({
          expected: { kind: "any" },
          variables: { kind: "any" },
          samples: int(1),
          rtol: num({ min: 0 }),
          explanation: { kind: "any" },
        }),
        () => ({
          expected: "1 + W",
          variables: { W: { min: 1, max: 9 } },
        }),
      ),
    ],
    call: (v) => gl.exercises.checkFormula(v[0], v[1] as never),
  },
  {
    fn: "exercises.close",
    args: [
      a("a", num({ infinite: true }), () => 1),
      a("b", num({ infinite: true }), () => 1),
      a("tol", opts(tol), () => ({}), true),
    ],
    call: (v) => gl.exercises.close(v[0] as number, v[1] as number, v[2] as never),
  },
  {
    fn: "exercises.configure",
    args: [a("opts", opts({ print: name("never", "always", "notebook") }), () => ({ print: "never" }))],
    call: (v) => gl.exercises.configure(v[0] as never),
  },
  {
    fn: "exercises.defineExercises",
    args: [
      a("lesson", { kind: "any" }, () => "sweepLesson"),
      a("exercises", { kind: "any" }, () => ({
        two: { prompt: "1 + 1?", hint: "Count.", grade: (x: unknown) => gl.exercises.checkNumber(x, 2) },
      })),
    ],
    call: (v) =>
      gl.exercises.defineExercises(v[0] as string, v[1] as Record<string, gl.exercises.Exercise>).grade("two", 2),
  },
  {
    fn: "exercises.fromSpec",
    args: [
      a("spec", opts({ rtol: num({ min: 0 }), atol: num({ min: 0 }), explain: { kind: "any" } }), () => ({
        prompt: "1 + 1?",
        hint: "Count.",
        expected: 2,
      })),
    ],
    call: (v) => gl.exercises.fromSpec(v[0] as never).grade(2),
  },
];

/** Every entry point the sweep calls. */
export const entries: Entry[] = [
  ...core,
  ...authoring,
  ...modelEntries,
  ...dataEntries,
  ...analysisEntries,
  ...plotEntries,
];
