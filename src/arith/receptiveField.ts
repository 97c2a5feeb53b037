/**
 * Theoretical receptive field of every layer: how many input pixels one unit can see (r), how
 * many input pixels apart neighbouring units are (the jump j), and where the first unit's field
 * is centred (start, in input pixel coordinates: pixel i has centre i). Layer by layer:
 *   k_eff = d·(k − 1) + 1
 *   r_l = r_{l−1} + (k_eff − 1)·j_{l−1}
 *   j_l = j_{l−1}·s_l
 *   start_l = start_{l−1} + ((k_eff − 1)/2 − p_l)·j_{l−1}
 * starting from r_0 = 1, j_0 = 1, start_0 = 0. Activations and norms leave all three unchanged;
 * in a residual block the body (the longer path) sets the field.
 */
import { options } from "../args";
import type { Module } from "../nn/module";
import { isModule, specFromModule } from "./fromModule";
import type { LayerSpec, SequentialSpec } from "./layerSpec";
import { RfAxis, walkSpec } from "./walk";

export interface ReceptiveFieldRow {
  /** The layer's name (its dotted path, or its index in the list). */
  name: string;
  type: string;
  /** Receptive-field size in input pixels (along the height axis; see `width` for the other one). */
  r: number;
  /** Jump: distance in input pixels between the fields of neighbouring units. */
  j: number;
  /** Input coordinate of the centre of the first unit's field (negative: it starts in the padding). */
  start: number;
  /** The same three numbers along the width axis (equal to r, j, start for square kernels). */
  width: RfAxis;
  /** The recurrence written out for this layer (height axis), e.g. "r = 3 + (3 − 1)·1 = 5; j = 1·1 = 1; start = 1 + ((3 − 1)/2 − 0)·1 = 2". */
  explanation: string;
}

const num = (x: number): string => String(+x.toPrecision(6));

/** Writes out one step of the recurrence from the field before and after a layer. */
export function explainRfStep(before: RfAxis, after: RfAxis, type: string): string {
  if (type === "Residual") return `the block adds its shortcut; the sum's field is the body's: r = ${num(after.r)}`;
  if (before.r === after.r && before.j === after.j && before.start === after.start)
    return `unchanged (r = ${num(after.r)}, j = ${num(after.j)}, start = ${num(after.start)})`;
  const kEff = (after.r - before.r) / before.j + 1; // d·(k − 1) + 1
  const s = after.j / before.j;
  const p = (kEff - 1) / 2 - (after.start - before.start) / before.j;
  const note =
    type === "Flatten" || type.startsWith("Adaptive")
      ? ` (${type} acts as a ${num(kEff)}-wide window over the map)`
      : "";
  return (
    `r = ${num(before.r)} + (${num(kEff)} − 1)·${num(before.j)} = ${num(after.r)}; ` +
    `j = ${num(before.j)}·${num(s)} = ${num(after.j)}; ` +
    `start = ${num(before.start)} + ((${num(kEff)} − 1)/2 − ${num(p)})·${num(before.j)} = ${num(after.start)}${note}`
  );
}

export interface ReceptiveFieldOptions {
  /** Input height and width (a number for square inputs). Needed only by layers whose window depends on it (Flatten, adaptive pooling, "same" padding with stride > 1). */
  inputSize?: number | [number, number];
}

/**
 * Receptive field after each layer of a layer list, a spec (gl.arith.models.vgg16()) or a Module.
 * Layers that no longer have a spatial layout (a Linear after a Linear) get no row.
 * @example
 * gl.arith.receptiveField([{ kernelSize: 3 }, { kernelSize: 3 }, { kernelSize: 2, stride: 2 }]);
 * // [{ r: 3, j: 1, start: 1 }, { r: 5, j: 1, start: 2 }, { r: 6, j: 2, start: 2.5 }] (plus name, type, width)
 */
export function receptiveField(
  layers: Module | LayerSpec | LayerSpec[],
  opts: ReceptiveFieldOptions = {},
): ReceptiveFieldRow[] {
  opts = options<typeof opts>("receptiveField", "opts", opts, ["inputSize"]) as typeof opts;
  const spec = isModule(layers) ? specFromModule(layers) : layers;
  let inputShape: number[] | null = null;
  const size =
    opts.inputSize ??
    (!Array.isArray(spec) && spec.type === "Sequential" && (spec as SequentialSpec).inputShape
      ? (spec as SequentialSpec).inputShape!.slice(2)
      : undefined);
  if (size !== undefined) {
    const [h, w] = typeof size === "number" ? [size, size] : size;
    inputShape = [1, firstInChannels(spec) ?? 1, h, w];
  }
  const rows = walkSpec(spec, inputShape, { fn: "receptiveField" });
  const out: ReceptiveFieldRow[] = [];
  for (const row of rows) {
    if (!row.rf || !row.rfIn) continue;
    out.push({
      name: row.name,
      type: row.type,
      r: row.rf.height.r,
      j: row.rf.height.j,
      start: row.rf.height.start,
      width: row.rf.width,
      explanation: explainRfStep(row.rfIn.height, row.rf.height, row.type),
    });
  }
  return out;
}

/** The channels the first conv expects (the input's channels), if the model starts with one. */
function firstInChannels(spec: LayerSpec | LayerSpec[]): number | undefined {
  const list = Array.isArray(spec) ? spec : [spec];
  for (const layer of list) {
    switch (layer.type) {
      case "Conv2d":
      case "ConvTranspose2d":
        return layer.inChannels;
      case "BatchNorm2d":
      case "InstanceNorm2d":
      case "GroupNorm":
        return layer.numFeatures;
      case "Sequential": {
        const c = firstInChannels(layer.layers);
        if (c !== undefined) return c;
        break;
      }
      case "Residual": {
        const c = firstInChannels(layer.body);
        if (c !== undefined) return c;
        break;
      }
    }
  }
  return undefined;
}
