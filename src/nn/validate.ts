/** Argument checks that layer constructors share, each with a teaching message. */
import { ArgumentError, check, show } from "../errors";

/** A whole number ≥ 1 (feature, channel and group counts, kernel sizes). */
export function checkCount(fn: string, arg: string, value: unknown): asserts value is number {
  check(
    typeof value === "number" && Number.isInteger(value) && value >= 1,
    () => new ArgumentError({ fn, arg, expected: "a whole number ≥ 1", received: show(value) }),
  );
}

/** A number in [low, high) or [low, high] (probabilities, momenta). */
export function checkRange(
  fn: string,
  arg: string,
  value: unknown,
  low: number,
  high: number,
  highInclusive = false,
  fix?: string,
): asserts value is number {
  check(
    typeof value === "number" && value >= low && (highInclusive ? value <= high : value < high),
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: `a number in [${low}, ${high}${highInclusive ? "]" : ")"}`,
        received: show(value),
        fix,
      }),
  );
}

/** A finite positive number (eps, learning rates). */
export function checkPositive(
  fn: string,
  arg: string,
  value: unknown,
  allowZero = false,
  fix?: string,
): asserts value is number {
  check(
    typeof value === "number" && Number.isFinite(value) && (allowZero ? value >= 0 : value > 0),
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: allowZero ? "a finite number ≥ 0" : "a finite number > 0",
        received: show(value),
        fix,
      }),
  );
}
