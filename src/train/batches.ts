/**
 * Batches for training: from `{ X, y }` tensors (seeded shuffling, fixed batch size, last batch
 * kept even if smaller), or from any iterable of `{ X, y }` / `[X, y]` batches (e.g. a DataLoader).
 */
import { ArgumentError, ShapeError, check, show } from "../errors";
import { Generator } from "../random";
import { Tensor } from "../tensor/tensor";

/** One batch: inputs X and targets y, as an object or a pair. */
export type Batch = { X: Tensor; y: Tensor } | [Tensor, Tensor];

/** Training data: whole tensors, an iterable of batches, or a function returning a fresh iterable each epoch. */
export type Data = { X: Tensor; y: Tensor } | Iterable<Batch> | (() => Iterable<Batch>);

/** Rows `index` of t along axis 0, copied into a new tensor: (len(index), ...rest). */
export function takeRows(t: Tensor, index: ArrayLike<number>): Tensor {
  const row = t.shape.slice(1).reduce((a, b) => a * b, 1);
  const Ctor = t.data.constructor as Float32ArrayConstructor | Float64ArrayConstructor;
  const out = new Ctor(index.length * row);
  for (let i = 0; i < index.length; i++) out.set(t.data.subarray(index[i] * row, (index[i] + 1) * row), i * row);
  return new Tensor(out, [index.length, ...t.shape.slice(1)]);
}

/** Concatenates tensors along axis 0. */
export function concatRows(parts: Tensor[]): Tensor {
  const rest = parts[0].shape.slice(1);
  const n = parts.reduce((a, p) => a + p.shape[0], 0);
  const Ctor = parts[0].data.constructor as Float32ArrayConstructor | Float64ArrayConstructor;
  const out = new Ctor(parts.reduce((a, p) => a + p.size, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p.data, off);
    off += p.size;
  }
  return new Tensor(out, [n, ...rest]);
}

function isTensorData(d: unknown): d is { X: Tensor; y: Tensor } {
  return (
    typeof d === "object" &&
    d !== null &&
    (d as { X?: unknown }).X instanceof Tensor &&
    (d as { y?: unknown }).y instanceof Tensor
  );
}

/** The X and y of one batch, whichever form it came in. */
export function unpack(batch: Batch, fn: string): { X: Tensor; y: Tensor } {
  if (Array.isArray(batch) && batch[0] instanceof Tensor && batch[1] instanceof Tensor)
    return { X: batch[0], y: batch[1] };
  if (isTensorData(batch)) return batch;
  throw new ArgumentError({
    fn,
    arg: "data",
    expected: "batches of the form { X, y } or [X, y] with tensors",
    received: show(batch),
    fix: "Yield { X: inputsTensor, y: targetsTensor } from your iterable, or pass { X, y } tensors.",
  });
}

/** Checks that X and y have the same number of examples. */
export function checkPair(X: Tensor, y: Tensor, fn: string): void {
  check(
    X.rank >= 1 && y.rank >= 1 && X.shape[0] === y.shape[0],
    () =>
      new ShapeError({
        fn,
        arg: "data",
        expected: "X and y with the same number of examples (axis 0)",
        received: `X of shape ${show(X.shape)} and y of shape ${show(y.shape)}`,
        fix: "y holds one target per row of X (class indices of shape [N], or [N, k]).",
      }),
  );
}

export interface BatchOptions {
  batchSize: number;
  /** Shuffle tensor data each epoch (default true for training). */
  shuffle?: boolean;
  /** Where the shuffling draws from. */
  generator?: Generator;
}

/**
 * The batches of one epoch. Tensor data is (optionally) shuffled and cut into `batchSize` rows;
 * an iterable is passed through (shuffling is its own business).
 */
export function* epochBatches(data: Data, opts: BatchOptions, fn = "fit"): IterableIterator<{ X: Tensor; y: Tensor }> {
  if (isTensorData(data)) {
    checkPair(data.X, data.y, fn);
    const n = data.X.shape[0];
    const order =
      opts.shuffle && opts.generator ? opts.generator.permutation(n) : Array.from({ length: n }, (_, i) => i);
    for (let start = 0; start < n; start += opts.batchSize) {
      const idx = order.slice(start, start + opts.batchSize);
      yield { X: takeRows(data.X, idx), y: takeRows(data.y, idx) };
    }
    return;
  }
  const iterable = typeof data === "function" ? data() : data;
  check(
    iterable !== null && typeof (iterable as Iterable<Batch>)[Symbol.iterator] === "function",
    () =>
      new ArgumentError({
        fn,
        arg: "data",
        expected: "{ X, y } tensors, an iterable of { X, y } / [X, y] batches, or a function returning one",
        received: show(iterable),
        fix: "Pass the data as { X: inputs, y: targets } (e.g. a split from gl.data.trainTestSplit), or a gl.data.DataLoader.",
      }),
  );
  for (const b of iterable as Iterable<Batch>) yield unpack(b, fn);
}

/** Number of batches per epoch when it is known in advance (tensor data, or an iterable with length). */
export function batchesPerEpoch(data: Data, batchSize: number): number | null {
  if (isTensorData(data)) return Math.ceil(data.X.shape[0] / batchSize);
  const len = (data as { length?: unknown }).length;
  return typeof len === "number" && typeof data !== "function" ? len : null;
}
