/**
 * The one seeded random-number generator: all randomness in gradlab (initializers, dropout,
 * RReLU slopes, shuffling, data sets) flows from here, so `gl.seed(42)` makes a run repeatable on
 * every backend. xoshiro128** for uniforms, Box-Muller (cached pair) for normals.
 */
import { int, num, seedArg } from "./args";

/** A seeded stream of random numbers. The global one is `rng`; data sets may fork their own. */
export class Generator {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare: number | null = null;

  constructor(seed = 42) {
    this.reset(seedArg("Generator", "seed", seed, 42));
  }

  /** Resets the stream: the same seed gives the same sequence. */
  seed(seed: number): void {
    this.reset(int("Generator.seed", "seed", seed, { min: 0, max: 2 ** 32 - 1, fix: SEED_FIX }));
  }

  private reset(seed: number): void {
    // splitmix32 expands one number into four non-zero state words
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next() || 1;
    this.spare = null;
  }

  /** Uniform in [0, 1) with 32 random bits. */
  random(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result / 4294967296;
  }

  /** Uniform in [low, high). */
  uniform(low = 0, high = 1): number {
    if (!(Number.isFinite(low) && Number.isFinite(high) && low <= high)) {
      num("Generator.uniform", "low", low);
      num("Generator.uniform", "high", high, {
        min: low,
        fix: "Give the bounds in order: uniform(low, high) with low ≤ high.",
      });
    }
    return low + (high - low) * this.random();
  }

  /** Standard normal N(0, 1) by Box-Muller. */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.random();
    const v = this.random();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Integer in [0, n). */
  int(n: number): number {
    if (!(Number.isInteger(n) && n >= 1))
      int("Generator.int", "n", n, {
        min: 1,
        fix: "int(n) draws one of 0, 1, …, n − 1: n is how many values there are.",
      });
    return Math.floor(this.random() * n);
  }

  /** A permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): number[] {
    int("Generator.permutation", "n", n, {
      min: 0,
      max: 2 ** 31 - 1,
      fix: "permutation(n) shuffles 0, 1, …, n − 1: n is how many there are.",
    });
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** A new generator seeded from this one (for independent streams that stay reproducible). */
  fork(): Generator {
    return new Generator(Math.floor(this.random() * 4294967296));
  }
}

const SEED_FIX = "A seed is a whole number such as 0 or 42: the same seed gives the same numbers.";

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The global generator every gradlab function draws from. */
export const rng = new Generator(42);

/**
 * Seeds all randomness in gradlab.
 * @example
 * gl.seed(42); const a = gl.randn([3]).toList();
 * gl.seed(42); const b = gl.randn([3]).toList();
 * a.every((v, i) => v === b[i]) // true
 */
export function seed(value: number): void {
  int("seed", "seed", value, {
    min: 0,
    max: 2 ** 32 - 1,
    fix: "A seed is a whole number such as 0 or 42: gl.seed(42).",
  });
  rng.seed(value);
}
