/**
 * Train/test split: a seeded shuffle, then the first examples go to the training set and the rest
 * to the test set. Split BEFORE fitting any scaler or whitening, and fit those on the training
 * part only: statistics computed on all data leak the test set into training.
 */
import { tensorArg } from "../tensor/check";
import { num, options } from "../args";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { Tensor } from "../tensor/tensor";
import { takeRows } from "./rows";
import { seededGenerator } from "./seeded";

export interface TrainTestSplit {
  XTrain: Tensor;
  yTrain: Tensor;
  XTest: Tensor;
  yTest: Tensor;
}

/**
 * Splits examples (axis 0 of X and y) into a training and a test set.
 * @example
 * const { X, y } = gl.data.moons({ n: 100, seed: 0 });
 * const { XTrain, XTest } = gl.data.trainTestSplit(X, y, { testSize: 0.2, seed: 0 });
 * XTest.shape; // [20, 2]
 */
export function trainTestSplit(X: Tensor, y: Tensor, opts: { testSize?: number; seed?: number } = {}): TrainTestSplit {
  tensorArg("data.trainTestSplit", "X", X);
  tensorArg("data.trainTestSplit", "y", y);
  const { testSize = 0.25, seed } = options<{ testSize?: number; seed?: number }>("data.trainTestSplit", "opts", opts, [
    "testSize",
    "seed",
  ]) as { testSize?: number; seed?: number };
  const fn = "data.trainTestSplit";
  check(
    X instanceof Tensor &&
      y instanceof Tensor &&
      X.shape.length >= 1 &&
      y.shape.length >= 1 &&
      X.shape[0] === y.shape[0],
    () =>
      new ShapeError({
        fn,
        arg: "y",
        expected: "X and y with the same number of examples on axis 0",
        received: `X ${X instanceof Tensor ? show(X.shape) : show(X)} and y ${y instanceof Tensor ? show(y.shape) : show(y)}`,
        fix: "y holds one target per row of X: pass the targets of the same examples (check that both were sliced the same way).",
      }),
  );
  const n = X.shape[0];
  num("data.trainTestSplit", "testSize", testSize, {
    min: 0,
    minExclusive: true,
    fix: "Give testSize as a fraction such as 0.2 (20 % of the examples) or a count such as 200.",
  });
  const nTest = testSize < 1 ? Math.round(testSize * n) : testSize;
  check(
    Number.isInteger(nTest) && testSize > 0 && nTest >= 1 && nTest < n,
    () =>
      new ArgumentError({
        fn,
        arg: "testSize",
        expected: `a fraction in (0, 1) or a whole number of examples from 1 to ${n - 1}, leaving both sets non-empty`,
        received: show(testSize),
        fix: "Give testSize as a fraction such as 0.2 (20 % of the examples) or a count such as 200.",
      }),
  );
  const order = seededGenerator(seed).permutation(n);
  const train = order.slice(0, n - nTest);
  const test = order.slice(n - nTest);
  return { XTrain: takeRows(X, train), yTrain: takeRows(y, train), XTest: takeRows(X, test), yTest: takeRows(y, test) };
}
