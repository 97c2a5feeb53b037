/**
 * A seeded batch iterator: each pass (epoch) over the loader visits every example exactly once,
 * in a fresh shuffled order when `shuffle` is on; the sequence of epochs is the same for the same
 * seed. The last, smaller batch is kept unless `dropLast`.
 *   number of batches = dropLast ? floor(N / batchSize) : ceil(N / batchSize)
 */
import { bool, options } from "../args";
import { ShapeError, check, show } from "../errors";
import { tensorArg } from "../tensor/check";
import { Generator } from "../random";
import { Tensor } from "../tensor/tensor";
import { takeRows } from "./rows";
import { seededGenerator } from "./seeded";
import { wholeCount } from "./validate";

export interface DataLoaderOptions {
  /** Examples per batch. Default 32. */
  batchSize?: number;
  /** A new random order each epoch. Default true. */
  shuffle?: boolean;
  /** Seed of the shuffling; default: drawn from gl.seed's stream when the loader is made. */
  seed?: number;
  /** Skip the last batch when it is smaller than batchSize. Default false. */
  dropLast?: boolean;
}

export interface Batch {
  /** Inputs of this batch: X's shape with the first axis cut to the batch. */
  X: Tensor;
  /** Targets of this batch. */
  y: Tensor;
  /** Which examples of the full set are in this batch. */
  indices: number[];
}

/**
 * Batches of (X, y), reshuffled every epoch.
 * @example
 * const X = gl.randn([100, 2]), y = gl.zeros([100]);
 * const loader = new gl.data.DataLoader(X, y, { batchSize: 64, shuffle: true, seed: 0 });
 * loader.length; // 2
 * for (const { X: xb, y: yb } of loader) {
 *   // xb: [64, 2] then [36, 2]; yb: [64] then [36]
 * }
 */
export class DataLoader implements Iterable<Batch> {
  readonly X: Tensor;
  readonly y: Tensor;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  /** Epochs started so far. */
  epoch = 0;
  private readonly generator: Generator;

  constructor(X: Tensor, y: Tensor, opts: DataLoaderOptions = {}) {
    const fn = "data.DataLoader";
    const o = options<DataLoaderOptions>(fn, "opts", opts, ["batchSize", "shuffle", "seed", "dropLast"]);
    const { batchSize = 32, seed } = o;
    const shuffle = bool(fn, "shuffle", o.shuffle, true);
    const dropLast = bool(fn, "dropLast", o.dropLast, false);
    const fix = "Pass the examples as a tensor with one example per row (first axis), e.g. X [N, D] and y [N].";
    for (const [arg, t] of [
      ["X", X],
      ["y", y],
    ] as const) {
      tensorArg(fn, arg, t, { fix });
      check(
        t.shape.length >= 1,
        () =>
          new ShapeError({
            fn,
            arg,
            expected: "a tensor with examples on the first axis",
            received: "a scalar (shape [])",
            fix,
          }),
      );
    }
    check(
      X.shape[0] === y.shape[0],
      () =>
        new ShapeError({
          fn,
          arg: "y",
          expected: `${X.shape[0]} targets, one per example of X (shape ${show(X.shape)})`,
          received: `${y.shape[0]} (shape ${show(y.shape)})`,
          fix: "X and y must list the same examples in the same order.",
        }),
    );
    wholeCount(fn, "batchSize", batchSize ?? 32, 1);
    this.X = X;
    this.y = y;
    this.batchSize = batchSize ?? 32;
    this.shuffle = shuffle;
    this.dropLast = dropLast;
    this.generator = seededGenerator(seed, fn);
  }

  /** Number of examples. */
  get size(): number {
    return this.X.shape[0];
  }

  /** Number of batches per epoch. */
  get length(): number {
    return this.dropLast ? Math.floor(this.size / this.batchSize) : Math.ceil(this.size / this.batchSize);
  }

  /** Starts an epoch: draws its order now, then yields the batches. */
  *[Symbol.iterator](): Iterator<Batch> {
    const order = this.shuffle ? this.generator.permutation(this.size) : Array.from({ length: this.size }, (_, i) => i);
    this.epoch += 1;
    for (let b = 0; b < this.length; b++) {
      const indices = order.slice(b * this.batchSize, (b + 1) * this.batchSize);
      yield { X: takeRows(this.X, indices), y: takeRows(this.y, indices), indices };
    }
  }
}
