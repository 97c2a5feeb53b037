/**
 * Feature scalers, fitted on the TRAINING set only and then applied unchanged to validation and
 * test data (fitting on all data leaks the test set's statistics into training):
 *   StandardScaler: x' = (x − mean) / std     (per feature; population std, as scikit-learn)
 *   MinMaxScaler:   x' = lo + (x − min)·(hi − lo)/(max − min)   (per feature; default [lo, hi] = [0, 1])
 * Both give exactly what scikit-learn's StandardScaler / MinMaxScaler give (same formulas,
 * float64 arithmetic): the population std (divide by N, numpy's default ddof = 0, not N − 1), and
 * a constant feature gets scale 1 (sklearn's _handle_zeros_in_scale): StandardScaler maps it to
 * 0, MinMaxScaler to lo, and other values of it to lo + (x − min)·(hi − lo). Per feature means per
 * column of X [N, D] (numpy's axis = 0), never one mean over all numbers. Both maps are affine
 * (x' = a·x + b per feature): they move and stretch a feature's distribution, never change its
 * shape (a skewed feature stays exactly as skewed after either).
 */
import { options } from "../args";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { Tensor } from "../tensor/tensor";
import { allocLike, checkTable } from "./rows";

abstract class FeatureScaler {
  /** Per-feature offset and scale: x' = (x − shift) / scale + base. */
  protected shift: number[] | null = null;
  protected scale: number[] | null = null;
  protected base = 0;
  protected abstract readonly name: string;

  /** Learns the per-feature statistics from X [N, D] (the training set). */
  abstract fit(X: Tensor): this;

  /** Number of features seen by fit (null before). */
  get numFeatures(): number | null {
    return this.shift ? this.shift.length : null;
  }

  protected ready(method: string, X: Tensor): number {
    const [, d] = checkTable(`data.${this.name}.${method}`, "X", X);
    check(
      this.shift !== null,
      () =>
        new ArgumentError({
          fn: `data.${this.name}.${method}`,
          arg: "this",
          expected: "a fitted scaler",
          received: "a scaler that has not been fitted",
          fix: `Call scaler.fit(XTrain) first, on the training set only, then ${method} the training, validation and test sets with it.`,
        }),
    );
    check(
      d === this.shift!.length,
      () =>
        new ShapeError({
          fn: `data.${this.name}.${method}`,
          arg: "X",
          expected: `${this.shift!.length} features per row (what fit saw)`,
          received: `${d} features (shape [${X.shape.join(", ")}])`,
          fix: "Transform data with the same columns, in the same order, as the data the scaler was fitted on.",
        }),
    );
    return d;
  }

  /** Applies the learned scaling to X [N, D]; returns a new tensor. */
  transform(X: Tensor): Tensor {
    const d = this.ready("transform", X);
    const out = allocLike(X.data, X.size);
    for (let i = 0; i < X.size; i++) {
      const f = i % d;
      out[i] = (X.data[i] - this.shift![f]) / this.scale![f] + this.base;
    }
    return new Tensor(out, [...X.shape]);
  }

  /** Undoes transform: back to the original units. */
  inverseTransform(X: Tensor): Tensor {
    const d = this.ready("inverseTransform", X);
    const out = allocLike(X.data, X.size);
    for (let i = 0; i < X.size; i++) {
      const f = i % d;
      out[i] = (X.data[i] - this.base) * this.scale![f] + this.shift![f];
    }
    return new Tensor(out, [...X.shape]);
  }

  /** fit(X) then transform(X): only for the training set. */
  fitTransform(X: Tensor): Tensor {
    return this.fit(X).transform(X);
  }
}

/**
 * Standardization: each feature to mean 0 and standard deviation 1 (statistics of the training set).
 * @example
 * const XTrain = gl.randn([80, 3]).mul(10).add(5), XTest = gl.randn([20, 3]).mul(10).add(5);
 * const scaler = new gl.data.StandardScaler().fit(XTrain); // statistics of the training set only
 * const XTrainS = scaler.transform(XTrain), XTestS = scaler.transform(XTest);
 */
export class StandardScaler extends FeatureScaler {
  protected readonly name = "StandardScaler";
  /** Per-feature mean of the training set (null before fit). */
  mean: number[] | null = null;
  /** Per-feature population standard deviation of the training set (null before fit). */
  std: number[] | null = null;
  /** Per-feature population variance (sklearn's var_). */
  variance: number[] | null = null;

  fit(X: Tensor): this {
    const [n, d] = checkTable("data.StandardScaler.fit", "X", X);
    check(
      n >= 1,
      () =>
        new ShapeError({
          fn: "data.StandardScaler.fit",
          arg: "X",
          expected: "at least one example",
          received: "0 rows",
          fix: "Fit the scaler on the training set (its rows are examples); check how X was sliced or filtered.",
        }),
    );
    const mean = new Array<number>(d).fill(0);
    const sq = new Array<number>(d).fill(0);
    const constant = new Array<boolean>(d).fill(true);
    for (let i = 0; i < n * d; i++) mean[i % d] += X.data[i];
    for (let f = 0; f < d; f++) mean[f] /= n;
    for (let i = 0; i < n * d; i++) {
      sq[i % d] += (X.data[i] - mean[i % d]) ** 2;
      if (X.data[i] !== X.data[i % d]) constant[i % d] = false;
    }
    this.mean = mean;
    this.variance = sq.map((v, f) => (constant[f] ? 0 : v / n)); // population variance (÷ N)
    this.std = this.variance.map(Math.sqrt);
    this.shift = mean;
    this.scale = this.std.map((s, f) => (constant[f] || s === 0 ? 1 : s)); // a constant feature: scale 1
    this.base = 0;
    return this;
  }
}

/**
 * Min-max scaling of each feature to `featureRange` (default [0, 1]) using the training set's min and max.
 * Test values outside the training range land outside featureRange; that is expected.
 * @example
 * const XTrain = gl.randn([80, 3]);
 * const scaler = new gl.data.MinMaxScaler({ featureRange: [-1, 1] }).fit(XTrain);
 * gl.min(scaler.transform(XTrain)).item(); // -1
 */
export class MinMaxScaler extends FeatureScaler {
  protected readonly name = "MinMaxScaler";
  /** Per-feature minimum and maximum of the training set (null before fit). */
  min: number[] | null = null;
  max: number[] | null = null;
  readonly featureRange: [number, number];

  constructor(opts: { featureRange?: [number, number] } = {}) {
    super();
    const fn = "data.MinMaxScaler";
    const featureRange: unknown = options<typeof opts>(fn, "opts", opts, ["featureRange"]).featureRange ?? [0, 1];
    check(
      Array.isArray(featureRange) &&
        featureRange.length === 2 &&
        featureRange.every((v) => typeof v === "number" && Number.isFinite(v)) &&
        featureRange[1] > featureRange[0],
      () =>
        new ArgumentError({
          fn,
          arg: "featureRange",
          expected: "[lo, hi]: two finite numbers with lo < hi",
          received: show(featureRange),
          fix: "Write the target range as a pair, e.g. featureRange: [0, 1] or [-1, 1].",
        }),
    );
    this.featureRange = [featureRange[0], featureRange[1]];
  }

  fit(X: Tensor): this {
    const [n, d] = checkTable("data.MinMaxScaler.fit", "X", X);
    check(
      n >= 1,
      () =>
        new ShapeError({
          fn: "data.MinMaxScaler.fit",
          arg: "X",
          expected: "at least one example",
          received: "0 rows",
          fix: "Fit the scaler on the training set (its rows are examples); check how X was sliced or filtered.",
        }),
    );
    const min = new Array<number>(d).fill(Infinity);
    const max = new Array<number>(d).fill(-Infinity);
    for (let i = 0; i < n * d; i++) {
      const f = i % d;
      if (X.data[i] < min[f]) min[f] = X.data[i];
      if (X.data[i] > max[f]) max[f] = X.data[i];
    }
    const [lo, hi] = this.featureRange;
    this.min = min;
    this.max = max;
    this.shift = min;
    // x' = lo + (x − min)·(hi − lo)/range, with range 1 for a constant feature (as scikit-learn)
    this.scale = min.map((m, f) => (max[f] > m ? max[f] - m : 1) / (hi - lo));
    this.base = lo;
    return this;
  }
}
