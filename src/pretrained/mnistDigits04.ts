/**
 * A small CNN trained on the MNIST digits 0–4 only, shipped as `pretrained/mnist-digits-0-4.safetensors`
 * (lesson 13 reuses its layers for the digits 5–9). The recipe below is the whole provenance:
 * `npm run pretrain` runs `trainMnistDigits04()` and writes the file, with the seed, the data split
 * and the measured test accuracy in its metadata; the same seed on the same backend gives the same bytes.
 */
import * as fs from "fs";
import { optionalInt } from "../args";
import * as nodePath from "path";
import { readBytesSync, readSafetensors } from "../io/save";
import { crossEntropy } from "../nn/loss";
import { BatchNorm2d } from "../nn/norm/batchnorm";
import { Conv2d } from "../nn/conv";
import { Flatten } from "../nn/flatten";
import { Linear } from "../nn/linear";
import { MaxPool2d } from "../nn/pool";
import { ReLU } from "../nn/activation";
import { Sequential } from "../nn/sequential";
import { Adam } from "../optim/adam";
import { seed as setSeed } from "../random";
import { mnist } from "../data/mnist";
import { evaluate, fit } from "../train";
import { backend } from "../backend/registry";

/** The file's name in the package's `pretrained/` folder. */
export const MNIST_DIGITS_04_FILE = "mnist-digits-0-4.safetensors";

/** How the shipped weights were made (also written into the file's metadata). */
export const mnistDigits04Recipe = {
  seed: 0,
  digits: [0, 1, 2, 3, 4],
  /** gl.data.mnist({ digits, trainSize, testSize, seed }): the test digits are never trained on. */
  trainSize: 4000,
  testSize: 1131,
  epochs: 4,
  batchSize: 64,
  lr: 2e-3,
  optimizer: "Adam",
} as const;

/**
 * The architecture, freshly initialized (what lesson 13 trains from scratch):
 *   0 conv 3×3 1→8 · 1 BN · 2 ReLU · 3 max-pool 2   (8×14×14)
 *   4 conv 3×3 8→16 · 5 BN · 6 ReLU · 7 max-pool 2  (16×7×7)
 *   8 flatten · 9 linear 784→64 · 10 ReLU · 11 linear 64→numClasses
 * @example gl.pretrained.mnistDigits04Architecture().forward(gl.zeros([2, 1, 28, 28])).shape // [2, 5]
 */
export function mnistDigits04Architecture(numClasses = 5): Sequential {
  numClasses = optionalInt("pretrained.mnistDigits04Architecture", "numClasses", numClasses, 5, {
    min: 1,
    fix: "numClasses counts the classes the last layer scores: a whole number ≥ 1, e.g. 5 for the digits 5–9.",
  });
  return new Sequential([
    new Conv2d(1, 8, 3, { padding: 1 }),
    new BatchNorm2d(8),
    new ReLU(),
    new MaxPool2d(2),
    new Conv2d(8, 16, 3, { padding: 1 }),
    new BatchNorm2d(16),
    new ReLU(),
    new MaxPool2d(2),
    new Flatten(),
    new Linear(16 * 7 * 7, 64),
    new ReLU(),
    new Linear(64, numClasses),
  ]);
}

/** The shipped file's path (found from this module up to the package root). */
export function mnistDigits04File(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = nodePath.join(dir, "pretrained", MNIST_DIGITS_04_FILE);
    if (fs.existsSync(candidate)) return candidate;
    const up = nodePath.dirname(dir);
    if (up === dir) return nodePath.join(__dirname, "../../pretrained", MNIST_DIGITS_04_FILE); // the error names it
    dir = up;
  }
}

/**
 * The CNN trained on MNIST digits 0–4 (classes 0..4 = digits 0..4), in eval mode, loaded from the
 * safetensors file shipped with gradlab. Its provenance: `gl.pretrained.mnistDigits04Info()`.
 * @example
 * const model = gl.pretrained.mnistDigits04();
 * model.forward(gl.zeros([1, 1, 28, 28])).shape // [1, 5]
 * model.training // false
 */
export function mnistDigits04(): Sequential {
  const file = mnistDigits04File();
  const model = mnistDigits04Architecture();
  model.loadStateDict(
    readSafetensors(file, readBytesSync("pretrained.mnistDigits04", file), "pretrained.mnistDigits04").tensors,
  );
  return model.eval();
}

/**
 * The metadata of the shipped file: seed, data split, recipe, test accuracy, backend.
 * @example
 * const info = gl.pretrained.mnistDigits04Info();
 * info.seed // "0"
 * Number(info.testAccuracy) > 0.97 // true
 */
export function mnistDigits04Info(): Record<string, string> {
  const file = mnistDigits04File();
  return readSafetensors(file, readBytesSync("pretrained.mnistDigits04Info", file), "pretrained.mnistDigits04Info")
    .metadata;
}

/** A trained model with the metadata to save beside it. */
export interface PretrainResult {
  model: Sequential;
  testAccuracy: number;
  metadata: Record<string, string>;
}

/**
 * Trains the shipped model from its recipe (what `npm run pretrain` runs; ~10–30 s on 2 cores).
 * @example
 * // not run: trains for several seconds
 * const { model, testAccuracy } = await gl.pretrained.trainMnistDigits04();
 */
export async function trainMnistDigits04(): Promise<PretrainResult> {
  const r = mnistDigits04Recipe;
  setSeed(r.seed);
  const { train, test } = mnist({ digits: [...r.digits], trainSize: r.trainSize, testSize: r.testSize, seed: r.seed });
  const model = mnistDigits04Architecture();
  await fit(model, train, {
    epochs: r.epochs,
    batchSize: r.batchSize,
    optimizer: new Adam(model.parameters(), { lr: r.lr }),
    loss: crossEntropy,
    seed: r.seed,
    progress: false,
  });
  model.eval();
  const testAccuracy = evaluate(model, test, { metrics: ["accuracy"] }).metrics.accuracy;
  const metadata: Record<string, string> = {
    model: "gl.pretrained.mnistDigits04Architecture()",
    seed: String(r.seed),
    digits: r.digits.join(","),
    split: `gl.data.mnist({ digits: [${r.digits.join(", ")}], trainSize: ${r.trainSize}, testSize: ${r.testSize}, seed: ${r.seed} })`,
    trainSize: String(r.trainSize),
    testSize: String(r.testSize),
    training: `${r.optimizer} lr ${r.lr}, ${r.epochs} epochs, batch ${r.batchSize}, gl.loss.crossEntropy, gl.fit seed ${r.seed}`,
    testAccuracy: testAccuracy.toFixed(4),
    backend: backend().name,
    madeBy: "npm run pretrain (scripts/pretrain.js)",
  };
  return { model, testAccuracy, metadata };
}
