/** Argument checks for the data module (counts, probabilities), over src/args.ts. */
import { int, num } from "../args";

/** Checks that `value` is a whole number >= min. */
export function wholeCount(fn: string, arg: string, value: unknown, min: number): number {
  return int(fn, arg, value, { min });
}

/** Checks that `value` is a finite number >= min (and <= max when given). */
export function numberIn(fn: string, arg: string, value: unknown, min: number, max = Infinity): number {
  return num(fn, arg, value, max === Infinity ? { min } : { min, max });
}
