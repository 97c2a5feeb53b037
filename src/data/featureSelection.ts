/**
 * Feature selection by correlation with the target: the k columns of X [N, D] whose Pearson
 * correlation with y has the largest |r|,
 *   r_f = Σ(x_f − x̄_f)(y − ȳ) / √(Σ(x_f − x̄_f)² · Σ(y − ȳ)²),
 * (for a 0/1 target, the same ranking as scikit-learn's SelectKBest(f_regression)). It uses the
 * targets, so it is part of the model: run it on the training set only. Selecting on all data
 * before the split is data leakage (数据泄露): with many noise features, some correlate with the
 * test labels by chance and the test score looks good on pure noise.
 */
import { int } from "../args";
import { ShapeError, check, show } from "../errors";
import { tensorArg } from "../tensor/check";
import type { Tensor } from "../tensor/tensor";
import { checkTable } from "./rows";

/**
 * Indices of the k features most correlated (in |r|) with y, strongest first, and every |r|.
 * @example
 * const X = gl.tensor([[1, 0, 5], [2, 1, 5.1], [3, 0, 4.9], [4, 1, 5]]), y = gl.tensor([1, 2, 3, 4]);
 * gl.data.selectByCorrelation(X, y, 1).indices // [0]
 */
export function selectByCorrelation(X: Tensor, y: Tensor, k: number): { indices: number[]; correlations: number[] } {
  const fn = "data.selectByCorrelation";
  const [n, d] = checkTable(fn, "X", X);
  tensorArg(fn, "y", y);
  check(
    y.size === n,
    () =>
      new ShapeError({
        fn,
        arg: "y",
        expected: `one target per row of X (${n})`,
        received: `${y.size} values (shape ${show(y.shape)})`,
        fix: "Pass the training targets that go with the rows of X, one per example.",
      }),
  );
  int(fn, "k", k, {
    min: 1,
    max: d,
    fix: `k counts the features kept: a whole number from 1 to ${d} (the number of columns of X).`,
  });
  let ym = 0;
  for (let i = 0; i < n; i++) ym += y.data[i] / n;
  const mean = new Float64Array(d);
  for (let i = 0; i < n * d; i++) mean[i % d] += X.data[i] / n;
  const sxy = new Float64Array(d);
  const sxx = new Float64Array(d);
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dy = y.data[i] - ym;
    syy += dy * dy;
    for (let f = 0; f < d; f++) {
      const dx = X.data[i * d + f] - mean[f];
      sxy[f] += dx * dy;
      sxx[f] += dx * dx;
    }
  }
  const correlations = Array.from(sxy, (s, f) => (sxx[f] > 0 && syy > 0 ? Math.abs(s) / Math.sqrt(sxx[f] * syy) : 0));
  const indices = correlations
    .map((_, f) => f)
    .sort((a, b) => correlations[b] - correlations[a])
    .slice(0, k);
  return { indices, correlations };
}
