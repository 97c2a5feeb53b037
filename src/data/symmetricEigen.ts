/**
 * Eigendecomposition of a small symmetric matrix by cyclic Jacobi rotations: A = V·diag(λ)·Vᵀ.
 * Each rotation zeroes one off-diagonal pair; sweeps repeat until the off-diagonal mass is
 * negligible. Exact enough (float64) for covariance matrices of a few hundred features.
 */
import { int, num, options } from "../args";
import { ShapeError, check, show } from "../errors";

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
export function symmetricEigen(matrix: number[][], opts: { maxSweeps?: number; tol?: number } = {}): SymmetricEigen {
  const fn = "data.symmetricEigen";
  const o = options<typeof opts>(fn, "opts", opts, ["maxSweeps", "tol"]);
  const maxSweeps = int(fn, "maxSweeps", o.maxSweeps ?? 100, { min: 1 });
  const tol = num(fn, "tol", o.tol ?? 1e-14, { min: 0 });
  const rows = Array.isArray(matrix) && matrix.every((row) => Array.isArray(row));
  check(
    rows &&
      matrix.length > 0 &&
      matrix.every((row) => (row as unknown[]).every((v) => typeof v === "number" && Number.isFinite(v))),
    () =>
      new ShapeError({
        fn,
        arg: "matrix",
        expected: "a square symmetric matrix as a non-empty list of rows of finite numbers, e.g. [[2, 1], [1, 2]]",
        received: rows ? `rows ${show(matrix)}` : show(matrix),
        fix:
          typeof matrix === "object" && matrix !== null && "shape" in matrix
            ? "Turn a tensor into rows first: t.toArray()."
            : "Write the matrix as a list of rows: [[a, b], [b, c]].",
      }),
  );
  const n = matrix.length;
  check(
    matrix.every((row) => row.length === n) &&
      matrix.every((row, i) => row.every((v, j) => Math.abs(v - matrix[j][i]) <= 1e-9 * (1 + Math.abs(v)))),
    () =>
      new ShapeError({
        fn,
        arg: "matrix",
        expected: "a square symmetric matrix",
        received: `${n} rows of lengths ${matrix.map((r) => r.length).join(", ")}`,
        fix: "Pass a covariance-like matrix: n rows of n numbers with matrix[i][j] = matrix[j][i].",
      }),
  );
  // flat float64 storage: a[p·n + q]; vt holds the eigenvectors as ROWS (vt = Vᵀ), so each rotation touches two contiguous rows
  const a = new Float64Array(n * n);
  matrix.forEach((row, i) => a.set(row, i * n));
  const vt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) vt[i * n + i] = 1;
  let scale = 1e-300;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + i]));
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (Math.sqrt(off) <= tol * scale) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        // rotation angle that zeroes a[p][q]
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          // columns p and q: A ← A·J
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        const rp = p * n;
        const rq = q * n;
        for (let k = 0; k < n; k++) {
          // rows p and q: A ← Jᵀ·A, and the same rotation of the eigenvector rows
          const apk = a[rp + k];
          const aqk = a[rq + k];
          a[rp + k] = c * apk - s * aqk;
          a[rq + k] = s * apk + c * aqk;
          const vpk = vt[rp + k];
          const vqk = vt[rq + k];
          vt[rp + k] = c * vpk - s * vqk;
          vt[rq + k] = s * vpk + c * vqk;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
  const values = order.map((i) => a[i * n + i]);
  const vectors = order.map((i) => {
    const vec = Array.from(vt.subarray(i * n, (i + 1) * n));
    let big = 0;
    for (let k = 1; k < n; k++) if (Math.abs(vec[k]) > Math.abs(vec[big]) + 1e-12) big = k;
    return vec[big] < 0 ? vec.map((x) => -x) : vec;
  });
  return { values, vectors };
}
