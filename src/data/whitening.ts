/**
 * PCA and ZCA whitening, from the eigendecomposition of the training set's covariance
 * C = (X − μ)ᵀ(X − μ)/(N − 1) = U·diag(λ)·Uᵀ:
 *   PCA:  x' = diag(1/√(λ + ε)) · Uᵀ(x − μ)        rotate onto the principal axes, then scale each to variance 1
 *   ZCA:  x' = U · diag(1/√(λ + ε)) · Uᵀ(x − μ)    the same, rotated back: whitened yet closest to the original
 * Both give (for ε → 0) identity covariance. PCA can keep only the top k components, and with
 * `whiten: false` only decorrelates (rotation, no scaling). Fit on the training set only.
 * `PCA` agrees with scikit-learn's PCA(n_components, whiten) (svd_solver="full"): the same
 * defaults (whiten false, ε = 0: sklearn divides by √λ exactly), components_ up to the sign of
 * each row (sklearn flips signs by its own rule; here each row's largest entry is positive),
 * explained_variance_ (λ, with N − 1), explained_variance_ratio_, transform and inverse_transform.
 * ε > 0 is an addition for whitening data with (near-)zero-variance directions, e.g. image pixels.
 */
import { bool, num, optionalInt, options } from "../args";
import { ArgumentError, ShapeError, check } from "../errors";
import { Tensor } from "../tensor/tensor";
import { firstNonFinite } from "../tensor/finite";
import { allocLike, checkTable } from "./rows";
import { symmetricEigen } from "./symmetricEigen";

/**
 * Mean and covariance (N − 1 in the denominator) of the rows of X [N, D].
 * @example
 * const X = gl.tensor([[1, 2], [3, 6], [5, 10]]);
 * gl.data.covariance(X).mean; // [3, 6]
 * gl.data.covariance(X).covariance; // [[4, 8], [8, 16]]
 */
export function covariance(X: Tensor): { mean: number[]; covariance: number[][] } {
  return covarianceOf("data.covariance", X);
}

/** covariance, with errors naming `fn` (the function the learner called: data.PCA.fit, data.ZCA.fit). */
function covarianceOf(fn: string, X: Tensor): { mean: number[]; covariance: number[][] } {
  const [n, d] = checkTable(fn, "X", X);
  const bad = firstNonFinite(X.data);
  check(
    bad === null,
    () =>
      new ArgumentError({
        fn,
        arg: "X",
        expected: "finite values (a covariance of NaN or ±Infinity is NaN)",
        received: `${bad!.value} at row ${Math.floor(bad!.index / d)}, column ${bad!.index % d}`,
        fix: "Remove or fill the missing values first (e.g. with the column mean), or check how X was computed.",
      }),
  );
  check(
    n >= 2,
    () =>
      new ShapeError({
        fn,
        arg: "X",
        expected: "at least 2 examples (rows)",
        received: `${n}`,
        fix: "A covariance needs at least two examples: pass more rows.",
      }),
  );
  const mean = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] += X.data[i * d + f] / n;
  const acc = new Float64Array(d * d); // upper triangle of Σ rowᵀrow, flat
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) row[f] = X.data[i * d + f] - mean[f];
    for (let a = 0; a < d; a++) {
      const ra = row[a];
      if (ra === 0) continue;
      const base = a * d;
      for (let b = a; b < d; b++) acc[base + b] += ra * row[b];
    }
  }
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let a = 0; a < d; a++)
    for (let b = a; b < d; b++) {
      cov[a][b] = acc[a * d + b] / (n - 1);
      cov[b][a] = cov[a][b];
    }
  return { mean, covariance: cov };
}

abstract class Whitening {
  /** Training-set mean per feature (null before fit). */
  mean: number[] | null = null;
  /** Eigenvalues of the training covariance, largest first: the variance along each principal axis. */
  eigenvalues: number[] | null = null;
  /** Principal axes as rows (unit vectors), in the order of `eigenvalues`. */
  components: number[][] | null = null;
  /** ε added to each λ before 1/√(λ + ε). It may be changed after fit: transform reads it, fit does not. */
  eps: number;
  protected abstract readonly name: string;

  constructor(fn: string, eps: unknown) {
    this.eps = num(fn, "eps", eps, {
      min: 0,
      fix: "eps is added to each eigenvalue before 1/√(λ + ε): a small number ≥ 0 such as 1e-5 (0: none).",
    });
  }

  /** Learns mean, eigenvalues and components from X [N, D] (the training set). */
  fit(X: Tensor): this {
    const { mean, covariance: cov } = covarianceOf(`data.${this.constructor.name}.fit`, X);
    const { values, vectors } = symmetricEigen(cov);
    this.mean = mean;
    this.eigenvalues = values.map((v) => Math.max(v, 0));
    this.components = vectors;
    return this;
  }

  /** Fraction of the total variance along each principal axis. */
  get explainedVarianceRatio(): number[] | null {
    if (!this.eigenvalues) return null;
    const total = this.eigenvalues.reduce((a, b) => a + b, 0);
    return this.eigenvalues.map((v) => v / total);
  }

  protected ready(method: string, X: Tensor): [number, number] {
    const [n, d] = checkTable(`data.${this.name}.${method}`, "X", X);
    check(
      this.mean !== null,
      () =>
        new ArgumentError({
          fn: `data.${this.name}.${method}`,
          arg: "this",
          expected: "a fitted whitening transform",
          received: "one that has not been fitted",
          fix: "Call .fit(XTrain) on the training set first.",
        }),
    );
    check(
      d === this.mean!.length,
      () =>
        new ShapeError({
          fn: `data.${this.name}.${method}`,
          arg: "X",
          expected: `${this.mean!.length} features per row (what fit saw)`,
          received: `${d} features`,
          fix: "Transform data with the same columns, in the same order, as the data it was fitted on.",
        }),
    );
    return [n, d];
  }

  /** Coordinates on the principal axes, scaled by 1/√(λ + ε) when `scaled`: rows [N, k]. */
  protected project(X: Tensor, k: number, scaled: boolean): number[][] {
    const [n, d] = this.ready("transform", X);
    const u = new Float64Array(k * d); // the top k components, flat, pre-scaled by 1/√(λ + ε) when whitening
    for (let c = 0; c < k; c++) {
      const f = scaled ? 1 / Math.sqrt(this.eigenvalues![c] + this.eps) : 1;
      for (let j = 0; j < d; j++) u[c * d + j] = this.components![c][j] * f;
    }
    const xc = new Float64Array(d);
    const out: number[][] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) xc[j] = X.data[i * d + j] - this.mean![j];
      const z = new Array<number>(k);
      for (let c = 0; c < k; c++) {
        let s = 0;
        const base = c * d;
        for (let j = 0; j < d; j++) s += u[base + j] * xc[j];
        z[c] = s;
      }
      out.push(z);
    }
    return out;
  }

  abstract transform(X: Tensor): Tensor;
}

/**
 * PCA: rotation onto the principal axes, optionally keeping the top `nComponents` and (with
 * `whiten: true`) scaling each axis to unit variance. Defaults as scikit-learn's: all components,
 * no whitening, ε = 0.
 * @example
 * const XTrain = gl.randn([200, 3]).matmul(gl.tensor([[2, 1, 0], [0, 1, 0], [0, 0, 0.5]])), XTest = gl.randn([10, 3]);
 * const pca = new gl.data.PCA({ nComponents: 2, whiten: true }).fit(XTrain);
 * pca.explainedVariance; pca.explainedVarianceRatio; // the top 2 (sklearn's explained_variance_, _ratio_)
 * pca.components!.length // 2
 * const Z = pca.transform(XTest); // [N, 2], covariance ≈ identity on the training set
 */
export class PCA extends Whitening {
  protected readonly name = "PCA";
  readonly nComponents: number | undefined;
  /** Scale each kept axis to unit variance. It may be changed after fit: transform reads it, fit does not. */
  whiten: boolean;

  constructor(opts: { nComponents?: number; whiten?: boolean; eps?: number } = {}) {
    const fn = "data.PCA";
    const o = options<typeof opts>(fn, "opts", opts, ["nComponents", "whiten", "eps"]);
    super(fn, o.eps ?? 0);
    const n = optionalInt(fn, "nComponents", o.nComponents, 0, {
      min: 1,
      fix: "nComponents counts the principal axes kept: a whole number from 1 to the number of features (leave it out to keep all).",
    });
    this.nComponents = n === 0 ? undefined : n;
    this.whiten = bool(fn, "whiten", o.whiten, false);
  }

  override fit(X: Tensor): this {
    super.fit(X);
    const d = this.mean!.length;
    check(
      this.nComponents === undefined ||
        (Number.isInteger(this.nComponents) && this.nComponents >= 1 && this.nComponents <= d),
      () =>
        new ArgumentError({
          fn: "data.PCA.fit",
          arg: "nComponents",
          expected: `a whole number from 1 to ${d} (the number of features)`,
          received: String(this.nComponents),
          fix: `X has ${d} features, so at most ${d} principal axes exist: ask for fewer, or leave nComponents out to keep all.`,
        }),
    );
    if (this.nComponents !== undefined) this.components = this.components!.slice(0, this.nComponents);
    return this;
  }

  /** Variance along each kept component, largest first (sklearn's explained_variance_). */
  get explainedVariance(): number[] | null {
    return this.eigenvalues ? this.eigenvalues.slice(0, this.components!.length) : null;
  }

  /** Fraction of the total variance along each kept component (sklearn's explained_variance_ratio_). */
  override get explainedVarianceRatio(): number[] | null {
    const all = super.explainedVarianceRatio;
    return all ? all.slice(0, this.components!.length) : null;
  }

  /** [N, D] -> [N, k]: coordinates on the top k principal axes (unit variance each when whitening). */
  transform(X: Tensor): Tensor {
    const k = this.nComponents ?? (this.mean ? this.mean.length : 0);
    const z = this.project(X, k, this.whiten);
    const out = allocLike(X.data, z.length * k);
    z.forEach((row, i) => out.set(row, i * k));
    return new Tensor(out, [z.length, k]);
  }

  /** [N, k] -> [N, D]: back to the original space (exact when all components are kept). */
  inverseTransform(Z: Tensor): Tensor {
    const [n, k] = checkTable("data.PCA.inverseTransform", "Z", Z);
    check(
      this.mean !== null,
      () =>
        new ArgumentError({
          fn: "data.PCA.inverseTransform",
          arg: "this",
          expected: "a fitted PCA",
          received: "an unfitted one",
          fix: "Call .fit(XTrain) first.",
        }),
    );
    const d = this.mean!.length;
    const out = allocLike(Z.data, n * d);
    for (let i = 0; i < n; i++)
      for (let f = 0; f < d; f++) {
        let s = this.mean![f];
        for (let c = 0; c < k; c++)
          s +=
            this.components![c][f] * Z.data[i * k + c] * (this.whiten ? Math.sqrt(this.eigenvalues![c] + this.eps) : 1);
        out[i * d + f] = s;
      }
    return new Tensor(out, [n, d]);
  }
}

/**
 * ZCA ("Mahalanobis") whitening: unit covariance while staying as close as possible to the
 * input (whitened images still look like images, with edges enhanced).
 * @example
 * const XTrain = gl.randn([200, 3]).matmul(gl.tensor([[2, 1, 0], [0, 1, 0], [0, 0, 0.5]]));
 * const zca = new gl.data.ZCA({ eps: 1e-2 }).fit(XTrain);
 * const XW = zca.transform(XTrain); // [N, D]
 */
export class ZCA extends Whitening {
  protected readonly name = "ZCA";

  constructor(opts: { eps?: number } = {}) {
    const fn = "data.ZCA";
    super(fn, options<typeof opts>(fn, "opts", opts, ["eps"]).eps ?? 1e-5);
  }

  /** [N, D] -> [N, D] whitened. */
  transform(X: Tensor): Tensor {
    const d = this.mean ? this.mean.length : 0;
    const z = this.project(X, d, true);
    const out = allocLike(X.data, z.length * d);
    const acc = new Float64Array(d);
    for (let i = 0; i < z.length; i++) {
      acc.fill(0);
      for (let c = 0; c < d; c++) {
        const zc = z[i][c];
        const u = this.components![c];
        for (let f = 0; f < d; f++) acc[f] += u[f] * zc; // x' = U·z: a sum of the components weighted by z
      }
      out.set(acc, i * d);
    }
    return new Tensor(out, [z.length, d]);
  }
}
