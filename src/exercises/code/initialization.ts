/**
 * Code exercise of lesson 04 (initialization): He/Kaiming normal for a Linear [out, in] or Conv
 * [out, in, kH, kW] weight, graded statistically,
 *   w ~ N(0, 2/fanIn),  fanIn = in·kH·kW
 * then by the depth profile of a 20-layer ReLU network initialized with it.
 */
import { deepMLP } from "../../nn/deepMLP";
import { ReLU } from "../../nn/activation";
import { depthProfile } from "../../probe/depthProfile";
import { randn } from "../../tensor/create";
import { Tensor } from "../../tensor/tensor";
import type { CodeExerciseSpec } from "../codeGrader";

const fans = (shape: number[]): { fanIn: number; fanOut: number } => {
  const area = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[1] * area, fanOut: shape[0] * area };
};
const normalWith =
  (std: (shape: number[]) => number) =>
  (shape: number[]): Tensor =>
    randn(shape, { std: std(shape) });

function moments(t: Tensor): { mean: number; std: number; n: number } {
  let s = 0;
  for (const v of t.data) s += v;
  const mean = s / t.size;
  let q = 0;
  for (const v of t.data) q += (v - mean) * (v - mean);
  return { mean, std: Math.sqrt(q / t.size), n: t.size };
}

/**
 * Two draws agree when their stds agree within 5 standard errors (SE of a sample std ≈ σ/√(2n),
 * two samples) and each mean is within 5 SE (σ/√n) of 0.
 */
function sameDistribution(got: unknown, want: unknown): string | null {
  const g = moments(got as Tensor);
  const w = moments(want as Tensor);
  if (!Number.isFinite(g.std)) return "your weights contain NaN or Infinity.";
  if (g.std === 0) return "all your weights are equal (std 0): every unit would compute the same thing.";
  const ratio = g.std / w.std;
  if (Math.abs(ratio - 1) > 5 * Math.sqrt(1 / g.n))
    return `the std of your weights is ${+ratio.toPrecision(3)}× what He's rule gives for shape [${(want as Tensor).shape.join(", ")}].`;
  const se = w.std / Math.sqrt(g.n);
  if (Math.abs(g.mean) > 5 * se)
    return `the mean of your weights is ${(g.mean / se).toFixed(1)} standard errors away from 0: draw from a distribution centred on 0.`;
  return null;
}

/** heNormal(shape) → Tensor. */
export const heNormal: CodeExerciseSpec = {
  lesson: "initialization",
  prompt:
    "Write heNormal(shape) → Tensor for a Linear weight [out, in] or a Conv weight [out, in, kH, kW], drawing with gl.randn (the grader seeds before each call).",
  hint: "Var(w) = 2/fan_in. Which axes does one output unit sum over: for a Conv weight that is every input channel times every kernel position. And gl.randn's option is a standard deviation, not a variance.",
  signature: "heNormal(shape) → Tensor",
  args: ["shape"],
  cases: [
    { label: "a Linear weight [64, 256]", make: () => [[64, 256]] },
    { label: "a Linear weight [200, 50] (more outputs than inputs)", make: () => [[200, 50]] },
    { label: "a Conv weight [32, 16, 3, 3]", make: () => [[32, 16, 3, 3]] },
    { label: "a Conv weight [16, 3, 5, 5]", make: () => [[16, 3, 5, 5]] },
  ],
  reference: normalWith((s) => Math.sqrt(2 / fans(s).fanIn)),
  compare: sameDistribution,
  wrong: [
    {
      name: "fan_out",
      fn: normalWith((s) => Math.sqrt(2 / fans(s).fanOut)),
      why: "Your std follows fan_out (the number of outputs) instead of fan_in. The forward pass sums over the inputs of each unit, so its variance is kept by Var(w) = 2/fan_in (PyTorch's mode='fan_in', the default).",
    },
    {
      name: "fan_in without the kernel area",
      fn: normalWith((s) => Math.sqrt(2 / s[1])),
      why: "Right for Linear weights, wrong for Conv: a conv unit sums over in_channels × kH × kW inputs, so fan_in includes the kernel area (gl.init.computeFans shows it).",
    },
    {
      name: "√(1/fan_in)",
      fn: normalWith((s) => Math.sqrt(1 / fans(s).fanIn)),
      why: "Your std is √(1/fan_in): that is LeCun's initialization. ReLU zeroes half of its input's second moment, and He's factor 2 makes up for it.",
    },
    {
      name: "variance used as std",
      fn: normalWith((s) => 2 / fans(s).fanIn),
      why: "You passed the variance 2/fan_in where a standard deviation is expected: gl.randn's std must be √(2/fan_in).",
    },
    {
      name: "Xavier",
      fn: normalWith((s) => Math.sqrt(2 / (fans(s).fanIn + fans(s).fanOut))),
      why: "Your std is √(2/(fan_in + fan_out)): that is Xavier/Glorot normal, made for tanh-like activations. He uses fan_in only.",
    },
  ],
  shortcuts: [
    {
      pattern: /\.\s*(heNormal|heUniform|kaimingNormal|kaimingUniform)\s*\(/,
      message:
        "Your function calls gl.init.heNormal: the point is to write it, from gl.randn and the fan-in of the shape.",
    },
  ],
  extra: (fn) => {
    const init = fn as (shape: number[]) => Tensor;
    const X = randn([256, 100]);
    const p = depthProfile(
      deepMLP({
        inFeatures: 100,
        width: 100,
        depth: 20,
        outFeatures: 10,
        activation: () => new ReLU(),
        init,
        bias: false,
      }),
      X,
    );
    const first = p.activationStd[0];
    const last = p.activationStd[p.activationStd.length - 1];
    const ok = last / first > 0.25 && last / first < 4;
    const text = `a 20-layer ReLU network initialized with it keeps the activation std at ${first.toPrecision(2)} in layer 1 and ${last.toPrecision(2)} in layer 20`;
    return ok
      ? { ok, message: `And ${text} (gl.probe.depthProfile).` }
      : { ok, message: `The statistics pass, but ${text}: it should stay within a factor 4.` };
  },
  explain: "Var(w) = 2/fan_in keeps the second moment of a ReLU network's activations constant with depth.",
};
