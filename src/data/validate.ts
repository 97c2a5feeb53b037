/** Argument checks for the data module: counts are whole numbers, probabilities lie in [0, 1]. */
import { ArgumentError, check, show } from "../errors";

/** Checks that `value` is a whole number >= min. */
export function wholeCount(fn: string, arg: string, value: unknown, min: number): number {
  check(
    typeof value === "number" && Number.isInteger(value) && value >= min,
    () => new ArgumentError({ fn, arg, expected: `a whole number >= ${min}`, received: show(value) }),
  );
  return value as number;
}

/** Checks that `value` is a finite number >= min (and <= max when given). */
export function numberIn(fn: string, arg: string, value: unknown, min: number, max = Infinity): number {
  check(
    typeof value === "number" && Number.isFinite(value) && value >= min && value <= max,
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: max === Infinity ? `a number >= ${min}` : `a number in [${min}, ${max}]`,
        received: show(value),
      }),
  );
  return value as number;
}
