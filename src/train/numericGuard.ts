/**
 * The NaN/Inf guard of `fit`: when the loss, a gradient or a parameter stops being finite, training
 * stops with a NonFiniteError that names the step and the layer or parameter where it happened,
 * instead of carrying NaN silently to the end.
 *
 * The layer is found from the real step, not from a replay: forward hooks on every module keep a
 * reference to each output (and hooks on those outputs keep their gradients) while the step runs,
 * and only when something is non-finite are they scanned, in the order they were computed. A
 * replay would miss a NaN that does not repeat (dropout, stateful layers), and would blame the
 * loss for an overflow whose cause is activations grown to 1e20.
 */
import { NonFiniteError, NonFiniteParts, NonFiniteWhat } from "../errors";
import type { History } from "./history";
import type { Module } from "../nn/module";
import { firstNonFinite } from "../tensor/finite";
import { Tensor } from "../tensor/tensor";

declare module "../errors" {
  interface NonFiniteError {
    /** When `gl.fit` threw it: the History up to the step before the NaN/Inf (give it to gl.diagnose). */
    history?: History;
  }
}

/** Where in training a non-finite value appeared. */
export interface NonFiniteAt {
  step: number;
  epoch: number;
  batch: number;
}

/**
 * Activations larger than this (in absolute value) are called exploding: float32 ends at 3.4e38,
 * so squaring such a value (mse) or summing many of them overflows, and no healthy network needs
 * activations beyond ~1e3.
 */
export const EXPLODING_ACTIVATION = 1e10;

/** One module call of the current step: its name, inputs, output, and (after backward) the output's gradient. */
interface Call {
  layer: string;
  type: string;
  inputs: Tensor[];
  output: Tensor;
  grad: Tensor | null;
}

function largestMagnitude(data: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < data.length; i++) {
    const a = Math.abs(data[i]);
    if (a > m) m = a;
  }
  return m;
}

const describe = (c: Call): string => `layer "${c.layer || "(model)"}" (${c.type})`;

/** Watches one model during fit (`watch`); `close()` removes its hooks. */
export class NonFiniteGuard {
  private calls: Call[] = [];
  private removers: (() => void)[] = [];
  private model: Module | null = null;

  /** Hooks every module of `model`: each output (and its gradient) of a step is kept until the next. */
  watch(model: Module): this {
    this.close();
    this.model = model;
    this.removers = model.namedModules().map(([layer, m]) =>
      m.registerForwardHook((mod, inputs, output) => {
        if (!(output instanceof Tensor)) return;
        const call: Call = { layer, type: mod.constructor.name, inputs, output, grad: null };
        this.calls.push(call);
        if (output.requiresGrad)
          output.registerHook((g) => {
            call.grad = g;
          });
      }),
    );
    return this;
  }

  /** Forgets the previous step's calls (call before each forward). */
  startStep(): void {
    this.calls = [];
  }

  close(): void {
    for (const r of this.removers) r();
    this.removers = [];
    this.calls = [];
  }

  private parameters(): [string, Tensor][] {
    return this.model ? this.model.namedParameters() : [];
  }

  private fail(
    at: NonFiniteAt,
    what: NonFiniteWhat,
    bad: { index: number; value: number },
    shape: number[],
    received: string,
    fix: string,
    where: Partial<NonFiniteParts> = {},
  ): never {
    throw new NonFiniteError({
      fn: "fit",
      expected: `a finite ${what} at step ${at.step} (epoch ${at.epoch}, batch ${at.batch})`,
      received,
      fix,
      what,
      ...at,
      index: bad.index,
      value: bad.value,
      shape: [...shape],
      ...where,
    });
  }

  /** Throws when the loss is not finite, naming the input, the parameters, or the layer where NaN/Inf first appeared. */
  checkLoss(loss: number, X: Tensor, at: NonFiniteAt): void {
    if (Number.isFinite(loss)) return;
    const lossAt = { index: 0, value: loss };
    const badInput = firstNonFinite(X.data);
    if (badInput)
      this.fail(
        at,
        "loss",
        badInput,
        X.shape,
        `${loss}: the input batch itself contains ${badInput.value} (flat index ${badInput.index})`,
        "Clean the data (NaN in the inputs), e.g. impute or drop those rows before training.",
      );
    const badParams = this.nonFiniteParameters("value");
    if (badParams.length)
      this.fail(
        at,
        "loss",
        lossAt,
        [],
        `${loss}: parameters ${badParams.slice(0, 5).join(", ")} already hold NaN/Inf`,
        "An earlier update overflowed: lower the learning rate or clip gradients.",
        { parameters: badParams, parameter: badParams[0] },
      );
    // the first call (in the order outputs were computed) whose output is non-finite although its inputs were finite
    for (const c of this.calls) {
      const bad = firstNonFinite(c.output.data);
      if (bad && c.inputs.every((x) => !(x instanceof Tensor) || !firstNonFinite(x.data)))
        this.fail(
          at,
          "loss",
          lossAt,
          [],
          `${loss}: the first non-finite value (${bad.value}) appears in the output of ${describe(c)}, whose inputs were finite`,
          "Look at that layer: activations overflowing (lower the learning rate, use a normalization layer, or a better initialization), log of 0, or division by 0.",
          { layer: c.layer },
        );
    }
    // every output finite: the loss overflowed; exploding activations are the usual cause
    const exploding = this.calls
      .map((c) => ({ c, max: largestMagnitude(c.output.data) }))
      .find(({ max }) => max > EXPLODING_ACTIVATION);
    if (exploding)
      this.fail(
        at,
        "loss",
        lossAt,
        [],
        `${loss}: every layer's output is finite, but the activations exploded: the output of ${describe(exploding.c)} already reaches ${exploding.max.toPrecision(3)}, and the loss overflowed float32 (largest 3.4e38)`,
        "The weights have grown too large: lower the learning rate (divide it by 10 until the loss falls), clip gradients (clipGradNorm), or add normalization layers.",
        { layer: exploding.c.layer },
      );
    this.fail(
      at,
      "loss",
      lossAt,
      [],
      `${loss}: every layer's output is finite and moderate, so the loss function produced it`,
      "Check the loss: log of 0 or of a negative number (use logits with crossEntropy rather than probabilities), or targets out of range.",
    );
  }

  /** Throws naming the parameters whose gradients are not finite, and the layer whose backward pass produced the first NaN/Inf. */
  checkGradients(at: NonFiniteAt): void {
    const bad = this.nonFiniteParameters("grad");
    if (!bad.length) return;
    const first = this.parameters().find(([n]) => n === bad[0])![1].grad!;
    // backward runs the calls in reverse: the last call whose output gradient is non-finite got it
    // from the backward pass of the call that consumed its output (the next one), or from the loss
    let source: Call | null = null;
    let j = -1;
    for (let k = this.calls.length - 1; k >= 0; k--)
      if (this.calls[k].grad && firstNonFinite(this.calls[k].grad!.data)) {
        j = k;
        break;
      }
    if (j >= 0) {
      const output = this.calls[j].output;
      source = this.calls.slice(j + 1).find((c) => c.inputs.includes(output)) ?? null;
    }
    const layers = [...new Set(bad.map((n) => (n.includes(".") ? n.slice(0, n.lastIndexOf(".")) : "")))];
    const origin =
      j < 0
        ? ""
        : source
          ? `; the gradient first turns non-finite in the backward pass of ${describe(source)}`
          : "; the gradient of the model's output is already non-finite (the loss's backward pass)";
    this.fail(
      at,
      "gradient",
      firstNonFinite(first.data)!,
      first.shape,
      `NaN/Inf in the gradient of ${bad.slice(0, 5).join(", ")} (layer ${layers.map((l) => `"${l}"`).join(", ")})${origin}`,
      "Gradients exploded: lower the learning rate, clip gradients (clipGradNorm), or check for a division by ~0 in the backward pass (sqrt or log at 0).",
      { layer: source?.layer ?? layers[0] ?? null, parameters: bad, parameter: bad[0] },
    );
  }

  /** Throws naming the parameters whose values are not finite after the optimizer step. */
  checkParameters(at: NonFiniteAt): void {
    const bad = this.nonFiniteParameters("value");
    if (!bad.length) return;
    const first = this.parameters().find(([n]) => n === bad[0])![1];
    const layers = [...new Set(bad.map((n) => (n.includes(".") ? n.slice(0, n.lastIndexOf(".")) : "")))];
    this.fail(
      at,
      "parameter",
      firstNonFinite(first.data)!,
      first.shape,
      `NaN/Inf in ${bad.slice(0, 5).join(", ")} after the optimizer step (layer ${layers.map((l) => `"${l}"`).join(", ")})`,
      "The update overflowed: lower the learning rate or clip gradients.",
      { layer: layers[0] ?? null, parameters: bad, parameter: bad[0] },
    );
  }

  /** Names of parameters whose values (or gradients) contain NaN/Inf. */
  private nonFiniteParameters(of: "value" | "grad"): string[] {
    const out: string[] = [];
    for (const [name, p] of this.parameters()) {
      const t = of === "value" ? p : p.grad;
      if (t && firstNonFinite(t.data)) out.push(name);
    }
    return out;
  }
}
