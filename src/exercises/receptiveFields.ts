/**
 * Exercises of lesson 12 (receptive fields and the cost of a CNN):
 * `gl.exercises.receptiveFields.check(id, answer)` prints and returns { correct, message }.
 * Expected values come from gl.arith and gl.summary; a wrong answer is compared with what the
 * common mistakes give (adding kernel sizes, forgetting the jump, multiplying by the layer's own
 * stride, forgetting the bias, counting FLOPs for MACs, counting a pool too many) to name it.
 */
import { vgg16 } from "../arith/architectures";
import { convMacs } from "../arith/macs";
import { convParams } from "../arith/params";
import { receptiveField } from "../arith/receptiveField";
import { summary } from "../summary";
import { defineExercises, Exercise } from "./define";
import { fail, Grade, pass } from "./result";
import * as code from "./code/receptiveFields";
import { codeExercise } from "./codeExercise";

const isNumber = (a: unknown): a is number => typeof a === "number" && Number.isFinite(a);
const notANumber = (a: unknown): Grade => fail(`expected a number, got ${JSON.stringify(a)}.`);
const placeholder = (): Grade =>
  fail("0 is the placeholder: replace it with your answer (a number, or a gl.arith call).");

const STRIDED = [{ kernelSize: 3 }, { kernelSize: 2, stride: 2 }, { kernelSize: 3 }, { kernelSize: 3 }];

const graders = {
  strided: {
    prompt: "conv 3×3, max-pool 2×2 stride 2, conv 3×3, conv 3×3: receptive field r of the last layer?",
    hint: "Each layer adds (k − 1) × jump, where the jump is the product of the strides of the layers BEFORE it.",
    grade(answer: unknown): Grade {
      if (!isNumber(answer)) return notANumber(answer);
      if (answer === 0) return placeholder();
      const rows = receptiveField(STRIDED);
      const r = rows[rows.length - 1].r;
      if (answer === r)
        return pass(
          `r = ${rows.map((row) => row.r).join(" → ")}: after the pool the jump is 2, so each 3×3 conv adds (3 − 1)·2 = 4.`,
        );
      const noJump = 1 + STRIDED.reduce((s, l) => s + l.kernelSize - 1, 0); // 8
      if (answer === noJump)
        return fail(
          "you added k − 1 per layer but forgot the jump: after the stride-2 pool, neighbouring units are 2 input pixels apart, so a 3×3 conv adds (3 − 1)·2.",
          "no-jump",
        );
      if (answer === STRIDED.reduce((s, l) => s + l.kernelSize, 0))
        return fail(
          "kernel sizes do not simply add: each layer widens the field by (k − 1)·jump, starting from r = 1.",
          "added-kernels",
        );
      // multiplying by the jump AFTER the layer (its own stride included)
      let rOwn = 1;
      let j = 1;
      for (const l of STRIDED) {
        j *= l.stride ?? 1;
        rOwn += (l.kernelSize - 1) * j;
      }
      if (answer === rOwn)
        return fail(
          "you multiplied by the jump including the layer's own stride; use the jump of the layer's INPUT (the strides before it).",
          "own-stride",
        );
      if (answer === r - 1) return fail("off by one: start from r₀ = 1 (one input pixel sees itself).", "off-by-one");
      return fail("follow the recurrence layer by layer: r ← r + (k − 1)·j, then j ← j·s.");
    },
  },
  vggJump: {
    prompt: "VGG-16: how many input pixels apart are the fields of two neighbouring conv5_3 units (the jump)?",
    hint: "Only strides change the jump; count the stride-2 layers before conv5_3.",
    grade(answer: unknown): Grade {
      if (!isNumber(answer)) return notANumber(answer);
      if (answer === 0) return placeholder();
      const row = receptiveField(vgg16()).find((r) => r.name === "conv5_3");
      const j = row ? row.j : NaN;
      if (answer === j) return pass(`four 2×2 stride-2 pools come before conv5_3: j = 2⁴ = ${j}.`);
      if (answer === 2 * j)
        return fail("that counts all five pools; the fifth (pool5) comes AFTER conv5_3.", "counted-pool5");
      if (answer === 1)
        return fail(
          "the 3×3 convs have stride 1, but the pools between the blocks have stride 2: they multiply the jump.",
          "ignored-pools",
        );
      if (answer === 8)
        return fail(
          "count the pools again: blocks 1–4 each end with a stride-2 pool before conv5_3.",
          "miscounted-pools",
        );
      return fail("the jump is the product of the strides of every layer before it.");
    },
  },
  convCost: {
    prompt: "Conv2d(64, 128, 3, { padding: 1 }) with bias on a 56×56 input: { params, macs } for one image?",
    hint: "params = K²·Cin·Cout + Cout; MACs = (output positions)·K²·Cin·Cout.",
    grade(answer: unknown): Grade {
      const a = answer as { params?: unknown; macs?: unknown };
      if (!a || !isNumber(a.params) || !isNumber(a.macs))
        return fail("expected an object { params: number, macs: number }.");
      if (a.params === 0 && a.macs === 0)
        return fail("{ params: 0, macs: 0 } is the placeholder: replace it with your answer.");
      const params = convParams({ inChannels: 64, outChannels: 128, kernelSize: 3 });
      const weights = 3 * 3 * 64 * 128;
      const macs = convMacs({ inChannels: 64, outChannels: 128, kernelSize: 3, outputSize: 56 });
      const problems: string[] = [];
      if (a.params !== params) {
        if (a.params === weights) problems.push("params: you forgot the bias (one per output channel, +128)");
        else if (a.params === weights + 64)
          problems.push("params: there is one bias per OUTPUT channel (128), not per input channel");
        else if (a.params === 3 * 3 * 128 + 128 || a.params === 3 * 3 * 64 + 64)
          problems.push("params: each of the 128 filters spans all 64 input channels: 3·3·64·128 weights");
        else problems.push("params: count K²·Cin·Cout weights plus Cout biases");
      }
      if (a.macs !== macs) {
        if (a.macs === 2 * macs)
          problems.push("MACs: that is FLOPs (a multiply and an add per MAC); the question asks for MACs");
        else if (a.macs === params * 56 * 56)
          problems.push(
            "MACs: biases are additions, not multiply-accumulates; count only the weights per output position",
          );
        else if (a.macs === weights)
          problems.push("MACs: that is one output position; multiply by the 56 × 56 positions (padding 1 keeps 56)");
        else if (a.macs === 54 * 54 * weights) problems.push("MACs: with padding 1 the output stays 56×56, not 54×54");
        else problems.push("MACs: every weight is used once per output position: 56·56·3·3·64·128");
      }
      if (problems.length === 0)
        return pass(
          `params = 3·3·64·128 + 128 = ${params}; MACs = 56·56·3·3·64·128 = ${macs} (≈ ${(macs / 1e6).toFixed(0)} M).`,
        );
      return fail(problems.join("; ") + ".");
    },
  },
  vggFcShare: {
    prompt: "What fraction (0–1) of VGG-16's parameters sit in its three fully connected layers?",
    hint: "gl.summary(gl.arith.models.vgg16()).rows has params per layer; the Linear rows are fc6, fc7, fc8.",
    grade(answer: unknown): Grade {
      if (!isNumber(answer)) return notANumber(answer);
      if (answer === 0) return placeholder();
      const s = summary(vgg16());
      const fc = s.rows.filter((r) => r.type === "Linear");
      const share = fc.reduce((t, r) => t + r.params, 0) / s.totals.params;
      const macShare = fc.reduce((t, r) => t + r.macs, 0) / s.totals.macs;
      if (Math.abs(answer - share) <= 0.005)
        return pass(
          `${share.toFixed(3)}: the fully connected layers hold most parameters but only ${(100 * macShare).toFixed(2)} % of the MACs.`,
        );
      if (Math.abs(answer - 100 * share) <= 0.5)
        return fail("that is a percentage; give a fraction between 0 and 1.", "percentage");
      if (Math.abs(answer - macShare) <= 0.005)
        return fail("that is their share of the MACs (compute), not of the parameters.", "mac-share");
      const fc6 = fc[0].params / s.totals.params;
      if (Math.abs(answer - fc6) <= 0.005) return fail("that is fc6 alone; add fc7 and fc8.", "fc6-only");
      if (answer > 1) return fail("a fraction is between 0 and 1.");
      return fail(
        answer < share
          ? "too small: fc6 alone has 4096·25088 + 4096 weights."
          : "too large: the 13 convs hold the rest.",
      );
    },
  },
  receptiveField: codeExercise(code.receptiveField),
} satisfies Record<string, Exercise>;

/**
 * The exercises of lesson 12.
 * @example
 * gl.exercises.receptiveFields.check("vggJump", 16).correct; // true
 */
export const receptiveFields = defineExercises("receptiveFields", graders);
