/** Argument checks of the layer constructors, in assert form (narrowing the type), over src/args.ts. */
import { int, num } from "../args";

/** A whole number ≥ 1 (feature, channel and group counts, kernel sizes). */
export function checkCount(fn: string, arg: string, value: unknown): asserts value is number {
  int(fn, arg, value, {
    min: 1,
    fix: `'${arg}' counts features, channels or groups: a whole number ≥ 1, e.g. new gl.nn.Linear(784, 10).`,
  });
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
  num(fn, arg, value, { min: low, max: high, maxExclusive: !highInclusive, fix });
}

/** A finite positive number (eps, learning rates). */
export function checkPositive(
  fn: string,
  arg: string,
  value: unknown,
  allowZero = false,
  fix?: string,
): asserts value is number {
  num(fn, arg, value, { min: 0, minExclusive: !allowZero, fix });
}
