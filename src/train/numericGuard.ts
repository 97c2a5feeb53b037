/**
 * The NaN/Inf guard of `fit`: when the loss, a gradient or a parameter stops being finite, training
 * stops with an error that names the step and the layer or parameter where it happened, instead
 * of carrying NaN silently to the end.
 */
import { NumericError } from "../errors";
import type { Module } from "../nn/module";
import { noGrad } from "../autograd/mode";
import { Tensor } from "../tensor/tensor";

/** Where in training a non-finite value appeared. */
export interface NonFiniteAt {
  step: number;
  epoch: number;
  batch: number;
}

/** What was found non-finite. */
export type NonFiniteWhat = "loss" | "gradient" | "parameter";

/** A NumericError from `fit` that also carries the step, and the layer or parameter, as fields. */
export class NonFiniteError extends NumericError {
  readonly step: number;
  readonly epoch: number;
  readonly batch: number;
  readonly what: NonFiniteWhat;
  /** The layer (dotted module name) whose output first became non-finite, when found. */
  readonly layer: string | null;
  /** The parameters with non-finite values or gradients (dotted names), when that is the cause. */
  readonly parameters: string[];
  constructor(
    at: NonFiniteAt,
    what: NonFiniteWhat,
    received: string,
    fix: string,
    where: { layer?: string | null; parameters?: string[] } = {},
  ) {
    super({
      fn: "fit",
      expected: `a finite ${what} at step ${at.step} (epoch ${at.epoch}, batch ${at.batch})`,
      received,
      fix,
    });
    this.step = at.step;
    this.epoch = at.epoch;
    this.batch = at.batch;
    this.what = what;
    this.layer = where.layer ?? null;
    this.parameters = where.parameters ?? [];
  }
}

/** First non-finite value of a buffer, or null. */
export function firstNonFinite(data: ArrayLike<number>): { index: number; value: number } | null {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return { index: i, value: data[i] };
  return null;
}

/** Names of parameters whose values (or gradients) contain NaN/Inf. */
export function nonFiniteParameters(model: Module, of: "value" | "grad"): string[] {
  const out: string[] = [];
  for (const [name, p] of model.namedParameters()) {
    const t = of === "value" ? p : p.grad;
    if (t && firstNonFinite(t.data)) out.push(name);
  }
  return out;
}

/**
 * Replays the forward pass on X with hooks on every leaf module and returns the first module (in
 * call order) whose output has NaN/Inf although its inputs were finite: where the trouble starts.
 */
export function locateNonFiniteLayer(model: Module, X: Tensor): { layer: string; type: string; value: number } | null {
  let found: { layer: string; type: string; value: number } | null = null;
  const removers = model
    .namedModules()
    .filter(([, m]) => m.children().length === 0)
    .map(([name, m]) =>
      m.registerForwardHook((mod, inputs, out) => {
        if (found || !(out instanceof Tensor)) return;
        const bad = firstNonFinite(out.data);
        if (bad && inputs.every((x) => !(x instanceof Tensor) || !firstNonFinite(x.data)))
          found = { layer: name, type: mod.constructor.name, value: bad.value };
      }),
    );
  try {
    noGrad(() => model.forward(X));
  } catch {
    // the replay is only a diagnosis; an error in it must not hide the NaN report
  } finally {
    for (const r of removers) r();
  }
  return found;
}

/** Throws a NonFiniteError when the loss is not finite, naming the layer where NaN/Inf first appears. */
export function checkLoss(loss: number, model: Module, X: Tensor, at: NonFiniteAt): void {
  if (Number.isFinite(loss)) return;
  const badInput = firstNonFinite(X.data);
  if (badInput) {
    throw new NonFiniteError(
      at,
      "loss",
      `${loss}: the input batch itself contains ${badInput.value} (flat index ${badInput.index})`,
      "Clean the data (NaN in the inputs), e.g. impute or drop those rows before training.",
    );
  }
  const badParams = nonFiniteParameters(model, "value");
  if (badParams.length) {
    throw new NonFiniteError(
      at,
      "loss",
      `${loss}: parameters ${badParams.slice(0, 5).join(", ")} already hold NaN/Inf`,
      "An earlier update overflowed: lower the learning rate or clip gradients.",
      { parameters: badParams },
    );
  }
  const layer = locateNonFiniteLayer(model, X);
  if (layer) {
    throw new NonFiniteError(
      at,
      "loss",
      `${loss}: the first non-finite value (${layer.value}) appears in the output of layer "${layer.layer}" (${layer.type}), whose inputs were finite`,
      "Look at that layer: activations overflowing (lower the learning rate, use a normalization layer, or a better initialization), log of 0, or division by 0.",
      { layer: layer.layer },
    );
  }
  throw new NonFiniteError(
    at,
    "loss",
    `${loss}: every layer's output is finite, so the loss function produced it`,
    "Check the loss: log of 0 or of a negative number (use logits with crossEntropy rather than probabilities), or targets out of range.",
  );
}

/** Throws a NonFiniteError naming the parameters whose gradients (after backward) or values (after the step) are not finite. */
export function checkParameters(model: Module, of: "value" | "grad", at: NonFiniteAt): void {
  const bad = nonFiniteParameters(model, of);
  if (!bad.length) return;
  const layers = [...new Set(bad.map((n) => (n.includes(".") ? n.slice(0, n.lastIndexOf(".")) : "")))];
  throw new NonFiniteError(
    at,
    of === "grad" ? "gradient" : "parameter",
    of === "grad"
      ? `NaN/Inf in the gradient of ${bad.slice(0, 5).join(", ")} (layer ${layers.map((l) => `"${l}"`).join(", ")})`
      : `NaN/Inf in ${bad.slice(0, 5).join(", ")} after the optimizer step (layer ${layers.map((l) => `"${l}"`).join(", ")})`,
    of === "grad"
      ? "Gradients exploded: lower the learning rate, clip gradients (clipGradNorm), or check for a division by ~0 in the backward pass."
      : "The update overflowed: lower the learning rate or clip gradients.",
    { layer: layers[0] ?? null, parameters: bad },
  );
}
