/**
 * Where the data module's randomness comes from: a Generator seeded with `seed` when one is
 * given (the same seed always gives the same data), otherwise one forked from the global `rng`
 * (so `gl.seed(n)` makes the whole notebook repeatable).
 */
import { Generator, rng } from "../random";

export function seededGenerator(seed?: number): Generator {
  return seed === undefined ? rng.fork() : new Generator(seed);
}
