/**
 * Code exercise of lesson 12 (receptive fields): the receptive field of the last layer by the
 * recurrence, for layers given as gl.arith takes them,
 *   r₀ = 1, j₀ = 1;   rₗ = rₗ₋₁ + (kₗ − 1)·dₗ·jₗ₋₁,   jₗ = jₗ₋₁·sₗ
 */
import { receptiveField as rfRows } from "../../arith/receptiveField";
import type { CodeExerciseSpec } from "../codeGrader";

interface Layer {
  kernelSize: number;
  stride?: number;
  dilation?: number;
}

/** The recurrence with its known slips as switches. */
function recurrence(
  layers: Layer[],
  o: { jump?: "product" | "none" | "sum" | "plusStride"; dilation?: boolean; jumpAfter?: boolean } = {},
): number {
  let r = 1;
  let j = 1;
  for (const l of layers) {
    const s = l.stride ?? 1;
    const d = o.dilation === false ? 1 : (l.dilation ?? 1);
    const next = o.jump === "sum" ? j + s - 1 : o.jump === "plusStride" ? j + s : o.jump === "none" ? 1 : j * s;
    r += (l.kernelSize - 1) * d * (o.jumpAfter ? next : j);
    j = next;
  }
  return r;
}

const cases: { label: string; layers: Layer[] }[] = [
  { label: "one 7×7 layer with stride 2", layers: [{ kernelSize: 7, stride: 2 }] },
  { label: "two 3×3 layers", layers: [{ kernelSize: 3 }, { kernelSize: 3 }] },
  {
    label: "3×3, 2×2 stride 2, 3×3, 3×3",
    layers: [{ kernelSize: 3 }, { kernelSize: 2, stride: 2 }, { kernelSize: 3 }, { kernelSize: 3 }],
  },
  {
    label: "AlexNet's feature layers (strides 4, 2, 2)",
    layers: [
      { kernelSize: 11, stride: 4 },
      { kernelSize: 3, stride: 2 },
      { kernelSize: 5 },
      { kernelSize: 3, stride: 2 },
      { kernelSize: 3 },
      { kernelSize: 3 },
      { kernelSize: 3 },
      { kernelSize: 3, stride: 2 },
    ],
  },
  {
    label: "dilated 3×3 layers (dilation 1, 2, 4)",
    layers: [{ kernelSize: 3 }, { kernelSize: 3, dilation: 2 }, { kernelSize: 3, dilation: 4 }],
  },
  {
    label: "two stride-2 layers, then 3×3",
    layers: [{ kernelSize: 2, stride: 2 }, { kernelSize: 2, stride: 2 }, { kernelSize: 3 }],
  },
];

/** receptiveField(layers) → r. */
export const receptiveField: CodeExerciseSpec = {
  lesson: "receptiveFields",
  prompt:
    "Write receptiveField(layers) → r: the receptive field (in input pixels) of one unit of the last layer, for layers given as { kernelSize, stride?, dilation? }[] (defaults 1).",
  hint: "Keep two numbers while walking the layers: r, the receptive field so far, and j, the jump (how many input pixels apart two neighbouring units of the current layer are). A layer adds (k − 1)·d steps of the jump of its input; its stride changes the jump for the layers after it.",
  signature: "receptiveField(layers) → r",
  args: ["layers"],
  cases: cases.map((c) => ({ label: c.label, make: () => [c.layers.map((l) => ({ ...l }))] })),
  reference: (layers: Layer[]) => rfRows(layers).at(-1)!.r,
  wrong: [
    {
      name: "jump forgotten",
      fn: (layers: Layer[]) => recurrence(layers, { jump: "none" }),
      why: "You added k − 1 per layer as if every layer saw input pixels. After a stride, neighbouring units are j input pixels apart, so a layer adds (k − 1)·j: keep the jump j, the product of the strides so far.",
    },
    {
      name: "strides added",
      fn: (layers: Layer[]) => recurrence(layers, { jump: "sum" }),
      why: "Your jump adds the strides; it multiplies them: a stride-2 layer after a stride-4 layer puts units 4·2 = 8 input pixels apart, j ← j·s.",
    },
    {
      name: "strides added (j + s)",
      fn: (layers: Layer[]) => recurrence(layers, { jump: "plusStride" }),
      why: "Your jump grows by adding each layer's stride; it multiplies: j ← j·s (a stride-1 layer leaves the jump unchanged).",
    },
    {
      name: "jump of the layer's output",
      fn: (layers: Layer[]) => recurrence(layers, { jumpAfter: true }),
      why: "You multiplied (k − 1) by the jump after the layer's own stride. A layer's kernel steps over units of its *input*, which are j_(l−1) apart: use the jump before updating it.",
    },
    {
      name: "dilation ignored",
      fn: (layers: Layer[]) => recurrence(layers, { dilation: false }),
      why: "Right without dilation, but a dilated kernel of size k spans d·(k − 1) + 1 positions: the layer adds (k − 1)·d·j.",
    },
  ],
  shortcuts: [
    {
      pattern: /\.\s*(receptiveField|receptiveFieldBox|summary)\s*\(/,
      message: "Your function calls gl.arith.receptiveField: the point is to write the recurrence yourself.",
    },
  ],
  compare: (got, want) =>
    (typeof got === "number" ? got : NaN) === want
      ? null
      : `your r is ${typeof got === "number" ? got : String(got)}, which is not the receptive field of these layers.`,
  explain: "gl.arith.receptiveField runs the same recurrence and also tracks where each unit's field starts.",
};
