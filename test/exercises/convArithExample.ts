/**
 * A test-local example of the exercise framework (define.ts, compare.ts, formula.ts): not part of
 * the public barrel; lesson 11's real checkers are src/exercises/convArithmetic.ts. Kept here so
 * the framework's tests exercise number, value and formula checkers with named mistakes.
 * Exercises for lesson 11 (convolution arithmetic and pooling) and lesson 12 (receptive fields
 * and cost): output sizes, TensorFlow's SAME padding, parameters, MACs and receptive fields.
 * Each known wrong answer carries the explanation of the mistake that produces it.
 */
import { convMacs, convOutputSize, convParams, poolOutputSize, receptiveField, tfSamePadding } from "../../src/arith";
import { checkNumber, checkValues } from "../../src/exercises/compare";
import { defineExercises } from "../../src/exercises/define";
import { checkFormula } from "../../src/exercises/formula";

const SIZE_VARIABLES = { W: { min: 1, max: 64 }, F: { min: 1, max: 7 }, P: { min: 0, max: 3 }, S: { min: 1, max: 4 } };

export const convArith = defineExercises("convArith", {
  outputSize: {
    prompt:
      "A 128×128 input goes through a 3×3 conv with stride 2 and padding 1. What is the output's width? " +
      'Answer with a number, or type the general formula in W, F, P and S (e.g. "(W + F) / S").',
    hint: "Count where the window can start: the padded input has W + 2P pixels and the window needs F of them.",
    grade(answer) {
      if (typeof answer === "string")
        return checkFormula(answer, {
          expected: "floor((W - F + 2 P) / S) + 1",
          variables: SIZE_VARIABLES,
          valid: ({ W, F, P }) => W + 2 * P >= F,
          explanation: "Sizes are whole numbers, hence the floor; PyTorch's ceilMode (pooling only) rounds up instead.",
          mistakes: [
            {
              value: "(W - F + 2 P) / S + 1",
              message:
                "right only when S divides W − F + 2P; otherwise it gives a fraction (64.5 for 128/3/2/1). A window either fits or not: take the floor, floor((W − F + 2P)/S) + 1.",
            },
            {
              value: "ceil((W - F + 2 P) / S) + 1",
              message:
                "that rounds up (ceil), which is ceilMode for pooling; convolutions and default pooling round down: floor((W − F + 2P)/S) + 1.",
            },
            {
              value: "floor((W - F + 2 P) / S)",
              message:
                "off by one: did you forget +1 in (W−F+2P)/S+1? The first window sits at position 0 before any stride is taken.",
            },
            {
              value: "(W - F + 2 P) / S",
              message: "off by one and not a whole number: the size is floor((W − F + 2P)/S) + 1.",
            },
            {
              value: "floor((W - F + P) / S) + 1",
              message: "padding is added on both sides, so the padded width is W + 2P.",
            },
            {
              value: "floor((W + F + 2 P) / S) + 1",
              message: "the kernel takes room away: the window can start at W + 2P − F + 1 places (minus F, not plus).",
            },
            {
              value: "floor((W - F) / S) + 1",
              message: "you left out the padding: it adds 2P pixels (P on each side).",
            },
          ],
        });
      const expected = convOutputSize({ inputSize: 128, kernelSize: 3, stride: 2, padding: 1 });
      return checkNumber(answer, expected, {
        explanation: "floor((128 − 3 + 2·1)/2) + 1 = floor(63.5) + 1 = 64.",
        mistakes: [
          { value: 64.5, message: "sizes are whole numbers: (128 − 3 + 2)/2 = 63.5, floor it to 63, then add 1." },
          {
            value: 65,
            message:
              "64.5 rounded up. The rule is floor((W − F + 2P)/S) + 1 = floor(63.5) + 1 = 64 (rounding up is ceilMode, used only by pooling when asked).",
          },
          {
            value: 63.5,
            message: "off by one: did you forget +1 in (W−F+2P)/S+1? And then take the floor of the division.",
          },
          {
            value: 63,
            message:
              "off by one: did you forget +1 in (W−F+2P)/S+1, or leave out the padding? floor((128 − 3 + 2)/2) + 1 = 64.",
          },
          {
            value: 126,
            message: "that is the size with stride 1 and no padding; here the stride is 2 and the padding 1.",
          },
        ],
      });
    },
  },

  tfSamePadding: {
    prompt: 'In TensorFlow, padding "SAME" with W = 128, F = 3, S = 2. How many pixels are added [before, after]?',
    hint: "SAME gives ceil(W/S) outputs; compute the total padding that needs, then split it with the extra pixel at the end.",
    grade(answer) {
      const p = tfSamePadding({ inputSize: 128, kernelSize: 3, stride: 2 });
      return checkValues(answer, [p.before, p.after], {
        explanation:
          "out = ceil(128/2) = 64; total = max((64 − 1)·2 + 3 − 128, 0) = 1; before = floor(1/2) = 0, after = 1.",
        mistakes: [
          {
            value: [1, 1],
            message:
              "that is PyTorch's padding=1 (it also gives 64 here). SAME needs only max((64 − 1)·2 + 3 − 128, 0) = 1 pixel in total, and puts it at the end: [0, 1].",
          },
          {
            value: [1, 0],
            message: "the total (1) is right, but TensorFlow puts the odd pixel at the end (bottom/right): [0, 1].",
          },
          {
            value: [0, 0],
            message: "with no padding the conv gives floor(125/2) + 1 = 63 outputs; SAME promises ceil(128/2) = 64.",
          },
        ],
      });
    },
  },

  params: {
    prompt: "How many parameters does Conv2d(3, 64, kernelSize 3) have, with its bias?",
    hint: "Each of the 64 filters spans all 3 input channels.",
    grade(answer) {
      return checkNumber(answer, convParams({ inChannels: 3, outChannels: 64, kernelSize: 3 }), {
        explanation: "64 filters × (3 channels × 3 × 3) weights + 64 biases = 1792.",
        mistakes: [
          { value: 1728, message: "you forgot the bias: one per output channel, +64." },
          { value: 640, message: "each filter covers all 3 input channels: 64 × 3 × 3 × 3 weights, not 64 × 3 × 3." },
          {
            value: 576,
            message: "each filter covers all 3 input channels (× 3), and each output channel has a bias (+64).",
          },
          { value: 1731, message: "there is one bias per OUTPUT channel (64), not per input channel." },
        ],
      });
    },
  },

  macs: {
    prompt:
      "That conv runs on a 224×224 input with padding 1 (output 64 × 224 × 224). How many multiply-accumulates (MACs)?",
    hint: "Every weight (not the bias) is used once per output position.",
    grade(answer) {
      const expected = convMacs({ inChannels: 3, outChannels: 64, kernelSize: 3, outputSize: 224 });
      return checkNumber(answer, expected, {
        explanation: "(64 × 3 × 3 × 3) × 224 × 224 = 86,704,128 ≈ 0.087 GMACs.",
        mistakes: [
          {
            value: 1792 * 224 * 224,
            message:
              "biases are additions, not multiply-accumulates; count only the 1728 weights per position (torchvision's convention).",
          },
          {
            value: 2 * expected,
            message: "that is FLOPs (a multiply and an add per MAC); the question asks for MACs.",
          },
          { value: 1728, message: "that is per output position; multiply by the 224 × 224 positions." },
          {
            value: 1728 * 224 * 224 * 64,
            message: "the 1728 weights already include all 64 filters; multiply only by the 224 × 224 positions.",
          },
        ],
      });
    },
  },

  receptiveField: {
    prompt:
      "Three 3×3 convs with stride 1 are stacked. How many input pixels wide is the receptive field of one unit of the third layer?",
    hint: "Start at 1 pixel; each layer widens the field by (k − 1) × jump.",
    grade(answer) {
      const layers = [{ kernelSize: 3 }, { kernelSize: 3 }, { kernelSize: 3 }];
      return checkNumber(answer, receptiveField(layers)[2].r, {
        explanation:
          "r = 1 + 3 × (3 − 1) = 7: the same field as one 7×7 conv, with 27 instead of 49 weights per channel pair.",
        mistakes: [
          {
            value: 9,
            message:
              "kernel sizes do not add up: each extra 3×3 layer widens the field by k − 1 = 2, not by 3. r = 1 + 2 + 2 + 2 = 7.",
          },
          { value: 6, message: "you forgot the pixel you start from: r = 1 + Σ(k − 1) = 1 + 6 = 7." },
          { value: 27, message: "fields grow additively with stride 1, not multiplicatively: r = 1 + 3 × 2 = 7." },
          { value: 3, message: "that is one layer's field; every stacked layer widens it by 2." },
        ],
      });
    },
  },

  poolCeilMode: {
    prompt: "MaxPool2d(2) with ceilMode: true on an input 5 pixels wide. What is the output width?",
    hint: "With ceilMode the last, partial window is kept if it starts inside the input.",
    grade(answer) {
      return checkNumber(answer, poolOutputSize({ inputSize: 5, kernelSize: 2, ceilMode: true }), {
        explanation:
          "ceil((5 − 2)/2) + 1 = 3; the third window starts at pixel 4, inside the input, so PyTorch keeps it.",
        mistakes: [
          {
            value: 2,
            message: "that is the default floor mode; ceilMode keeps the partial last window: ceil(3/2) + 1 = 3.",
          },
          { value: 2.5, message: "sizes are whole numbers; ceilMode rounds (5 − 2)/2 up before adding 1." },
        ],
      });
    },
  },
});
