/**
 * The q-quantile of a list of numbers with linear interpolation between order statistics
 * (numpy's default `np.quantile(v, q)`, "linear"): with the values sorted, position q·(n − 1).
 * Used e.g. to pick a clipping threshold from the measured distribution of gradient norms.
 */
import { ArgumentError, check, show } from "../errors";
import { valuesArg } from "./values";

/**
 * @example
 * gl.probe.quantile([1, 2, 3, 4], 0.5) // 2.5
 * gl.probe.quantile([10, 1, 7], 0.9) // 9.4
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  const fn = "probe.quantile";
  check(
    typeof q === "number" && q >= 0 && q <= 1,
    () =>
      new ArgumentError({
        fn,
        arg: "q",
        expected: "a fraction in [0, 1]",
        received: show(q),
        fix: "For the 90th percentile pass 0.9, not 90.",
      }),
  );
  valuesArg(fn, values);
  const v = Array.from(values).filter((x) => !Number.isNaN(x));
  check(
    v.length > 0,
    () =>
      new ArgumentError({
        fn,
        arg: "values",
        expected: "at least one number (NaN ignored)",
        received: show(values),
        fix: "The list is empty (or all NaN): check that the run recorded something.",
      }),
  );
  v.sort((a, b) => a - b);
  const pos = q * (v.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, v.length - 1);
  return v[lo] + (pos - lo) * (v[hi] - v[lo]);
}
