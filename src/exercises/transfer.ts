/**
 * Exercises of lesson 13 (transfer learning): `gl.exercises.transfer.check(name, answer)`.
 * freezeFirst is a code exercise: the grader runs the learner's function on models of its own and
 * names what went wrong (nothing frozen, everything frozen, the wrong end, one layer off).
 */
import { Linear } from "../nn/linear";
import type { Module } from "../nn/module";
import { BatchNorm1d } from "../nn/norm/batchnorm";
import { ReLU } from "../nn/activation";
import { Sequential } from "../nn/sequential";
import { close } from "./compare";
import { defineExercises } from "./define";
import { fail, Grade, pass } from "./result";

/** A fresh model for the grader: 5 layers, 4 of them with parameters. */
function graderModel(): Sequential {
  return new Sequential([new Linear(3, 4), new BatchNorm1d(4), new ReLU(), new Linear(4, 4), new Linear(4, 2)]);
}

/** Per layer: true = trainable (every parameter requires grad), false = frozen, null = no parameters. */
function layerStates(model: Sequential): (boolean | null)[] {
  return model.layers.map((layer: Module) => {
    const ps = layer.parameters();
    if (ps.length === 0) return null;
    return ps.every((p) => p.requiresGrad) ? true : ps.every((p) => !p.requiresGrad) ? false : null;
  });
}

function expectedStates(model: Sequential, k: number): (boolean | null)[] {
  return model.layers.map((layer, i) => (layer.parameters().length === 0 ? null : i >= k));
}

const same = (a: (boolean | null)[], b: (boolean | null)[]) => a.every((v, i) => v === b[i]);

function gradeFreezeFirst(answer: unknown): Grade {
  if (typeof answer !== "function")
    return fail(
      'expected your function freezeFirst itself (pass it without calling it: check("freezeFirst", freezeFirst)).',
      "not-a-function",
    );
  const fn = answer as (model: Sequential, k: number) => void;
  for (const k of [3, 1, 0, 5]) {
    const model = graderModel();
    try {
      fn(model, k);
    } catch (e) {
      return fail(`your function threw on freezeFirst(model, ${k}): ${(e as Error).message}`, "threw");
    }
    const got = layerStates(model);
    const want = expectedStates(model, k);
    if (same(got, want)) continue;
    const states = (s: (boolean | null)[]) => s.map((v) => (v === null ? "·" : v ? "train" : "frozen")).join(", ");
    const detail = ` With k = ${k} on a 5-layer model the layers came out [${states(got)}], expected [${states(want)}] (· = no parameters).`;
    if (got.every((v) => v !== false))
      return fail(
        `nothing was frozen.${detail} A layer's requiresGrad(false) freezes its parameters.`,
        "nothing-frozen",
      );
    if (same(got, expectedStates(model, k + 1)) || same(got, expectedStates(model, k - 1)))
      return fail(`one layer off: count layers from 0, and freeze those with index < k.${detail}`, "off-by-one");
    if (got.every((v) => v !== true) && k < 5)
      return fail(`every layer was frozen, not only the first k.${detail}`, "all-frozen");
    if (
      same(
        got,
        model.layers.map((l, i) => (l.parameters().length === 0 ? null : i < model.layers.length - k)),
      )
    )
      return fail(
        `you froze the last k layers; freeze the first k (the lower, more general ones).${detail}`,
        "wrong-end",
      );
    return fail(`the layers are not frozen as asked.${detail}`, "wrong-layers");
  }
  return pass("the first k layers are frozen and the rest trainable, for every k the grader tried (0, 1, 3, 5).");
}

const HEAD = 784 * 64 + 64 + 64 * 5 + 5;

function gradeHeadParams(answer: unknown): Grade {
  if (typeof answer !== "number" || !Number.isFinite(answer))
    return fail("expected a number of parameters.", "not-a-number");
  if (answer === 0) return fail("0 is the placeholder: replace it with your count.", "placeholder");
  if (close(answer, HEAD, { rtol: 0, atol: 0.5 }))
    return pass(
      "784·64 + 64 weights and biases of the first linear layer, 64·5 + 5 of the second; the body's are frozen.",
    );
  const known: [number, string, string][] = [
    [784 * 64 + 64 * 5, "you left out the biases (one per output of each linear layer).", "no-biases"],
    [
      64 * 5 + 5,
      "that is only the last linear layer; the head's first linear layer is new and trainable too.",
      "last-layer-only",
    ],
    [784 * 64 + 64, "that is only the first linear layer of the head; add the second.", "first-layer-only"],
    [
      HEAD + 80 + 16 + 1168 + 32,
      "that counts the frozen body too; only trainable parameters were asked for.",
      "counted-frozen",
    ],
  ];
  const m = known.find(([v]) => v === answer);
  if (m) return fail(m[1], m[2]);
  return fail(
    "not the count. A Linear(in, out) has in·out weights and out biases; Flatten and ReLU have none.",
    "wrong",
  );
}

function gradeFrozenBatchNorm(answer: unknown): Grade {
  const a = typeof answer === "string" ? answer.trim().toLowerCase() : "";
  if (a === "eval")
    return pass(
      "eval: the frozen BatchNorm then normalizes with the pretraining's running statistics and leaves them alone.",
    );
  if (a === "train")
    return fail(
      "in train mode BatchNorm normalizes with each batch's statistics and moves its running mean and variance — the frozen body would still change. Look at the drift in the lesson's table.",
      "train-mode",
    );
  return fail('answer "train" or "eval".', "not-a-mode");
}

export const transfer = defineExercises("transfer", {
  freezeFirst: {
    prompt:
      "Write freezeFirst(model, k): freeze the parameters of the first k layers of a gl.nn.Sequential, leave the rest trainable.",
    hint: "model.layers lists the layers in order; each layer has requiresGrad(value). Decide the value from the layer's index.",
    grade: gradeFreezeFirst,
  },
  headParams: {
    prompt:
      "Trainable parameters of the transfer model: frozen body, new head Flatten → Linear(784, 64) → ReLU → Linear(64, 5)?",
    hint: "A Linear(in, out) has in·out weights and out biases; Flatten and ReLU have none; frozen layers do not count.",
    grade: gradeHeadParams,
  },
  frozenBatchNorm: {
    prompt:
      'While the reused body is frozen, in which mode should its BatchNorm layers run during training: "train" or "eval"?',
    hint: "What does a BatchNorm layer do to its running statistics in train mode, even with requiresGrad(false)?",
    grade: gradeFrozenBatchNorm,
  },
});

/** The graders without display (for tests). */
export const transferGraders = {
  freezeFirst: gradeFreezeFirst,
  headParams: gradeHeadParams,
  frozenBatchNorm: gradeFrozenBatchNorm,
};
