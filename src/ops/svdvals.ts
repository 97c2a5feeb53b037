/**
 * Singular values of a matrix (like `torch.linalg.svdvals`), largest first:
 *   A = U·diag(s)·Vᵀ,   s₁ ≥ s₂ ≥ … ≥ 0,   sᵢ = √λᵢ(AᵀA)
 * Computed by one-sided Jacobi rotations (Hestenes) in float64: columns of A are rotated in
 * pairs until they are orthogonal; their lengths are then the singular values. Unlike taking
 * eigenvalues of AᵀA, this keeps tiny singular values accurate, which lesson 02 needs to show
 * a product of weight matrices degenerating. No gradient (a measuring tool).
 */
import { tensorArg } from "../tensor/check";
import { ShapeError, check, show } from "../errors";
import { Tensor } from "../tensor/tensor";

/**
 * The singular values of a 2-D tensor, descending, as a 1-D float64 tensor of length min(m, n).
 * @example
 * gl.linalg.svdvals(gl.tensor([[3, 0], [0, -4]])).toList() // [4, 3]
 */
export function svdvals(a: Tensor): Tensor {
  tensorArg("linalg.svdvals", "a", a);
  check(
    a instanceof Tensor && a.rank === 2,
    () =>
      new ShapeError({
        fn: "svdvals",
        arg: "a",
        expected: "a 2-D tensor (a matrix)",
        received: a instanceof Tensor ? `shape ${show(a.shape)}` : show(a),
        fix: "Reshape it to [rows, cols] first; for a batch of matrices call svdvals on each.",
      }),
  );
  let [m, n] = a.shape;
  // work on the orientation with more rows than columns: cols ≤ rows
  const transpose = n > m;
  if (transpose) [m, n] = [n, m];
  // columns stored contiguously: col[j][i]
  const cols: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const c = new Float64Array(m);
    for (let i = 0; i < m; i++) c[i] = transpose ? a.data[j * a.shape[1] + i] : a.data[i * a.shape[1] + j];
    cols.push(c);
  }
  const dot = (x: Float64Array, y: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i] * y[i];
    return s;
  };
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const cp = cols[p];
        const cq = cols[q];
        const alpha = dot(cp, cp);
        const beta = dot(cq, cq);
        const gamma = dot(cp, cq);
        if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta) || gamma === 0) continue;
        rotated = true;
        // the rotation that makes columns p and q orthogonal
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const xp = cp[i];
          const xq = cq[i];
          cp[i] = c * xp - s * xq;
          cq[i] = s * xp + c * xq;
        }
      }
    }
    if (!rotated) break;
  }
  const values = cols.map((c) => Math.sqrt(dot(c, c))).sort((x, y) => y - x);
  return new Tensor(Float64Array.from(values), [n]);
}
