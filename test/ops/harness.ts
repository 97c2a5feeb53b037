/**
 * Shared checks for op tests: the same op run by gradlab and by TensorFlow.js on the same seeded
 * inputs, comparing forward values and the gradients of Σ r·f(x) (r fixed random weights, so the
 * whole vector-Jacobian product is checked), and a float64 finite-difference gradcheck.
 */
import { expect } from "chai";
import * as gl from "../../src";
import { expectCloseToTf, tf, tfReady, toTf } from "../helpers/tfjs";

export type InputKind = "normal" | "positive" | "awayFromZero" | "unit";

/** Seeded random inputs of the given shapes; `kind` keeps them where the op is smooth/defined. */
export function randomInputs(seed: number, shapes: number[][], kind: InputKind = "normal"): gl.Tensor[] {
  gl.seed(seed);
  return shapes.map((shape) => {
    if (kind === "positive") return gl.rand(shape, { low: 0.5, high: 2 });
    if (kind === "unit") return gl.rand(shape, { low: -0.9, high: 0.9 });
    const x = gl.randn(shape);
    if (kind === "awayFromZero") for (let i = 0; i < x.size; i++) x.data[i] += x.data[i] >= 0 ? 0.1 : -0.1;
    return x;
  });
}

export interface TfCase {
  /** The inputs (float32); every one gets a gradient compared unless listed in `noGrad`. */
  inputs: gl.Tensor[];
  gl: (...xs: gl.Tensor[]) => gl.Tensor;
  tf: (...xs: tf.Tensor[]) => tf.Tensor;
  /** Relative tolerance (default 1e-4) and absolute floor (default 1e-5). */
  rtol?: number;
  atol?: number;
  /** Indices of inputs that get no gradient (e.g. a condition). */
  noGrad?: number[];
  /** Skip the gradient comparison (ops without a gradient: comparisons, argmax). */
  forwardOnly?: boolean;
}

/** Runs a case and asserts values and gradients agree with tfjs. */
export function matchTf(c: TfCase): void {
  const { rtol = 1e-4, atol = 1e-5, noGrad = [], forwardOnly = false } = c;
  const xs = c.inputs.map(
    (t, i) => new gl.Tensor(Float32Array.from(t.data), t.shape, { requiresGrad: !forwardOnly && !noGrad.includes(i) }),
  );
  const out = c.gl(...xs);
  tf.tidy(() => {
    const txs = xs.map(toTf);
    const expected = c.tf(...txs);
    expectCloseToTf(out, expected.dtype === "float32" ? expected : tf.cast(expected, "float32"), rtol, atol);
    if (forwardOnly) return;
    gl.seed(999);
    const r = gl.randn(out.shape);
    out.backward(r);
    const rTf = toTf(r);
    const gradIdx = xs.map((_, i) => i).filter((i) => !noGrad.includes(i));
    const f = (...ts: tf.Tensor[]): tf.Tensor => {
      const all = txs.map((t, i) => (gradIdx.includes(i) ? ts[gradIdx.indexOf(i)] : t));
      return tf.sum(tf.mul(c.tf(...all), rTf));
    };
    const grads = tf.grads(f)(gradIdx.map((i) => txs[i]));
    gradIdx.forEach((i, k) => {
      const g = xs[i].grad;
      expect(g, `gradient of input ${i}`).to.not.equal(null);
      try {
        expectCloseToTf(g!, grads[k], rtol, atol);
      } catch (e) {
        throw new Error(`gradient of input ${i}: ${(e as Error).message}`);
      }
    });
  });
}

/** An `it` that compares an op with tfjs. */
export function itMatchesTf(title: string, make: () => TfCase): void {
  it(`${title} matches TensorFlow.js`, () => matchTf(make()));
}

/** Asserts a float64 finite-difference gradcheck passes (CS231n's "good" band by default). */
export function expectGradcheck(fn: (...xs: gl.Tensor[]) => gl.Tensor, inputs: gl.Tensor[], tol = 1e-6): void {
  const r = gl.gradcheck(fn, inputs, { tol });
  if (!r.ok)
    expect.fail(
      `gradcheck failed: max relative error ${r.maxRelError} (${r.band}) at input ${r.worst.input}, index ${r.worst.index}: analytic ${r.worst.analytic} vs numeric ${r.worst.numeric}`,
    );
}

/** A `before` hook that readies tfjs (cpu backend and gradients): loading can take a while on a busy machine. */
export function beforeTf(): void {
  before(function () {
    this.timeout(120_000);
    return tfReady();
  });
}
