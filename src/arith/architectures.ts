/**
 * Published architectures as layer specs (configuration only, no weights), for gl.summary and
 * gl.arith.receptiveField: AlexNet, VGG-16, ResNet-18 and ResNet-50 at their ImageNet sizes.
 * Parameter counts match torchvision's models exactly (BatchNorm's running statistics are
 * buffers, not parameters); local response normalization (AlexNet) has no parameters and is left out.
 */
import { oneOf, optionalInt, options } from "../args";
import { avgPool, batchNorm2d, conv, linear, maxPool, relu } from "./layerSpec";
import type { LayerSpec, SequentialSpec } from "./layerSpec";

/** A model builder's options: known keys only, numClasses a whole number ≥ 1 (`fn`: its public name). */
function modelOptions<O extends { numClasses?: number }>(
  fn: string,
  opts: unknown,
  keys: string[],
  defaultClasses: number,
): O & { numClasses: number } {
  const o = options<O>(fn, "opts", opts, ["numClasses", ...keys]);
  const numClasses = optionalInt(fn, "numClasses", o.numClasses, defaultClasses, {
    min: 1,
    fix: `numClasses counts the classes the last layer scores: a whole number ≥ 1 (default ${defaultClasses}).`,
  });
  return { ...o, numClasses } as O & { numClasses: number };
}

export interface AlexNetOptions {
  /**
   * "paper" (default): Krizhevsky et al. 2012 at 227×227 (the paper says 224, but (224 − 11)/4 + 1 is
   * not a whole number; 227 gives the 55×55 maps it reports), with conv2, conv4, conv5 split in two
   * groups as on the paper's two GPUs: 60,965,224 parameters.
   * "torchvision": the one-GPU variant torchvision ships (64-192-384-256-256 channels, padding 2 in
   * conv1, 224×224 input, adaptive average pooling to 6×6): 61,100,840 parameters.
   */
  variant?: "paper" | "torchvision";
  numClasses?: number;
}

/**
 * AlexNet as layer specs.
 * @example
 * gl.summary(gl.arith.models.alexnet({ variant: "torchvision" })).totals.params; // 61100840
 */
export function alexnet(opts: AlexNetOptions = {}): SequentialSpec {
  const fn = "arith.models.alexnet";
  const o = modelOptions<AlexNetOptions>(fn, opts, ["variant"], 1000);
  const numClasses = o.numClasses;
  const variant =
    o.variant === undefined || o.variant === null ? "paper" : oneOf(fn, "variant", o.variant, ["paper", "torchvision"]);
  const classifier: LayerSpec[] = [
    { type: "Flatten", name: "flatten" },
    { type: "Dropout", name: "drop6" },
    linear(256 * 6 * 6, 4096, { name: "fc6" }),
    relu("relu6"),
    { type: "Dropout", name: "drop7" },
    linear(4096, 4096, { name: "fc7" }),
    relu("relu7"),
    linear(4096, numClasses, { name: "fc8" }),
  ];
  if (variant === "torchvision") {
    return {
      type: "Sequential",
      name: "alexnet (torchvision)",
      inputShape: [1, 3, 224, 224],
      layers: [
        conv(3, 64, 11, { stride: 4, padding: 2, name: "conv1" }),
        relu("relu1"),
        maxPool(3, { stride: 2, name: "pool1" }),
        conv(64, 192, 5, { padding: 2, name: "conv2" }),
        relu("relu2"),
        maxPool(3, { stride: 2, name: "pool2" }),
        conv(192, 384, 3, { padding: 1, name: "conv3" }),
        relu("relu3"),
        conv(384, 256, 3, { padding: 1, name: "conv4" }),
        relu("relu4"),
        conv(256, 256, 3, { padding: 1, name: "conv5" }),
        relu("relu5"),
        maxPool(3, { stride: 2, name: "pool5" }),
        { type: "AdaptiveAvgPool2d", outputSize: 6, name: "avgpool" },
        ...classifier,
      ],
    };
  }
  return {
    type: "Sequential",
    name: "alexnet (paper)",
    inputShape: [1, 3, 227, 227],
    layers: [
      conv(3, 96, 11, { stride: 4, name: "conv1" }),
      relu("relu1"),
      maxPool(3, { stride: 2, name: "pool1" }),
      conv(96, 256, 5, { padding: 2, groups: 2, name: "conv2" }),
      relu("relu2"),
      maxPool(3, { stride: 2, name: "pool2" }),
      conv(256, 384, 3, { padding: 1, name: "conv3" }),
      relu("relu3"),
      conv(384, 384, 3, { padding: 1, groups: 2, name: "conv4" }),
      relu("relu4"),
      conv(384, 256, 3, { padding: 1, groups: 2, name: "conv5" }),
      relu("relu5"),
      maxPool(3, { stride: 2, name: "pool5" }),
      ...classifier,
    ],
  };
}

/**
 * VGG-16 (configuration D of Simonyan & Zisserman 2014) as torchvision builds it: 13 3×3 convs
 * with padding 1 in five stages, 2×2 max pooling, three fully connected layers. 138,357,544 parameters.
 * @example
 * gl.arith.receptiveField(gl.arith.models.vgg16()).find((r) => r.name === "conv5_3").r; // 196
 */
export function vgg16(opts: { numClasses?: number } = {}): SequentialSpec {
  const { numClasses } = modelOptions("arith.models.vgg16", opts, [], 1000);
  const stages = [
    [64, 64],
    [128, 128],
    [256, 256, 256],
    [512, 512, 512],
    [512, 512, 512],
  ];
  const layers: LayerSpec[] = [];
  let inChannels = 3;
  stages.forEach((widths, s) => {
    widths.forEach((width, i) => {
      layers.push(
        conv(inChannels, width, 3, { padding: 1, name: `conv${s + 1}_${i + 1}` }),
        relu(`relu${s + 1}_${i + 1}`),
      );
      inChannels = width;
    });
    layers.push(maxPool(2, { stride: 2, name: `pool${s + 1}` }));
  });
  layers.push(
    { type: "AdaptiveAvgPool2d", outputSize: 7, name: "avgpool" },
    { type: "Flatten", name: "flatten" },
    linear(512 * 7 * 7, 4096, { name: "fc6" }),
    relu("relu6"),
    { type: "Dropout", name: "drop6" },
    linear(4096, 4096, { name: "fc7" }),
    relu("relu7"),
    { type: "Dropout", name: "drop7" },
    linear(4096, numClasses, { name: "fc8" }),
  );
  return { type: "Sequential", name: "vgg16", inputShape: [1, 3, 224, 224], layers };
}

/** The 1×1 conv + BatchNorm shortcut that matches shapes when a block changes stride or width. */
function downsample(inChannels: number, outChannels: number, stride: number): LayerSpec[] {
  return [
    conv(inChannels, outChannels, 1, { stride, bias: false, name: "0" }),
    batchNorm2d(outChannels, { name: "1" }),
  ];
}

/** ResNet's basic block (two 3×3 convs), named as torchvision names it; `name` is its index in the stage. */
function basicBlock(name: string, inChannels: number, width: number, stride: number): LayerSpec[] {
  const needsDown = stride !== 1 || inChannels !== width;
  return [
    {
      type: "Residual",
      name,
      body: [
        conv(inChannels, width, 3, { stride, padding: 1, bias: false, name: "conv1" }),
        batchNorm2d(width, { name: "bn1" }),
        relu("relu1"),
        conv(width, width, 3, { padding: 1, bias: false, name: "conv2" }),
        batchNorm2d(width, { name: "bn2" }),
      ],
      ...(needsDown ? { shortcut: downsample(inChannels, width, stride), shortcutName: "downsample" } : {}),
    },
    relu(`${name}.relu`),
  ];
}

/** ResNet's bottleneck block (1×1 reduce, 3×3 with the stride as in torchvision's v1.5, 1×1 expand ×4). */
function bottleneck(name: string, inChannels: number, width: number, stride: number): LayerSpec[] {
  const outChannels = width * 4;
  const needsDown = stride !== 1 || inChannels !== outChannels;
  return [
    {
      type: "Residual",
      name,
      body: [
        conv(inChannels, width, 1, { bias: false, name: "conv1" }),
        batchNorm2d(width, { name: "bn1" }),
        relu("relu1"),
        conv(width, width, 3, { stride, padding: 1, bias: false, name: "conv2" }),
        batchNorm2d(width, { name: "bn2" }),
        relu("relu2"),
        conv(width, outChannels, 1, { bias: false, name: "conv3" }),
        batchNorm2d(outChannels, { name: "bn3" }),
      ],
      ...(needsDown ? { shortcut: downsample(inChannels, outChannels, stride), shortcutName: "downsample" } : {}),
    },
    relu(`${name}.relu`),
  ];
}

function resnet(name: string, block: "basic" | "bottleneck", blocks: number[], numClasses: number): SequentialSpec {
  const expansion = block === "basic" ? 1 : 4;
  const layers: LayerSpec[] = [
    conv(3, 64, 7, { stride: 2, padding: 3, bias: false, name: "conv1" }),
    batchNorm2d(64, { name: "bn1" }),
    relu("relu"),
    maxPool(3, { stride: 2, padding: 1, name: "maxpool" }),
  ];
  let inChannels = 64;
  blocks.forEach((count, stage) => {
    const width = 64 * 2 ** stage;
    const stageLayers: LayerSpec[] = [];
    for (let b = 0; b < count; b++) {
      const stride = stage > 0 && b === 0 ? 2 : 1;
      stageLayers.push(
        ...(block === "basic"
          ? basicBlock(String(b), inChannels, width, stride)
          : bottleneck(String(b), inChannels, width, stride)),
      );
      inChannels = width * expansion;
    }
    layers.push({ type: "Sequential", name: `layer${stage + 1}`, layers: stageLayers });
  });
  layers.push(
    { type: "AdaptiveAvgPool2d", outputSize: 1, name: "avgpool" },
    { type: "Flatten", name: "flatten" },
    linear(512 * expansion, numClasses, { name: "fc" }),
  );
  return { type: "Sequential", name, inputShape: [1, 3, 224, 224], layers };
}

/**
 * ResNet-18 (He et al. 2015): basic blocks [2, 2, 2, 2]. 11,689,512 parameters.
 * @example
 * gl.summary(gl.arith.models.resnet18()).totals.params; // 11689512
 */
export function resnet18(opts: { numClasses?: number } = {}): SequentialSpec {
  const { numClasses } = modelOptions("arith.models.resnet18", opts, [], 1000);
  return resnet("resnet18", "basic", [2, 2, 2, 2], numClasses);
}

/**
 * ResNet-50: bottleneck blocks [3, 4, 6, 3]. 25,557,032 parameters.
 * @example
 * gl.summary(gl.arith.models.resnet50()).totals.params; // 25557032
 */
export function resnet50(opts: { numClasses?: number } = {}): SequentialSpec {
  const { numClasses } = modelOptions("arith.models.resnet50", opts, [], 1000);
  return resnet("resnet50", "bottleneck", [3, 4, 6, 3], numClasses);
}

/** A small LeNet-5-style net for 28×28 MNIST digits (padding 2 in conv1, as for the 32×32 original). */
export function lenet5(opts: { numClasses?: number } = {}): SequentialSpec {
  const { numClasses } = modelOptions("arith.models.lenet5", opts, [], 10);
  return {
    type: "Sequential",
    name: "lenet5",
    inputShape: [1, 1, 28, 28],
    layers: [
      conv(1, 6, 5, { padding: 2, name: "conv1" }),
      { type: "Tanh", name: "act1" },
      avgPool(2, { name: "pool1" }),
      conv(6, 16, 5, { name: "conv2" }),
      { type: "Tanh", name: "act2" },
      avgPool(2, { name: "pool2" }),
      { type: "Flatten", name: "flatten" },
      linear(16 * 5 * 5, 120, { name: "fc1" }),
      { type: "Tanh", name: "act3" },
      linear(120, 84, { name: "fc2" }),
      { type: "Tanh", name: "act4" },
      linear(84, numClasses, { name: "fc3" }),
    ],
  };
}
