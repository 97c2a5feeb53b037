/**
 * Eigendecomposition of a small symmetric matrix by cyclic Jacobi rotations: A = V·diag(λ)·Vᵀ.
 * Each rotation zeroes one off-diagonal pair; sweeps repeat until the off-diagonal mass is
 * negligible. Exact enough (float64) for covariance matrices of a few hundred features.
 */
import { ShapeError, check } from "../errors";

export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  values: number[];
  /** Eigenvectors as rows: vectors[k] belongs to values[k] (unit length; largest entry positive). */
  vectors: number[][];
}

/**
 * @example
 * gl.data.symmetricEigen([[2, 1], [1, 2]]); // { values: [3, 1], vectors: [[0.707, 0.707], [0.707, -0.707]] }
 */
export function symmetricEigen(matrix: number[][], { maxSweeps = 100, tol = 1e-14 } = {}): SymmetricEigen {
  const n = matrix.length;
  check(
    matrix.every((row) => row.length === n) &&
      matrix.every((row, i) => row.every((v, j) => Math.abs(v - matrix[j][i]) <= 1e-9 * (1 + Math.abs(v)))),
    () =>
      new ShapeError({
        fn: "symmetricEigen",
        arg: "matrix",
        expected: "a square symmetric matrix",
        received: `${n} rows of lengths ${matrix.map((r) => r.length).join(", ")}`,
      }),
  );
  const a = matrix.map((row) => [...row]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))); // columns are eigenvectors
  const scale = Math.max(1e-300, ...a.map((row, i) => Math.abs(row[i])));
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (Math.sqrt(off) <= tol * scale) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (a[p][q] === 0) continue;
        // rotation angle that zeroes a[p][q]
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j][j] - a[i][i]);
  const values = order.map((i) => a[i][i]);
  const vectors = order.map((i) => {
    const vec = v.map((row) => row[i]);
    let big = 0;
    for (let k = 1; k < n; k++) if (Math.abs(vec[k]) > Math.abs(vec[big]) + 1e-12) big = k;
    return vec[big] < 0 ? vec.map((x) => -x) : vec;
  });
  return { values, vectors };
}
