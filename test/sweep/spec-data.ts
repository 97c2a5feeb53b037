/** The sweep catalogue, part: arith, data, io (save/load, safetensors) and pretrained. */
import * as os from "os";
import * as nodePath from "path";
import * as gl from "../../src";
import { Entry, Kind, T, a, int, mlp, num, opts, t } from "./build";

const bool: Kind = { kind: "bool" };
const seedKind = int(0, 2 ** 32 - 1);
const any: Kind = { kind: "any" };
/**
 * A state dict ({ name: tensor }) is a collection of tensors: the mistakes the sweep makes of a
 * list of tensors (a string, one bare tensor, a collection holding null) are mistakes for it too.
 */
const stateDict: Kind = { kind: "tensors" };
const state = (): Record<string, gl.Tensor> => mlp().stateDict();
const tmp = (name: string): string => nodePath.join(os.tmpdir(), `gradlab-sweep-${process.pid}-${name}.safetensors`);
/** A file written once per process, for the load calls. */
let savedFile: string | null = null;
async function saved(): Promise<string> {
  if (savedFile === null) {
    const file = tmp("load");
    await gl.save(state(), file, { metadata: { seed: "0" } });
    savedFile = file;
  }
  return savedFile;
}
const images = T(3, 1, 8, 8);
/** Size pairs, counts of channels and features: whole numbers ≥ 1 (a [h, w] pair is valid too, not mutated). */
const size = int(1);

// ---- io: save / load and the safetensors bytes
// A path is a free file name (every string names a file): described as `any`, so the sweep makes no
// mistakes of it; its checks (checkPath) are tested in test/io.
const ioEntries: Entry[] = [
  ...["save", "io.save"].map((fn): Entry => ({
    fn,
    args: [
      a("state", stateDict, state),
      a("path", any, () => tmp("save")),
      a("opts", opts({ metadata: any }), () => ({ metadata: { note: "sweep" } }), true),
    ],
    call: (v) => gl.save(v[0] as never, v[1] as string, v[2] as never),
  })),
  ...["load", "io.load"].map((fn): Entry => ({
    fn,
    args: [a("path", any, () => "")],
    call: async (v) => gl.load(v[0] === "" ? await saved() : (v[0] as string)),
  })),
  ...["loadMetadata", "io.loadMetadata"].map((fn): Entry => ({
    fn,
    args: [a("path", any, () => "")],
    call: async (v) => gl.loadMetadata(v[0] === "" ? await saved() : (v[0] as string)),
  })),
  {
    fn: "io.stateDictBytes",
    args: [a("state", stateDict, state), a("opts", opts({ metadata: any }), () => ({ metadata: { a: "b" } }), true)],
    call: (v) => gl.io.stateDictBytes(v[0] as never, v[1] as never).length,
  },
  {
    fn: "io.encodeSafetensors",
    args: [
      a("tensors", stateDict, () => ({ w: gl.randn([2, 3]), n: gl.tensor(3) })),
      // free-form keys: metadata is { key: text }, dtypes is { tensorName: "F32" | "F64" | "I64" }
      a("metadata", any, () => ({ note: "hi" }), true),
      a("dtypes", any, () => ({ n: "I64" }), true),
    ],
    call: (v) => gl.io.encodeSafetensors(v[0] as never, v[1] as never, v[2] as never).length,
  },
  {
    fn: "io.decodeSafetensors",
    args: [
      // bytes (a Uint8Array): the tensor mistakes (null, a string, NaN, a plain object) are mistakes for bytes too
      a("bytes", t(), () => gl.io.encodeSafetensors({ w: gl.randn([2, 3]) })),
      a("source", any, () => "sweep.safetensors", true),
    ],
    call: (v) => gl.io.decodeSafetensors(v[0] as never, v[1] as string).tensors.w,
  },
  {
    fn: "io.toPyTorchName",
    args: [a("name", any, () => "1.runningMean")],
    call: (v) => gl.io.toPyTorchName(v[0] as string),
  },
  {
    fn: "io.fromPyTorchName",
    args: [a("name", any, () => "1.running_mean")],
    call: (v) => gl.io.fromPyTorchName(v[0] as string),
  },
];

// ---- pretrained
// pretrained.trainMnistDigits04() takes no arguments and trains for 10–30 s (4 epochs on 4,000
// digits): over the sweep's 3 s limit per call, and with no argument to make a mistake of. Left out.
const pretrainedEntries: Entry[] = [
  {
    fn: "pretrained.mnistDigits04",
    args: [],
    call: () => gl.pretrained.mnistDigits04().forward(gl.zeros([1, 1, 28, 28])),
  },
  { fn: "pretrained.mnistDigits04Info", args: [], call: () => gl.pretrained.mnistDigits04Info() },
  {
    fn: "pretrained.mnistDigits04Architecture",
    args: [a("numClasses", int(1), () => 5, true)],
    call: (v) => gl.pretrained.mnistDigits04Architecture(v[0] as number).forward(gl.zeros([1, 1, 28, 28])),
  },
];

// ---- data
const n2d = { n: int(1), noise: num({ min: 0 }), seed: seedKind };
const dataEntries2: Entry[] = [
  {
    fn: "data.mnist",
    args: [
      a(
        "opts",
        opts({ trainSize: int(0), testSize: int(0), seed: seedKind, flatten: bool, digits: any }),
        () => ({ trainSize: 100, testSize: 20, seed: 0 }),
        true,
      ),
    ],
    call: (v) => gl.data.mnist(v[0] as never).train.X,
  },
  { fn: "data.mnistSize", args: [], call: () => gl.data.mnistSize() },
  {
    fn: "data.moons",
    args: [a("opts", opts(n2d), () => ({ n: 40, seed: 0 }), true)],
    call: (v) => gl.data.moons(v[0] as never),
  },
  {
    fn: "data.xor",
    args: [a("opts", opts(n2d), () => ({ n: 40, seed: 0 }), true)],
    call: (v) => gl.data.xor(v[0] as never),
  },
  {
    fn: "data.circles",
    args: [a("opts", opts({ ...n2d, factor: num({ min: 0, max: 1 }) }), () => ({ n: 40, seed: 0 }), true)],
    call: (v) => gl.data.circles(v[0] as never),
  },
  {
    fn: "data.blobs",
    args: [
      a(
        "opts",
        // centers: a count (described here) or a list of [x, y] centres
        opts({ n: int(1), centers: int(1), std: num({ min: 0 }), seed: seedKind }),
        () => ({ n: 40, centers: 3, seed: 0 }),
        true,
      ),
    ],
    call: (v) => gl.data.blobs(v[0] as never),
  },
  {
    fn: "data.DataLoader",
    args: [
      a("X", t(), T(10, 2)),
      a("y", t(), () => gl.arange(10)),
      a(
        "opts",
        opts({ batchSize: int(1), shuffle: bool, seed: seedKind, dropLast: bool }),
        () => ({ batchSize: 4, seed: 0 }),
        true,
      ),
    ],
    call: (v) => [...new gl.data.DataLoader(v[0] as gl.Tensor, v[1] as gl.Tensor, v[2] as never)].map((b) => b.X),
  },
  { fn: "data.StandardScaler", args: [], call: () => new gl.data.StandardScaler().fit(gl.randn([5, 2])).mean },
  {
    fn: "data.StandardScaler.transform",
    args: [a("X", t(2), T(4, 2))],
    call: (v) => new gl.data.StandardScaler().fit(gl.randn([10, 2])).transform(v[0] as gl.Tensor),
  },
  {
    fn: "data.MinMaxScaler",
    // featureRange: a pair [lo, hi] (not mutated by the sweep; checked in test/data)
    args: [a("opts", opts({ featureRange: any }), () => ({ featureRange: [-1, 1] }), true)],
    call: (v) => new gl.data.MinMaxScaler(v[0] as never).fit(gl.randn([5, 2])).transform(gl.randn([3, 2])),
  },
  {
    fn: "data.MinMaxScaler.fit",
    args: [a("X", t(2), T(10, 2))],
    call: (v) => new gl.data.MinMaxScaler().fit(v[0] as gl.Tensor).min,
  },
  {
    fn: "data.MinMaxScaler.transform",
    args: [a("X", t(2), T(4, 2))],
    call: (v) => new gl.data.MinMaxScaler().fit(gl.randn([10, 2])).transform(v[0] as gl.Tensor),
  },
  {
    fn: "data.PCA",
    args: [
      a(
        "opts",
        opts({ nComponents: int(1, 3), whiten: bool, eps: num({ min: 0 }) }),
        () => ({ nComponents: 2, whiten: true, eps: 1e-5 }),
        true,
      ),
    ],
    call: (v) => {
      const X = gl.randn([20, 3]);
      return new gl.data.PCA(v[0] as never).fit(X).transform(X);
    },
  },
  {
    fn: "data.PCA.fit",
    args: [a("X", t(2), T(20, 3))],
    call: (v) => new gl.data.PCA().fit(v[0] as gl.Tensor).eigenvalues,
  },
  {
    fn: "data.PCA.transform",
    args: [a("X", t(2), T(4, 3))],
    call: (v) => new gl.data.PCA({ nComponents: 2 }).fit(gl.randn([20, 3])).transform(v[0] as gl.Tensor),
  },
  {
    fn: "data.ZCA",
    args: [a("opts", opts({ eps: num({ min: 0 }) }), () => ({ eps: 1e-2 }), true)],
    call: (v) => {
      const X = gl.randn([20, 3]);
      return new gl.data.ZCA(v[0] as never).fit(X).transform(X);
    },
  },
  {
    fn: "data.ZCA.fit",
    args: [a("X", t(2), T(20, 3))],
    call: (v) => new gl.data.ZCA().fit(v[0] as gl.Tensor).eigenvalues,
  },
  {
    fn: "data.ZCA.transform",
    args: [a("X", t(2), T(4, 3))],
    call: (v) => new gl.data.ZCA().fit(gl.randn([20, 3])).transform(v[0] as gl.Tensor),
  },
  { fn: "data.covariance", args: [a("X", t(2), T(6, 3))], call: (v) => gl.data.covariance(v[0] as gl.Tensor) },
  {
    fn: "data.symmetricEigen",
    args: [
      // a matrix is a list (of rows): the list mistakes (a string, a tensor instead of a list, a list holding null) apply
      a("matrix", { kind: "tensors" }, () => [
        [2, 1],
        [1, 2],
      ]),
      a("opts", opts({ maxSweeps: int(1), tol: num({ min: 0 }) }), () => ({ maxSweeps: 50 }), true),
    ],
    call: (v) => gl.data.symmetricEigen(v[0] as never, v[1] as never),
  },
  {
    fn: "data.selectByCorrelation",
    args: [a("X", t(2), T(8, 3)), a("y", t(), T(8)), a("k", int(1, 3), () => 2)],
    call: (v) => gl.data.selectByCorrelation(v[0] as gl.Tensor, v[1] as gl.Tensor, v[2] as number),
  },
  {
    fn: "data.horizontalFlip",
    args: [a("X", t(4), images), a("opts", opts({ p: num({ min: 0, max: 1 }), seed: seedKind }), () => ({}), true)],
    call: (v) => gl.data.horizontalFlip(v[0] as gl.Tensor, v[1] as never),
  },
  {
    fn: "data.shift",
    args: [a("X", t(4), images), a("opts", opts({ maxShift: int(0), seed: seedKind }), () => ({ maxShift: 2 }), true)],
    call: (v) => gl.data.shift(v[0] as gl.Tensor, v[1] as never),
  },
  {
    fn: "data.rotate",
    args: [
      a("X", t(4), images),
      a(
        "opts",
        opts({ maxDegrees: num({ min: 0, max: 180 }), degrees: num({ min: -360, max: 360 }), seed: seedKind }),
        () => ({ maxDegrees: 10 }),
        true,
      ),
    ],
    call: (v) => gl.data.rotate(v[0] as gl.Tensor, v[1] as never),
  },
];

// ---- arith
const specBase = { name: any, trainable: bool };
const arithEntries: Entry[] = [
  {
    fn: "arith.explainConvOutputSize",
    args: [
      a(
        "opts",
        opts({
          inputSize: int(1),
          kernelSize: int(1),
          stride: int(1),
          padding: int(0),
          dilation: int(1),
          ceilMode: bool,
        }),
        () => ({ inputSize: 28, kernelSize: 3 }),
      ),
    ],
    call: (v) => gl.arith.explainConvOutputSize(v[0] as never),
  },
  {
    fn: "arith.resolvePadding",
    args: [
      a("fn", any, () => "myLayer"),
      // padding: a number (described), a pair [before, after], "same" or "valid"
      a("padding", int(0), () => 1),
      a("inputSize", int(1), () => 28),
      a("kernelSize", int(1), () => 3),
      a("stride", int(1), () => 1),
      a("dilation", int(1), () => 1),
    ],
    call: (v) => (gl.arith.resolvePadding as (...x: unknown[]) => unknown)(...v),
  },
  {
    fn: "arith.tfSamePadding",
    args: [
      a("opts", opts({ inputSize: int(1), kernelSize: int(1), stride: int(1), dilation: int(1) }), () => ({
        inputSize: 128,
        kernelSize: 3,
        stride: 2,
      })),
    ],
    call: (v) => gl.arith.tfSamePadding(v[0] as never),
  },
  {
    fn: "arith.convTransposeOutputSize",
    args: [
      a(
        "opts",
        opts({
          inputSize: int(1),
          kernelSize: int(1),
          stride: int(1),
          padding: int(0),
          dilation: int(1),
          outputPadding: int(0, 1),
        }),
        () => ({ inputSize: 32, kernelSize: 4, stride: 2, padding: 1 }),
      ),
    ],
    call: (v) => gl.arith.convTransposeOutputSize(v[0] as never),
  },
  {
    fn: "arith.windowPositions",
    args: [
      a(
        "opts",
        opts({
          inputSize: int(1),
          kernelSize: int(1),
          stride: int(1),
          padding: int(0),
          dilation: int(1),
          ceilMode: bool,
        }),
        () => ({ inputSize: 5, kernelSize: 3, stride: 2, padding: 1 }),
      ),
    ],
    call: (v) => gl.arith.windowPositions(v[0] as never).coverage,
  },
  {
    fn: "arith.convTransposeParams",
    args: [
      a(
        "opts",
        opts({ inChannels: int(1), outChannels: int(1), kernelSize: size, groups: int(1), bias: bool }),
        () => ({ inChannels: 64, outChannels: 32, kernelSize: 4 }),
      ),
    ],
    call: (v) => gl.arith.convTransposeParams(v[0] as never),
  },
  {
    fn: "arith.batchNormParams",
    args: [a("opts", opts({ numFeatures: int(1), affine: bool }), () => ({ numFeatures: 64 }))],
    call: (v) => gl.arith.batchNormParams(v[0] as never),
  },
  {
    fn: "arith.depthwiseSeparableParams",
    args: [
      a("opts", opts({ inChannels: int(1), outChannels: int(1), kernelSize: size, bias: bool }), () => ({
        inChannels: 32,
        outChannels: 64,
        kernelSize: 3,
      })),
    ],
    call: (v) => gl.arith.depthwiseSeparableParams(v[0] as never),
  },
  {
    fn: "arith.convMacs",
    args: [
      a(
        "opts",
        opts({ inChannels: int(1), outChannels: int(1), kernelSize: size, groups: int(1), outputSize: size }),
        () => ({ inChannels: 3, outChannels: 64, kernelSize: 3, outputSize: 224 }),
      ),
    ],
    call: (v) => gl.arith.convMacs(v[0] as never),
  },
  {
    fn: "arith.convTransposeMacs",
    args: [
      a(
        "opts",
        opts({ inChannels: int(1), outChannels: int(1), kernelSize: size, groups: int(1), inputSize: size }),
        () => ({ inChannels: 64, outChannels: 32, kernelSize: 4, inputSize: 32 }),
      ),
    ],
    call: (v) => gl.arith.convTransposeMacs(v[0] as never),
  },
  {
    fn: "arith.linearMacs",
    args: [
      a("opts", opts({ inFeatures: int(1), outFeatures: int(1) }), () => ({ inFeatures: 4096, outFeatures: 1000 })),
    ],
    call: (v) => gl.arith.linearMacs(v[0] as never),
  },
  {
    fn: "arith.depthwiseSeparableMacs",
    args: [
      a("opts", opts({ inChannels: int(1), outChannels: int(1), kernelSize: size, outputSize: size }), () => ({
        inChannels: 32,
        outChannels: 64,
        kernelSize: 3,
        outputSize: 112,
      })),
    ],
    call: (v) => gl.arith.depthwiseSeparableMacs(v[0] as never),
  },
  {
    fn: "arith.receptiveFieldBox",
    args: [
      // a row of gl.arith.receptiveField(...): a plain object of numbers
      a("row", any, () => gl.arith.receptiveField([{ kernelSize: 3 }, { kernelSize: 3 }])[1]),
      // unit: an output position [row, col]: the shape mistakes ([NaN], [-1, 3], [2.5, 3], a number, a string) apply;
      // its range depends on the layer's output size, which the row does not carry
      a("unit", { kind: "shape" }, () => [2, 2]),
      // inputSize: a number (described) or [H, W]
      a("inputSize", int(1), () => 8, true),
    ],
    call: (v) => gl.arith.receptiveFieldBox(v[0] as never, v[1] as never, v[2] as never),
  },
  {
    fn: "arith.specFromModule",
    args: [a("module", { kind: "module" }, mlp), a("name", any, () => "net", true)],
    call: (v) => gl.arith.specFromModule(v[0] as never, v[1] as string),
  },
  // ---- arith.layers: layer-spec builders
  {
    fn: "arith.layers.conv",
    args: [
      a("inChannels", int(1), () => 3),
      a("outChannels", int(1), () => 64),
      a("kernelSize", size, () => 3),
      a(
        "opts",
        opts({ ...specBase, stride: size, padding: int(0), dilation: size, groups: int(1), bias: bool }),
        () => ({ padding: 1, name: "conv1" }),
        true,
      ),
    ],
    call: (v) => gl.arith.layers.conv(v[0] as number, v[1] as number, v[2] as number, v[3] as never),
  },
  {
    fn: "arith.layers.linear",
    args: [
      a("inFeatures", int(1), () => 4096),
      a("outFeatures", int(1), () => 1000),
      a("opts", opts({ ...specBase, bias: bool }), () => ({ name: "fc8" }), true),
    ],
    call: (v) => gl.arith.layers.linear(v[0] as number, v[1] as number, v[2] as never),
  },
  {
    fn: "arith.layers.batchNorm2d",
    args: [
      a("numFeatures", int(1), () => 64),
      a("opts", opts({ ...specBase, affine: bool }), () => ({ name: "bn1" }), true),
    ],
    call: (v) => gl.arith.layers.batchNorm2d(v[0] as number, v[1] as never),
  },
  ...(["maxPool", "avgPool"] as const).map((k): Entry => ({
    fn: `arith.layers.${k}`,
    args: [
      a("kernelSize", size, () => 3),
      a(
        "opts",
        opts({ ...specBase, stride: size, padding: int(0), dilation: size, ceilMode: bool }),
        () => ({ stride: 2 }),
        true,
      ),
    ],
    call: (v) => gl.arith.layers[k](v[0] as number, v[1] as never),
  })),
  {
    fn: "arith.layers.relu",
    args: [a("name", any, () => "relu1", true)],
    call: (v) => gl.arith.layers.relu(v[0] as string),
  },
  {
    fn: "arith.layers.depthwiseSeparable",
    args: [
      a("inChannels", int(1), () => 32),
      a("outChannels", int(1), () => 64),
      a("kernelSize", size, () => 3),
      a("opts", opts({ stride: size, padding: int(0), bias: bool, name: any }), () => ({ padding: 1 }), true),
    ],
    call: (v) => gl.arith.layers.depthwiseSeparable(v[0] as number, v[1] as number, v[2] as number, v[3] as never),
  },
  {
    fn: "arith.layers.axisPadding",
    args: [
      // padding: a number (described), [h, w], [top, bottom, left, right], "same" or "valid"
      a("padding", int(0), () => 1),
      a("axis", int(0, 1), () => 0),
    ],
    call: (v) => gl.arith.layers.axisPadding(v[0] as never, v[1] as 0 | 1),
  },
  // ---- arith.models: published architectures as specs
  {
    fn: "arith.models.alexnet",
    // variant: "paper" or "torchvision" (a name: any)
    args: [a("opts", opts({ variant: any, numClasses: int(1) }), () => ({ variant: "torchvision" }), true)],
    call: (v) => gl.summary(gl.arith.models.alexnet(v[0] as never)).totals.params,
  },
  ...(["vgg16", "resnet18", "resnet50", "lenet5"] as const).map((k): Entry => ({
    fn: `arith.models.${k}`,
    args: [a("opts", opts({ numClasses: int(1) }), () => ({ numClasses: 10 }), true)],
    call: (v) => gl.summary(gl.arith.models[k](v[0] as never)).totals.params,
  })),
];

export const dataEntries: Entry[] = [...ioEntries, ...pretrainedEntries, ...dataEntries2, ...arithEntries];
