/**
 * Where the data module's randomness comes from: a Generator seeded with `seed` when one is
 * given (the same seed always gives the same data), otherwise one forked from the global `rng`
 * (so `gl.seed(n)` makes the whole notebook repeatable).
 */
import { seedArg } from "../args";
import { Generator, rng } from "../random";

export function seededGenerator(seed?: number | null, fn = "gl.data"): Generator {
  return seed === undefined || seed === null ? rng.fork() : new Generator(seedArg(fn, "seed", seed, 0));
}
