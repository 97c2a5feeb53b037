/**
 * Walks a model described by layer specs from input to output, carrying three things layer by
 * layer: the tensor shape (output-size arithmetic, no forward pass), the parameter and MAC counts,
 * and the receptive field on each spatial axis (size r, jump j, centre of the first unit `start`):
 *   k_eff = d·(k − 1) + 1
 *   r_l = r_{l−1} + (k_eff − 1)·j_{l−1}      j_l = j_{l−1}·s_l
 *   start_l = start_{l−1} + ((k_eff − 1)/2 − p_l)·j_{l−1}      (r_0 = 1, j_0 = 1, start_0 = 0)
 * `gl.summary` and `gl.arith.receptiveField` are both views of this walk.
 */
import { ArgumentError, ShapeError, check, show } from "../errors";
import { convOutputSize } from "./convOutputSize";
import { convTransposeOutputSize } from "./convTransposeOutputSize";
import { axisPaddingOf } from "./padding2d";
import type { LayerSpec, Padding2d } from "./layerSpec";
import { convMacs, convTransposeMacs, linearMacs } from "./macs";
import { convParams, convTransposeParams, linearParams } from "./params";
import { poolOutputSize } from "./poolOutputSize";
import { tfSamePadding } from "./tfSamePadding";
import { pair } from "./validate";

/** Receptive field along one axis: size r (input pixels), jump j (input pixels between neighbouring units), start (input coordinate of the first unit's centre; pixel i has centre i). */
export interface RfAxis {
  r: number;
  j: number;
  start: number;
}

export interface RfState {
  height: RfAxis;
  width: RfAxis;
}

export interface WalkRow {
  /** Dotted path, e.g. "layer1.0.conv1" (PyTorch's naming). */
  name: string;
  /** The layer's type, e.g. "Conv2d"; a residual join is "Residual". */
  type: string;
  /** Nesting depth (0 for top-level layers). */
  depth: number;
  inputShape: number[] | null;
  outputShape: number[] | null;
  params: number;
  trainableParams: number;
  /** Multiply-accumulates for the whole input batch; null when the shape is unknown. */
  macs: number | null;
  /** The field after this layer; null for layers that do not keep a spatial layout (after a Linear on flat features). */
  rf: RfState | null;
  /** The field before this layer (what the recurrence started from). */
  rfIn: RfState | null;
  /** True for the row that closes a residual block (its layers have their own rows). */
  container: boolean;
}

interface State {
  shape: number[] | null;
  rf: RfState | null;
  trainable: boolean;
}

export interface WalkOptions {
  /** Name of the public function, for error messages. */
  fn: string;
}

const startRf = (): RfState => ({ height: { r: 1, j: 1, start: 0 }, width: { r: 1, j: 1, start: 0 } });

/** One window step of the receptive-field recurrence on one axis. */
export function rfStep(
  prev: RfAxis,
  kernelSize: number,
  stride: number,
  paddingBefore: number,
  dilation: number,
): RfAxis {
  const kEff = dilation * (kernelSize - 1) + 1;
  return {
    r: prev.r + (kEff - 1) * prev.j,
    j: prev.j * stride,
    start: prev.start + ((kEff - 1) / 2 - paddingBefore) * prev.j,
  };
}

/** Walks `spec` (a list, a Sequential spec or one layer) from `inputShape` (batch first; null: shapes unknown). */
export function walkSpec(spec: LayerSpec | LayerSpec[], inputShape: number[] | null, opts: WalkOptions): WalkRow[] {
  const rows: WalkRow[] = [];
  const rf = inputShape === null || inputShape.length === 4 ? startRf() : null;
  // a top-level Sequential is the model itself: its layers get top-level names ("0", "conv1")
  const top = Array.isArray(spec) ? spec : spec.type === "Sequential" ? spec.layers : [spec];
  const trainable = Array.isArray(spec) || spec.trainable !== false;
  walkList(top, "", 0, { shape: inputShape ? [...inputShape] : null, rf, trainable }, rows, opts.fn);
  return rows;
}

function walkList(
  layers: LayerSpec[],
  prefix: string,
  depth: number,
  state: State,
  rows: WalkRow[],
  fn: string,
): State {
  let s = state;
  layers.forEach((layer, i) => {
    const name = prefix + (layer.name ?? String(i));
    s = walkLayer(layer, name, depth, s, rows, fn);
  });
  return s;
}

function spatial(shape: number[] | null): [number, number] | null {
  return shape && shape.length === 4 ? [shape[2], shape[3]] : null;
}

/** The padding before the input on each axis, for the receptive field's `start`. */
function paddingBefore(
  fn: string,
  name: string,
  padding: Padding2d,
  kernel: [number, number],
  stride: [number, number],
  dilation: [number, number],
  size: [number, number] | null,
): [number, number] {
  if (padding === "valid") return [0, 0];
  if (padding === "same") {
    return [0, 1].map((a) => {
      const kEff = dilation[a] * (kernel[a] - 1) + 1;
      if (stride[a] === 1) return Math.floor((kEff - 1) / 2);
      check(
        size !== null,
        () =>
          new ArgumentError({
            fn,
            arg: "inputSize",
            expected: `the input size, to place the padding of layer '${name}' (padding "same" with stride ${stride[a]} depends on it)`,
            received: "no input size",
            fix: "Pass { inputSize } (or an input shape) so the asymmetric SAME padding can be computed.",
          }),
      );
      return tfSamePadding({ inputSize: size![a], kernelSize: kernel[a], stride: stride[a], dilation: dilation[a] })
        .before;
    }) as [number, number];
  }
  const before = (a: 0 | 1): number => {
    const p = axisPaddingOf(padding, a) as number | [number, number];
    return typeof p === "number" ? p : p[0];
  };
  return [before(0), before(1)];
}

function needSpatial(fn: string, name: string, type: string, shape: number[] | null): [number, number] {
  const sp = spatial(shape);
  check(
    sp !== null,
    () =>
      new ShapeError({
        fn,
        arg: "inputShape",
        expected: `a known [N, C, H, W] input for layer '${name}' (${type}): its window depends on the feature map's size`,
        received: shape === null ? "no input shape" : show(shape),
        fix:
          shape === null
            ? "Pass the input size, e.g. receptiveField(layers, { inputSize: 224 }), or gl.summary(model, [1, 3, 224, 224])."
            : `${type} works on 4-D NCHW tensors.`,
      }),
  );
  return sp!;
}

function checkChannels(
  fn: string,
  name: string,
  type: string,
  expected: number,
  shape: number[] | null,
  axis: number,
  fix: string,
): void {
  if (shape === null) return;
  check(
    shape.length > axis && shape[axis] === expected,
    () =>
      new ShapeError({
        fn,
        arg: "inputShape",
        expected: `${expected} ${axis === 1 ? "channels" : "features"} (axis ${axis}) going into layer '${name}' (${type})`,
        received: `a tensor of shape ${show(shape)}`,
        fix,
      }),
  );
}

function windowRf(
  rf: RfState | null,
  k: [number, number],
  s: [number, number],
  p: [number, number],
  d: [number, number],
): RfState | null {
  if (!rf) return null;
  return { height: rfStep(rf.height, k[0], s[0], p[0], d[0]), width: rfStep(rf.width, k[1], s[1], p[1], d[1]) };
}

function walkLayer(layer: LayerSpec, name: string, depth: number, state: State, rows: WalkRow[], fn: string): State {
  const trainable = state.trainable && layer.trainable !== false;
  const inShape = state.shape;
  const batch = inShape ? inShape[0] : 0;
  let outShape: number[] | null = inShape;
  let rf = state.rf;
  let params = 0;
  let macs: number | null = 0;
  const type = layer.type === "Custom" ? layer.label : (layer.type ?? "Window");
  const sp = spatial(inShape);

  switch (layer.type) {
    case "Sequential": {
      const end = walkList(layer.layers, `${name}.`, depth + 1, { ...state, trainable }, rows, fn);
      return { ...end, trainable: state.trainable };
    }

    case "Residual": {
      const bodyEnd = walkList(layer.body, `${name}.`, depth + 1, { ...state, trainable }, rows, fn);
      const shortEnd = layer.shortcut
        ? walkList(
            layer.shortcut,
            `${name}.${layer.shortcutName ?? "shortcut"}.`,
            depth + 1,
            { ...state, trainable },
            rows,
            fn,
          )
        : state;
      if (bodyEnd.shape && shortEnd.shape) {
        check(
          bodyEnd.shape.length === shortEnd.shape.length && bodyEnd.shape.every((v, i) => v === shortEnd.shape![i]),
          () =>
            new ShapeError({
              fn,
              arg: "inputShape",
              expected: `the residual block '${name}' to give its body and its shortcut the same shape (they are added)`,
              received: `body ${show(bodyEnd.shape)} and shortcut ${show(shortEnd.shape)}`,
              fix: "When the body changes the channels or strides, give the shortcut a 1×1 conv with the same stride (ResNet's downsample).",
            }),
        );
      }
      // the field of the sum is the larger one: the body's path
      rows.push({
        name,
        type: "Residual",
        rfIn: state.rf,
        depth,
        inputShape: inShape,
        outputShape: bodyEnd.shape,
        params: 0,
        trainableParams: 0,
        macs: 0,
        rf: bodyEnd.rf,
        container: true,
      });
      return { shape: bodyEnd.shape, rf: bodyEnd.rf, trainable: state.trainable };
    }

    case "Conv2d": {
      const groups = layer.groups ?? 1;
      const k = pair(layer.kernelSize);
      const st = pair(layer.stride ?? 1);
      const d = pair(layer.dilation ?? 1);
      params = convParams({
        inChannels: layer.inChannels,
        outChannels: layer.outChannels,
        kernelSize: k,
        groups,
        bias: layer.bias ?? true,
      });
      checkChannels(
        fn,
        name,
        type,
        layer.inChannels,
        inShape,
        1,
        `The previous layer gives ${inShape?.[1]} channels; set this conv's inChannels to that, or change the previous layer.`,
      );
      const pads = paddingBefore(fn, name, layer.padding ?? 0, k, st, d, sp);
      if (inShape) {
        const [h, w] = needSpatial(fn, name, type, inShape);
        const pad = (a: 0 | 1): number | [number, number] | "same" | "valid" => axisPaddingOf(layer.padding ?? 0, a);
        const oh = convOutputSize({ inputSize: h, kernelSize: k[0], stride: st[0], padding: pad(0), dilation: d[0] });
        const ow = convOutputSize({ inputSize: w, kernelSize: k[1], stride: st[1], padding: pad(1), dilation: d[1] });
        outShape = [batch, layer.outChannels, oh, ow];
        macs =
          batch *
          convMacs({
            inChannels: layer.inChannels,
            outChannels: layer.outChannels,
            kernelSize: k,
            groups,
            outputSize: [oh, ow],
          });
      } else macs = null;
      rf = windowRf(rf, k, st, pads, d);
      break;
    }

    case "ConvTranspose2d": {
      const groups = layer.groups ?? 1;
      const k = pair(layer.kernelSize);
      params = convTransposeParams({
        inChannels: layer.inChannels,
        outChannels: layer.outChannels,
        kernelSize: k,
        groups,
        bias: layer.bias ?? true,
      });
      checkChannels(fn, name, type, layer.inChannels, inShape, 1, `The previous layer gives ${inShape?.[1]} channels.`);
      if (inShape) {
        const [h, w] = needSpatial(fn, name, type, inShape);
        const size = (a: 0 | 1, inputSize: number): number =>
          convTransposeOutputSize({
            inputSize,
            kernelSize: k[a],
            stride: pair(layer.stride ?? 1)[a],
            padding: pair(layer.padding ?? 0)[a],
            dilation: pair(layer.dilation ?? 1)[a],
            outputPadding: pair(layer.outputPadding ?? 0)[a],
          });
        outShape = [batch, layer.outChannels, size(0, h), size(1, w)];
        macs =
          batch *
          convTransposeMacs({
            inChannels: layer.inChannels,
            outChannels: layer.outChannels,
            kernelSize: k,
            groups,
            inputSize: [h, w],
          });
      } else macs = null;
      rf = null; // a transposed conv spreads one input pixel over many outputs: the recurrence does not apply
      break;
    }

    case "Linear": {
      params = linearParams({ inFeatures: layer.inFeatures, outFeatures: layer.outFeatures, bias: layer.bias ?? true });
      if (inShape) {
        const flat = inShape.slice(1).reduce((a, b) => a * b, 1);
        check(
          inShape[inShape.length - 1] === layer.inFeatures,
          () =>
            new ShapeError({
              fn,
              arg: "inputShape",
              expected: `${layer.inFeatures} features on the last axis going into Linear layer '${name}'`,
              received: `a tensor of shape ${show(inShape)}`,
              fix:
                flat === layer.inFeatures && inShape.length > 2
                  ? "The sizes match once flattened: put a Flatten() before this Linear layer."
                  : `Set inFeatures to ${inShape[inShape.length - 1]}${inShape.length > 2 ? ` (or flatten to ${flat})` : ""}.`,
            }),
        );
        outShape = [...inShape.slice(0, -1), layer.outFeatures];
        macs =
          inShape.slice(0, -1).reduce((a, b) => a * b, 1) *
          linearMacs({ inFeatures: layer.inFeatures, outFeatures: layer.outFeatures });
        if (inShape.length !== 2) rf = null;
      } else macs = null;
      break;
    }

    case "BatchNorm1d":
    case "BatchNorm2d":
    case "InstanceNorm2d":
    case "GroupNorm":
    case "LayerNorm": {
      const affine = layer.affine ?? layer.type !== "InstanceNorm2d";
      params = affine ? 2 * layer.numFeatures : 0;
      const axis = layer.type === "LayerNorm" ? (inShape ? inShape.length - 1 : 1) : 1;
      checkChannels(
        fn,
        name,
        type,
        layer.numFeatures,
        inShape,
        axis,
        `Set numFeatures to ${inShape?.[axis]}, the size of axis ${axis} of the previous layer's output.`,
      );
      if (!inShape) macs = null;
      break;
    }

    case "MaxPool2d":
    case "AvgPool2d":
    case undefined: {
      const k = pair(layer.kernelSize);
      const st = pair(layer.stride ?? (layer.type === undefined ? 1 : layer.kernelSize));
      const p = pair(layer.padding ?? 0);
      const d = pair(layer.dilation ?? 1);
      const ceilMode = layer.type !== undefined && (layer.ceilMode ?? false);
      if (inShape) {
        const [h, w] = needSpatial(fn, name, type, inShape);
        const size = (a: 0 | 1, inputSize: number): number =>
          layer.type === undefined
            ? convOutputSize({ inputSize, kernelSize: k[a], stride: st[a], padding: p[a], dilation: d[a] })
            : poolOutputSize({ inputSize, kernelSize: k[a], stride: st[a], padding: p[a], dilation: d[a], ceilMode });
        outShape = [inShape[0], inShape[1], size(0, h), size(1, w)];
      } else macs = null;
      rf = windowRf(rf, k, st, p, d);
      break;
    }

    case "AdaptiveAvgPool2d":
    case "AdaptiveMaxPool2d": {
      const [oh, ow] = pair(layer.outputSize);
      if (inShape || rf) {
        const [h, w] = needSpatial(fn, name, type, inShape);
        outShape = [inShape![0], inShape![1], oh, ow];
        // window of adaptive pooling: about ceil(H/out) pixels, stepping floor(H/out)
        const k: [number, number] = [Math.ceil(h / oh), Math.ceil(w / ow)];
        const st: [number, number] = [Math.max(1, Math.floor(h / oh)), Math.max(1, Math.floor(w / ow))];
        rf = windowRf(rf, k, st, [0, 0], [1, 1]);
      }
      break;
    }

    case "Flatten": {
      const rank = inShape ? inShape.length : 4;
      const norm = (axis: number): number => (axis < 0 ? rank + axis : axis);
      const start = norm(layer.startDim ?? 1);
      const end = norm(layer.endDim ?? -1);
      if (inShape && end > start)
        outShape = [
          ...inShape.slice(0, start),
          inShape.slice(start, end + 1).reduce((a, b) => a * b, 1),
          ...inShape.slice(end + 1),
        ];
      if (rf && rank === 4 && start <= 3 && end >= 2) {
        // every remaining position feeds every output: the field grows to cover the whole map
        const [h, w] = needSpatial(fn, name, type, inShape);
        rf = windowRf(rf, [h, w], [h, w], [0, 0], [1, 1]);
        if (outShape && outShape.length !== 2) rf = null;
      }
      break;
    }

    case "Custom": {
      params = layer.params ?? 0;
      outShape = inShape ? layer.outputShape([...inShape]) : null;
      macs = inShape ? (layer.macs ? layer.macs([...inShape]) : 0) : null;
      rf = null;
      break;
    }

    default:
      // parameter-free, shape-preserving layers (activations, dropout, identity)
      if (!inShape) macs = null;
      break;
  }

  const counted = layer.counted;
  const total = counted ? counted.params : params;
  const trainableParams = counted ? (trainable ? counted.trainableParams : 0) : trainable ? params : 0;
  rows.push({
    name,
    type,
    depth,
    inputShape: inShape,
    outputShape: outShape,
    params: total,
    trainableParams,
    macs,
    rf,
    rfIn: state.rf,
    container: false,
  });
  return { shape: outShape, rf, trainable: state.trainable };
}
