/**
 * The one scan for NaN and ±Inf: every non-finite check in gradlab (`Tensor.assertFinite`,
 * `gl.optim.checkFinite`, `gl.fit`'s guard) finds the first bad number with this function and
 * reports it with a `NonFiniteError`.
 */

/**
 * The first NaN or ±Inf in a buffer (its flat index and value), or null when every value is finite.
 * @example
 * firstNonFinite(gl.tensor([1, -Infinity, NaN]).data)?.index // 1
 * firstNonFinite([0, 2.5]) === null // true
 */
export function firstNonFinite(data: ArrayLike<number>): { index: number; value: number } | null {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return { index: i, value: data[i] };
  return null;
}
