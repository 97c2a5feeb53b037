/**
 * Gradient checking: compares the gradients autograd computes with central differences
 *   ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h
 * in float64 on the reference backend. Relative error |a − n| / max(|a|, |n|) is judged by
 * CS231n's bands: < 1e-7 good, < 1e-4 acceptable near kinks, < 1e-2 suspicious, else wrong.
 */
import { fnArg, optionalInt, optionalNum, options } from "../args";
import { withBackend } from "../backend/registry";
import { ArgumentError, check, show } from "../errors";
import { Generator } from "../random";
import { Tensor } from "../tensor/tensor";
import { backward } from "./engine";
import { noGrad } from "./mode";
import { withDType } from "../tensor/dtype";

export type GradcheckBand = "good" | "acceptable" | "suspicious" | "wrong";

export interface GradcheckResult {
  /** True if every relative error is below `tol`. */
  ok: boolean;
  maxRelError: number;
  /** The CS231n band of the largest error. */
  band: GradcheckBand;
  /** Where the largest error was: which input, which flat index, and both values. */
  worst: { input: number; index: number; analytic: number; numeric: number };
  /** Largest relative error per input. */
  perInput: number[];
}

export interface GradcheckOptions {
  /** Step of the central difference (default 1e-6, suited to float64). */
  eps?: number;
  /** Largest relative error that passes (default 1e-6). */
  tol?: number;
  /** Check at most this many elements per input, chosen at random (default all). */
  maxElements?: number;
}

export function bandOf(relError: number): GradcheckBand {
  if (relError < 1e-7) return "good";
  if (relError < 1e-4) return "acceptable";
  if (relError < 1e-2) return "suspicious";
  return "wrong";
}

/**
 * Checks the analytic gradients of `fn` w.r.t. each input against finite differences. A
 * non-scalar output is reduced to Σ r·f(x) with fixed random weights r, which checks the
 * whole Jacobian-vector product.
 * @example
 * const r = gl.gradcheck((x) => gl.sum(gl.tanh(x)), [gl.randn([5])]);
 * r.ok // true
 */
export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: Tensor[],
  opts: GradcheckOptions = {},
): GradcheckResult {
  fnArg("gradcheck", "fn", fn, "(x) => gl.sum(gl.mul(x, x))");
  const o = options<GradcheckOptions>("gradcheck", "opts", opts, ["eps", "tol", "maxElements"]);
  const eps = optionalNum("gradcheck", "eps", o.eps, 1e-6, {
    min: 0,
    minExclusive: true,
    fix: "eps is the finite-difference step: about 1e-6 in float64 (1e-3 in float32); 0 would divide by zero.",
  });
  const tol = optionalNum("gradcheck", "tol", o.tol, 1e-6, {
    min: 0,
    fix: "tol is the largest relative error accepted (1e-6 in float64 is strict, 1e-4 loose).",
  });
  const maxElements =
    o.maxElements === Infinity
      ? Infinity
      : optionalInt("gradcheck", "maxElements", o.maxElements, Infinity, {
          min: 1,
          fix: "maxElements caps how many input entries are perturbed; at least 1, or Infinity for all.",
        });
  check(
    Array.isArray(inputs) && inputs.length > 0 && inputs.every((t) => t instanceof Tensor),
    () =>
      new ArgumentError({
        fn: "gradcheck",
        arg: "inputs",
        expected: "a non-empty array of tensors",
        received: show(inputs),
        fix: "Wrap the inputs in an array: gl.gradcheck(fn, [x, w]).",
      }),
  );
  return withBackend("reference", () =>
    withDType("float64", () => {
      const xs = inputs.map((t) => new Tensor(Float64Array.from(t.data), t.shape, { requiresGrad: true }));
      const probe = noGrad(() => fn(...xs));
      const weightRng = new Generator(1234);
      const weights = new Tensor(
        Float64Array.from(probe.data, () => weightRng.uniform(-1, 1)),
        probe.shape,
      );
      const scalar = (out: Tensor): number => {
        let s = 0;
        for (let i = 0; i < out.size; i++) s += out.data[i] * weights.data[i];
        return s;
      };
      const out = fn(...xs);
      check(
        out.requiresGrad,
        () =>
          new ArgumentError({
            fn: "gradcheck",
            arg: "fn",
            expected: "a function whose output depends on its inputs through gradlab ops",
            received: "an output that does not require grad",
            fix: "Build the output from the inputs with gl ops, and create the inputs with { requiresGrad: true }.",
          }),
      );
      backward(out, weights);
      const pick = new Generator(99);
      let maxRelError = 0;
      let worst = { input: -1, index: -1, analytic: 0, numeric: 0 };
      const perInput = xs.map((x, xi) => {
        const analytic = x.grad ? x.grad.data : new Float64Array(x.size);
        const indices =
          x.size <= maxElements ? [...Array(x.size).keys()] : pick.permutation(x.size).slice(0, maxElements);
        let inputMax = 0;
        for (const i of indices) {
          const orig = x.data[i];
          x.data[i] = orig + eps;
          const plus = scalar(noGrad(() => fn(...xs)));
          x.data[i] = orig - eps;
          const minus = scalar(noGrad(() => fn(...xs)));
          x.data[i] = orig;
          const numeric = (plus - minus) / (2 * eps);
          const a = analytic[i];
          const denom = Math.max(Math.abs(a), Math.abs(numeric));
          const rel = denom < 1e-10 ? 0 : Math.abs(a - numeric) / denom;
          if (rel > inputMax) inputMax = rel;
          if (rel > maxRelError || worst.input === -1) {
            maxRelError = Math.max(rel, maxRelError);
            if (rel >= maxRelError) worst = { input: xi, index: i, analytic: a, numeric };
          }
        }
        return inputMax;
      });
      return { ok: maxRelError < tol, maxRelError, band: bandOf(maxRelError), worst, perInput };
    }),
  );
}
