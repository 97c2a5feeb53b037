/**
 * Argument checks shared by the arithmetic formulas: sizes must be whole numbers, strides
 * positive, paddings non-negative. Each failure throws a teaching error naming the formula.
 */
import { int } from "../args";

/** Checks that `value` is a whole number >= `min` (sizes: min 1; paddings: min 0). */
export function wholeNumber(fn: string, arg: string, value: unknown, min: number, what: string): number {
  return int(fn, arg, value, {
    min,
    fix:
      typeof value === "number" && value < min
        ? min === 0
          ? "Padding adds pixels; it cannot remove them. Crop the input instead of using negative padding."
          : `A ${arg} of ${value} has no meaning (${what}); sizes and strides start at 1.`
        : `${what[0].toUpperCase()}${what.slice(1)} counts pixels (or units), so it is a whole number. If you computed one, check where a division left a fraction.`,
  });
}

/** Reads a per-axis value that may be a number or an [h, w] pair; `axis` 0 is height, 1 is width. */
export function pick(value: number | readonly number[], axis: 0 | 1): number {
  return typeof value === "number" ? value : value[axis];
}

/** Turns a number or an [h, w] pair into a pair. */
export function pair(value: number | readonly number[]): [number, number] {
  return typeof value === "number" ? [value, value] : [value[0], value[1]];
}

/** A size given as a number or an [h, w] pair, each a whole number ≥ min, as a pair. */
export function sizePair(fn: string, arg: string, value: unknown, min: number, what: string): [number, number] {
  if (Array.isArray(value) && value.length === 2)
    return [wholeNumber(fn, arg, value[0], min, what), wholeNumber(fn, arg, value[1], min, what)];
  return pair(wholeNumber(fn, arg, value, min, what));
}
