/**
 * Reads a Module's architecture as layer specs, without running it: each layer's type comes
 * from its class name, its geometry from its config fields (kernelSize, stride, padding, ...),
 * and its parameter counts from the shapes of the parameters it really holds. Containers
 * (Sequential and any module with children) are read as their children applied in order;
 * `Residual(body)` adds its input back. A custom layer can describe itself with a method
 * `outputShape(inputShape: number[]): number[]`.
 */
import { moduleArg } from "../args";
import { ArgumentError, check } from "../errors";
import type { Module } from "../nn/module";
import type { LayerSpec } from "./layerSpec";

type AnyModule = Module & Record<string, unknown>;

/** True for an nn Module (duck-typed, so arith needs nothing from nn at run time). */
export function isModule(x: unknown): x is Module {
  return (
    typeof x === "object" &&
    x !== null &&
    typeof (x as Module).namedChildren === "function" &&
    typeof (x as Module).namedParameters === "function"
  );
}

/** True for an activation layer, which says so itself: a static `activationKind` (nn/activation.ts). */
function isActivation(m: AnyModule): boolean {
  return typeof (m.constructor as { activationKind?: unknown }).activationKind === "string";
}

function num(m: AnyModule, key: string, fallback?: number): number | undefined {
  const v = m[key];
  return typeof v === "number" ? v : fallback;
}

function size2(m: AnyModule, key: string): number | [number, number] | undefined {
  const v = m[key];
  if (typeof v === "number") return v;
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === "number")) return [v[0], v[1]];
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === "number") return v[0];
  return undefined;
}

/** A [top, bottom, left, right] padding field, if the module has one. */
function padding4(m: AnyModule): [number, number, number, number] | undefined {
  const v = m.padding;
  return Array.isArray(v) && v.length === 4 && v.every((x) => typeof x === "number")
    ? [v[0], v[1], v[2], v[3]]
    : undefined;
}

function shapeOf(m: AnyModule, key: string): number[] | undefined {
  const v = m[key] as { shape?: number[] } | null | undefined;
  return v && Array.isArray(v.shape) ? v.shape : undefined;
}

/** Own parameters only (not the children's): total and trainable counts. */
function ownCounts(m: AnyModule): { params: number; trainableParams: number } {
  const childNames = new Set(m.namedChildren().map(([n]) => n));
  let params = 0;
  let trainableParams = 0;
  for (const [name, p] of m.namedParameters()) {
    if (name.includes(".") && childNames.has(name.slice(0, name.lastIndexOf(".")))) continue;
    if ([...childNames].some((c) => name.startsWith(`${c}.`))) continue;
    params += p.size;
    if (p.requiresGrad) trainableParams += p.size;
  }
  return { params, trainableParams };
}

/** Converts a Module (and its children) into layer specs; `name` is its name in the parent. */
export function specFromModule(module: Module, name?: string): LayerSpec {
  moduleArg("specFromModule", "module", module);
  const m = module as AnyModule;
  const type = m.constructor.name;
  const counted = ownCounts(m);
  const base = name === undefined ? { counted } : { name, counted };
  const children = m.namedChildren();

  switch (type) {
    case "Conv2d": {
      const w = shapeOf(m, "weight"); // [Cout, Cin/groups, kh, kw]
      const groups = num(m, "groups", 1)!;
      return {
        type: "Conv2d",
        inChannels: num(m, "inChannels") ?? (w ? w[1] * groups : 0),
        outChannels: num(m, "outChannels") ?? (w ? w[0] : 0),
        kernelSize: size2(m, "kernelSize") ?? (w ? [w[2], w[3]] : 1),
        stride: size2(m, "stride") ?? 1,
        padding:
          typeof m.padding === "string" ? (m.padding as "same" | "valid") : (padding4(m) ?? size2(m, "padding") ?? 0),
        dilation: size2(m, "dilation") ?? 1,
        groups,
        bias: m.bias != null,
        ...base,
      };
    }
    case "ConvTranspose2d": {
      const w = shapeOf(m, "weight"); // [Cin, Cout/groups, kh, kw]
      const groups = num(m, "groups", 1)!;
      return {
        type: "ConvTranspose2d",
        inChannels: num(m, "inChannels") ?? (w ? w[0] : 0),
        outChannels: num(m, "outChannels") ?? (w ? w[1] * groups : 0),
        kernelSize: size2(m, "kernelSize") ?? (w ? [w[2], w[3]] : 1),
        stride: size2(m, "stride") ?? 1,
        padding: size2(m, "padding") ?? 0,
        outputPadding: size2(m, "outputPadding") ?? 0,
        dilation: size2(m, "dilation") ?? 1,
        groups,
        bias: m.bias != null,
        ...base,
      };
    }
    case "Linear": {
      const w = shapeOf(m, "weight"); // [out, in]
      return {
        type: "Linear",
        inFeatures: num(m, "inFeatures") ?? (w ? w[1] : 0),
        outFeatures: num(m, "outFeatures") ?? (w ? w[0] : 0),
        bias: m.bias != null,
        ...base,
      };
    }
    case "BatchNorm1d":
    case "BatchNorm2d":
    case "InstanceNorm2d":
    case "GroupNorm":
    case "LayerNorm": {
      const feature =
        type === "GroupNorm"
          ? num(m, "numChannels")
          : type === "LayerNorm"
            ? (() => {
                const ns = m.normalizedShape;
                return typeof ns === "number" ? ns : Array.isArray(ns) ? (ns[ns.length - 1] as number) : undefined;
              })()
            : num(m, "numFeatures");
      const fromTensors = shapeOf(m, "weight") ?? shapeOf(m, "runningMean");
      const numFeatures = feature ?? (fromTensors ? fromTensors[fromTensors.length - 1] : 0);
      return { type, numFeatures, affine: m.weight != null, ...base };
    }
    case "MaxPool2d":
    case "AvgPool2d": {
      const kernelSize = size2(m, "kernelSize") ?? 1;
      return {
        type,
        kernelSize,
        stride: size2(m, "stride") ?? kernelSize,
        padding: size2(m, "padding") ?? 0,
        dilation: size2(m, "dilation") ?? 1,
        ceilMode: m.ceilMode === true,
        ...base,
      };
    }
    case "AdaptiveAvgPool2d":
    case "AdaptiveMaxPool2d":
      return { type, outputSize: size2(m, "outputSize") ?? 1, ...base };
    case "GlobalAvgPool2d":
      return { type: "AdaptiveAvgPool2d", outputSize: 1, ...base };
    case "Flatten":
      return { type: "Flatten", startDim: num(m, "startDim", 1), endDim: num(m, "endDim", -1), ...base };
    case "Maxout": {
      // a Linear to outFeatures·k units, then the max over each group of k
      const inFeatures = num(m, "inFeatures")!;
      const outFeatures = num(m, "outFeatures")!;
      const k = num(m, "k")!;
      const all = m.parameters();
      return {
        type: "Custom",
        label: "Maxout",
        outputShape: (s) => [...s.slice(0, -1), outFeatures],
        macs: (s) => s.slice(0, -1).reduce((a, b) => a * b, 1) * inFeatures * outFeatures * k,
        ...base,
        counted: {
          params: all.reduce((a, p) => a + p.size, 0),
          trainableParams: all.reduce((a, p) => a + (p.requiresGrad ? p.size : 0), 0),
        },
      };
    }
    case "Residual": {
      check(
        children.length >= 1,
        () =>
          new ArgumentError({
            fn: "specFromModule",
            arg: "module",
            expected: "a Residual with a body module",
            received: "a Residual without children",
            fix: "Build it with its body: new gl.nn.Residual(new gl.nn.Sequential([...])).",
          }),
      );
      const [bodyName, body] = children[0];
      const shortcut = children[1];
      return {
        type: "Residual",
        body: [specFromModule(body, bodyName)],
        ...(shortcut ? { shortcut: [specFromModule(shortcut[1])], shortcutName: shortcut[0] } : {}),
        ...base,
      };
    }
  }

  // a layer that states its own output shape (GlobalAvgPool2d would, but is handled above)
  if (typeof m.outputShape === "function" && type !== "Sequential") {
    const outputShape = (m.outputShape as (s: number[]) => number[]).bind(m);
    const total = m.parameters().reduce((a, p) => a + p.size, 0);
    const trainable = m.parameters().reduce((a, p) => a + (p.requiresGrad ? p.size : 0), 0);
    return {
      type: "Custom",
      label: type,
      outputShape,
      ...base,
      counted: { params: total, trainableParams: trainable },
    };
  }

  if (children.length > 0) {
    const layers = children.map(([childName, child]) => specFromModule(child, childName));
    // a container's own parameters (rare) are shown on a row of their own
    if (counted.params > 0) layers.push({ type: "Identity", name: "(own parameters)", counted });
    return { type: "Sequential", layers, ...(name === undefined ? {} : { name }) };
  }
  // activations, dropout and other parameter-free layers keep the shape; the summary shows their class name
  if (isActivation(m) || counted.params === 0) return { type: type as "Identity", ...base };
  // a leaf with parameters gradlab has no formula for: count them, assume the shape is kept
  return { type: "Custom", label: type, outputShape: (s) => s, ...base };
}
