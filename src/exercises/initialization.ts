/**
 * Exercises of lesson 04 (weight initialization): He std, Xavier's uniform bound, a conv layer's
 * fan-in, the initial loss ln C, and the variance ReLU loses per layer under Xavier.
 * `gl.exercises.initialization.check("heStd", Math.sqrt(2 / 512))`
 */
import { defineExercises } from "./define";
import { fromSpec } from "./spec";
import * as code from "./code/initialization";
import { codeExercise } from "./codeExercise";

/**
 * @example
 * gl.exercises.initialization.grade("convFanIn", 400).correct // true
 */
export const initialization = defineExercises("initialization", {
  heNormal: codeExercise(code.heNormal),
  heStd: fromSpec({
    prompt: "Give the He normal std for a Linear layer with 512 inputs and 256 outputs (ReLU).",
    hint: "He initialization keeps the variance of ReLU activations: which fan does it use, which factor makes up for ReLU, and is the question asking for a variance or a std?",
    expected: Math.sqrt(2 / 512),
    explain:
      "He: Var(w) = 2/fanIn = 2/512, std = √(2/512) = 0.0625. The 2 makes up for ReLU halving the second moment.",
    mistakes: [
      {
        code: "variance-not-std",
        value: 2 / 512,
        message: "That is the variance 2/fanIn; the std is its square root.",
      },
      {
        code: "lecun",
        value: Math.sqrt(1 / 512),
        message: "That is LeCun's std √(1/fanIn) (for SELU); He doubles the variance for ReLU: √(2/512).",
      },
      {
        code: "xavier",
        value: Math.sqrt(2 / (512 + 256)),
        message: "That is Xavier normal √(2/(fanIn + fanOut)), made for tanh/sigmoid; for ReLU use He, √(2/fanIn).",
      },
      {
        code: "fan-out",
        value: Math.sqrt(2 / 256),
        message: "He uses the fan-in (512 inputs), not the fan-out (256), in its default mode.",
      },
    ],
  }),
  xavierBound: fromSpec({
    prompt: "Give r of Xavier uniform U(−r, r) for fanIn = 100, fanOut = 300.",
    hint: "Xavier sets Var(w) = 2/(fanIn + fanOut), and a uniform U(−r, r) has variance r²/3.",
    expected: Math.sqrt(6 / 400),
    explain: "Var(w) = 2/(fanIn + fanOut) and U(−r, r) has variance r²/3, so r = √(6/(fanIn + fanOut)) = √(6/400).",
    mistakes: [
      {
        code: "xavier-normal-std",
        value: Math.sqrt(2 / 400),
        message:
          "That is the std of Xavier *normal*; a uniform U(−r, r) has variance r²/3, so r = √3 × std = √(6/400).",
      },
      {
        code: "fan-in-only",
        value: Math.sqrt(6 / 100),
        message: "You used the fan-in alone; Xavier averages fan-in and fan-out: r = √(6/(100 + 300)).",
      },
      {
        code: "half-the-bound",
        value: Math.sqrt(3 / 400),
        message:
          "That is √(3/(fanIn + fanOut)); with fan_avg = (fanIn + fanOut)/2 the bound is √(3/fan_avg) = √(6/(fanIn + fanOut)).",
      },
    ],
  }),
  convFanIn: fromSpec({
    prompt: "Give the fan-in of Conv2d(16, 32, 5)'s weight [32, 16, 5, 5].",
    hint: "The fan-in is how many inputs one output value sums over: every input channel, across the whole kernel window.",
    expected: 16 * 5 * 5,
    explain: "Each output value sums over all input channels and the whole 5×5 window: fanIn = Cin·kh·kw = 400.",
    mistakes: [
      {
        code: "no-channels",
        value: 25,
        message: "You counted the window (5×5) but not the 16 input channels: every filter spans all of them.",
      },
      {
        code: "no-window",
        value: 16,
        message: "You counted the input channels but not the 5×5 window each of them contributes.",
      },
      {
        code: "fan-out",
        value: 32 * 5 * 5,
        message: "That is the fan-out (Cout·kh·kw = 800); the fan-in uses the input channels.",
      },
      {
        code: "weight-count",
        value: 16 * 32 * 5 * 5,
        message: "That is the number of weights; the fan-in is how many inputs one output unit sums: 16·5·5.",
      },
    ],
  }),
  initialLoss: fromSpec({
    prompt: "Give the expected initial cross-entropy of a 10-class classifier whose logits start near 0.",
    hint: "With all logits equal, what probability does softmax give each class, and what is −ln of it?",
    expected: Math.log(10),
    rtol: 1e-2,
    explain: "Zero logits → softmax gives 1/10 to every class → loss = −ln(1/10) = ln 10 ≈ 2.303.",
    mistakes: [
      {
        code: "probability-not-loss",
        value: 0.1,
        message: "0.1 is the probability of each class; the loss is −ln(0.1).",
      },
      {
        code: "log10",
        value: 1,
        message: "That is log₁₀(10); cross-entropy uses the natural logarithm: ln 10 ≈ 2.303.",
      },
      { code: "negative-loss", value: -Math.log(10), message: "The loss is −ln p = −ln(0.1) = +2.303: positive." },
    ],
  }),
  reluVariance: fromSpec({
    prompt:
      "Give the factor by which 10 ReLU layers with Xavier init (square layers) multiply the activations' variance.",
    hint: "Xavier keeps the pre-activation's variance from layer to layer, and ReLU keeps half of its input's second moment: how does that compound over the layers?",
    expected: 0.5 ** 10,
    rtol: 1e-2,
    explain:
      "Each layer keeps n·Var(w) = 1 for the pre-activation, and ReLU keeps half the second moment: (1/2)^10 ≈ 1e-3.",
    mistakes: [
      {
        code: "std-factor",
        value: Math.SQRT1_2 ** 10,
        message: "That is the factor for the std (1/√2 per layer); the variance halves per layer: (1/2)^10.",
      },
      {
        code: "added-factors",
        value: 0.5 * 10,
        message: "The factors multiply, layer after layer: (1/2)^10, not 10 × 1/2.",
      },
      {
        code: "xavier-keeps-variance",
        value: 1,
        message:
          "Xavier keeps the variance for linear/tanh layers; ReLU zeroes the negative half, losing half the variance at each layer.",
      },
      { code: "off-by-one", value: 0.5 ** 9, message: "Off by one: each of the 10 layers halves the variance." },
    ],
  }),
});
